//! What `datastar!` expansions call. Not public API: names and signatures may change in
//! any release; the macro crate is pinned to the same exact version.

pub use ::async_stream::try_stream;
pub use ::core::time::Duration;
pub use datastar_macros::datastar_inner;

pub use crate::stream::StaticEvents;
pub use crate::template::{Html, HtmlHole, JsHole, Raw};
pub use crate::{
    EncodeError, EndOnError, Event, EventStream, ExecuteScript, Mode, Namespace, PatchElements,
    PatchSignals, Redirect,
};

use crate::lines::{Escape, LineWriter, has_line_break, push_script, push_split};
use crate::template::HoleWriter;

/// What a `javascript:` URL in a URL attribute hole is replaced by: inert, and visible
/// in the page's HTML for whoever debugs it.
pub const REFUSED_URL: &str = "about:invalid#javascript-url-refused";

/// The error type `?` converts into inside `datastar!`.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Wraps the macro's `try_stream!` producer: errors are logged and end the stream.
pub fn into_event_stream<S>(events: S) -> EventStream<EndOnError<S>>
where
    S: futures_core::Stream<Item = Result<Event, BoxError>>,
{
    EventStream::try_new(events)
}

/// What a body of static events only expands to.
pub const fn static_event_stream(wire: &'static str) -> EventStream<StaticEvents> {
    EventStream::new(StaticEvents::new(wire))
}

/// The timer behind `wait`.
pub async fn sleep(duration: Duration) {
    tokio::time::sleep(duration).await;
}

/// The buffer a template event is written into: static parts verbatim, holes escaped
/// for the context the macro found them in.
#[derive(Debug)]
pub struct Buf(Vec<u8>);

impl Buf {
    /// The macro passes the length of the static parts plus an allowance for holes.
    pub fn with_capacity(capacity: usize) -> Buf {
        Buf(Vec::with_capacity(capacity))
    }

    /// Room for `additional` more bytes: the macro reserves before a template loop.
    pub fn reserve(&mut self, additional: usize) {
        self.0.reserve(additional);
    }

    /// Wire bytes rendered at compile time.
    pub fn push_static(&mut self, wire: &'static str) {
        self.0.extend_from_slice(wire.as_bytes());
    }

    /// A hole in HTML text: `&`, `<`, `>` escaped.
    pub fn push_html_text<T: HtmlHole + ?Sized>(&mut self, line_prefix: &'static str, value: &T) {
        self.hole(line_prefix, Escape::Text, |out| value.write_html(out));
    }

    /// A hole in a quoted attribute value: `&`, `<`, `>`, `"`, `'` escaped.
    pub fn push_html_attr<T: HtmlHole + ?Sized>(&mut self, line_prefix: &'static str, value: &T) {
        self.hole(line_prefix, Escape::Attribute, |out| value.write_html(out));
    }

    /// A hole in script text: a JSON literal with `<` escaped.
    pub fn push_js<T: JsHole + ?Sized>(
        &mut self,
        line_prefix: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        self.hole(line_prefix, Escape::Script, |out| value.write_js(out))
    }

    /// A hole in a Datastar expression attribute (`data-text="…"`): a JSON literal,
    /// attribute-escaped.
    pub fn push_js_attr<T: JsHole + ?Sized>(
        &mut self,
        line_prefix: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        self.hole(line_prefix, Escape::ScriptAttribute, |out| {
            value.write_js(out)
        })
    }

    /// A signal value or a whole `signals EXPR;` object: compact JSON.
    pub fn push_json<T: serde::Serialize + ?Sized>(
        &mut self,
        line_prefix: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        let writer = LineWriter::new(&mut self.0, line_prefix.as_bytes(), Escape::None);
        serde_json::to_writer(writer, value)?;
        Ok(())
    }

    /// Content given as an expression: HTML sent as it is, split into data lines.
    pub fn push_html<T: Html + ?Sized>(&mut self, line_prefix: &'static str, value: &T) {
        push_split(
            &mut self.0,
            line_prefix.as_bytes(),
            value.as_html().as_bytes(),
        );
    }

