//! One-shot responses: one patch, one signal patch or one script as a plain `200`
//! response instead of an event stream. The Datastar 1.0.4 client applies such a response
//! by its `content-type` and reads the options from `datastar-*` headers, so a handler
//! that answers once needs no stream at all.
//!
//! ```
//! use datastar_core::prelude::*;
//!
//! let card = html! { "<li id=\"crew-1\">Dave</li>" };
//! let response = PatchElements::new(card)
//!     .selector("#crew")
//!     .mode(Mode::Append)
//!     .one_shot()?
//!     .into_http_response();
//! assert_eq!(response.headers()["content-type"], "text/html; charset=utf-8");
//! assert_eq!(response.headers()["datastar-selector"], "#crew");
//! assert_eq!(response.headers()["datastar-mode"], "append");
//! # Ok::<(), datastar_core::EncodeError>(())
//! ```

use std::borrow::Cow;

use crate::EncodeError;

/// A one-shot Datastar response: `200`, the content type that says what it is, the
/// options as `datastar-*` headers, and the content as the body. Made by
/// [`PatchElements::one_shot`](crate::PatchElements::one_shot),
/// [`PatchSignals::one_shot`](crate::PatchSignals::one_shot) and
/// [`ExecuteScript::one_shot`](crate::ExecuteScript::one_shot); a response on every
/// supported framework.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OneShot {
    content_type: &'static str,
    headers: Vec<(&'static str, String)>,
    body: String,
}

impl OneShot {
    /// A response of `content_type` with `body`; `headers` are checked to be valid header
    /// values (visible ASCII, spaces and tabs inside).
    pub(crate) fn new(
        content_type: &'static str,
        headers: Vec<(&'static str, String)>,
        body: String,
    ) -> Result<OneShot, EncodeError> {
        for (name, value) in &headers {
            if !is_header_value(value) {
                return Err(EncodeError::InvalidHeaderValue {
                    header: name,
                    value: value.clone(),
                });
            }
        }
        Ok(OneShot {
            content_type,
            headers,
            body,
        })
    }

    /// The `content-type`.
    pub fn content_type(&self) -> &'static str {
        self.content_type
    }

    /// The `datastar-*` headers, in order.
    pub fn headers(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.headers
            .iter()
            .map(|(name, value)| (*name, value.as_str()))
    }

    /// The body.
    pub fn body(&self) -> &str {
        &self.body
    }
}

/// The option a one-shot response cannot carry: event ids and retry intervals only mean
/// something in an event stream.
pub(crate) fn refuse_stream_options(
    id: Option<&Cow<'_, str>>,
    retry: Option<std::time::Duration>,
) -> Result<(), EncodeError> {
    match (id, retry) {
        (Some(_), _) => Err(EncodeError::NotInOneShot { option: "id" }),
        (_, Some(_)) => Err(EncodeError::NotInOneShot { option: "retry" }),
        _ => Ok(()),
    }
}

/// What `http::HeaderValue::from_str` accepts: visible ASCII, spaces and tabs, and no
/// space at either end (which the client's `headers.get` would trim).
fn is_header_value(value: &str) -> bool {
    value
        .bytes()
        .all(|byte| byte == b'\t' || (0x20..0x7f).contains(&byte))
        && value.trim() == value
}

/// `value` as a JSON string whose non-ASCII characters are `\uXXXX` escapes, so that it
/// fits in a header.
pub(crate) fn ascii_json(value: &impl serde::Serialize) -> Result<String, EncodeError> {
    let json = serde_json::to_string(value)?;
    let mut ascii = String::with_capacity(json.len());
    for c in json.chars() {
        if c.is_ascii() {
            ascii.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                ascii.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    Ok(ascii)
}

/// The response on `http` 1.x, with the body `body` makes of the text: what axum, warp
/// and `into_http_response` send.
#[cfg(any(feature = "http-body", feature = "warp"))]
impl OneShot {
    fn into_http<B>(self, body: impl FnOnce(String) -> B) -> http::Response<B> {
        let mut response = http::Response::new(body(self.body));
        let headers = response.headers_mut();
        headers.insert(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static(self.content_type),
        );
        for (name, value) in self.headers {
            // Checked by `OneShot::new`.
            if let Ok(value) = http::HeaderValue::from_str(&value) {
                headers.insert(name, value);
            }
        }
        response
    }
}

#[cfg(feature = "axum")]
impl axum::response::IntoResponse for OneShot {
    fn into_response(self) -> axum::response::Response {
        self.into_http(axum::body::Body::from)
    }
}

#[cfg(feature = "actix-web")]
impl actix_web::Responder for OneShot {
    type Body = String;

    fn respond_to(self, _: &actix_web::HttpRequest) -> actix_web::HttpResponse<String> {
        let mut response = actix_web::HttpResponse::Ok();
        response.content_type(self.content_type);
        for (name, value) in self.headers {
            response.insert_header((name, value));
        }
        response
            .message_body(self.body)
            .expect("a String body cannot fail")
    }
}

#[cfg(feature = "rocket")]
impl<'r> rocket::response::Responder<'r, 'static> for OneShot {
    fn respond_to(self, _: &'r rocket::Request<'_>) -> rocket::response::Result<'static> {
        let mut response = rocket::Response::build();
        response.raw_header("content-type", self.content_type);
        for (name, value) in self.headers {
            response.raw_header(name, value);
        }
        let body = self.body;
        response
            .sized_body(body.len(), std::io::Cursor::new(body))
            .ok()
    }
}

