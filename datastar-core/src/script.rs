//! Scripts and redirects: sugar over `datastar-patch-elements` that appends a `<script>`
//! to `<body>` (as the Datastar 1.0 SDKs do).

use std::borrow::Cow;

use datastar_wire::Namespace;
use datastar_wire::attribute::{OnElement, Refusal, Sink, is_attribute_name, sink};
use datastar_wire::escape::{Escape, LineWriter, push_script_text};
use datastar_wire::lines::Breaks;
use datastar_wire::protocol::{ELEMENTS_NEXT_LINE, PATCH_ELEMENTS};
use datastar_wire::script::{
    AUTO_REMOVE, REDIRECT_CLOSE, REDIRECT_OPEN, SCRIPT_CLOSE, SCRIPT_OPEN,
};
use datastar_wire::url::{UrlPolicy, is_allowed};

use crate::__private::Buf;
use crate::event::{EventOptions, event_options};
use crate::{EncodeError, Event, OneShot};

const ELEMENTS_LINE: &[u8] = ELEMENTS_NEXT_LINE.as_bytes();

/// Builds an event that runs a script in the browser.
///
/// The script is appended to `<body>`; by default it carries
/// `data-effect="el.remove()"`, so the tag removes itself after running. Any `</script`
/// in the text is written as `<\/script` so it cannot end the element early.
///
/// ```
/// use datastar_core::ExecuteScript;
///
/// let event = ExecuteScript::new("alert('What are you talking about, HAL?')").encode()?;
/// assert_eq!(
///     event.as_bytes(),
///     b"event: datastar-patch-elements\n\
///       data: selector body\n\
///       data: mode append\n\
///       data: elements <script data-effect=\"el.remove()\">alert('What are you talking about, HAL?')</script>\n\n"
/// );
///
/// let event = ExecuteScript::new("import('/hal.js')")
///     .attribute("type", "module")
///     .auto_remove(false)
///     .encode()?;
/// assert!(std::str::from_utf8(event.as_bytes()).unwrap()
///     .contains(r#"<script type="module">import('/hal.js')</script>"#));
/// # Ok::<(), datastar_core::EncodeError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecuteScript<'a> {
    script: Cow<'a, str>,
    auto_remove: bool,
    attributes: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    options: EventOptions<'a>,
}

impl<'a> ExecuteScript<'a> {
    /// Runs `script` (JavaScript, any number of lines).
    pub fn new(script: impl Into<Cow<'a, str>>) -> Self {
        ExecuteScript {
            script: script.into(),
            auto_remove: true,
            attributes: Vec::new(),
            options: EventOptions::default(),
        }
    }

    /// Whether the `<script>` tag removes itself after running (default `true`).
    pub fn auto_remove(mut self, auto_remove: bool) -> Self {
        self.auto_remove = auto_remove;
        self
    }

    /// Adds an attribute to the `<script>` tag. The value is treated as a template hole
    /// would be in the same attribute of a `<script>` (see `docs/escaping.md`):
    ///
    /// - text attributes (`type`, `nonce`, `title`, `async`, `data-x`, …): attribute-escaped;
    /// - `src`: a same-origin URL only (a relative path), since the tag runs whatever it
    ///   loads; other URL attributes (`data-src`, …): a relative, `http`, `https`, `mailto`
    ///   or `tel` URL, percent-encoded where needed;
    /// - event handlers (`on*`), Datastar attributes (`data-on:*`, `data-effect`, …) and
    ///   `style`: refused, since the value would run as code (or CSS).
    ///
    /// A refused name or value fails [`encode`](Self::encode) with
    /// [`EncodeError::UnsafeAttribute`], [`EncodeError::UnsafeUrl`] or
    /// [`EncodeError::InvalidAttributeName`].
    ///
    /// ```
    /// use datastar_core::{EncodeError, ExecuteScript};
    ///
    /// let script = ExecuteScript::new("start()").attribute("src", "data:text/javascript,evil()");
    /// assert!(matches!(script.encode(), Err(EncodeError::UnsafeUrl { .. })));
    /// let script = ExecuteScript::new("start()").attribute("onerror", "evil()");
    /// assert!(matches!(script.encode(), Err(EncodeError::UnsafeAttribute { .. })));
    /// ```
    pub fn attribute(
        mut self,
        name: impl Into<Cow<'a, str>>,
        value: impl Into<Cow<'a, str>>,
    ) -> Self {
        self.attributes.push((name.into(), value.into()));
        self
    }

