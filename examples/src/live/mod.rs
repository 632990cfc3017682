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
//!
//! The page, the stream and the command are written once here; [`axum`] and [`actix`]
//! serve them (the `live` and `live_actix` examples), and instances of both can share one
//! NATS log.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use bytes::Bytes;
use datastar_core::prelude::*;
use datastar_live::async_nats::{self, jetstream};
use datastar_live::{ErrorKind, JetStreamLog, Log, LogError, MemoryLog, Snapshot, open_snapshots};
use futures_util::StreamExt;
use serde::Deserialize;

pub mod actix;
pub mod axum;

/// The longest message accepted, in bytes (JetStream's per-message limit is set above it).
const MAX_MESSAGE: usize = 4096;

/// Shared by every request: the log of messages, and a count of the producers that are
/// running.
pub struct Live<L> {
    log: L,
    producers: Arc<AtomicUsize>,
}

impl<L> Live<L> {
    /// The state of the live routes on `log`.
    pub fn new(log: L) -> Self {
        Live {
            log,
            producers: Arc::default(),
        }
    }

    /// The number of live stream producers, as text (`/live/producers`).
    pub fn producers(&self) -> String {
        self.producers.load(Ordering::SeqCst).to_string()
    }
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

/// The log the environment asks for.
pub enum LogChoice {
    /// In process (no `NATS_URL`).
    Memory(MemoryLog<Bytes>),
    /// NATS JetStream (`NATS_URL`).
    Nats(JetStreamLog),
}

/// Opens the log the environment asks for: NATS JetStream when `NATS_URL` is set, else in
/// process.
pub async fn log_from_env() -> Result<LogChoice, SetupError> {
    let history = match std::env::var("LIVE_HISTORY") {
        Ok(text) => text
            .parse::<usize>()
            .map_err(|error| format!("LIVE_HISTORY={text}: {error}"))?,
        Err(_) => 1000,
    };
    let Ok(url) = std::env::var("NATS_URL") else {
        return Ok(LogChoice::Memory(MemoryLog::new(history)));
    };
    let topic = std::env::var("LIVE_TOPIC").unwrap_or_else(|_| "live".to_owned());
    let client = async_nats::connect(&url)
        .await
        .map_err(|error| format!("NATS_URL={url}: {error}"))?;
    let mut config = JetStreamLog::config(&topic);
    config.max_messages = i64::try_from(history)?;
    let log = JetStreamLog::open(jetstream::new(client), config).await?;
    println!("live: stream {topic:?} on {url}");
    Ok(LogChoice::Nats(log))
}

// `retry: 'always'`: the client reopens the stream even when it ends cleanly (a log error,
// an instance shutting down), not only after a network error; it sends the last id.
//
// The input is cleared by the server when the command is stored, not by the click: a
// command that fails (`413`, `503`) leaves the text in the box, and the client's
// `datastar-fetch` error event (listened to on `document`) says so in `#notice`. A stream
// refused with `503` (the log cannot be read) says so too, while the client retries with
// a growing delay; after its last retry (`retries-failed`) the notice says to reload.
/// The page.
pub fn page() -> Markup {
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

/// Why a request was refused: the status to answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// `413`: the message is larger than the log takes.
    TooLarge,
    /// `503`: the log is out of reach; the same request can succeed later.
    Unavailable,
    /// `500`.
    Failed,
}

impl Refused {
    /// The HTTP status code.
    pub fn status(self) -> u16 {
        match self {
            Refused::TooLarge => 413,
            Refused::Unavailable => 503,
            Refused::Failed => 500,
        }
    }

    fn of(error: &impl LogError) -> Refused {
        match error.kind() {
            ErrorKind::TooLarge { .. } => Refused::TooLarge,
            ErrorKind::Unavailable => Refused::Unavailable,
            _ => Refused::Failed,
        }
    }
}

/// `GET /live/stream`: the list, then every message as it is appended; refused when the
/// log cannot be read.
pub async fn stream<L: Log<Message = Bytes>>(
    live: Live<L>,
    last: Option<&LastEventId>,
) -> Result<EventStream<impl Stream<Item = Event> + Send + use<L>>, Refused> {
    let guard = ProducerGuard::new(&live.producers);
    // The log is read before answering: when it cannot be (NATS down), `503` makes the
    // client retry with a growing delay (and the page say so), where a stream that
    // ended at once would look like an empty log and be reopened every second.
    let mut updates = match open_snapshots(live.log, last).await {
        Ok(updates) => Box::pin(updates),
        Err(error) => {
            tracing::warn!(%error, "the log could not be read");
            return Err(Refused::of(&error));
        }
    };
    let events = datastar! {
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
    .end_on(crate::shutdown());
    Ok(events)
}

/// One message of the list; clicking it copies it into the input.
fn item(message: &[u8]) -> Markup {
    let message = String::from_utf8_lossy(message);
    html! { "<li data-on:click=\"$message = " (message) "\">" (message) "</li>" }
}

/// What `POST /live/command` carries.
#[derive(Deserialize)]
pub struct Command {
    message: String,
}

/// `POST /live/command`: appends the message; once it is stored, clears the input (an
/// empty message does nothing).
pub async fn command<L: Log<Message = Bytes>>(
    live: &Live<L>,
    command: Command,
) -> Result<Option<EventStream<impl Stream<Item = Event> + Send + use<L>>>, Refused> {
    let message = command.message.trim();
    if message.is_empty() {
        return Ok(None);
    }
    if message.len() > MAX_MESSAGE {
        return Err(Refused::TooLarge);
    }
    match live.log.append(Bytes::from(message.to_owned())).await {
        // Stored: now the input can be cleared (and an old notice with it).
        Ok(_) => Ok(Some(datastar! { signals { message: "", _notice: "" }; })),
        Err(error) => {
            tracing::error!(%error, "a command could not be stored");
            Err(Refused::of(&error))
        }
    }
}
