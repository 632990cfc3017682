//! How the Datastar 1.0.4 client reconnects, shown with a stream that fails on purpose.
//! `/resume?mode=MODE` opens `/resume/stream?mode=MODE`, which records each request's
//! `Last-Event-ID` (see `/resume/requests`) and then:
//!
//! - `reset`: sends items 1 and 2 (ids `1`, `2`, `retry: 200`), then breaks the
//!   connection; the client retries with `last-event-id: 2`, and the stream resumes with
//!   item 3 and ends.
//! - `close`: sends item 1 and ends normally: the client does not reconnect.
//! - `error`: answers `500`: the client does not retry (its default `retry: 'auto'`).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use datastar_core::prelude::*;
use futures_util::StreamExt;
use serde::Deserialize;

/// Every stream request: its mode and its `Last-Event-ID`.
type Requests = Arc<Mutex<Vec<(String, Option<String>)>>>;

/// `/resume` (the page), `/resume/stream` and `/resume/requests`.
pub fn router() -> Router {
    Router::new()
        .route("/resume", get(page))
        .route("/resume/stream", get(stream))
        .route("/resume/requests", get(requests))
        .with_state(Requests::default())
}

#[derive(Deserialize)]
struct Which {
    mode: String,
}

async fn page(Query(Which { mode }): Query<Which>) -> impl IntoResponse {
    // The mode is one of three words the test chooses; anything else is refused below.
    let mode = match mode.as_str() {
        "reset" | "close" | "error" => mode,
        _ => "close".to_owned(),
    };
    crate::layout(
        "Reconnecting",
        html! { "<div data-init=\"@get('/resume/stream?mode=" (mode) "')\"><ul id=\"items\"></ul></div>" },
    )
}

/// One `<li>` appended, with its id, and a short reconnect delay.
fn item(n: u32) -> Event {
    PatchElements::new(format!("<li id=\"item-{n}\">{n}</li>"))
        .selector("#items")
        .mode(Mode::Append)
        .id(n.to_string())
        .retry(Duration::from_millis(200))
        .encode()
        .expect("a valid event")
}

async fn stream(
    State(requests): State<Requests>,
    Query(Which { mode }): Query<Which>,
    last: Option<LastEventId>,
) -> Response {
    let last = last.map(|id| id.0);
    requests.lock().unwrap().push((mode.clone(), last.clone()));
    match (mode.as_str(), last.as_deref()) {
        ("reset", None) => {
            // Two events, a moment for them to arrive, then a broken body: hyper drops
            // the connection without ending the chunked response.
            let events =
                futures_util::stream::iter([Ok(item(1).into_bytes()), Ok(item(2).into_bytes())]);
            let broken = futures_util::stream::once(async {
                tokio::time::sleep(Duration::from_millis(300)).await;
                Err(std::io::Error::other("the connection breaks here"))
            });
            let mut response = Response::new(Body::from_stream(events.chain(broken)));
            response
                .headers_mut()
                .insert("content-type", "text/event-stream".parse().unwrap());
            response
        }
        ("reset", Some(after)) => {
            let next: u32 = after.parse().unwrap_or(0) + 1;
            datastar! { send item(next); }.into_response()
        }
        ("error", _) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        _ => datastar! { send item(1); }.into_response(),
    }
}

async fn requests(State(requests): State<Requests>) -> Json<Vec<(String, Option<String>)>> {
    Json(requests.lock().unwrap().clone())
}