    event_options!();

    /// The script as a one-shot response instead of an event: `200`, `text/javascript`,
    /// the script as the body, its attributes as a JSON object in the
    /// `datastar-script-attributes` header (see [`OneShot`](crate::OneShot)). The client
    /// appends it to `<head>`, so `auto_remove` does not apply. Attributes are decided
    /// as for [`attribute`](Self::attribute); the client sets them with `setAttribute`,
    /// so values are not HTML-escaped, and a URL is refused rather than replaced.
    pub fn one_shot(&self) -> Result<OneShot, EncodeError> {
        self.options.check()?;
        crate::one_shot::refuse_stream_options(self.options.id.as_ref(), self.options.retry)?;
        let mut attributes = serde_json::Map::new();
        for (name, value) in &self.attributes {
            if let AttributeValue::Url(policy) = attribute_value(&self.attributes, name)?
                && !is_allowed(value, policy)
            {
                return Err(EncodeError::UnsafeUrl {
                    url: value.to_string(),
                });
            }
            attributes.insert(name.to_string(), serde_json::Value::from(value.as_ref()));
        }
        let mut headers = Vec::new();
        if !attributes.is_empty() {
            headers.push((
                datastar_wire::protocol::one_shot::SCRIPT_ATTRIBUTES_HEADER,
                crate::one_shot::ascii_json(&attributes)?,
            ));
        }
        OneShot::new(
            datastar_wire::protocol::one_shot::SCRIPT_CONTENT_TYPE,
            headers,
            self.script.to_string(),
        )
    }

    /// Encodes the event into one buffer.
    pub fn encode(&self) -> Result<Event, EncodeError> {
        let mut out = Vec::new();
        self.write_to(&mut out)?;
        Ok(Event::from_vec(out))
    }

    /// Appends the encoded event to `out`, for batching several events in one write.
    pub fn write_to(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        self.options.check()?;
        // Every attribute is decided before anything is written; writing decides again
        // (a few comparisons), which costs less than keeping the answers.
        for (name, _) in &self.attributes {
            attribute_value(&self.attributes, name)?;
        }
        let attributes_len: usize = self
            .attributes
            .iter()
            .map(|(name, value)| name.len() + value.len() * 6 + 4)
            .sum();
        out.reserve(
            self.options.head_len(PATCH_ELEMENTS)
                + SCRIPT_OPEN.len()
                + attributes_len
                + AUTO_REMOVE.len()
                + 1
                + self.script.len()
                + Breaks::of(self.script.as_bytes()).count * ELEMENTS_LINE.len()
                + SCRIPT_CLOSE.len(),
        );
        let start = out.len();
        self.options.write_head(out, PATCH_ELEMENTS);
        out.extend_from_slice(SCRIPT_OPEN.as_bytes());
        for (name, value) in &self.attributes {
            let kind = attribute_value(&self.attributes, name)?;
            out.push(b' ');
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(b"=\"");
            match kind {
                AttributeValue::Text => {
                    LineWriter::new(out, ELEMENTS_LINE, Escape::Html).push(value.as_bytes())
                }
                AttributeValue::Url(policy) => {
                    if !Buf::whole_url_attribute(out, value, policy) {
                        out.truncate(start);
                        return Err(EncodeError::UnsafeUrl {
                            url: value.to_string(),
                        });
                    }
                }
            }
            out.push(b'"');
        }
        if self.auto_remove {
            out.extend_from_slice(AUTO_REMOVE.as_bytes());
        }
        out.push(b'>');
        push_script_text(out, ELEMENTS_LINE, self.script.as_bytes());
        out.extend_from_slice(SCRIPT_CLOSE.as_bytes());
        Ok(())
    }
}

