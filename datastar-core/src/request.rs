//! What a Datastar request carries, read the same way whatever framework serves it: the
//! signals of a Datastar action, and the `Last-Event-ID` of a reconnecting stream. The
//! framework modules (`axum`, …) wrap these in their extractors.

use std::fmt;

use serde::de::DeserializeOwned;

/// The largest request body the signal extractors read unless told otherwise: 1 MiB.
pub const DEFAULT_SIGNALS_BODY_LIMIT: usize = 1024 * 1024;

/// Changes the body size limit of the signal extractors for the routes it is given to,
/// the framework's way: an axum `Extension` layer, actix-web `app_data`, a warp filter
/// argument. (Rocket reads its `limits.datastar` setting instead.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SignalsBodyLimit(pub usize);

/// The signals of a request that came from the Datastar client (`Datastar-Request: true`),
/// `None` for any other request (a plain page load, a form post); a Datastar request with
/// bad signals is still refused, as with `ReadSignals`. In axum, `Option<ReadSignals<T>>`
/// does the same.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OptionalSignals<T>(pub Option<T>);

/// The boxed error of a request body that could not be read.
pub type BodyError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Where a Datastar action's signals are, by request method: the 1.0 client puts them in
/// the `datastar` query parameter for `GET` and `DELETE`, and in a JSON body otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignalsSource {
    /// The `datastar` query parameter (URL-encoded JSON).
    Query,
    /// The request body (JSON).
    Body,
}

impl SignalsSource {
    /// Where a request with this method carries its signals.
    pub fn for_method(method: &str) -> SignalsSource {
        if method.eq_ignore_ascii_case("GET") || method.eq_ignore_ascii_case("DELETE") {
            SignalsSource::Query
        } else {
            SignalsSource::Body
        }
    }

    fn describe(self) -> &'static str {
        match self {
            SignalsSource::Query => "datastar query parameter",
            SignalsSource::Body => "request body",
        }
    }
}

/// Why the signals of a request were refused.
#[derive(Debug)]
#[non_exhaustive]
pub enum SignalsRejection {
    /// The signals are not valid JSON, or do not fit the target type.
    InvalidJson {
        /// Where the signals were read from: `datastar query parameter` or `request body`.
        source: &'static str,
        /// What serde said, with line and column.
        error: serde_json::Error,
    },
    /// There were no signals (no `datastar` parameter, or an empty body) and the target
    /// type cannot be read from `null`; read an `Option<T>` to accept that.
    Missing {
        /// Where the signals were expected.
        source: &'static str,
        /// What serde said about `null`.
        error: serde_json::Error,
    },
    /// The body is larger than the limit.
    BodyTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The body could not be read.
    BodyRead(BodyError),
}

impl SignalsRejection {
    /// The HTTP status to answer with: `413` for a body over the limit, `400` otherwise.
    pub fn status(&self) -> u16 {
        match self {
            SignalsRejection::BodyTooLarge { .. } => 413,
            _ => 400,
        }
    }
}

impl fmt::Display for SignalsRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SignalsRejection::Missing { source, error } => write!(
                f,
                "missing Datastar signals: expected JSON in the {source} ({error})"
            ),
            SignalsRejection::InvalidJson { source, error } => {
                write!(f, "invalid Datastar signals in the {source}: {error}")
            }
            SignalsRejection::BodyTooLarge { limit } => write!(
                f,
                "the request body is larger than the {limit} bytes allowed for Datastar signals"
            ),
            SignalsRejection::BodyRead(error) => {
                write!(f, "could not read the request body: {error}")
            }
        }
    }
}

impl std::error::Error for SignalsRejection {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SignalsRejection::InvalidJson { error, .. }
            | SignalsRejection::Missing { error, .. } => Some(error),
            SignalsRejection::BodyRead(error) => Some(error.as_ref()),
            SignalsRejection::BodyTooLarge { .. } => None,
        }
    }
}

