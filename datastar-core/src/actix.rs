//! actix-web 4: [`EventStream`] is a `Responder`; [`ReadSignals`], [`OptionalSignals`] and
//! [`LastEventId`] are extractors, with the same behaviour as the axum ones.
//!
//! With a `compression` feature, `App::new().app_data(Compression::default())` compresses
//! every event stream the app sends (see the `compression` module).
//!
//! ```
//! use actix_web::{App, web};
//! use datastar_core::actix::ReadSignals;
//! use datastar_core::prelude::*;
//! use serde::Deserialize;
//!
//! #[derive(Deserialize)]
//! struct Quiz { response: String }
//!
//! async fn answer(ReadSignals(quiz): ReadSignals<Quiz>) -> impl actix_web::Responder {
//!     let verdict = if quiz.response.trim().eq_ignore_ascii_case("paris") { "Correct" } else { "Wrong" };
//!     datastar! {
//!         elements "<div id=\"verdict\">" (verdict) "</div>";
//!     }
//! }
//!
//! let app = App::new().route("/answer", web::post().to(answer));
//! ```

use std::future::{Future, Ready, ready};
use std::pin::Pin;

use actix_web::body::BoxBody;
use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::http::header::{CONTENT_LENGTH, HeaderName, HeaderValue};
use actix_web::{FromRequest, HttpRequest, HttpResponse, Responder, ResponseError};
use futures_core::Stream;
use futures_util::StreamExt;
use serde::de::DeserializeOwned;

use crate::frames::{RESPONSE_HEADERS, ResponseCoding};
use crate::request::{
    DATASTAR_REQUEST_HEADER, LAST_EVENT_ID_HEADER, SignalsSource, declared_too_large,
    is_datastar_request, signals_from_body, signals_from_query,
};
pub use crate::request::{
    DEFAULT_SIGNALS_BODY_LIMIT, LastEventId, OptionalSignals, SignalsBodyLimit, SignalsRejection,
};
use crate::{Event, EventStream};

impl<S> Responder for EventStream<S>
where
    S: Stream<Item = Event> + 'static,
{
    type Body = BoxBody;

    fn respond_to(self, request: &HttpRequest) -> HttpResponse {
        let coding = coding(&self, request);
        let mut response = HttpResponse::Ok();
        for (name, value) in RESPONSE_HEADERS.into_iter().chain(coding.headers()) {
            response.insert_header((
                HeaderName::from_static(name),
                HeaderValue::from_static(value),
            ));
        }
        // A streaming body: actix-web writes each chunk as it comes, chunked.
        response.streaming(coding.frames(self))
    }
}

/// Compressed when the app has [`Compression`](crate::compression::Compression) settings
/// as app data (`App::new().app_data(Compression::default())`) and the client accepts a
/// coding.
#[allow(unused_variables)] // without a codec compiled in, always identity
fn coding<S>(stream: &EventStream<S>, request: &HttpRequest) -> ResponseCoding {
    #[cfg(any_codec)]
    {
        use crate::compression::Compression;
        let settings = request.app_data::<Compression>().or_else(|| {
            request
                .app_data::<actix_web::web::Data<Compression>>()
                .map(|data| data.get_ref())
        });
        if let Some(settings) = settings {
            let accept = request.headers().get_all("accept-encoding");
            return ResponseCoding::negotiate(stream, settings, accept.map(HeaderValue::as_bytes));
        }
    }
    ResponseCoding::default()
}

impl ResponseError for SignalsRejection {
    fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status()).unwrap_or(StatusCode::BAD_REQUEST)
    }

    fn error_response(&self) -> HttpResponse {
        HttpResponse::build(self.status_code())
            .content_type("text/plain; charset=utf-8")
            .body(self.to_string())
    }
}

/// Extracts the signals a Datastar action sent, deserialized into `T`: `GET` and `DELETE`
/// from the `datastar` query parameter, other methods from the JSON body (up to 1 MiB;
/// `app_data(SignalsBodyLimit(n))` on the app, a scope or a resource changes it; `413`
/// above it); `400` with the reason for JSON that is invalid or does not fit `T`; no
/// signals read as JSON `null` (use `ReadSignals<Option<T>>` to accept that). For
/// requests that may not come from the Datastar client, extract [`OptionalSignals`]
/// (actix-web's own `Option<E>` would turn a bad request into `None`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadSignals<T>(pub T);

type Extracted<T> = Pin<Box<dyn Future<Output = Result<T, SignalsRejection>>>>;

impl<T: DeserializeOwned + 'static> FromRequest for ReadSignals<T> {
    type Error = SignalsRejection;
    type Future = Extracted<Self>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let signals = read_signals::<T>(request, payload);
        Box::pin(async move { signals.await.map(ReadSignals) })
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for OptionalSignals<T> {
    type Error = SignalsRejection;
    type Future = Extracted<Self>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let header = request.headers().get(DATASTAR_REQUEST_HEADER);
        if !is_datastar_request(header.map(HeaderValue::as_bytes)) {
            return Box::pin(ready(Ok(OptionalSignals(None))));
        }
        let signals = read_signals::<T>(request, payload);
        Box::pin(async move { signals.await.map(|signals| OptionalSignals(Some(signals))) })
    }
}

fn read_signals<T: DeserializeOwned + 'static>(
    request: &HttpRequest,
    payload: &mut Payload,
) -> Extracted<T> {
    if SignalsSource::for_method(request.method().as_str()) == SignalsSource::Query {
        return Box::pin(ready(signals_from_query(Some(request.query_string()))));
    }
    let limit = request
        .app_data::<SignalsBodyLimit>()
        .map_or(DEFAULT_SIGNALS_BODY_LIMIT, |limit| limit.0);
    let declared = request.headers().get(CONTENT_LENGTH);
    if declared_too_large(declared.map(HeaderValue::as_bytes), limit) {
        return Box::pin(ready(Err(SignalsRejection::BodyTooLarge { limit })));
    }
    let mut payload = payload.take();
    Box::pin(async move {
        let mut body = Vec::new();
        while let Some(chunk) = payload.next().await {
            let chunk =
                chunk.map_err(|error| SignalsRejection::BodyRead(error.to_string().into()))?;
            if body.len() + chunk.len() > limit {
                return Err(SignalsRejection::BodyTooLarge { limit });
            }
            body.extend_from_slice(&chunk);
        }
        signals_from_body(&body)
    })
}

/// The missing `Last-Event-ID` header of a first connection. Extract
/// `Option<LastEventId>` to get `None` instead.
#[derive(Debug)]
pub struct NoLastEventId;

impl std::fmt::Display for NoLastEventId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("no Last-Event-ID header")
    }
}

impl ResponseError for NoLastEventId {
    fn status_code(&self) -> StatusCode {
        StatusCode::BAD_REQUEST
    }
}

impl FromRequest for LastEventId {
    type Error = NoLastEventId;
    type Future = Ready<Result<Self, NoLastEventId>>;

    fn from_request(request: &HttpRequest, _: &mut Payload) -> Self::Future {
        let header = request.headers().get(LAST_EVENT_ID_HEADER);
        ready(LastEventId::from_header(header.map(HeaderValue::as_bytes)).ok_or(NoLastEventId))
    }
}
