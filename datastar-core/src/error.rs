//! The one error type of encoding.

use std::fmt;

/// Why an event could not be encoded.
///
/// Encoding never writes a malformed frame: a value that would break the SSE framing or
/// that the Datastar client would reject is refused with one of these instead.
#[derive(Debug)]
#[non_exhaustive]
pub enum EncodeError {
    /// A single-line field (selector, mode, namespace, view-transition selector, event
    /// id) contains `\r` or `\n`, which would end the SSE line early.
    LineBreak {
        /// The field, as named on the wire (`selector`, `id`, …).
        field: &'static str,
    },
    /// A selector the browser's `querySelectorAll` cannot parse: the Datastar client would
    /// throw a `SyntaxError` and drop what it was reading with it.
    InvalidSelector {
        /// The field, as named on the wire (`selector`, `viewTransitionSelector`).
        field: &'static str,
        /// The selector as given.
        selector: String,
        /// What the browser cannot parse, and a selector that would work when there is
        /// one.
        reason: String,
    },
    /// An event id the browser could not send back when it reconnects: anything but
    /// visible ASCII with inner spaces (see [`Event`](crate::Event)).
    InvalidId {
        /// The id as given.
        id: String,
    },
    /// `viewTransitionSelector` was set without `useViewTransition`; the client would
    /// ignore it, so the builder refuses it rather than drop it silently.
    ViewTransitionSelectorWithoutViewTransition,
    /// A script attribute name that is empty or contains whitespace, quotes, `=`, `<`,
    /// `>` or `/`, and so cannot be written as `name="value"`.
    InvalidAttributeName {
        /// The name as given.
        name: String,
    },
    /// A script attribute whose value no escaping makes safe: an event handler, a
    /// Datastar attribute, `style`, … (see `ExecuteScript::attribute`).
    UnsafeAttribute {
        /// The name as given.
        name: String,
        /// What the browser would do with the value.
        reason: &'static str,
    },
    /// A one-shot response's option that is not a valid header value (a control
    /// character, a non-ASCII character, or a space at either end).
    InvalidHeaderValue {
        /// The header.
        header: &'static str,
        /// The value as given.
        value: String,
    },
    /// An option that only means something in an event stream (an event id, a retry
    /// interval, a view-transition selector), given to a one-shot response.
    NotInOneShot {
        /// The option.
        option: &'static str,
    },
    /// A URL that its place does not accept: a redirect to anything but a relative URL or
    /// one of [`url::ALLOWED_SCHEMES`](crate::url::ALLOWED_SCHEMES) (a `javascript:` URL
    /// would run code instead of navigating).
    UnsafeUrl {
        /// The URL as given.
        url: String,
    },
    /// A custom event name no `data-on:` listener could match.
    InvalidEventName {
        /// The name as given.
        name: String,
        /// What is wrong with it.
        why: &'static str,
    },
    /// Signals given as text that is not a JSON object: the client would evaluate it as
    /// JavaScript.
    InvalidSignals,
    /// A value could not be serialized to JSON.
    Json(serde_json::Error),
}

impl fmt::Display for EncodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodeError::LineBreak { field } => write!(
                f,
                "the `{field}` value contains a line break, which would end its SSE data line early"
            ),
            EncodeError::InvalidSelector {
                field,
                selector,
                reason,
            } => write!(
                f,
                "the `{field}` {selector:?} is not a selector the browser can parse: {reason}"
            ),
            EncodeError::InvalidId { id } => write!(
                f,
                "the event id {id:?} cannot be sent back by the browser: ids are visible ASCII, with spaces only inside"
            ),
            EncodeError::ViewTransitionSelectorWithoutViewTransition => f.write_str(
                "a view-transition selector was set without enabling the view transition; \
                 the Datastar client would ignore it",
            ),
            EncodeError::InvalidAttributeName { name } => {
                write!(f, "`{name}` is not a valid HTML attribute name")
            }
            EncodeError::UnsafeAttribute { name, reason } => write!(
                f,
                "refusing a value for the script attribute `{name}`: {reason}; write the code in the script itself"
            ),
            EncodeError::InvalidHeaderValue { header, value } => write!(
                f,
                "refusing {value:?} for the `{header}` header of a one-shot response: header values are visible ASCII, spaces and tabs inside"
            ),
            EncodeError::NotInOneShot { option } => write!(
                f,
                "`{option}` only means something in an event stream; a one-shot response cannot carry it"
            ),
            EncodeError::UnsafeUrl { url } => write!(
                f,
                "refusing the URL `{url}`: only relative URLs and http, https, mailto and tel URLs are accepted (a `javascript:` URL would run code)"
            ),
            EncodeError::InvalidEventName { name, why } => {
                write!(f, "refusing the event name `{name}`: it {why}")
            }
            EncodeError::InvalidSignals => f.write_str(
                "the signals are not a JSON object; the Datastar client would evaluate them as JavaScript",
            ),
            EncodeError::Json(error) => write!(f, "could not serialize signals to JSON: {error}"),
        }
    }
}

impl std::error::Error for EncodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EncodeError::Json(error) => Some(error),
            _ => None,
        }
    }
}

/// `selector` checked as the browser's `querySelectorAll` parses it (line breaks are
/// checked where the field is written).
pub(crate) fn check_selector(field: &'static str, selector: &str) -> Result<(), EncodeError> {
    match datastar_wire::selector::check(selector) {
        Ok(()) => Ok(()),
        Err(error) => Err(EncodeError::InvalidSelector {
            field,
            selector: selector.to_owned(),
            reason: match &error.fix {
                Some(fix) => format!("{error}; `{fix}` means the same and parses"),
                None => error.to_string(),
            },
        }),
    }
}

impl From<serde_json::Error> for EncodeError {
    fn from(error: serde_json::Error) -> Self {
        EncodeError::Json(error)
    }
}
