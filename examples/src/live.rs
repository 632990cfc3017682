//! CQRS: each page holds one long-lived GET stream; commands arrive as separate POSTs;
//! every command is appended to a log and every open stream follows that log, appending
//! each message to its page's list. When a tab goes away its response body is dropped and
//! with it the producer, which `/live/producers` makes visible. Clicking a message copies
//! it into the input: the `(message)` hole inside `data-on:click` is written as a JSON
//! string literal, so whatever the message holds stays a string.
//!
//! The log is in process by default (one instance). With `NATS_URL` set it is a NATS
//! JetStream stream, so any number of instances share it: a command posted to one reaches
//! the streams of all, in the same order. Either way each message event carries its
//! position as `id`, and a reconnecting page (the client sends the last id back as
//! `Last-Event-ID`) gets exactly the messages it missed, or a full re-render when the log
//! no longer has them. Environment: `NATS_URL`, `LIVE_TOPIC` (the stream's name and
//! subject, default `live`), `LIVE_HISTORY` (messages kept, default 1000).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::{get, post};
use bytes::Bytes;
use datastar_core::prelude::*;
use datastar_live::async_nats::{self, jetstream};
use datastar_live::{ErrorKind, JetStreamLog, Log, LogError, MemoryLog, Snapshot, open_snapshots};
use futures_util::StreamExt;
use serde::Deserialize;

/// The longest message accepted, in bytes (JetStream's per-message limit is set above it).
const MAX_MESSAGE: usize = 4096;

/// Shared by every request: the log of messages, and a count of the producers that are
/// running.
struct Live<L> {
    log: L,
    producers: Arc<AtomicUsize>,
}

impl<L: Clone> Clone for Live<L> {
    fn clone(&self) -> Self {
        Live {
            log: self.log.clone(),
            producers: self.producers.clone(),
        }
    }
}

/// Why the live routes could not be set up.
pub type SetupError = Box<dyn std::error::Error + Send + Sync>;

/// `/live` (the page), `/live/stream`, `/live/command` and `/live/producers`, on the log
/// the environment asks for: NATS JetStream when `NATS_URL` is set, else in process.
pub async fn router() -> Result<Router, SetupError> {
    let history = match std::env::var("LIVE_HISTORY") {
        Ok(text) => text
            .parse::<usize>()
            .map_err(|error| format!("LIVE_HISTORY={text}: {error}"))?,
        Err(_) => 1000,
    };
    let Ok(url) = std::env::var("NATS_URL") else {
        return Ok(router_on(MemoryLog::new(history)));
    };
    let topic = std::env::var("LIVE_TOPIC").unwrap_or_else(|_| "live".to_owned());
    let client = async_nats::connect(&url)
        .await
        .map_err(|error| format!("NATS_URL={url}: {error}"))?;
    let mut config = JetStreamLog::config(&topic);
    config.max_messages = i64::try_from(history)?;
    let log = JetStreamLog::open(jetstream::new(client), config).await?;
    println!("live: stream {topic:?} on {url}");
    Ok(router_on(log))
}

/// The live routes on a given log.
pub fn router_on<L: Log<Message = Bytes>>(log: L) -> Router {
    let live = Live {
        log,
        producers: Arc::default(),
    };
    Router::new()
        .route("/live", get(page))
        .route("/live/stream", get(stream::<L>))
        .route("/live/command", post(command::<L>))
        .route("/live/producers", get(producers::<L>))
        .with_state(live)
}

