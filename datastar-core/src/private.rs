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

use std::borrow::Cow;

use datastar_wire::escape::{Escape, LineWriter, push_script_text};
use datastar_wire::lines::{has_line_break, push_split};
use datastar_wire::protocol::is_event_id;
use datastar_wire::url::{SchemeCheck, encode_url_in_attribute, is_allowed};

use crate::template::{HoleText, HoleWriter};

pub use datastar_wire::url::{REFUSED_URL, UrlEncoding, UrlPolicy};

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

    /// A hole in HTML text or a quoted attribute value that is plain text.
    pub fn push_html<T: HtmlHole + ?Sized>(&mut self, line_prefix: &'static str, value: &T) {
        value.write_html(&mut HoleWriter::new(
            &mut self.0,
            line_prefix.as_bytes(),
            Escape::Html,
        ));
    }

    /// A hole in script text: a JSON literal with `<` escaped.
    pub fn push_js<T: JsHole + ?Sized>(
        &mut self,
        line_prefix: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        value.write_js(&mut HoleWriter::new(
            &mut self.0,
            line_prefix.as_bytes(),
            Escape::Script,
        ))
    }

    /// A hole in an event handler or a Datastar expression attribute: a JSON literal,
    /// escaped for the attribute and for the Datastar client's rewriting.
    pub fn push_js_attr<T: JsHole + ?Sized>(
        &mut self,
        line_prefix: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        value.write_js(&mut HoleWriter::new(
            &mut self.0,
            line_prefix.as_bytes(),
            Escape::ScriptInAttribute,
        ))
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
    pub fn push_content<T: Html + ?Sized>(&mut self, line_prefix: &'static str, value: &T) {
        push_split(
            &mut self.0,
            line_prefix.as_bytes(),
            value.as_html().as_bytes(),
        );
    }

    /// A script given as an expression, with `</script` broken up.
    pub fn push_script<T: AsRef<str> + ?Sized>(&mut self, line_prefix: &'static str, value: &T) {
        push_script_text(
            &mut self.0,
            line_prefix.as_bytes(),
            value.as_ref().as_bytes(),
        );
    }

    /// A redirect target: a JSON string with `<` escaped; refused URLs are an error.
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

    /// An event id given as an expression.
    pub fn push_id(&mut self, id: &str) -> Result<(), EncodeError> {
        self.push_line_value("id", id)?;
        if !is_event_id(id) {
            return Err(EncodeError::InvalidId { id: id.to_owned() });
        }
        Ok(())
    }

    /// `retry: N\n`, or nothing for the default 1000 ms.
    pub fn push_retry(&mut self, retry: Duration) {
        crate::event::write_retry(&mut self.0, retry);
    }

    /// Starts the check of a URL whose scheme the template's literal text leaves open;
    /// `written` bytes of the URL (its literal start) are already in the buffer.
    pub fn url_check(&self, policy: UrlPolicy, written: usize) -> UrlCheck {
        UrlCheck {
            scheme: SchemeCheck::new(policy),
            start: self.0.len() - written,
            settled: false,
        }
    }

    /// The finished event.
    pub fn finish(self) -> Event {
        Event::from_vec(self.0)
    }

    /// Text in the document of a `srcdoc` attribute: escaped twice.
    fn html_in_attribute_text(&mut self, line_prefix: &'static str, text: &HoleText<'_>) {
        match text {
            HoleText::Escaped(text) => {
                LineWriter::new(&mut self.0, line_prefix.as_bytes(), Escape::HtmlInAttribute)
                    .push(text.as_bytes());
            }
            HoleText::Trusted(text) => {
                push_split(&mut self.0, line_prefix.as_bytes(), text.as_bytes())
            }
        }
    }

    /// A part of a URL: percent-encoded, attribute-escaped, and checked as planned.
    fn url_text(&mut self, line_prefix: &'static str, text: &HoleText<'_>, url: UrlWrite<'_>) {
        let text = match text {
            HoleText::Escaped(text) => text,
            HoleText::Trusted(text) => {
                // `Raw` vouches for the URL it is part of.
                if let UrlWrite::Shared { check, .. } = url {
                    check.settled = true;
                }
                push_split(&mut self.0, line_prefix.as_bytes(), text.as_bytes());
                return;
            }
        };
        let start = self.0.len();
        match url {
            UrlWrite::Static(encoding) => {
                encode_url_in_attribute(&mut self.0, text.as_bytes(), encoding);
            }
            UrlWrite::Alone(encoding, policy) => {
                encode_url_in_attribute(&mut self.0, text.as_bytes(), encoding);
                let written = String::from_utf8_lossy(&self.0[start..]);
                if !is_allowed(&written, policy) {
                    self.refuse_url(start);
                }
            }
            UrlWrite::Shared {
                encoding,
                check,
                before,
                after,
            } => {
                encode_url_in_attribute(&mut self.0, text.as_bytes(), encoding);
                if check.settled {
                    return;
                }
                check.scheme.feed(before.as_bytes());
                check.scheme.feed(&self.0[start..]);
                check.scheme.feed(after.as_bytes());
                if check.scheme.is_refused() {
                    check.settled = true;
                    self.refuse_url(check.start);
                } else {
                    check.settled = check.scheme.is_decided();
                }
            }
        }
    }

    /// Replaces what was written of a URL since `start` by [`REFUSED_URL`].
    fn refuse_url(&mut self, start: usize) {
        tracing::warn!(
            "a template hole made a URL with a scheme that is not allowed; it was replaced by {REFUSED_URL}"
        );
        self.0.truncate(start);
        self.0.extend_from_slice(REFUSED_URL.as_bytes());
    }

    /// A whole URL as a JavaScript value (`data-attr:href`, `@get(…)`'s first argument): a
    /// JSON string, replaced when `policy` refuses it.
    fn url_in_js_text(
        &mut self,
        line_prefix: &'static str,
        text: &HoleText<'_>,
        policy: UrlPolicy,
    ) -> Result<(), EncodeError> {
        let mut writer = LineWriter::new(
            &mut self.0,
            line_prefix.as_bytes(),
            Escape::ScriptInAttribute,
        );
        match text {
            HoleText::Trusted(code) => writer.push_raw(code.as_bytes()),
            HoleText::Escaped(url) if is_allowed(url, policy) => {
                serde_json::to_writer(writer, url)?
            }
            HoleText::Escaped(_) => {
                tracing::warn!(
                    "a template hole gave a URL that is not allowed; it was replaced by {REFUSED_URL}"
                );
                serde_json::to_writer(writer, REFUSED_URL)?;
            }
        }
        Ok(())
    }
}

