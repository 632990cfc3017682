//! Scripts and redirects: sugar over `datastar-patch-elements` that appends a `<script>`
//! to `<body>` (as the Datastar 1.0 SDKs do).

/// Everything between the event head and the script's attributes.
pub const SCRIPT_OPEN: &str = "data: selector body\ndata: mode append\ndata: elements <script";
/// The end of [`SCRIPT_OPEN`]: the start tag's opening, the tag's name.
pub const SCRIPT_TAG: &str = "<script";
/// [`SCRIPT_OPEN`] up to the start tag: where the script goes, and the data line.
pub const SCRIPT_PATCH: &str = SCRIPT_OPEN.split_at(SCRIPT_OPEN.len() - SCRIPT_TAG.len()).0;
/// Makes the client remove the tag once the script has run; on by default.
pub const AUTO_REMOVE: &str = " data-effect=\"el.remove()\"";
/// The attribute `AUTO_REMOVE` writes, which a script may not also be given.
pub const AUTO_REMOVE_ATTRIBUTE: &str = "data-effect";
/// Ends the script element and the event.
pub const SCRIPT_CLOSE: &str = "</script>\n\n";

/// The redirect script up to its URL. The `setTimeout` makes Firefox push a history
/// entry instead of replacing the current one (datastar#529).
pub const REDIRECT_OPEN: &str = "setTimeout(() => window.location.href = ";
/// The redirect script after its URL (a JSON string, `<` escaped).
pub const REDIRECT_CLOSE: &str = ")";

/// The console methods `console_log` and `console_error` call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConsoleMethod {
    /// `console.log`.
    Log,
    /// `console.error`.
    Error,
}

impl ConsoleMethod {
    /// The script up to the message (a JSON string, `<` escaped).
    pub const fn open(self) -> &'static str {
        match self {
            ConsoleMethod::Log => "console.log(",
            ConsoleMethod::Error => "console.error(",
        }
    }
}

/// The console script after the message.
pub const CONSOLE_CLOSE: &str = ")";

/// The URL-replacing script up to its URL (a JSON string, `<` escaped): the page's
/// address changes, with no navigation and no new history entry.
pub const REPLACE_URL_OPEN: &str = "window.history.replaceState({}, \"\", ";
/// The URL-replacing script after its URL.
pub const REPLACE_URL_CLOSE: &str = ")";

/// The event-dispatching script up to the event's name (a JSON string).
pub const DISPATCH_OPEN: &str = "(() => { const event = new CustomEvent(";

/// The event-dispatching script after the name, up to the event's `detail`: the three
/// flags.
pub fn dispatch_flags(bubbles: bool, cancelable: bool, composed: bool) -> String {
    format!(", {{bubbles: {bubbles}, cancelable: {cancelable}, composed: {composed}, detail: ")
}

/// The event-dispatching script after the `detail` up to the targets: the elements the
/// selector matches, or `document` when there is none.
pub const DISPATCH_TARGETS_OPEN: &str = "}); const targets = ";
/// The targets when no selector is given.
pub const DISPATCH_DOCUMENT: &str = "[document]";
/// Around a selector (a JSON string): every element it matches.
pub const DISPATCH_SELECTOR_OPEN: &str = "document.querySelectorAll(";
/// After the selector.
pub const DISPATCH_SELECTOR_CLOSE: &str = ")";
/// The end of the event-dispatching script.
pub const DISPATCH_CLOSE: &str =
    "; for (const target of targets) target.dispatchEvent(event); })()";

/// The `type` of the script element that holds speculation rules.
pub const SPECULATION_RULES_TYPE: &str = "speculationrules";
/// The speculation rules up to the first URL: prefetch this list.
pub const PREFETCH_OPEN: &str = "{\"prefetch\":[{\"source\":\"list\",\"urls\":[";
/// The speculation rules after the last URL.
pub const PREFETCH_CLOSE: &str = "]}]}";

/// Why an event name cannot be dispatched to a Datastar listener, if it cannot: it is
/// empty, holds whitespace or a control character, or an uppercase letter, which a
/// `data-on:NAME` attribute never matches (the HTML parser lowercases attribute names).
pub fn event_name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        Some("is empty")
    } else if name.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Some("holds whitespace or a control character")
    } else if name.chars().any(char::is_uppercase) {
        Some(
            "has uppercase letters, which a `data-on:` listener never matches: the HTML parser lowercases attribute names",
        )
    } else {
        None
    }
}
