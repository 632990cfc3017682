//! The helpers every Datastar SDK has, as builders: console messages, custom events, a
//! new address for the page, and prefetching. Each is a script appended to `<body>`
//! (an `ExecuteScript`), with its values JSON-encoded for the script, so nothing in them
//! can end the script or run as code. `datastar!` has a statement for each.

use std::borrow::Cow;
use std::time::Duration;

use datastar_wire::escape::{Escape, escape_str};
use datastar_wire::json::json_string;
use datastar_wire::script::{
    CONSOLE_CLOSE, ConsoleMethod, DISPATCH_CLOSE, DISPATCH_DOCUMENT, DISPATCH_OPEN,
    DISPATCH_SELECTOR_CLOSE, DISPATCH_SELECTOR_OPEN, DISPATCH_TARGETS_OPEN, PREFETCH_CLOSE,
    PREFETCH_OPEN, REPLACE_URL_CLOSE, REPLACE_URL_OPEN, SPECULATION_RULES_TYPE, dispatch_flags,
    event_name_problem,
};
use datastar_wire::url::{UrlPolicy, is_allowed};
use serde::Serialize;

use crate::{EncodeError, Event, ExecuteScript};

/// A JSON string literal that is safe inside a `<script>`.
fn script_string(text: &str) -> String {
    escape_str(&json_string(text), Escape::Script)
}

macro_rules! script_options {
    () => {
        /// Sets the event id (see `PatchElements::id`).
        pub fn id(mut self, id: impl Into<Cow<'a, str>>) -> Self {
            self.id = Some(id.into());
            self
        }

        /// Sets the client's reconnect interval (see `PatchElements::retry`).
        pub fn retry(mut self, retry: Duration) -> Self {
            self.retry = Some(retry);
            self
        }
    };
}

/// Sends `script` with the options.
fn send(
    script: String,
    id: Option<&Cow<'_, str>>,
    retry: Option<Duration>,
    configure: impl FnOnce(ExecuteScript<'_>) -> ExecuteScript<'_>,
) -> Result<Event, EncodeError> {
    let mut builder = configure(ExecuteScript::new(script));
    if let Some(id) = id {
        builder = builder.id(id.as_ref());
    }
    if let Some(retry) = retry {
        builder = builder.retry(retry);
    }
    builder.encode()
}

/// A message in the browser's console: `console.log(…)` or `console.error(…)`, the text
/// exactly as given.
///
/// ```
/// use datastar_core::ConsoleLog;
///
/// let event = ConsoleLog::new("Good afternoon, Dave.").encode()?;
/// assert!(std::str::from_utf8(event.as_bytes())?.contains(r#"console.log("Good afternoon, Dave.")"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct ConsoleLog<'a> {
    method: ConsoleMethod,
    message: Cow<'a, str>,
    id: Option<Cow<'a, str>>,
    retry: Option<Duration>,
}

impl<'a> ConsoleLog<'a> {
    /// `console.log(message)`.
    pub fn new(message: impl Into<Cow<'a, str>>) -> Self {
        ConsoleLog {
            method: ConsoleMethod::Log,
            message: message.into(),
            id: None,
            retry: None,
        }
    }

    /// `console.error(message)`.
    pub fn error(message: impl Into<Cow<'a, str>>) -> Self {
        ConsoleLog {
            method: ConsoleMethod::Error,
            ..ConsoleLog::new(message)
        }
    }

    script_options!();

    /// Encodes the event.
    pub fn encode(&self) -> Result<Event, EncodeError> {
        let script = format!(
            "{}{}{CONSOLE_CLOSE}",
            self.method.open(),
            script_string(&self.message)
        );
        send(script, self.id.as_ref(), self.retry, |script| script)
    }
}

/// A `CustomEvent` dispatched in the page, on `document` or on every element a selector
/// matches, with a JSON `detail`. A `data-on:NAME` attribute (or `__window`, since it
/// bubbles by default) receives it.
///
/// ```
/// use datastar_core::DispatchEvent;
///
/// let event = DispatchEvent::new("pod-bay-doors")
///     .detail(&serde_json::json!({"open": false}))?
///     .selector("#hal")
///     .encode()?;
/// assert!(std::str::from_utf8(event.as_bytes())?.contains(r#"new CustomEvent("pod-bay-doors""#));
/// assert!(DispatchEvent::new("podBayDoors").encode().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct DispatchEvent<'a> {
    name: Cow<'a, str>,
    detail: String,
    selector: Option<Cow<'a, str>>,
    bubbles: bool,
    cancelable: bool,
    composed: bool,
    id: Option<Cow<'a, str>>,
    retry: Option<Duration>,
}