/// The check of one URL whose scheme the template's literal text leaves open; every piece
/// of the URL is fed to it in order (see [`UrlWrite::Shared`]).
#[derive(Debug)]
pub struct UrlCheck {
    scheme: SchemeCheck,
    /// Where the URL starts in the buffer: what a refusal replaces.
    start: usize,
    /// The verdict is known (or `Raw` vouched for the URL): nothing more to check.
    settled: bool,
}

/// How a hole inside a URL is written.
pub enum UrlWrite<'a> {
    /// The literal start decides the scheme: percent-encode only.
    Static(UrlEncoding),
    /// The hole is a whole URL of a list: encode, and replace it if `UrlPolicy` refuses it.
    Alone(UrlEncoding, UrlPolicy),
    /// The hole is part of a URL checked as a whole: the literal text before it (decoded)
    /// and, for the URL's last hole, after it, are fed to the check with the value.
    Shared {
        /// How the value is encoded.
        encoding: UrlEncoding,
        /// The URL's check, started at its first hole.
        check: &'a mut UrlCheck,
        /// Literal text between the previous hole (or the URL's start) and this one.
        before: &'static str,
        /// For the last hole, the literal text after it up to the URL's end.
        after: &'static str,
    },
}

/// A hole's value, wrapped so that the expansion can pick the cheapest writer for its
/// type: integers without `fmt`, text escaped directly, anything else through
/// [`HtmlHole`] (`Display`, or `Raw`).
///
/// This is autoref specialisation: the expansion calls
/// `(&&&Hole(&value)).write_html(&mut buf, prefix)` with [`IntegerHole`], [`TextHole`]
/// and [`AnyHole`] in scope; method lookup tries the impl on `&&Hole` (integers) first,
/// then `&Hole` (text), then `Hole`. The last one's bound sits on its methods, so a type
/// that fits none gets `HtmlHole`'s own error message.
pub struct Hole<'a, T: ?Sized>(pub &'a T);

