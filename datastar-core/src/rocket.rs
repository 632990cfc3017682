//! Rocket 0.5: [`EventStream`] is a `Responder`; [`ReadSignals`] and [`OptionalSignals`]
//! are data guards (`POST`, `PUT`, `PATCH`: the JSON body) and request guards (`GET`,
//! `DELETE`: the `datastar` query parameter); `Option<LastEventId>` is a request guard.
//!
//! Refusals answer `400` (bad JSON, with the reason and where) or `413` (a body over the
//! `limits.datastar` setting, 1 MiB by default). Rocket renders error statuses with its
//! catchers; register [`catchers`] to answer with the same text as the other frameworks:
//!
//! With a `compression` feature, `rocket::build().manage(Compression::default())`
//! compresses every event stream the app sends (see the `compression` module).
//!
//! ```
//! use datastar_core::prelude::*;
//! use datastar_core::rocket::ReadSignals;
//! use rocket::{Build, Rocket, Route, routes};
//! use serde::Deserialize;
//!
//! #[derive(Deserialize)]
//! struct Quiz { response: String }
//!
//! #[rocket::post("/answer", data = "<quiz>")]
//! fn answer(quiz: ReadSignals<Quiz>) -> EventStream<impl Stream<Item = Event>> {
//!     let verdict = if quiz.0.response.trim().eq_ignore_ascii_case("paris") { "Correct" } else { "Wrong" };
//!     datastar! {
//!         elements "<div id=\"verdict\">" (verdict) "</div>";
//!     }
//! }
//!
//! fn app() -> Rocket<Build> {
//!     rocket::build()
//!         .mount("/", routes![answer])
//!         .register("/", datastar_core::rocket::catchers())
//! }
//! ```

use std::io::Cursor;

use bytes::Bytes;
use futures_core::Stream;
use rocket::data::{ByteUnit, Data, FromData};
use rocket::futures::StreamExt;
use rocket::http::{ContentType, Status};
use rocket::request::{FromRequest, Request};
use rocket::response::stream::ReaderStream;
use rocket::response::{self, Responder, Response};
use rocket::{Catcher, catcher};
use serde::de::DeserializeOwned;

use crate::frames::{RESPONSE_HEADERS, ResponseCoding};
use crate::request::{
    DATASTAR_REQUEST_HEADER, LAST_EVENT_ID_HEADER, SignalsSource, is_datastar_request,
    signals_from_body, signals_from_query,
};
pub use crate::request::{
    DEFAULT_SIGNALS_BODY_LIMIT, LastEventId, OptionalSignals, SignalsRejection,
};
use crate::{Event, EventStream};

impl<'r, S> Responder<'r, 'static> for EventStream<S>
where
    S: Stream<Item = Event> + Send + 'static,
{
    fn respond_to(self, request: &'r Request<'_>) -> response::Result<'static> {
        let coding = coding(&self, request);
        let mut response = Response::build();
        for (name, value) in RESPONSE_HEADERS.into_iter().chain(coding.headers()) {
            response.raw_header(name, value);
        }
        // One read per event: Rocket writes each as it comes. A codec error ends the
        // body (the encoder cannot go on); it is logged.
        let body = ReaderStream::from(coding.frames(self).map(|chunk| {
            Cursor::new(chunk.unwrap_or_else(|error| {
                tracing::error!(%error, "compressing an event stream failed; ending it");
                Bytes::new()
            }))
        }));
        response.streamed_body(body).ok()
    }
}

/// Compressed when the app manages [`Compression`](crate::compression::Compression)
/// settings (`rocket::build().manage(Compression::default())`) and the client accepts a
/// coding.
#[allow(unused_variables)] // without a codec compiled in, always identity
fn coding<S>(stream: &EventStream<S>, request: &Request<'_>) -> ResponseCoding {
    #[cfg(any_codec)]
    if let Some(settings) = request.rocket().state::<crate::compression::Compression>() {
        let accept = request.headers().get("accept-encoding");
        return ResponseCoding::negotiate(stream, settings, accept.map(str::as_bytes));
    }
    ResponseCoding::default()
}

/// The signals a Datastar action sent, deserialized into `T`; see the module docs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadSignals<T>(pub T);

/// The text of the last refusal, for [`catchers`].
struct Refusal(String);

/// `Outcome::Error` for `rejection`, its text kept for [`catchers`].
fn refuse(request: &Request<'_>, rejection: SignalsRejection) -> (Status, SignalsRejection) {
    let status = Status::new(rejection.status());
    request.local_cache(|| Refusal(rejection.to_string()));
    (status, rejection)
}

fn signals_in_query<T: DeserializeOwned>(
    request: &Request<'_>,
) -> rocket::request::Outcome<T, SignalsRejection> {
    if SignalsSource::for_method(request.method().as_str()) == SignalsSource::Body {
        // The body is read by the data guard; a request guard never sees it.
        tracing::error!(
            "ReadSignals on a route with a body must be its data guard (`data = \"<signals>\"`)"
        );
        return rocket::outcome::Outcome::Forward(Status::InternalServerError);
    }
    match signals_from_query(request.uri().query().map(|query| query.as_str())) {
        Ok(signals) => rocket::outcome::Outcome::Success(signals),
        Err(rejection) => rocket::outcome::Outcome::Error(refuse(request, rejection)),
    }
}

