//! Unit-testing handlers: drain a stream of events on tokio's paused clock, so `wait`s
//! take no real time, and get the SSE text back.
//!
//! Enable the `testing` feature in your dev-dependencies:
//!
//! ```toml
//! [dev-dependencies]
//! datastar-core = { version = "0.1", features = ["testing"] }
//! ```
//!
//! ```
//! use datastar_core::prelude::*;
//! use datastar_core::testing::{drain, drain_timeline};
//! use std::time::Duration;
//!
//! fn hal() -> impl Stream<Item = Event> {
//!     datastar! {
//!         elements r#"<div id="hal">I'm sorry, Dave. I'm afraid I can't do that.</div>"#;
//!         wait 1s;
//!         elements r#"<div id="hal">Waiting for an order...</div>"#;
//!     }
//! }
//!
//! assert!(drain(hal()).ends_with("data: elements <div id=\"hal\">Waiting for an order...</div>\n\n"));
//! let timeline = drain_timeline(hal());
//! assert_eq!(timeline[1].0 - timeline[0].0, Duration::from_secs(1));
//! ```

use std::future::Future;
use std::pin::pin;
use std::time::Duration;

use futures_core::Stream;

use crate::Event;

/// Collects every event of `events` into one SSE text, on a new single-threaded tokio
/// runtime whose clock is paused: waits resolve at once, in order.
///
/// Call it from a plain `#[test]`; inside an async test use [`collect`] instead.
///
/// # Panics
///
/// If called from within a tokio runtime, or if the stream's bytes are not UTF-8 (which
/// this crate's encoders never produce).
pub fn drain<S: Stream<Item = Event>>(events: S) -> String {
    paused_runtime(collect(events))
}

/// Like [`drain`], but returns each chunk with the virtual time it was produced at,
/// measured from the start. Use it to assert waits.
pub fn drain_timeline<S: Stream<Item = Event>>(events: S) -> Vec<(Duration, String)> {
    paused_runtime(async move {
        let start = tokio::time::Instant::now();
        let mut events = pin!(events);
        let mut timeline = Vec::new();
        while let Some(event) = next(events.as_mut()).await {
            timeline.push((start.elapsed(), text(&event)));
        }
        timeline
    })
}

/// Collects every event of `events` into one SSE text, on the current runtime. With
/// `#[tokio::test(start_paused = true)]` waits take no real time.
pub async fn collect<S: Stream<Item = Event>>(events: S) -> String {
    let mut events = pin!(events);
    let mut sse = String::new();
    while let Some(event) = next(events.as_mut()).await {
        sse.push_str(&text(&event));
    }
    sse
}

/// Drives a whole response (a handler's `impl IntoResponse`) on a paused clock and
/// returns its body as text. Keep-alive comments are left out, so the result does not
/// depend on how long the waits are.
///
/// # Panics
///
/// If called from within a tokio runtime, if the status is not 200, or if the body is
/// not UTF-8.
#[cfg(feature = "axum")]
pub fn drain_response(response: impl axum::response::IntoResponse) -> String {
    use http_body_util::BodyExt;

    let response = response.into_response();
    assert_eq!(
        response.status(),
        http::StatusCode::OK,
        "a Datastar response must be 200"
    );
    paused_runtime(async move {
        let mut body = response.into_body();
        let mut sse = String::new();
        while let Some(frame) = body.frame().await {
            let frame = frame.expect("reading the response body");
            if let Ok(data) = frame.into_data()
                && data.as_ref() != b":\n\n"
            {
                sse.push_str(std::str::from_utf8(&data).expect("the body is UTF-8"));
            }
        }
        sse
    })
}

fn text(event: &Event) -> String {
    String::from_utf8(event.as_bytes().to_vec()).expect("encoded events are UTF-8")
}

fn next<S: Stream + ?Sized>(
    mut stream: std::pin::Pin<&mut S>,
) -> impl Future<Output = Option<S::Item>> + '_ {
    std::future::poll_fn(move |cx| stream.as_mut().poll_next(cx))
}

fn paused_runtime<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .start_paused(true)
        .build()
        .expect("building a tokio runtime for the test")
        .block_on(future)
}