/// Integers: digits and `-` need no escaping; `itoa` instead of `fmt` (about 4× faster).
/// One writer per hole context of the macro.
pub trait IntegerHole {
    /// HTML text or a plain quoted attribute value.
    fn write_html(&self, buf: &mut Buf, line_prefix: &'static str);
    /// The text of a `srcdoc` document.
    fn write_html_in_attribute(&self, buf: &mut Buf, line_prefix: &'static str);
    /// A part of a URL.
    fn write_url(&self, buf: &mut Buf, line_prefix: &'static str, url: UrlWrite<'_>);
    /// A whole URL as a JavaScript value in an attribute.
    fn write_url_in_js(
        &self,
        buf: &mut Buf,
        line_prefix: &'static str,
        policy: UrlPolicy,
    ) -> Result<(), EncodeError>;
}

impl<T: itoa::Integer + Copy> IntegerHole for &&Hole<'_, T> {
    fn write_html(&self, buf: &mut Buf, _: &'static str) {
        buf.0
            .extend_from_slice(itoa::Buffer::new().format(*self.0).as_bytes());
    }

    fn write_html_in_attribute(&self, buf: &mut Buf, line_prefix: &'static str) {
        self.write_html(buf, line_prefix);
    }

    fn write_url(&self, buf: &mut Buf, line_prefix: &'static str, url: UrlWrite<'_>) {
        let mut digits = itoa::Buffer::new();
        let text = HoleText::Escaped(Cow::Borrowed(digits.format(*self.0)));
        buf.url_text(line_prefix, &text, url);
    }

    fn write_url_in_js(
        &self,
        buf: &mut Buf,
        line_prefix: &'static str,
        policy: UrlPolicy,
    ) -> Result<(), EncodeError> {
        let mut digits = itoa::Buffer::new();
        let text = HoleText::Escaped(Cow::Borrowed(digits.format(*self.0)));
        buf.url_in_js_text(line_prefix, &text, policy)
    }
}

/// Text (`str`, `String`, `Cow<str>`, …): escaped straight into the buffer, not through
/// `fmt`. The same writers as [`IntegerHole`].
pub trait TextHole {
    /// HTML text or a plain quoted attribute value.
    fn write_html(&self, buf: &mut Buf, line_prefix: &'static str);
    /// The text of a `srcdoc` document.
    fn write_html_in_attribute(&self, buf: &mut Buf, line_prefix: &'static str);
    /// A part of a URL.
    fn write_url(&self, buf: &mut Buf, line_prefix: &'static str, url: UrlWrite<'_>);
    /// A whole URL as a JavaScript value in an attribute.
    fn write_url_in_js(
        &self,
        buf: &mut Buf,
        line_prefix: &'static str,
        policy: UrlPolicy,
    ) -> Result<(), EncodeError>;
}

impl<T: AsRef<str> + ?Sized> TextHole for &Hole<'_, T> {
    fn write_html(&self, buf: &mut Buf, line_prefix: &'static str) {
        LineWriter::new(&mut buf.0, line_prefix.as_bytes(), Escape::Html)
            .push(self.0.as_ref().as_bytes());
    }

    fn write_html_in_attribute(&self, buf: &mut Buf, line_prefix: &'static str) {
        buf.html_in_attribute_text(line_prefix, &self.text());
    }

    fn write_url(&self, buf: &mut Buf, line_prefix: &'static str, url: UrlWrite<'_>) {
        buf.url_text(line_prefix, &self.text(), url);
    }

    fn write_url_in_js(
        &self,
        buf: &mut Buf,
        line_prefix: &'static str,
        policy: UrlPolicy,
    ) -> Result<(), EncodeError> {
        buf.url_in_js_text(line_prefix, &self.text(), policy)
    }
}

impl<T: AsRef<str> + ?Sized> Hole<'_, T> {
    fn text(&self) -> HoleText<'_> {
        HoleText::Escaped(Cow::Borrowed(self.0.as_ref()))
    }
}

