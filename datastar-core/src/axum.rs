//! axum integration: event streams as responses, and the `ReadSignals` and `LastEventId`
//! extractors.

use axum::body::Body;
use axum::extract::{
    FromRequest, FromRequestParts, OptionalFromRequest, OptionalFromRequestParts, Request,
};
use axum::response::{IntoResponse, Response};
use futures_core::Stream;
use http::request::Parts;
use http::{HeaderValue, StatusCode, header};
use serde::de::DeserializeOwned;

use crate::request::{
    DATASTAR_REQUEST_HEADER, LAST_EVENT_ID_HEADER, SignalsSource, declared_too_large,
    is_datastar_request, signals_from_body, signals_from_query,
};
use crate::{Event, EventStream};

impl<S> IntoResponse for EventStream<S>
where
    S: Stream<Item = Event> + Send + 'static,
{
    fn into_response(self) -> Response {
        let compress = self.compression_allowed();
        let mut response = self.into_http_response().map(Body::new);
        if !compress {
            crate::stream::mark_uncompressed(&mut response);
        }
        response
    }
}

pub use crate::request::{
    DEFAULT_SIGNALS_BODY_LIMIT, LastEventId, OptionalSignals, SignalsBodyLimit, SignalsRejection,
};

/// Extracts the signals a Datastar action sent, deserialized into `T`.
///
/// * `GET` and `DELETE`: from the `datastar` query parameter (URL-encoded JSON), as the
///   1.0 client sends them.
/// * Every other method (`POST`, `PUT`, `PATCH`, `QUERY`, …): from the JSON body, read up
///   to 1 MiB ([`SignalsBodyLimit`] changes it); a larger body is refused with
///   `413 Payload Too Large`.
/// * Invalid JSON, or JSON that does not fit `T`, is refused with `400 Bad Request`
///   whose body says what was wrong and where.
/// * A missing `datastar` parameter (or an empty body) is read as JSON `null`: fine for
///   `ReadSignals<Option<T>>` (gives `None`), a `400` naming the parameter otherwise.
///
/// As `Option<ReadSignals<T>>` the extractor returns `None` for requests without the
/// `Datastar-Request: true` header (a plain page load or form post), and otherwise
/// behaves as above, errors included.
///
/// ```
/// use axum::{Router, routing::post};
/// use datastar_core::prelude::*;
/// use serde::Deserialize;
///
/// #[derive(Deserialize)]
/// struct Quiz { response: String }
///
/// async fn answer(ReadSignals(quiz): ReadSignals<Quiz>) -> impl IntoResponse {
///     let verdict = if quiz.response.trim().eq_ignore_ascii_case("paris") { "Correct" } else { "Wrong" };
///     datastar! {
///         elements "<div id=\"verdict\">" (verdict) "</div>";
///     }
/// }
///
/// let app: Router = Router::new().route("/answer", post(answer));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadSignals<T>(pub T);

impl IntoResponse for SignalsRejection {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status()).unwrap_or(StatusCode::BAD_REQUEST);
        (status, self.to_string()).into_response()
    }
}

impl<T, S> FromRequest<S> for ReadSignals<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = SignalsRejection;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Self::Rejection> {
        if SignalsSource::for_method(request.method().as_str()) == SignalsSource::Query {
            return signals_from_query(request.uri().query()).map(ReadSignals);
        }
        let limit = request
            .extensions()
            .get::<SignalsBodyLimit>()
            .map_or(DEFAULT_SIGNALS_BODY_LIMIT, |limit| limit.0);
        let declared = request.headers().get(header::CONTENT_LENGTH);
        if declared_too_large(declared.map(HeaderValue::as_bytes), limit) {
            return Err(SignalsRejection::BodyTooLarge { limit });
        }
        let body = axum::body::to_bytes(request.into_body(), limit)
            .await
            .map_err(|error| {
                let too_large = std::error::Error::source(&error)
                    .is_some_and(|source| source.is::<http_body_util::LengthLimitError>());
                if too_large {
                    SignalsRejection::BodyTooLarge { limit }
                } else {
                    SignalsRejection::BodyRead(Box::new(error))
                }
            })?;
        signals_from_body(&body).map(ReadSignals)
    }
}

impl<T, S> OptionalFromRequest<S> for ReadSignals<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = SignalsRejection;

    async fn from_request(request: Request, state: &S) -> Result<Option<Self>, Self::Rejection> {
        let header = request.headers().get(DATASTAR_REQUEST_HEADER);
        if !is_datastar_request(header.map(HeaderValue::as_bytes)) {
            return Ok(None);
        }
        <Self as FromRequest<S>>::from_request(request, state)
            .await
            .map(Some)
    }
}

impl<T, S> FromRequest<S> for OptionalSignals<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = SignalsRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let signals =
            <ReadSignals<T> as OptionalFromRequest<S>>::from_request(request, state).await?;
        Ok(OptionalSignals(signals.map(|ReadSignals(signals)| signals)))
    }
}

/// `Option<LastEventId>` reads the `Last-Event-ID` header of a reconnecting stream
/// (`None` on a first connection); `LastEventId` alone refuses a request without one
/// with `400`.
///
/// ```
/// use axum::{Router, routing::get};
/// use datastar_core::prelude::*;
///
/// async fn feed(last: Option<LastEventId>) -> impl IntoResponse {
///     // Resume after the last message the client saw, or start from the beginning.
///     let after: u64 = last.and_then(|id| id.as_str().parse().ok()).unwrap_or(0);
///     datastar! {
///         for n in after + 1..=after + 3 {
///             elements "<li id=\"m-" (n) "\">" (n) "</li>", selector = "#feed", mode = append,
///                 id = (n.to_string());
///         }
///     }
/// }
///
/// let app: Router = Router::new().route("/feed", get(feed));
/// ```
impl<S: Send + Sync> FromRequestParts<S> for LastEventId {
    type Rejection = (StatusCode, &'static str);

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let header = parts.headers.get(LAST_EVENT_ID_HEADER);
        LastEventId::from_header(header.map(HeaderValue::as_bytes))
            .ok_or((StatusCode::BAD_REQUEST, "no Last-Event-ID header"))
    }
}

impl<S: Send + Sync> OptionalFromRequestParts<S> for LastEventId {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Option<Self>, Self::Rejection> {
        let header = parts.headers.get(LAST_EVENT_ID_HEADER);
        Ok(LastEventId::from_header(header.map(HeaderValue::as_bytes)))
    }
}