    /// Text that starts a URL attribute's value: attribute-escaped, and a `javascript:`
    /// URL (which would run code when followed) is replaced by [`REFUSED_URL`].
    pub fn push_url(&mut self, line_prefix: &'static str, url: &str) {
        let url = if crate::is_javascript_url(url) {
            tracing::warn!("refused a javascript: URL in a template hole");
            REFUSED_URL
        } else {
            url
        };
        LineWriter::new(&mut self.0, line_prefix.as_bytes(), Escape::Attribute)
            .push(url.as_bytes());
    }

    /// A script given as an expression, with `</script` broken up.
    pub fn push_script<T: AsRef<str> + ?Sized>(&mut self, line_prefix: &'static str, value: &T) {
        push_script(
            &mut self.0,
            line_prefix.as_bytes(),
            value.as_ref().as_bytes(),
        );
    }

    /// A redirect target: a JSON string with `<` escaped; `javascript:` URLs refused.
    pub fn push_redirect_url<T: AsRef<str> + ?Sized>(
        &mut self,
        url: &T,
    ) -> Result<(), EncodeError> {
        crate::script::write_redirect_url(&mut self.0, url.as_ref())
    }

    /// The value of a single-line field (selector, id, …).
    pub fn push_line_value(&mut self, field: &'static str, value: &str) -> Result<(), EncodeError> {
        if has_line_break(value) {
            return Err(EncodeError::LineBreak { field });
        }
        self.0.extend_from_slice(value.as_bytes());
        Ok(())
    }

    /// `retry: N\n`, or nothing for the default 1000 ms.
    pub fn push_retry(&mut self, retry: Duration) {
        crate::event::write_retry(&mut self.0, retry);
    }

    /// The finished event.
    pub fn finish(self) -> Event {
        Event::from_vec(self.0)
    }

    fn hole<R>(
        &mut self,
        line_prefix: &'static str,
        escape: Escape,
        write: impl FnOnce(&mut HoleWriter<'_>) -> R,
    ) -> R {
        write(&mut HoleWriter::new(
            &mut self.0,
            line_prefix.as_bytes(),
            escape,
        ))
    }
}

/// A hole's value, wrapped so that the expansion can pick the cheapest writer for its
/// type: integers without `fmt`, text escaped directly, anything else through
/// [`HtmlHole`] (`Display`, or `Raw`).
///
/// This is autoref specialisation: the expansion calls
/// `(&&&Hole(&value)).write_html_text(&mut buf, prefix)` with [`IntegerHole`],
/// [`TextHole`] and [`AnyHole`] in scope; method lookup tries the impl on `&&Hole`
/// (integers) first, then `&Hole` (text), then `Hole`. The last one's bound sits on its
/// methods, so a type that fits none gets `HtmlHole`'s own error message.
pub struct Hole<'a, T: ?Sized>(pub &'a T);

