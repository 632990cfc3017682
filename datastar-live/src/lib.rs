//! Replay then follow: the CQRS shape Datastar recommends (one long-lived stream per page,
//! commands as separate POSTs, every change fanned out to every stream), resumable with
//! `Last-Event-ID` and able to run on several instances.
//!
//! Commands are appended to a [`Log`]: an ordered sequence of messages, numbered from 1,
//! with a bounded history. [`follow`] turns a log and the `Last-Event-ID` of a request into
//! the stream of [`Update`]s one page needs:
//!
//! * on a first connection: [`Update::Reset`], then every retained message;
//! * on a reconnection whose id the log still covers: exactly the messages after that id,
//!   in order, with no reset and no duplicates;
//! * when the id is unknown (older than the retained history, or from another log, such
//!   as an in-process log before a restart): [`Update::Reset`] and the whole history
//!   again, a full re-render rather than an error or a silent gap;
//! * then every message appended afterwards, as it is appended. A follower that falls
//!   behind the live tail catches up from the log, or re-renders when the log no longer
//!   has what it missed: it never skips a message silently.
//!
//! Each [`Entry`] carries its [`Position`]; send it as the event's `id` and the browser
//! hands it back as `Last-Event-ID` when it reconnects.
//!
//! Two logs are provided: [`MemoryLog`], in process (one instance; history lost on
//! restart), and, with the `nats` feature, `JetStreamLog`, a NATS JetStream stream shared
//! by every instance (history and order kept by the NATS server, ids valid on every
//! instance and across restarts).
//!
//! ```
//! use std::time::Duration;
//! use axum::{Router, extract::State, http::StatusCode, routing::{get, post}};
//! use datastar_core::prelude::*;
//! use datastar_live::{Log, MemoryLog, Update, follow};
//! use futures_util::StreamExt;
//!
//! async fn stream(State(log): State<MemoryLog<String>>, last: Option<LastEventId>) -> impl IntoResponse {
//!     let mut updates = Box::pin(follow(log, last.as_ref()));
//!     datastar! {
//!         while let Some(update) = updates.next().await {
//!             match update? {
//!                 Update::Reset => {
//!                     elements "<ul id=\"messages\"></ul>";
//!                 }
//!                 Update::Message(entry) => {
//!                     elements "<li>" (entry.message) "</li>", selector = "#messages",
//!                         mode = append, id = (entry.id.to_string());
//!                 }
//!             }
//!         }
//!     }
//!     .keep_alive(Duration::from_secs(5))
//! }
//!
//! #[derive(serde::Deserialize)]
//! struct Command { message: String }
//!
//! async fn command(State(log): State<MemoryLog<String>>, ReadSignals(command): ReadSignals<Command>) -> StatusCode {
//!     match log.append(command.message).await {
//!         Ok(_) => StatusCode::NO_CONTENT,
//!         Err(never) => match never {},
//!     }
//! }
//!
//! let app: Router = Router::new()
//!     .route("/stream", get(stream))
//!     .route("/command", post(command))
//!     .with_state(MemoryLog::new(1000));
//! ```
//!
//! `follow`, `Log` and the `datastar!` body are framework-neutral: on actix-web, Rocket or
//! warp only the way the log is shared (`web::Data`, `&State`, a filter) and the way the
//! `Last-Event-ID` is read (each framework module of `datastar-core` has a `LastEventId`
//! extractor or filter) differ. Here on actix-web, as a deploy wants it: the streams end
//! when the server is asked to stop, so that pages reconnect to the next instance (see
//! `datastar_core::shutdown` for each framework's setup):
//!
//! ```no_run
//! use actix_web::{App, HttpResponse, HttpServer, Responder, web};
//! use datastar_core::actix::{LastEventId, ReadSignals};
//! use datastar_core::prelude::*;
//! use datastar_core::Shutdown;
//! use datastar_live::{ErrorKind, Log, MemoryLog, Snapshot, follow_snapshots};
//! use futures_util::StreamExt;
//!
//! async fn stream(
//!     log: web::Data<MemoryLog<String>>,
//!     shutdown: web::Data<Shutdown>,
//!     last: Option<LastEventId>,
//! ) -> impl Responder {
//!     let mut snapshots = Box::pin(follow_snapshots(log.get_ref().clone(), last.as_ref()));
//!     datastar! {
//!         while let Some(snapshot) = snapshots.next().await {
//!             match snapshot? {
//!                 // The whole retained history as one patch, with the id of its last message.
//!                 Snapshot::Reset(history) => {
//!                     let list = html! {
//!                         "<ul id=\"messages\">"
//!                         for entry in &history { "<li>" (entry.message) "</li>" }
//!                         "</ul>"
//!                     };
//!                     let id = history.last().map_or(String::new(), |entry| entry.id.to_string());
//!                     elements (list), id = (id);
//!                 }
//!                 Snapshot::Message(entry) => {
//!                     elements "<li>" (entry.message) "</li>", selector = "#messages",
//!                         mode = append, id = (entry.id.to_string());
//!                 }
//!             }
//!         }
//!     }
//!     .end_on(&shutdown)
//! }
//!
//! #[derive(serde::Deserialize)]
//! struct Command { message: String }
//!
//! async fn command(log: web::Data<MemoryLog<String>>, ReadSignals(command): ReadSignals<Command>) -> HttpResponse {
//!     match log.append(command.message).await {
//!         Ok(_) => HttpResponse::NoContent().finish(),
//!         Err(never) => match never {},
//!     }
//! }
//!
//! #[actix_web::main]
//! async fn main() -> std::io::Result<()> {
//!     let log = web::Data::new(MemoryLog::<String>::new(1000));
//!     let shutdown = Shutdown::new();
//!     let streams_end = web::Data::new(shutdown.clone());
//!     let server = HttpServer::new(move || {
//!         App::new()
//!             .app_data(log.clone())
//!             .app_data(streams_end.clone())
//!             .route("/stream", web::get().to(stream))
//!             .route("/command", web::post().to(command))
//!     })
//!     // actix-web's own signal handling would keep the streams for its shutdown_timeout.
//!     .disable_signals()
//!     .bind(("127.0.0.1", 8080))?
//!     .run();
//!     let handle = server.handle();
//!     actix_web::rt::spawn(async move {
//!         shutdown.wait_for_signal().await; // SIGTERM or Ctrl-C: the streams end.
//!         handle.stop(true).await; // Then the server stops gracefully.
//!     });
//!     server.await
//! }
//! ```
//!
//! An empty `id` (a history with no message) sends `id:` with no value, which the browser
//! takes as "no last id": the reconnection then starts afresh, as a first load does.
//!
//! # Errors
//!
//! A log's error has an [`ErrorKind`] ([`LogError::kind`]): a message larger than the log
//! stores (`TooLarge`, with the limit: answer `413`), a log out of reach (`Unavailable`:
//! answer `503`; the command can be sent again), or something else. Keep the request's
//! own limit in line with the log's: `ReadSignals` takes 1 MiB by default, while
//! `JetStreamLog::config` stores at most 64 KiB per message, so a command between the two
//! is read, then refused by the log as `TooLarge`. Check the message's length in the
//! handler (as the `live` example does) or lower the body limit.
//!
//! What the user sees during an outage is the page's to decide; the `live` example of the
//! repository shows one way: the command clears the input itself (a `signals` patch) only
//! once the message is stored, so a refused command (`503`) leaves the text in the box,
//! and the page shows the client's `datastar-fetch` error event (listened to with
//! `data-on:datastar-fetch`) in a notice. A stream opened with [`open_snapshots`] reads
//! the log before the response is sent: when it cannot, the handler answers `503`, the
//! page says so (the same event, for the stream's element), and the client retries with a
//! growing delay (1 s, 2 s, 4 s, … up to 30 s, 10 times) instead of reopening an empty
//! stream every second; a log that fails later sends a notice before the stream ends.
//!
//! The page opens the stream with `data-init="@get('/stream', {retry: 'always'})"`: the
//! Datastar 1.0.4 client retries a stream that fails with a network error by itself, and
//! `retry: 'always'` makes it also reopen one that ends cleanly (an instance shutting
//! down, a log error). Either way it sends the last id it saw.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod follow;
mod memory;
#[cfg(feature = "nats")]
mod nats;

