//! CQRS: each page holds one long-lived GET stream; commands arrive as separate POSTs;
//! every command is fanned out (a `tokio::sync::broadcast`) to every open stream, which
//! appends it to the page's list. When a tab goes away its response body is dropped and
//! with it the producer, which `/live/producers` makes visible. Clicking a message copies
//! it into the input: the `(message)` hole inside `data-on:click` is written as a JSON
//! string literal, so whatever the message holds stays a string.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use datastar_core::prelude::*;
use serde::Deserialize;
use tokio::sync::broadcast;

/// Shared by every request: the log of messages, the fan-out, and a count of the
/// producers that are running.
#[derive(Clone)]
struct Live {
    messages: Arc<std::sync::Mutex<Vec<String>>>,
    fan_out: broadcast::Sender<String>,
    producers: Arc<AtomicUsize>,
}

/// `/live` (the page), `/live/stream`, `/live/command` and `/live/producers`.
pub fn router() -> Router {
    let (fan_out, _) = broadcast::channel(64);
    let live = Live {
        messages: Arc::default(),
        fan_out,
        producers: Arc::default(),
    };
    Router::new()
        .route("/live", get(page))
        .route("/live/stream", get(stream))
        .route("/live/command", post(command))
        .route("/live/producers", get(producers))
        .with_state(live)
}

async fn page() -> impl IntoResponse {
    crate::page(
        "Live",
        r#"<div data-signals:message="''" data-init="@get('/live/stream')">
  <input id="message" data-bind:message placeholder="Say something to every open page">
  <button id="send" data-on:click="@post('/live/command'); $message = ''">Send</button>
  <ul id="messages"></ul>
</div>"#,
    )
}

/// Counts itself in `producers` while the stream that owns it is alive.
struct ProducerGuard(Arc<AtomicUsize>);

impl ProducerGuard {
    fn new(producers: &Arc<AtomicUsize>) -> Self {
        producers.fetch_add(1, Ordering::SeqCst);
        ProducerGuard(producers.clone())
    }
}

impl Drop for ProducerGuard {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

async fn stream(State(live): State<Live>) -> impl IntoResponse {
    // Subscribe before reading the log, so no message falls between the two.
    let mut commands = live.fan_out.subscribe();
    let history = live.messages.lock().unwrap().clone();
    let guard = ProducerGuard::new(&live.producers);
    datastar! {
        let _guard = guard;
        elements "<ul id=\"messages\"></ul>";
        for message in history {
            elements "<li data-on:click=\"$message = " (message) "\">" (message) "</li>", selector = "#messages", mode = append;
        }
        loop {
            match commands.recv().await {
                Ok(message) => {
                    elements "<li data-on:click=\"$message = " (message) "\">" (message) "</li>", selector = "#messages", mode = append;
                }
                Err(broadcast::error::RecvError::Lagged(_)) => continue,
                Err(broadcast::error::RecvError::Closed) => break,
            }
        }
    }
    .keep_alive(Duration::from_secs(5))
}

#[derive(Deserialize)]
struct Command {
    message: String,
}

async fn command(
    State(live): State<Live>,
    ReadSignals(command): ReadSignals<Command>,
) -> StatusCode {
    let message = command.message.trim().to_owned();
    if message.is_empty() {
        return StatusCode::NO_CONTENT;
    }
    live.messages.lock().unwrap().push(message.clone());
    // No receivers just means no page is open.
    let _ = live.fan_out.send(message);
    StatusCode::NO_CONTENT
}

async fn producers(State(live): State<Live>) -> String {
    live.producers.load(Ordering::SeqCst).to_string()
}
