//! warp 0.4: [`EventStream`] is a `Reply`; the signals and `Last-Event-ID` are read by
//! filters, with the same behaviour as the axum extractors, and [`recover`] answers their
//! rejections with the same `400`/`413` texts.
//!
//! With a `compression` feature, `compressed(Compression::default(), routes)`
//! compresses every event stream the routes send (see the `compression` module).
//!
//! ```
//! use datastar_core::prelude::*;
//! use serde::Deserialize;
//! use warp::Filter;
//!
//! #[derive(Deserialize)]
//! struct Quiz { response: String }
//!
//! let answer = warp::path("answer")
//!     .and(warp::post())
//!     .and(datastar_core::warp::read_signals::<Quiz>())
//!     .map(|quiz: Quiz| {
//!         let verdict = if quiz.response.trim().eq_ignore_ascii_case("paris") { "Correct" } else { "Wrong" };
//!         datastar! {
//!             elements "<div id=\"verdict\">" (verdict) "</div>";
//!         }
//!     })
//!     .recover(datastar_core::warp::recover);
//! ```

use std::convert::Infallible;

use bytes::Buf;
use futures_core::Stream;
use serde::de::DeserializeOwned;
use sync_wrapper::SyncStream;
use warp::http::header::{CONTENT_LENGTH, HeaderMap, HeaderValue};
use warp::http::{Method, StatusCode};
use warp::reject::{Reject, Rejection};
use warp::{Filter, Reply};

#[cfg(any_codec)]
mod compression;
#[cfg(any_codec)]
pub use compression::compressed;

use crate::request::{
    DATASTAR_REQUEST_HEADER, LAST_EVENT_ID_HEADER, SignalsSource, declared_too_large,
    is_datastar_request, signals_from_body, signals_from_query,
};
pub use crate::request::{DEFAULT_SIGNALS_BODY_LIMIT, LastEventId, SignalsRejection};
use crate::{Event, EventStream};

impl<S> Reply for EventStream<S>
where
    S: Stream<Item = Event> + Send + 'static,
{
    fn into_response(self) -> warp::reply::Response {
        #[cfg(any_codec)]
        let compression_allowed = self.compression_allowed();
        // warp's streaming reply wants a `Sync` stream; the wrapper only ever gives
        // `&mut` access, so any `Send` stream is fine.
        let frames = SyncStream::new(self.into_frames().ok::<Infallible>());
        let mut response = warp::reply::stream(frames).into_response();
        crate::frames::insert_response_headers(response.headers_mut());
        // Tells `compressed` to leave this stream alone.
        #[cfg(any_codec)]
        if !compression_allowed {
            response
                .extensions_mut()
                .insert(crate::compression::NoCompression);
        }
        response
    }
}

impl Reject for SignalsRejection {}

/// The signals a Datastar action sent, deserialized into `T`: `GET` and `DELETE` from
/// the `datastar` query parameter, other methods from the JSON body (up to 1 MiB);
/// rejected with a [`SignalsRejection`] that [`recover`] answers with `400` or `413`.
pub fn read_signals<T>() -> impl Filter<Extract = (T,), Error = Rejection> + Clone
where
    T: DeserializeOwned + Send + 'static,
{
    read_signals_with_limit(DEFAULT_SIGNALS_BODY_LIMIT)
}

/// [`read_signals`] with another body size limit, per route.
pub fn read_signals_with_limit<T>(
    limit: usize,
) -> impl Filter<Extract = (T,), Error = Rejection> + Clone
where
    T: DeserializeOwned + Send + 'static,
{
    request_parts().and(warp::body::stream()).and_then(
        move |method, query, headers, body| async move {
            read(method, query, &headers, body, limit)
                .await
                .map_err(warp::reject::custom)
        },
    )
}

/// The signals of a request from the Datastar client (`Datastar-Request: true`), `None`
/// for any other request; bad signals are still rejected.
pub fn optional_signals<T>() -> impl Filter<Extract = (Option<T>,), Error = Rejection> + Clone
where
    T: DeserializeOwned + Send + 'static,
{
    request_parts().and(warp::body::stream()).and_then(
        |method, query, headers: HeaderMap, body| async move {
            let header = headers.get(DATASTAR_REQUEST_HEADER);
            if !is_datastar_request(header.map(HeaderValue::as_bytes)) {
                return Ok(None);
            }
            read(method, query, &headers, body, DEFAULT_SIGNALS_BODY_LIMIT)
                .await
                .map(Some)
                .map_err(warp::reject::custom)
        },
    )
}

/// The `Last-Event-ID` of a reconnecting stream, `None` on a first connection.
pub fn last_event_id() -> impl Filter<Extract = (Option<LastEventId>,), Error = Infallible> + Clone
{
    warp::header::headers_cloned().map(|headers: HeaderMap| {
        let header = headers.get(LAST_EVENT_ID_HEADER);
        LastEventId::from_header(header.map(HeaderValue::as_bytes))
    })
}

/// Answers a [`SignalsRejection`] with its status and text, as the other frameworks do;
/// passes any other rejection on. Use it with `Filter::recover`.
pub async fn recover(rejection: Rejection) -> Result<warp::reply::Response, Rejection> {
    let Some(refusal) = rejection.find::<SignalsRejection>() else {
        return Err(rejection);
    };
    let status = StatusCode::from_u16(refusal.status()).unwrap_or(StatusCode::BAD_REQUEST);
    Ok(warp::reply::with_status(refusal.to_string(), status).into_response())
}

/// The method, the raw query (empty when there is none) and the headers.
fn request_parts() -> impl Filter<Extract = (Method, String, HeaderMap), Error = Infallible> + Clone
{
    let query = warp::query::raw().or(warp::any().map(String::new)).unify();
    warp::method()
        .and(query)
        .and(warp::header::headers_cloned())
}

async fn read<T, B>(
    method: Method,
    query: String,
    headers: &HeaderMap,
    body: impl Stream<Item = Result<B, warp::Error>>,
    limit: usize,
) -> Result<T, SignalsRejection>
where
    T: DeserializeOwned,
    B: Buf,
{
    if SignalsSource::for_method(method.as_str()) == SignalsSource::Query {
        return signals_from_query(Some(&query));
    }
    let declared = headers.get(CONTENT_LENGTH);
    if declared_too_large(declared.map(HeaderValue::as_bytes), limit) {
        return Err(SignalsRejection::BodyTooLarge { limit });
    }
    let mut body = std::pin::pin!(body);
    let mut bytes = Vec::new();
    while let Some(chunk) = std::future::poll_fn(|cx| body.as_mut().poll_next(cx)).await {
        let mut chunk = chunk.map_err(|error| SignalsRejection::BodyRead(Box::new(error)))?;
        if bytes.len() + chunk.remaining() > limit {
            return Err(SignalsRejection::BodyTooLarge { limit });
        }
        while chunk.has_remaining() {
            let part = chunk.chunk();
            bytes.extend_from_slice(part);
            let read = part.len();
            chunk.advance(read);
        }
    }
    signals_from_body(&bytes)
}