use std::fmt;
use std::future::Future;
use std::str::FromStr;

use tokio::sync::broadcast;

pub use crate::follow::{follow, follow_snapshots, open_snapshots};
pub use crate::memory::MemoryLog;
#[cfg(feature = "nats")]
pub use crate::nats::{JetStreamLog, NatsError, async_nats};
/// The message type of [`JetStreamLog`], re-exported so that naming it needs no other
/// crate.
#[cfg(feature = "nats")]
pub use bytes::Bytes;

/// Where a message sits: the log's epoch and the message's sequence number.
///
/// Written as `EPOCH-SEQ` (the epoch in hexadecimal), which is visible ASCII and so a valid
/// event id. The epoch names one life of a log: a [`MemoryLog`] gets a new one each time
/// it is created, a JetStream stream each time it is created on the server. An id from
/// another epoch cannot be resumed from, so [`follow`] re-renders instead of guessing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Position {
    /// The life of the log this position belongs to.
    pub epoch: u64,
    /// The message's number in the log, from 1.
    pub seq: u64,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:x}-{}", self.epoch, self.seq)
    }
}

/// A `Last-Event-ID` that is not `EPOCH-SEQ`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvalidPosition;

impl fmt::Display for InvalidPosition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a log position (expected EPOCH-SEQ, the epoch in hexadecimal)")
    }
}