async fn signals_in_body<'r, T: DeserializeOwned>(
    request: &'r Request<'_>,
    data: Data<'r>,
) -> rocket::data::Outcome<'r, T, SignalsRejection> {
    if SignalsSource::for_method(request.method().as_str()) == SignalsSource::Query {
        return match signals_from_query(request.uri().query().map(|query| query.as_str())) {
            Ok(signals) => rocket::outcome::Outcome::Success(signals),
            Err(rejection) => rocket::outcome::Outcome::Error(refuse(request, rejection)),
        };
    }
    let limit = request
        .limits()
        .get("datastar")
        .unwrap_or(ByteUnit::Byte(DEFAULT_SIGNALS_BODY_LIMIT as u64));
    let body = match data.open(limit).into_bytes().await {
        Ok(body) if body.is_complete() => body.into_inner(),
        Ok(_) => {
            let limit = usize::try_from(limit.as_u64()).unwrap_or(usize::MAX);
            let rejection = SignalsRejection::BodyTooLarge { limit };
            return rocket::outcome::Outcome::Error(refuse(request, rejection));
        }
        Err(error) => {
            let rejection = SignalsRejection::BodyRead(Box::new(error));
            return rocket::outcome::Outcome::Error(refuse(request, rejection));
        }
    };
    match signals_from_body(&body) {
        Ok(signals) => rocket::outcome::Outcome::Success(signals),
        Err(rejection) => rocket::outcome::Outcome::Error(refuse(request, rejection)),
    }
}

fn from_datastar(request: &Request<'_>) -> bool {
    is_datastar_request(
        request
            .headers()
            .get_one(DATASTAR_REQUEST_HEADER)
            .map(str::as_bytes),
    )
}

#[rocket::async_trait]
impl<'r, T: DeserializeOwned> FromRequest<'r> for ReadSignals<T> {
    type Error = SignalsRejection;

    async fn from_request(request: &'r Request<'_>) -> rocket::request::Outcome<Self, Self::Error> {
        signals_in_query(request).map(ReadSignals)
    }
}

#[rocket::async_trait]
impl<'r, T: DeserializeOwned> FromData<'r> for ReadSignals<T> {
    type Error = SignalsRejection;

    async fn from_data(
        request: &'r Request<'_>,
        data: Data<'r>,
    ) -> rocket::data::Outcome<'r, Self> {
        signals_in_body(request, data).await.map(ReadSignals)
    }
}

#[rocket::async_trait]
impl<'r, T: DeserializeOwned> FromRequest<'r> for OptionalSignals<T> {
    type Error = SignalsRejection;

    async fn from_request(request: &'r Request<'_>) -> rocket::request::Outcome<Self, Self::Error> {
        if !from_datastar(request) {
            return rocket::outcome::Outcome::Success(OptionalSignals(None));
        }
        signals_in_query(request).map(|signals| OptionalSignals(Some(signals)))
    }
}

#[rocket::async_trait]
impl<'r, T: DeserializeOwned> FromData<'r> for OptionalSignals<T> {
    type Error = SignalsRejection;

    async fn from_data(
        request: &'r Request<'_>,
        data: Data<'r>,
    ) -> rocket::data::Outcome<'r, Self> {
        if !from_datastar(request) {
            return rocket::outcome::Outcome::Success(OptionalSignals(None));
        }
        signals_in_body(request, data)
            .await
            .map(|signals| OptionalSignals(Some(signals)))
    }
}

#[rocket::async_trait]
impl<'r> FromRequest<'r> for LastEventId {
    type Error = &'static str;

    async fn from_request(request: &'r Request<'_>) -> rocket::request::Outcome<Self, Self::Error> {
        let header = request.headers().get_one(LAST_EVENT_ID_HEADER);
        match LastEventId::from_header(header.map(str::as_bytes)) {
            Some(id) => rocket::outcome::Outcome::Success(id),
            None => {
                rocket::outcome::Outcome::Error((Status::BadRequest, "no Last-Event-ID header"))
            }
        }
    }
}

/// Catchers for `400` and `413` that answer a refusal of [`ReadSignals`] or
/// [`OptionalSignals`] with its text (what was wrong and where), as the other frameworks
/// do; other `400`s and `413`s get a short plain-text reason.
pub fn catchers() -> Vec<Catcher> {
    vec![
        Catcher::new(400, refusal_text),
        Catcher::new(413, refusal_text),
    ]
}

fn refusal_text<'r>(status: Status, request: &'r Request<'_>) -> catcher::BoxFuture<'r> {
    let refusal = request.local_cache(|| Refusal(String::new()));
    let text = if refusal.0.is_empty() {
        status.reason_lossy().to_owned()
    } else {
        refusal.0.clone()
    };
    Box::pin(async move {
        Response::build()
            .status(status)
            .header(ContentType::Plain)
            .sized_body(text.len(), Cursor::new(text))
            .ok()
    })
}

impl crate::Shutdown {
    /// A fairing that triggers this [`Shutdown`](crate::Shutdown) when Rocket's graceful
    /// shutdown begins (on `SIGTERM` or Ctrl-C by default, per Rocket's `shutdown`
    /// configuration), so that every stream made with
    /// [`EventStream::end_on`](crate::EventStream::end_on) ends before Rocket's `grace`
    /// period runs out.
    ///
    /// ```no_run
    /// use datastar_core::Shutdown;
    ///
    /// let shutdown = Shutdown::new();
    /// let rocket = rocket::build()
    ///     .manage(shutdown.clone())
    ///     .attach(shutdown.rocket_fairing());
    /// ```
    pub fn rocket_fairing(&self) -> rocket::fairing::AdHoc {
        let shutdown = self.clone();
        rocket::fairing::AdHoc::on_liftoff("datastar::Shutdown", move |rocket| {
            let begun = rocket.shutdown();
            Box::pin(async move {
                rocket::tokio::spawn(async move {
                    begun.await;
                    shutdown.trigger();
                });
            })
        })
    }
}