impl<'a> DispatchEvent<'a> {
    /// An event named `name` (lowercase: `data-on:` listeners are), with `null` as its
    /// detail, dispatched on `document`; it bubbles, is cancelable and composed, as in
    /// the Go SDK.
    pub fn new(name: impl Into<Cow<'a, str>>) -> Self {
        DispatchEvent {
            name: name.into(),
            detail: "null".to_owned(),
            selector: None,
            bubbles: true,
            cancelable: true,
            composed: true,
            id: None,
            retry: None,
        }
    }

    /// The event's `detail`, any `Serialize` value.
    pub fn detail(mut self, detail: &(impl Serialize + ?Sized)) -> Result<Self, EncodeError> {
        self.detail = serde_json::to_string(detail)?;
        Ok(self)
    }

    /// Dispatches on every element `selector` matches instead of `document`.
    pub fn selector(mut self, selector: impl Into<Cow<'a, str>>) -> Self {
        self.selector = Some(selector.into());
        self
    }

    /// Whether the event bubbles (default `true`).
    pub fn bubbles(mut self, bubbles: bool) -> Self {
        self.bubbles = bubbles;
        self
    }

    /// Whether the event can be canceled (default `true`).
    pub fn cancelable(mut self, cancelable: bool) -> Self {
        self.cancelable = cancelable;
        self
    }

    /// Whether the event crosses shadow roots (default `true`).
    pub fn composed(mut self, composed: bool) -> Self {
        self.composed = composed;
        self
    }

    script_options!();

    /// Encodes the event; an event name no listener could match, or a selector the
    /// browser cannot parse, is an error.
    pub fn encode(&self) -> Result<Event, EncodeError> {
        if let Some(why) = event_name_problem(&self.name) {
            return Err(EncodeError::InvalidEventName {
                name: self.name.to_string(),
                why,
            });
        }
        if let Some(selector) = &self.selector {
            crate::error::check_selector("selector", selector)?;
        }
        let targets = match &self.selector {
            Some(selector) => format!(
                "{DISPATCH_SELECTOR_OPEN}{}{DISPATCH_SELECTOR_CLOSE}",
                script_string(selector)
            ),
            None => DISPATCH_DOCUMENT.to_owned(),
        };
        let script = format!(
            "{DISPATCH_OPEN}{}{}{}{DISPATCH_TARGETS_OPEN}{targets}{DISPATCH_CLOSE}",
            script_string(&self.name),
            dispatch_flags(self.bubbles, self.cancelable, self.composed),
            escape_str(&self.detail, Escape::Script),
        );
        send(script, self.id.as_ref(), self.retry, |script| script)
    }
}

/// A new address for the page (`history.replaceState`): no navigation, no new history
/// entry. Only URLs on the page's own origin: the browser refuses others.
///
/// ```
/// use datastar_core::ReplaceUrl;
///
/// assert!(ReplaceUrl::new("/todos?filter=done").encode().is_ok());
/// assert!(ReplaceUrl::new("https://elsewhere.example/").encode().is_err());
/// ```
#[derive(Clone, Debug)]
pub struct ReplaceUrl<'a> {
    url: Cow<'a, str>,
    id: Option<Cow<'a, str>>,
    retry: Option<Duration>,
}

impl<'a> ReplaceUrl<'a> {
    /// The page's new address, relative to it.
    pub fn new(url: impl Into<Cow<'a, str>>) -> Self {
        ReplaceUrl {
            url: url.into(),
            id: None,
            retry: None,
        }
    }

    script_options!();

    /// Encodes the event; a URL that could leave the page's origin is an error.
    pub fn encode(&self) -> Result<Event, EncodeError> {
        if !is_allowed(&self.url, UrlPolicy::SameOrigin) {
            return Err(EncodeError::UnsafeUrl {
                url: self.url.to_string(),
            });
        }
        let script = format!(
            "{REPLACE_URL_OPEN}{}{REPLACE_URL_CLOSE}",
            script_string(&self.url)
        );
        send(script, self.id.as_ref(), self.retry, |script| script)
    }
}