impl std::error::Error for InvalidPosition {}

impl FromStr for Position {
    type Err = InvalidPosition;

    /// ```
    /// use datastar_live::Position;
    ///
    /// let id = Position { epoch: 0x2a, seq: 7 };
    /// assert_eq!(id.to_string(), "2a-7");
    /// assert_eq!("2a-7".parse(), Ok(id));
    /// assert!("7".parse::<Position>().is_err());
    /// ```
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (epoch, seq) = text.split_once('-').ok_or(InvalidPosition)?;
        // `from_str_radix` and `parse` accept a leading `+`; an id is never written so.
        if epoch.starts_with('+') || seq.starts_with('+') {
            return Err(InvalidPosition);
        }
        Ok(Position {
            epoch: u64::from_str_radix(epoch, 16).map_err(|_| InvalidPosition)?,
            seq: seq.parse().map_err(|_| InvalidPosition)?,
        })
    }
}

/// A message and its position in the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry<T> {
    /// Where it sits: send it as the event's `id`.
    pub id: Position,
    /// The message.
    pub message: T,
}

/// What a page must do next, from [`follow`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Update<T> {
    /// Start again from nothing: clear what the stream has shown. The whole retained
    /// history follows as [`Update::Message`]s.
    Reset,
    /// Show one more message.
    Message(Entry<T>),
}

/// What a page must do next, from [`follow_snapshots`]: a reset comes with the whole
/// retained history in one batch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Snapshot<T> {
    /// Start again from these messages (the whole retained history, oldest first): render
    /// them as one patch.
    Reset(Vec<Entry<T>>),
    /// Show one more message.
    Message(Entry<T>),
}

/// What [`Log::read_after`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Retained<T> {
    /// The sequence number of the last message appended so far (0 for an empty log).
    pub last: u64,
    /// The retained messages after the requested sequence number, oldest first, up to
    /// `last`. Messages the log no longer holds are missing from the front.
    pub entries: Vec<Entry<T>>,
}

/// What kind of failure a [`Log`] reports: what a handler answers depends on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The message is larger than the log accepts (`limit` bytes): answer
    /// `413 Payload Too Large`, and keep `ReadSignals`' limit at or below it.
    TooLarge {
        /// The largest message the log stores, in bytes.
        limit: usize,
    },
    /// The log cannot be reached now (not connected, timed out): answer
    /// `503 Service Unavailable`; the same request can succeed later.
    Unavailable,
    /// Anything else.
    Other,
}

/// The error of a [`Log`]: an error with an [`ErrorKind`].
pub trait LogError: std::error::Error + Send + Sync + 'static {
    /// What kind of failure this is.
    fn kind(&self) -> ErrorKind;
}

impl LogError for std::convert::Infallible {
    fn kind(&self) -> ErrorKind {
        match *self {}
    }
}

/// An ordered, bounded log of messages with a live tail: what [`follow`] reads.
///
/// Implementations number messages from 1 without gaps and drop only the oldest ones
/// (when a limit is reached), and deliver to every tail subscriber each message appended
/// after it subscribed, in order (a slow subscriber may get `Lagged`; [`follow`] then
/// catches up with [`read_after`](Log::read_after)).
pub trait Log: Clone + Send + Sync + 'static {
    /// What one message is.
    type Message: Clone + Send + Sync + 'static;
    /// Why reading or appending failed; its [`kind`](LogError::kind) tells a message that
    /// is too large from a log that is unavailable.
    type Error: LogError;

    /// This life of the log (see [`Position`]).
    fn epoch(&self) -> u64;

    /// The live tail: every message appended from now on.
    fn subscribe(&self) -> broadcast::Receiver<Entry<Self::Message>>;

    /// The retained messages after `seq`, and the last sequence number.
    fn read_after(
        &self,
        seq: u64,
    ) -> impl Future<Output = Result<Retained<Self::Message>, Self::Error>> + Send;

    /// Appends a message once it is stored, and returns its position.
    fn append(
        &self,
        message: Self::Message,
    ) -> impl Future<Output = Result<Position, Self::Error>> + Send;
}