// `retry: 'always'`: the client reopens the stream even when it ends cleanly (a log error,
// an instance shutting down), not only after a network error; it sends the last id.
//
// The input is cleared by the server when the command is stored, not by the click: a
// command that fails (`413`, `503`) leaves the text in the box, and the client's
// `datastar-fetch` error event (listened to on `document`) says so in `#notice`. A stream
// refused with `503` (the log cannot be read) says so too, while the client retries with
// a growing delay; after its last retry (`retries-failed`) the notice says to reload.
async fn page() -> impl IntoResponse {
    crate::layout(
        "Live",
        html! { r#"<div id="live" data-signals="{message: '', _notice: ''}" data-init="@get('/live/stream', {retry: 'always'})">
  <input id="message" data-bind:message placeholder="Say something to every open page">
  <button id="send" data-on:click="@post('/live/command')">Send</button>
  <p id="notice" data-text="$_notice"
     data-on:datastar-fetch="evt.detail.type === 'error' && evt.detail.el.id === 'send' && ($_notice = 'Not sent (error ' + evt.detail.argsRaw.status + '): your message is still in the box; try again.');
                             evt.detail.type === 'error' && evt.detail.el.id === 'live' && ($_notice = 'The message log cannot be read right now; retrying…');
                             evt.detail.type === 'retries-failed' && evt.detail.el.id === 'live' && ($_notice = 'The message log could not be read: reload the page to try again.')"></p>
  <ul id="messages"></ul>
</div>"# },
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

async fn stream<L: Log<Message = Bytes>>(
    State(live): State<Live<L>>,
    last: Option<LastEventId>,
) -> axum::response::Response {
    let guard = ProducerGuard::new(&live.producers);
    // The log is read before answering: when it cannot be (NATS down), `503` makes the
    // client retry with a growing delay (and the page say so), where a stream that
    // ended at once would look like an empty log and be reopened every second.
    let mut updates = match open_snapshots(live.log, last.as_ref()).await {
        Ok(updates) => Box::pin(updates),
        Err(error) => {
            tracing::warn!(%error, "the log could not be read");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    datastar! {
        let _guard = guard;
        // Read: any notice of an earlier failure is over.
        signals { _notice: "" };
        while let Some(update) = updates.next().await {
            match update {
                // The log cannot be read any more (NATS went down): say so, and end; the
                // client reopens the stream (`retry: 'always'`), which gets a `503` while
                // the log stays out of reach.
                Err(error) => {
                    tracing::warn!(%error, "the log could not be read");
                    signals { _notice: "The message log cannot be read right now; reconnecting…" };
                    break;
                }
                // The whole retained history in one patch (one morph), carrying the id of
                // its last message for a reconnection to resume after.
                Ok(Snapshot::Reset(history)) => {
                    let list = html! {
                        "<ul id=\"messages\">"
                        for entry in &history { (item(&entry.message)) }
                        "</ul>"
                    };
                    if let Some(last) = history.last() {
                        elements (list), id = (last.id.to_string());
                    } else {
                        elements (list);
                    }
                }
                Ok(Snapshot::Message(entry)) => {
                    elements (item(&entry.message)), selector = "#messages", mode = append,
                        id = (entry.id.to_string());
                }
            }
        }
    }
    .keep_alive(Duration::from_secs(5))
    // Ended when the instance shuts down: the page reconnects (`retry: 'always'`) with its
    // last id to whichever instance answers next, and gets exactly what it missed.
    .end_on(crate::shutdown())
    .into_response()
}

/// One message of the list; clicking it copies it into the input.
fn item(message: &[u8]) -> Markup {
    let message = String::from_utf8_lossy(message);
    html! { "<li data-on:click=\"$message = " (message) "\">" (message) "</li>" }
}

#[derive(Deserialize)]
struct Command {
    message: String,
}

async fn command<L: Log<Message = Bytes>>(
    State(live): State<Live<L>>,
    ReadSignals(command): ReadSignals<Command>,
) -> axum::response::Response {
    let message = command.message.trim();
    if message.is_empty() {
        return StatusCode::NO_CONTENT.into_response();
    }
    if message.len() > MAX_MESSAGE {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    match live.log.append(Bytes::from(message.to_owned())).await {
        // Stored: now the input can be cleared (and an old notice with it).
        Ok(_) => datastar! { signals { message: "", _notice: "" }; }.into_response(),
        Err(error) => {
            tracing::error!(%error, "a command could not be stored");
            match error.kind() {
                ErrorKind::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
                ErrorKind::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
                _ => StatusCode::INTERNAL_SERVER_ERROR,
            }
            .into_response()
        }
    }
}

async fn producers<L>(State(live): State<Live<L>>) -> String {
    live.producers.load(Ordering::SeqCst).to_string()
}