/// Everything else that is an [`HtmlHole`]: `Display` values and `Raw`. The bound sits
/// on each method, so a value that is none of these gets `HtmlHole`'s own error.
pub trait AnyHole<T: ?Sized> {
    /// HTML text or a plain quoted attribute value.
    fn write_html(&self, buf: &mut Buf, line_prefix: &'static str)
    where
        T: HtmlHole;
    /// The text of a `srcdoc` document.
    fn write_html_in_attribute(&self, buf: &mut Buf, line_prefix: &'static str)
    where
        T: HtmlHole;
    /// A part of a URL.
    fn write_url(&self, buf: &mut Buf, line_prefix: &'static str, url: UrlWrite<'_>)
    where
        T: HtmlHole;
    /// A whole URL as a JavaScript value in an attribute.
    fn write_url_in_js(
        &self,
        buf: &mut Buf,
        line_prefix: &'static str,
        policy: UrlPolicy,
    ) -> Result<(), EncodeError>
    where
        T: HtmlHole;
}

impl<T: ?Sized> AnyHole<T> for Hole<'_, T> {
    fn write_html(&self, buf: &mut Buf, line_prefix: &'static str)
    where
        T: HtmlHole,
    {
        buf.push_html(line_prefix, self.0);
    }

    fn write_html_in_attribute(&self, buf: &mut Buf, line_prefix: &'static str)
    where
        T: HtmlHole,
    {
        buf.html_in_attribute_text(line_prefix, &self.0.text());
    }

    fn write_url(&self, buf: &mut Buf, line_prefix: &'static str, url: UrlWrite<'_>)
    where
        T: HtmlHole,
    {
        buf.url_text(line_prefix, &self.0.text(), url);
    }

    fn write_url_in_js(
        &self,
        buf: &mut Buf,
        line_prefix: &'static str,
        policy: UrlPolicy,
    ) -> Result<(), EncodeError>
    where
        T: HtmlHole,
    {
        buf.url_in_js_text(line_prefix, &self.0.text(), policy)
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
        buf.push_html(LINE, hostile);
        buf.push_static("\">");
        buf.push_html(LINE, hostile);
        buf.push_static("</p><script>let x = ");
        buf.push_js(LINE, "</script><script>alert(1)</script>")
            .unwrap();
        buf.push_static("</script><b data-text=\"");
        buf.push_js_attr(LINE, "a\"b$c@d('e');/</").unwrap();
        buf.push_static("\"></b>");
        assert_eq!(
            finish(buf),
            "<p title=\"&lt;img src=x onerror=alert(1)&gt;&quot;&#39;\">\
             &lt;img src=x onerror=alert(1)&gt;&quot;&#39;</p><script>let x = \
             \"\\u003c/script>\\u003cscript>alert(1)\\u003c/script>\"</script>\
             <b data-text=\"&quot;a\\u0022b\\u0024c\\u0040d(\\u0027e\\u0027)\\u003b\\u002f\\u003c\\u002f&quot;\"></b>"
        );
    }

    #[test]
    fn raw_skips_escaping_but_not_line_splitting() {
        let mut buf = Buf::with_capacity(0);
        buf.push_html(LINE, &Raw("<em>a\nb</em>"));
        buf.push_js(LINE, &Raw("f('</script>')")).unwrap();
        assert_eq!(finish(buf), "<em>a\ndata: elements b</em>f('<\\/script>')");
    }

    #[test]
    fn display_values_and_line_breaks_in_holes() {
        let mut buf = Buf::with_capacity(0);
        buf.push_html(LINE, &42);
        buf.push_html(LINE, &1.5);
        buf.push_html(LINE, "x\r\ny");
        assert_eq!(finish(buf), "421.5x\ndata: elements y");
    }

    #[test]
    // The borrows are the point: `&&&Hole` is how the expansion selects a writer.
    #[allow(clippy::needless_borrow)]
    fn specialised_holes_write_what_the_general_path_writes() {
        fn both<T: HtmlHole + ?Sized>(value: &T, fast: impl Fn(&mut Buf)) {
            let (mut general, mut specialised) = (Buf::with_capacity(0), Buf::with_capacity(0));
            general.push_html(LINE, value);
            fast(&mut specialised);
            assert_eq!(finish(general), finish(specialised));
        }
        both(&-42_i64, |buf| (&&&Hole(&-42_i64)).write_html(buf, LINE));
        both(&u128::MAX, |buf| {
            (&&&Hole(&u128::MAX)).write_html(buf, LINE)
        });
        let hostile = "<a href=\"x\">'&'</a>\r\nline";
        both(hostile, |buf| (&&&Hole(hostile)).write_html(buf, LINE));
        let owned = String::from(hostile);
        both(&owned, |buf| (&&&Hole(&owned)).write_html(buf, LINE));
        both(&1.5_f64, |buf| (&&&Hole(&1.5_f64)).write_html(buf, LINE));
    }

    struct Link(&'static str);

    impl std::fmt::Display for Link {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }

    #[test]
    // The borrows are the point: `&&&Hole` is how the expansion selects a writer.
    #[allow(clippy::needless_borrow)]
    fn url_holes_are_encoded_and_checked_whatever_their_type() {
        let whole = UrlEncoding::Whole;
        let mut buf = Buf::with_capacity(0);
        (&&&Hole(" JavaScript:alert('x')")).write_url(
            &mut buf,
            LINE,
            UrlWrite::Alone(whole, UrlPolicy::Navigate),
        );
        buf.push_static("|");
        (&&&Hole(&Link("data:text/html,x"))).write_url(
            &mut buf,
            LINE,
            UrlWrite::Alone(whole, UrlPolicy::Navigate),
        );
        buf.push_static("|");
        (&&&Hole("/items?a=1&b=\"2\" <x>")).write_url(&mut buf, LINE, UrlWrite::Static(whole));
        buf.push_static("|");
        (&&&Hole(&Link("a/b?c#d"))).write_url(
            &mut buf,
            LINE,
            UrlWrite::Static(UrlEncoding::Component),
        );
        buf.push_static("|");
        (&&&Hole(&42)).write_url(&mut buf, LINE, UrlWrite::Static(UrlEncoding::Component));
        buf.push_static("|");
        (&&&Hole(&Raw("javascript:void(0)"))).write_url(
            &mut buf,
            LINE,
            UrlWrite::Alone(whole, UrlPolicy::Navigate),
        );
        assert_eq!(
            finish(buf),
            "about:invalid#refused-url|about:invalid#refused-url|\
             /items?a=1&amp;b=%222%22%20%3Cx%3E|a%2Fb%3Fc%23d|42|javascript:void(0)"
        );
    }

    #[test]
    // The borrows are the point: `&&&Hole` is how the expansion selects a writer.
    #[allow(clippy::needless_borrow)]
    fn shared_checks_read_the_whole_url() {
        // `href="` (a) (b) `:alert(1)"` with a = "" and b = "javascript": refused at the
        // literal after the last hole, and the whole value is replaced.
        let mut buf = Buf::with_capacity(0);
        buf.push_static("<a href=\"");
        let mut check = buf.url_check(UrlPolicy::Navigate, 0);
        fn shared<'a>(check: &'a mut UrlCheck, after: &'static str) -> UrlWrite<'a> {
            UrlWrite::Shared {
                encoding: UrlEncoding::Whole,
                check,
                before: "",
                after,
            }
        }
        (&&&Hole("")).write_url(&mut buf, LINE, shared(&mut check, ""));
        (&&&Hole("javascript")).write_url(&mut buf, LINE, shared(&mut check, ":alert(1)"));
        buf.push_static(":alert(1)\">");
        assert_eq!(
            finish(buf),
            "<a href=\"about:invalid#refused-url:alert(1)\">"
        );

        // `href="java` (u) `"`: the literal start is written before the check starts.
        let mut buf = Buf::with_capacity(0);
        buf.push_static("<a href=\"java");
        let mut check = buf.url_check(UrlPolicy::Navigate, 4);
        let write = UrlWrite::Shared {
            encoding: UrlEncoding::Component,
            check: &mut check,
            before: "java",
            after: "",
        };
        (&&&Hole("script")).write_url(&mut buf, LINE, write);
        buf.push_static("\">");
        assert_eq!(
            finish(buf),
            "<a href=\"javascript\">",
            "no colon: a relative URL"
        );

        // An allowed URL is left as it is.
        let mut buf = Buf::with_capacity(0);
        let mut check = buf.url_check(UrlPolicy::SameOrigin, 0);
        let write = UrlWrite::Shared {
            encoding: UrlEncoding::Whole,
            check: &mut check,
            before: "",
            after: "",
        };
        (&&&Hole("/todos/1")).write_url(&mut buf, LINE, write);
        assert_eq!(finish(buf), "/todos/1");
    }

    #[test]
    // The borrows are the point: `&&&Hole` is how the expansion selects a writer.
    #[allow(clippy::needless_borrow)]
    fn urls_in_javascript_and_documents_in_attributes() {
        let mut buf = Buf::with_capacity(0);
        (&&&Hole("https://example.com/a"))
            .write_url_in_js(&mut buf, LINE, UrlPolicy::SameOrigin)
            .unwrap();
        buf.push_static("|");
        (&&&Hole("/a?b='c'"))
            .write_url_in_js(&mut buf, LINE, UrlPolicy::SameOrigin)
            .unwrap();
        buf.push_static("|");
        (&&&Hole(&Link("javascript:x")))
            .write_url_in_js(&mut buf, LINE, UrlPolicy::Navigate)
            .unwrap();
        buf.push_static("|");
        (&&&Hole("<img src=x onerror=alert(1)> & \"")).write_html_in_attribute(&mut buf, LINE);
        assert_eq!(
            finish(buf),
            "&quot;about:invalid#refused-url&quot;|&quot;\\u002fa?b=\\u0027c\\u0027&quot;|\
             &quot;about:invalid#refused-url&quot;|\
             &amp;lt;img src=x onerror=alert(1)&amp;gt; &amp;amp; &amp;quot;"
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