/// How a script attribute's value is written.
enum AttributeValue {
    /// Attribute-escaped text.
    Text,
    /// One URL that `policy` accepts, percent-encoded where needed.
    Url(UrlPolicy),
}

/// Decides the value of the `<script>` attribute `name` from the same answer the macro
/// uses for a hole there (`datastar_wire::attribute::sink`), or refuses it.
fn attribute_value(
    attributes: &[(Cow<'_, str>, Cow<'_, str>)],
    name: &str,
) -> Result<AttributeValue, EncodeError> {
    if !is_attribute_name(name) {
        return Err(EncodeError::InvalidAttributeName {
            name: name.to_owned(),
        });
    }
    // The HTML parser lowercases attribute names before anything reads them.
    let lower = if name.bytes().any(|byte| byte.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    };
    let script = OnElement {
        name: "script",
        namespace: Namespace::Html,
    };
    let has = |other: &str| {
        attributes
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(other))
    };
    let refused = |reason: &'static str| EncodeError::UnsafeAttribute {
        name: name.to_owned(),
        reason,
    };
    match sink(script, &lower, has) {
        Sink::Text => Ok(AttributeValue::Text),
        // The builder's script text is code already: `type` (`module`) and the boolean
        // attributes (`async`, `defer`, `nomodule`) give a value no more power than that,
        // so they are written as text (in a template their literal is the safe form).
        Sink::Refused(Refusal::ScriptType | Refusal::Boolean) => Ok(AttributeValue::Text),
        Sink::Url { fixed_origin, .. } => {
            // The tag runs what `src` loads: only the page's own origin is trusted.
            let policy = if fixed_origin {
                UrlPolicy::SameOrigin
            } else {
                UrlPolicy::Navigate
            };
            Ok(AttributeValue::Url(policy))
        }
        Sink::Script { .. } => Err(refused(
            "the browser (or the Datastar client) would run its value as JavaScript",
        )),
        Sink::Document => Err(refused("the browser would parse its value as a document")),
        Sink::Refused(refusal) => Err(refused(refusal.reason())),
    }
}

/// Builds an event that navigates the browser to another URL.
///
/// The script is `setTimeout(() => window.location.href = "URL")`: the `setTimeout`
/// makes Firefox push a history entry instead of replacing the current one
/// (datastar#529). The URL is written as a JSON string with `<` escaped. Only relative
/// URLs and the schemes in [`url::ALLOWED_SCHEMES`](crate::url::ALLOWED_SCHEMES) (`http`,
/// `https`, `mailto`, `tel`) are accepted: a `javascript:` URL would run code, a `data:` URL
/// carry a document.
///
/// ```
/// use datastar_core::Redirect;
///
/// let event = Redirect::new("/guide").encode()?;
/// assert_eq!(
///     event.as_bytes(),
///     b"event: datastar-patch-elements\n\
///       data: selector body\n\
///       data: mode append\n\
///       data: elements <script data-effect=\"el.remove()\">setTimeout(() => window.location.href = \"/guide\")</script>\n\n"
/// );
/// assert!(Redirect::new("JavaScript:alert(1)").encode().is_err());
/// assert!(Redirect::new("data:text/html,<h1>hi</h1>").encode().is_err());
/// # Ok::<(), datastar_core::EncodeError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redirect<'a> {
    url: Cow<'a, str>,
    options: EventOptions<'a>,
}

