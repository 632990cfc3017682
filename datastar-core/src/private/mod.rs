//! What `datastar!` expansions call. Not public API: names and signatures may change in
//! any release; the macro crate is pinned to the same exact version.

pub use ::async_stream::try_stream;
pub use ::core::time::Duration;
pub use datastar_macros::{datastar_inner, html_inner};

pub use crate::contract::value_kinds::{
    JsonArray, JsonBool, JsonNull, JsonNumber, JsonObject, JsonString, KindProbe, Kinds, KnownKind,
    OrNull, Unknown, UnknownKind, fits,
};
pub use crate::contract::{
    SignalField, concat, has_path, json_kind, message, missing_depth, path_kinds, sibling_names,
    sibling_names_len, total_len,
};
pub use crate::send::{IntoEvents, Slot};
pub use crate::signals::SignalValue;
pub use crate::stream::StaticEvents;
pub use crate::template::{Html, HtmlHole, JsHole, Raw};
pub use crate::{
    EncodeError, EndOnError, Event, EventStream, ExecuteScript, Markup, Mode, Namespace,
    PatchElements, PatchSignals, Redirect,
};

use datastar_wire::escape::{Escape, LineWriter, push_script_text};
use datastar_wire::lines::{has_line_break, push_split};
use datastar_wire::protocol::is_event_id;
use datastar_wire::url::{SchemeCheck, encode_url_in_attribute, is_allowed};

use crate::template::{HoleText, HoleWriter};

pub use datastar_wire::url::{REFUSED_URL, UrlEncoding, UrlPolicy};

/// The error type `?` converts into inside `datastar!`.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// What `?` takes inside `datastar!`: a `Result`, or an `Option` (`None` ends the stream
/// like an error).
#[diagnostic::on_unimplemented(
    message = "`?` in `datastar!` takes a `Result` or an `Option`, not `{Self}` [question_mark_on_other_type]",
    label = "`?` on this value",
    note = "an error (or `None`) from `?` is logged and ends the stream"
)]
pub trait StreamTry {
    /// The value `?` gives.
    type Ok;
    /// What ends the stream.
    type Error;
    /// The value, or what ends the stream.
    fn into_result(self) -> Result<Self::Ok, Self::Error>;
}

impl<T, E> StreamTry for Result<T, E> {
    type Ok = T;
    type Error = E;

    fn into_result(self) -> Result<T, E> {
        self
    }
}

impl<T> StreamTry for Option<T> {
    type Ok = T;
    type Error = &'static str;

    fn into_result(self) -> Result<T, &'static str> {
        self.ok_or("`?` on `None` ended the stream")
    }
}

/// An error `?` can end the stream with.
#[diagnostic::on_unimplemented(
    message = "`?` in `datastar!` cannot end the stream with a `{Self}`: it does not convert into `Box<dyn Error + Send + Sync>` [question_mark_error_not_boxable]",
    label = "the error of this value is `{Self}`",
    note = "implement `std::error::Error` for it, or convert it: `.map_err(|error| error.to_string())?`"
)]
pub trait StreamError {
    /// The error, boxed.
    fn into_box(self) -> BoxError;
}

impl<E: Into<BoxError>> StreamError for E {
    fn into_box(self) -> BoxError {
        self.into()
    }
}

/// Every `?` of the user's code in a `datastar!` body goes through here first, at the
/// operand's span, so that a wrong operand is reported there with [`StreamTry`]'s or
/// [`StreamError`]'s message.
pub fn stream_try<T>(value: T) -> Result<T::Ok, BoxError>
where
    T: StreamTry,
    T::Error: StreamError,
{
    value.into_result().map_err(StreamError::into_box)
}

/// Wraps the macro's `try_stream!` producer: errors are logged and end the stream.
pub fn into_event_stream<S>(events: S) -> EventStream<EndOnError<S>>
where
    S: futures_core::Stream<Item = Result<Event, BoxError>>,
{
    EventStream::try_new(events)
}

/// What a body of static events only expands to (`event` is made in a `const` block).
pub const fn static_event_stream(event: Event) -> EventStream<StaticEvents> {
    EventStream::new(StaticEvents::new(event))
}