#[cfg(feature = "warp")]
impl warp::reply::Reply for OneShot {
    fn into_response(self) -> warp::reply::Response {
        self.into_http(Into::into)
    }
}

#[cfg(feature = "http-body")]
impl OneShot {
    /// The response as an `http::Response` for any server on `http` 1.x.
    pub fn into_http_response(self) -> http::Response<crate::body::FullBody> {
        self.into_http(crate::body::FullBody::new)
    }
}

#[cfg(test)]
mod tests {
    use crate::{EncodeError, ExecuteScript, Mode, Namespace, PatchElements, PatchSignals};

    fn headers(response: &super::OneShot) -> Vec<(&'static str, String)> {
        response
            .headers()
            .map(|(name, value)| (name, value.to_owned()))
            .collect()
    }

    #[test]
    fn patches_carry_their_options_as_headers() {
        let response = PatchElements::new("<circle id=\"c\"></circle>")
            .selector("#drawing")
            .mode(Mode::Inner)
            .namespace(Namespace::Svg)
            .view_transition(true)
            .one_shot()
            .unwrap();
        assert_eq!(response.content_type(), "text/html; charset=utf-8");
        assert_eq!(response.body(), "<circle id=\"c\"></circle>");
        assert_eq!(
            headers(&response),
            [
                ("datastar-selector", "#drawing".to_owned()),
                ("datastar-mode", "inner".to_owned()),
                ("datastar-namespace", "svg".to_owned()),
                ("datastar-use-view-transition", "true".to_owned()),
            ]
        );
        let plain = PatchElements::new("<p id=\"p\"></p>").one_shot().unwrap();
        assert!(headers(&plain).is_empty());
    }

    #[test]
    fn stream_only_options_and_bad_header_values_are_refused() {
        let refused = |result: Result<super::OneShot, EncodeError>| result.unwrap_err().to_string();
        assert!(
            refused(PatchElements::new("<p id=\"p\"></p>").id("1").one_shot()).contains("`id`")
        );
        assert!(
            refused(
                PatchSignals::new("{\"a\":1}")
                    .retry(std::time::Duration::from_secs(2))
                    .one_shot()
            )
            .contains("`retry`")
        );
        assert!(
            refused(
                PatchElements::new("<p></p>")
                    .selector("#p")
                    .view_transition(true)
                    .view_transition_selector("#p")
                    .one_shot()
            )
            .contains("viewTransitionSelector")
        );
        assert!(matches!(
            PatchElements::new("<p></p>").selector("#café").one_shot(),
            Err(EncodeError::InvalidHeaderValue { .. })
        ));
        assert!(matches!(
            PatchElements::new("<p></p>")
                .selector("#a\r\nx: y")
                .one_shot(),
            Err(EncodeError::LineBreak { .. })
        ));
    }

    #[test]
    fn signals_and_scripts() {
        let signals = PatchSignals::new("{\"count\":2}")
            .only_if_missing(true)
            .one_shot()
            .unwrap();
        assert_eq!(signals.content_type(), "application/json");
        assert_eq!(signals.body(), "{\"count\":2}");
        assert_eq!(
            headers(&signals),
            [("datastar-only-if-missing", "true".to_owned())]
        );
        let script = ExecuteScript::new("start()")
            .attribute("data-who", "Dave <é>")
            .attribute("type", "module")
            .one_shot()
            .unwrap();
        assert_eq!(script.content_type(), "text/javascript; charset=utf-8");
        assert_eq!(script.body(), "start()");
        assert_eq!(
            headers(&script),
            [(
                "datastar-script-attributes",
                "{\"data-who\":\"Dave <\\u00e9>\",\"type\":\"module\"}".to_owned()
            )]
        );
        assert!(matches!(
            ExecuteScript::new("x()")
                .attribute("onerror", "evil()")
                .one_shot(),
            Err(EncodeError::UnsafeAttribute { .. })
        ));
        assert!(matches!(
            ExecuteScript::new("x()")
                .attribute("src", "data:text/javascript,evil()")
                .one_shot(),
            Err(EncodeError::UnsafeUrl { .. })
        ));
    }
}