impl<'a> Redirect<'a> {
    /// Navigates to `url` (absolute, or relative to the page).
    pub fn new(url: impl Into<Cow<'a, str>>) -> Self {
        Redirect {
            url: url.into(),
            options: EventOptions::default(),
        }
    }

    event_options!();

    /// Encodes the event into one buffer.
    pub fn encode(&self) -> Result<Event, EncodeError> {
        let mut out = Vec::new();
        self.write_to(&mut out)?;
        Ok(Event::from_vec(out))
    }

    /// Appends the encoded event to `out`, for batching several events in one write.
    pub fn write_to(&self, out: &mut Vec<u8>) -> Result<(), EncodeError> {
        self.options.check()?;
        out.reserve(
            self.options.head_len(PATCH_ELEMENTS)
                + SCRIPT_OPEN.len()
                + AUTO_REMOVE.len()
                + 1
                + REDIRECT_OPEN.len()
                + self.url.len()
                + 8
                + REDIRECT_CLOSE.len()
                + SCRIPT_CLOSE.len(),
        );
        self.options.write_head(out, PATCH_ELEMENTS);
        out.extend_from_slice(SCRIPT_OPEN.as_bytes());
        out.extend_from_slice(AUTO_REMOVE.as_bytes());
        out.push(b'>');
        out.extend_from_slice(REDIRECT_OPEN.as_bytes());
        write_redirect_url(out, &self.url)?;
        out.extend_from_slice(REDIRECT_CLOSE.as_bytes());
        out.extend_from_slice(SCRIPT_CLOSE.as_bytes());
        Ok(())
    }
}

/// Writes `url` as a JavaScript string literal safe inside `<script>`, or refuses it.
pub(crate) fn write_redirect_url(out: &mut Vec<u8>, url: &str) -> Result<(), EncodeError> {
    if !is_allowed(url, UrlPolicy::Navigate) {
        return Err(EncodeError::UnsafeUrl {
            url: url.to_owned(),
        });
    }
    serde_json::to_writer(LineWriter::new(out, ELEMENTS_LINE, Escape::Script), url)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(event: Result<Event, EncodeError>) -> String {
        String::from_utf8(event.unwrap().as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn attributes_are_escaped_and_written_in_order() {
        let event = ExecuteScript::new("console.log('hello');")
            .id("event1")
            .retry(std::time::Duration::from_secs(2))
            .attribute("type", "text/javascript")
            .attribute("data-x", "a\"b<c>&'d")
            .auto_remove(false)
            .encode();
        assert_eq!(
            text(event),
            "event: datastar-patch-elements\nid: event1\nretry: 2000\ndata: selector body\n\
             data: mode append\ndata: elements <script type=\"text/javascript\" \
             data-x=\"a&quot;b&lt;c&gt;&amp;&#39;d\">console.log('hello');</script>\n\n"
        );
        assert!(matches!(
            ExecuteScript::new("").attribute("on click", "x").encode(),
            Err(EncodeError::InvalidAttributeName { .. })
        ));
    }

    #[test]
    fn multiline_scripts_and_close_tags() {
        let event = ExecuteScript::new("if (true) {\n  x = '</script>';\n}").encode();
        assert_eq!(
            text(event),
            "event: datastar-patch-elements\ndata: selector body\ndata: mode append\n\
             data: elements <script data-effect=\"el.remove()\">if (true) {\n\
             data: elements   x = '<\\/script>';\ndata: elements }</script>\n\n"
        );
    }

    #[test]
    fn redirect_urls_cannot_escape_the_script() {
        let event = Redirect::new("/search?q=</script><script>alert(1)</script>\"").encode();
        assert_eq!(
            text(event),
            "event: datastar-patch-elements\ndata: selector body\ndata: mode append\n\
             data: elements <script data-effect=\"el.remove()\">setTimeout(() => window.location.href = \
             \"/search?q=\\u003c/script>\\u003cscript>alert(1)\\u003c/script>\\\"\")</script>\n\n"
        );
    }
}