/// Speculation rules that make the browser prefetch pages the user is likely to visit
/// next. The `<script type="speculationrules">` stays in the page (the rules hold only
/// while it is there).
///
/// ```
/// use datastar_core::Prefetch;
///
/// let event = Prefetch::new(["/todos/1", "/todos/2"]).encode()?;
/// assert!(std::str::from_utf8(event.as_bytes())?.contains(r#""urls":["/todos/1","/todos/2"]"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct Prefetch<'a> {
    urls: Vec<Cow<'a, str>>,
    id: Option<Cow<'a, str>>,
    retry: Option<Duration>,
}

impl<'a> Prefetch<'a> {
    /// Prefetches `urls` (relative, `http` or `https`).
    pub fn new<U: Into<Cow<'a, str>>>(urls: impl IntoIterator<Item = U>) -> Self {
        Prefetch {
            urls: urls.into_iter().map(Into::into).collect(),
            id: None,
            retry: None,
        }
    }

    script_options!();

    /// Encodes the event; a URL with a scheme that is not allowed is an error.
    pub fn encode(&self) -> Result<Event, EncodeError> {
        let mut rules = PREFETCH_OPEN.to_owned();
        for (index, url) in self.urls.iter().enumerate() {
            if !is_allowed(url, UrlPolicy::Navigate) {
                return Err(EncodeError::UnsafeUrl {
                    url: url.to_string(),
                });
            }
            if index > 0 {
                rules.push(',');
            }
            rules.push_str(&script_string(url));
        }
        rules.push_str(PREFETCH_CLOSE);
        send(rules, self.id.as_ref(), self.retry, |script| {
            script
                .auto_remove(false)
                .attribute("type", SPECULATION_RULES_TYPE)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(event: Result<Event, EncodeError>) -> String {
        String::from_utf8(event.unwrap().as_bytes().to_vec()).unwrap()
    }

    #[test]
    fn golden_bytes() {
        assert_eq!(
            text(ConsoleLog::error("</script><b>\n\"x\"").id("7").encode()),
            "event: datastar-patch-elements\nid: 7\ndata: selector body\ndata: mode append\n\
             data: elements <script data-effect=\"el.remove()\">console.error(\"\\u003c/script>\\u003cb>\\n\\\"x\\\"\")</script>\n\n"
        );
        assert_eq!(
            text(
                DispatchEvent::new("saved")
                    .detail(&[1, 2])
                    .unwrap()
                    .selector("#a")
                    .bubbles(false)
                    .encode()
            ),
            "event: datastar-patch-elements\ndata: selector body\ndata: mode append\n\
             data: elements <script data-effect=\"el.remove()\">(() => { const event = new CustomEvent(\"saved\", {bubbles: false, cancelable: true, composed: true, detail: [1,2]}); const targets = document.querySelectorAll(\"#a\"); for (const target of targets) target.dispatchEvent(event); })()</script>\n\n"
        );
        assert_eq!(
            text(ReplaceUrl::new("/a?b=1").encode()),
            "event: datastar-patch-elements\ndata: selector body\ndata: mode append\n\
             data: elements <script data-effect=\"el.remove()\">window.history.replaceState({}, \"\", \"/a?b=1\")</script>\n\n"
        );
        assert_eq!(
            text(Prefetch::new(["/a", "https://cdn.example/b"]).encode()),
            "event: datastar-patch-elements\ndata: selector body\ndata: mode append\n\
             data: elements <script type=\"speculationrules\">{\"prefetch\":[{\"source\":\"list\",\"urls\":[\"/a\",\"https://cdn.example/b\"]}]}</script>\n\n"
        );
    }

    #[test]
    fn refusals() {
        assert!(matches!(
            DispatchEvent::new("Saved").encode(),
            Err(EncodeError::InvalidEventName { .. })
        ));
        assert!(DispatchEvent::new("").encode().is_err());
        assert!(ReplaceUrl::new("//evil.example/").encode().is_err());
        assert!(ReplaceUrl::new("javascript:alert(1)").encode().is_err());
        assert!(Prefetch::new(["javascript:alert(1)"]).encode().is_err());
    }
}