/// The signals in a query string (`GET`, `DELETE`): the `datastar` parameter, URL-decoded,
/// read as JSON; a missing parameter is JSON `null`.
pub fn signals_from_query<T: DeserializeOwned>(query: Option<&str>) -> Result<T, SignalsRejection> {
    let json = query
        .and_then(|query| {
            form_urlencoded::parse(query.as_bytes())
                .find(|(name, _)| name == "datastar")
                .map(|(_, value)| value)
        })
        .unwrap_or_default();
    parse(SignalsSource::Query, json.as_bytes())
}

/// The signals in a request body, read as JSON; an empty body is JSON `null`.
pub fn signals_from_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, SignalsRejection> {
    parse(SignalsSource::Body, body)
}

/// True when a body of the declared `Content-Length` is over `limit`: refuse it before
/// reading anything.
pub fn declared_too_large(content_length: Option<&[u8]>, limit: usize) -> bool {
    content_length
        .and_then(|length| std::str::from_utf8(length).ok()?.trim().parse::<u64>().ok())
        .is_some_and(|length| length > limit as u64)
}

/// True when the `Datastar-Request` header says the 1.0 client sent the request.
pub fn is_datastar_request(header: Option<&[u8]>) -> bool {
    header.is_some_and(|value| value.eq_ignore_ascii_case(b"true"))
}

fn parse<T: DeserializeOwned>(from: SignalsSource, json: &[u8]) -> Result<T, SignalsRejection> {
    let source = from.describe();
    if json.iter().all(u8::is_ascii_whitespace) {
        return serde_json::from_slice(b"null")
            .map_err(|error| SignalsRejection::Missing { source, error });
    }
    serde_json::from_slice(json).map_err(|error| SignalsRejection::InvalidJson { source, error })
}

/// The id of the last event a reconnecting client received: the `Last-Event-ID` header,
/// which the browser's `EventSource` rules (and the Datastar 1.0.4 client, which follows
/// them) send when a stream that had ids reconnects. Resume from it: send what came
/// after this id, instead of the whole state again.
///
/// An empty header is no id (the client sends none after an empty `id:` line).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LastEventId(pub String);

impl LastEventId {
    /// The header's value, if it is a usable id: UTF-8 (browsers send what they got,
    /// which this crate's encoders keep to visible ASCII) and not empty.
    pub fn from_header(value: Option<&[u8]>) -> Option<LastEventId> {
        let text = std::str::from_utf8(value?).ok()?;
        (!text.is_empty()).then(|| LastEventId(text.to_owned()))
    }

    /// The id.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The name of the header that carries [`LastEventId`].
pub const LAST_EVENT_ID_HEADER: &str = "last-event-id";

/// The name of the header the Datastar 1.0 client sends with every request
/// (`Datastar-Request: true`; header names are case-insensitive).
pub const DATASTAR_REQUEST_HEADER: &str = "datastar-request";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_signals_as_the_client_sends_them() {
        let value: serde_json::Value =
            signals_from_query(Some("a=1&datastar=%7B%22x%22%3A1%7D")).unwrap();
        assert_eq!(value["x"], 1);
        let missing: Option<u32> = signals_from_query(None).unwrap();
        assert_eq!(missing, None);
        let error = signals_from_body::<u32>(b"{").unwrap_err();
        assert_eq!(error.status(), 400);
        assert!(
            error
                .to_string()
                .starts_with("invalid Datastar signals in the request body")
        );
        assert!(matches!(
            signals_from_body::<u32>(b" "),
            Err(SignalsRejection::Missing { .. })
        ));
        assert_eq!(SignalsSource::for_method("delete"), SignalsSource::Query);
        assert_eq!(SignalsSource::for_method("PATCH"), SignalsSource::Body);
        assert!(declared_too_large(Some(b"11"), 10));
        assert!(!declared_too_large(Some(b"x"), 10));
        assert!(is_datastar_request(Some(b"TRUE")));
        assert!(!is_datastar_request(None));
    }

    #[test]
    fn last_event_id_needs_a_value() {
        assert_eq!(
            LastEventId::from_header(Some(b"42")),
            Some(LastEventId("42".to_owned()))
        );
        assert_eq!(LastEventId::from_header(Some(b"")), None);
        assert_eq!(LastEventId::from_header(None), None);
        assert_eq!(LastEventId::from_header(Some(&[0xff])), None);
    }
}