/// What a body with errors expands to, after its `compile_error!`s: a stream of the same
/// kind, which sends nothing.
pub const fn no_event_stream() -> EventStream<StaticEvents> {
    EventStream::new(StaticEvents::empty())
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
    #[inline]
    pub fn with_capacity(capacity: usize) -> Buf {
        Buf(Vec::with_capacity(capacity))
    }

    /// Room for `additional` more bytes: the macro reserves before a template loop.
    #[inline]
    pub fn reserve(&mut self, additional: usize) {
        self.0.reserve(additional);
    }

    /// Wire bytes rendered at compile time.
    #[inline]
    pub fn push_static(&mut self, wire: &'static [u8]) {
        self.0.extend_from_slice(wire);
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
        self.js_hole(line_prefix, value, Escape::Script)
    }

    /// A hole in an event handler or a Datastar expression attribute: a JSON literal,
    /// escaped for the attribute and for the Datastar client's rewriting.
    pub fn push_js_attr<T: JsHole + ?Sized>(
        &mut self,
        line_prefix: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        self.js_hole(line_prefix, value, Escape::ScriptInAttribute)
    }

    fn js_hole<T: JsHole + ?Sized>(
        &mut self,
        line_prefix: &'static str,
        value: &T,
        escape: Escape,
    ) -> Result<(), EncodeError> {
        value.write_js(&mut HoleWriter::new(
            &mut self.0,
            line_prefix.as_bytes(),
            escape,
        ))
    }

    /// A signal value or a whole `signals EXPR;` object: compact JSON.
    pub fn push_json<T: SignalValue + ?Sized>(
        &mut self,
        line_prefix: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        let writer = LineWriter::new(&mut self.0, line_prefix.as_bytes(), Escape::None);
        value.write_json(writer)?;
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

    /// Text inside a JSON string in a script (a console message): `Display`, escaped for
    /// the string and for the script.
    pub fn push_script_string<T: std::fmt::Display + ?Sized>(
        &mut self,
        line_prefix: &'static str,
        value: &T,
    ) {
        let quoted = datastar_wire::json::json_string(&value.to_string());
        LineWriter::new(&mut self.0, line_prefix.as_bytes(), Escape::Script)
            .push(&quoted.as_bytes()[1..quoted.len() - 1]);
    }

    /// A custom event's name, as a JSON string; a name no listener could match is an error.
    pub fn push_event_name<T: AsRef<str> + ?Sized>(&mut self, name: &T) -> Result<(), EncodeError> {
        let name = name.as_ref();
        if let Some(why) = datastar_wire::script::event_name_problem(name) {
            return Err(EncodeError::InvalidEventName {
                name: name.to_owned(),
                why,
            });
        }
        self.push_js(datastar_wire::protocol::ELEMENTS_NEXT_LINE, name)
    }

    /// A URL as a JSON string in a script, checked against `policy`.
    pub fn push_script_url(&mut self, url: &str, policy: UrlPolicy) -> Result<(), EncodeError> {
        if !is_allowed(url, policy) {
            return Err(EncodeError::UnsafeUrl {
                url: url.to_owned(),
            });
        }
        self.push_js(datastar_wire::protocol::ELEMENTS_NEXT_LINE, url)
    }

    /// The value of a single-line field (selector, id, …).
    pub fn push_line_value(&mut self, field: &'static str, value: &str) -> Result<(), EncodeError> {
        if has_line_break(value) {
            return Err(EncodeError::LineBreak { field });
        }
        self.0.extend_from_slice(value.as_bytes());
        Ok(())
    }

    /// A selector given as an expression: single-line, and one the browser parses.
    pub fn push_selector(&mut self, field: &'static str, value: &str) -> Result<(), EncodeError> {
        crate::error::check_selector(field, value)?;
        self.push_line_value(field, value)
    }

    /// A dispatch's selector given as an expression: one the browser parses, as a JSON
    /// string in the script.
    pub fn push_dispatch_selector(&mut self, value: &str) -> Result<(), EncodeError> {
        crate::error::check_selector("selector", value)?;
        self.push_js(datastar_wire::protocol::ELEMENTS_NEXT_LINE, value)
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
    #[inline]
    pub fn finish(self) -> Event {
        Event::from_vec(self.0)
    }

    /// The finished `html!` markup.
    #[inline]
    pub fn finish_markup(self) -> Markup {
        Markup::from_bytes(self.0)
    }

    /// For `html!`, which has no stream to end: a JavaScript hole whose value cannot be
    /// written (its `Serialize` fails) becomes `null`, and the error is logged.
    pub fn js_or_null(&mut self, write: impl FnOnce(&mut Buf) -> Result<(), EncodeError>) {
        let start = self.0.len();
        if let Err(error) = write(self) {
            tracing::error!("html!: a template hole could not be written, `null` instead: {error}");
            self.0.truncate(start);
            self.0.extend_from_slice(b"null");
        }
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

    /// An attribute value that is one whole URL, written as the macro writes a hole that
    /// is an attribute's whole value (`name="` (url) `"`): percent-encoded, then checked
    /// as the browser will read it (the encoding leaves no line break to split). For the
    /// builders, so that their bytes are the macro's; `false` (and nothing written) when
    /// `policy` refuses the URL.
    pub(crate) fn whole_url_attribute(out: &mut Vec<u8>, url: &str, policy: UrlPolicy) -> bool {
        let start = out.len();
        encode_url_in_attribute(out, url.as_bytes(), UrlEncoding::Whole);
        let written = String::from_utf8_lossy(&out[start..]).into_owned();
        if !is_allowed(&written, policy) {
            out.truncate(start);
            return false;
        }
        true
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

mod holes;
#[cfg(test)]
mod tests;

pub use holes::{
    AnyHole, ComponentHole, Hole, IntegerHole, IntegerValue, IsMarkup, OnlyInHtmlText, TextHole,
};

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