/// Integers: digits and `-` need no escaping; `itoa` instead of `fmt` (about 4× faster).
pub trait IntegerHole {
    /// A hole in HTML text.
    fn write_html_text(&self, buf: &mut Buf, line_prefix: &'static str);
    /// A hole in a quoted attribute value.
    fn write_html_attr(&self, buf: &mut Buf, line_prefix: &'static str);
    /// A hole at the start of a URL attribute (`href`, `src`, …).
    fn write_url_attr(&self, buf: &mut Buf, line_prefix: &'static str) {
        self.write_html_attr(buf, line_prefix);
    }
}

impl<T: itoa::Integer + Copy> IntegerHole for &&Hole<'_, T> {
    fn write_html_text(&self, buf: &mut Buf, _: &'static str) {
        buf.0
            .extend_from_slice(itoa::Buffer::new().format(*self.0).as_bytes());
    }

    fn write_html_attr(&self, buf: &mut Buf, line_prefix: &'static str) {
        self.write_html_text(buf, line_prefix);
    }
}

/// Text (`str`, `String`, `Cow<str>`, …): escaped straight into the buffer, not through
/// `fmt`.
pub trait TextHole {
    /// A hole in HTML text.
    fn write_html_text(&self, buf: &mut Buf, line_prefix: &'static str);
    /// A hole in a quoted attribute value.
    fn write_html_attr(&self, buf: &mut Buf, line_prefix: &'static str);
    /// A hole at the start of a URL attribute (`href`, `src`, …).
    fn write_url_attr(&self, buf: &mut Buf, line_prefix: &'static str);
}

impl<T: AsRef<str> + ?Sized> TextHole for &Hole<'_, T> {
    fn write_html_text(&self, buf: &mut Buf, line_prefix: &'static str) {
        LineWriter::new(&mut buf.0, line_prefix.as_bytes(), Escape::Text)
            .push(self.0.as_ref().as_bytes());
    }

    fn write_html_attr(&self, buf: &mut Buf, line_prefix: &'static str) {
        LineWriter::new(&mut buf.0, line_prefix.as_bytes(), Escape::Attribute)
            .push(self.0.as_ref().as_bytes());
    }

    fn write_url_attr(&self, buf: &mut Buf, line_prefix: &'static str) {
        buf.push_url(line_prefix, self.0.as_ref());
    }
}

/// Everything else that is an [`HtmlHole`]: `Display` values and `Raw`.
pub trait AnyHole<T: ?Sized> {
    /// A hole in HTML text.
    fn write_html_text(&self, buf: &mut Buf, line_prefix: &'static str)
    where
        T: HtmlHole;
    /// A hole in a quoted attribute value.
    fn write_html_attr(&self, buf: &mut Buf, line_prefix: &'static str)
    where
        T: HtmlHole;
    /// A hole at the start of a URL attribute (`href`, `src`, …).
    fn write_url_attr(&self, buf: &mut Buf, line_prefix: &'static str)
    where
        T: HtmlHole;
}

impl<T: ?Sized> AnyHole<T> for Hole<'_, T> {
    fn write_html_text(&self, buf: &mut Buf, line_prefix: &'static str)
    where
        T: HtmlHole,
    {
        buf.push_html_text(line_prefix, self.0);
    }

    fn write_html_attr(&self, buf: &mut Buf, line_prefix: &'static str)
    where
        T: HtmlHole,
    {
        buf.push_html_attr(line_prefix, self.0);
    }

    fn write_url_attr(&self, buf: &mut Buf, line_prefix: &'static str)
    where
        T: HtmlHole,
    {
        // Checked as the browser will read it (rendered, unescaped), then written the
        // usual way: escaped for `Display` values, as it is for `Raw`. A `javascript:`
        // URL is refused even from `Raw`: to write one, put the scheme in the literal.
        let mut rendered = Vec::new();
        self.0
            .write_html(&mut HoleWriter::new(&mut rendered, b"\n", Escape::None));
        if crate::is_javascript_url(&String::from_utf8_lossy(&rendered)) {
            buf.push_url(line_prefix, REFUSED_URL);
        } else {
            buf.push_html_attr(line_prefix, self.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = "\ndata: elements ";

    fn finish(buf: Buf) -> String {
        String::from_utf8(buf.finish().as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn holes_are_escaped_for_their_context() {
        let hostile = "<img src=x onerror=alert(1)>\"'";
        let mut buf = Buf::with_capacity(0);
        buf.push_static("<p title=\"");
        buf.push_html_attr(LINE, hostile);
        buf.push_static("\">");
        buf.push_html_text(LINE, hostile);
        buf.push_static("</p><script>let x = ");
        buf.push_js(LINE, "</script><script>alert(1)</script>")
            .unwrap();
        buf.push_static("</script><b data-text=\"");
        buf.push_js_attr(LINE, "a\"b").unwrap();
        buf.push_static("\"></b>");
        assert_eq!(
            finish(buf),
            "<p title=\"&lt;img src=x onerror=alert(1)&gt;&quot;&#39;\">\
             &lt;img src=x onerror=alert(1)&gt;\"'</p><script>let x = \
             \"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>\"</script>\
             <b data-text=\"&quot;a\\&quot;b&quot;\"></b>"
        );
    }

    #[test]
    fn raw_skips_escaping_but_not_line_splitting() {
        let mut buf = Buf::with_capacity(0);
        buf.push_html_text(LINE, &Raw("<em>a\nb</em>"));
        buf.push_js(LINE, &Raw("f('</script>')")).unwrap();
        assert_eq!(finish(buf), "<em>a\ndata: elements b</em>f('<\\/script>')");
    }

    #[test]
    fn display_values_and_line_breaks_in_holes() {
        let mut buf = Buf::with_capacity(0);
        buf.push_html_text(LINE, &42);
        buf.push_html_text(LINE, &1.5);
        buf.push_html_text(LINE, "x\r\ny");
        assert_eq!(finish(buf), "421.5x\ndata: elements y");
    }

    #[test]
    // The borrows are the point: `&&&Hole` is how the expansion selects a writer.
    #[allow(clippy::needless_borrow)]
    fn specialised_holes_write_what_the_general_path_writes() {
        fn both<T: HtmlHole + ?Sized>(value: &T, fast: impl Fn(&mut Buf)) {
            let (mut general, mut specialised) = (Buf::with_capacity(0), Buf::with_capacity(0));
            general.push_html_text(LINE, value);
            general.push_html_attr(LINE, value);
            fast(&mut specialised);
            assert_eq!(finish(general), finish(specialised));
        }
        both(&-42_i64, |buf| {
            (&&&Hole(&-42_i64)).write_html_text(buf, LINE);
            (&&&Hole(&-42_i64)).write_html_attr(buf, LINE);
        });
        both(&u128::MAX, |buf| {
            (&&&Hole(&u128::MAX)).write_html_text(buf, LINE);
            (&&&Hole(&u128::MAX)).write_html_attr(buf, LINE);
        });
        let hostile = "<a href=\"x\">'&'</a>\r\nline";
        both(hostile, |buf| {
            (&&&Hole(hostile)).write_html_text(buf, LINE);
            (&&&Hole(hostile)).write_html_attr(buf, LINE);
        });
        let owned = String::from(hostile);
        both(&owned, |buf| {
            (&&&Hole(&owned)).write_html_text(buf, LINE);
            (&&&Hole(&owned)).write_html_attr(buf, LINE);
        });
        both(&1.5_f64, |buf| {
            (&&&Hole(&1.5_f64)).write_html_text(buf, LINE);
            (&&&Hole(&1.5_f64)).write_html_attr(buf, LINE);
        });
    }

    #[test]
    // The borrows are the point: `&&&Hole` is how the expansion selects a writer.
    #[allow(clippy::needless_borrow)]
    fn url_holes_refuse_javascript_urls_whatever_their_type() {
        struct Link(&'static str);
        impl std::fmt::Display for Link {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.0)
            }
        }
        let mut buf = Buf::with_capacity(0);
        (&&&Hole(" JavaScript:alert('x')")).write_url_attr(&mut buf, LINE);
        buf.push_static("|");
        (&&&Hole(&String::from("java\tscript:alert(1)"))).write_url_attr(&mut buf, LINE);
        buf.push_static("|");
        (&&&Hole(&Link("javascript:alert(1)"))).write_url_attr(&mut buf, LINE);
        buf.push_static("|");
        (&&&Hole("/items?a=1&b=\"2\"")).write_url_attr(&mut buf, LINE);
        buf.push_static("|");
        (&&&Hole(&Link("https://x/?q=<y>"))).write_url_attr(&mut buf, LINE);
        buf.push_static("|");
        (&&&Hole(&42)).write_url_attr(&mut buf, LINE);
        buf.push_static("|");
        (&&&Hole(&Raw("/a?b=1&amp;c=2"))).write_url_attr(&mut buf, LINE);
        buf.push_static("|");
        (&&&Hole(&Raw("javascript:void(0)"))).write_url_attr(&mut buf, LINE);
        assert_eq!(
            finish(buf),
            "about:invalid#javascript-url-refused|about:invalid#javascript-url-refused|\
             about:invalid#javascript-url-refused|/items?a=1&amp;b=&quot;2&quot;|\
             https://x/?q=&lt;y&gt;|42|/a?b=1&amp;c=2|about:invalid#javascript-url-refused"
        );
    }

    #[test]
    fn single_line_values_are_checked() {
        let mut buf = Buf::with_capacity(0);
        assert!(matches!(
            buf.push_line_value("selector", "#a\r"),
            Err(EncodeError::LineBreak { field: "selector" })
        ));
        buf.push_line_value("id", "ok").unwrap();
        buf.push_retry(Duration::from_millis(1000));
        buf.push_retry(Duration::from_millis(250));
        assert_eq!(finish(buf), "okretry: 250\n");
    }
}
