//! The same handlers served by every framework `datastar-core` supports: the quiz, the SDK
//! test endpoint, and probes of what the framework does with a stream (headers, one
//! write per event, keep-alive, dropping the producer when the client goes away) and with
//! signals (errors, limits, the optional form, `Last-Event-ID`).
//!
//! Every framework module serves the same paths:
//!
//! | path | what |
//! |---|---|
//! | `GET /quiz`, `GET /quiz/question`, `POST /quiz/answer` | the quiz |
//! | `GET`, `POST`, `DELETE /test` | the SDK test endpoint |
//! | `GET /probe/stream` | event `one`, then event `two` once `POST /probe/release` is called; keep-alive every 200 ms; ends when [`crate::shutdown`] is triggered |
//! | `GET /probe/producers` | how many `/probe/stream` producers are alive |
//! | `POST /probe/signals` | the signals read back (1 MiB limit) |
//! | `POST /probe/small` | the same with a 64-byte limit |
//! | `GET`, `POST /probe/optional` | the optional signals read back (`null` for a request not from Datastar) |
//! | `GET /probe/last-event-id` | the `Last-Event-ID` read back |
//! | `GET /probe/plain` | one event, sent uncompressed whatever the client accepts |
//! | `GET` [`probe_client`]`().path()` | a small stand-in for the client file, served by the framework's [`Bundle`] handler |

pub mod actix;
pub mod axum;
pub mod rocket;
pub mod warp;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use datastar_core::client::Bundle;
use datastar_core::prelude::*;
use serde_json::Value;
use tokio::sync::Notify;

/// A stand-in for the Datastar client file (a module that compresses well), served by
/// each framework's ready handler so that tests can read its caching and compression
/// without the real client.
pub fn probe_client() -> &'static Bundle {
    static PROBE_CLIENT: OnceLock<Bundle> = OnceLock::new();
    PROBE_CLIENT.get_or_init(|| {
        Bundle::new("export const probe = 'served by Bundle';\n".repeat(64))
            .compression(crate::compression_settings())
    })
}

/// The body limit of `/probe/small`.
pub const SMALL_LIMIT: usize = 64;

/// What the probes share.
#[derive(Clone, Default)]
pub struct Probe {
    producers: Arc<AtomicUsize>,
    gate: Arc<Notify>,
    next_question: Arc<AtomicUsize>,
}

/// Counts itself in `producers` while the stream that owns it is alive.
struct ProducerGuard(Arc<AtomicUsize>);

impl Drop for ProducerGuard {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Probe {
    /// Event `one`, then `two` after [`release`](Self::release); keep-alive every 200 ms.
    pub fn stream(&self) -> EventStream<impl Stream<Item = Event> + Send + use<>> {
        self.producers.fetch_add(1, Ordering::SeqCst);
        let guard = ProducerGuard(self.producers.clone());
        let gate = self.gate.clone();
        datastar! {
            let _guard = guard;
            signals { step: "one" };
            gate.notified().await;
            signals { step: "two" };
        }
        .keep_alive(Duration::from_millis(200))
        .end_on(crate::shutdown())
    }

    /// Lets every waiting `/probe/stream` send its second event.
    pub fn release(&self) {
        self.gate.notify_waiters();
    }

    /// The number of live `/probe/stream` producers, as text.
    pub fn producers(&self) -> String {
        self.producers.load(Ordering::SeqCst).to_string()
    }

    /// The quiz's next question.
    pub fn question(&self) -> EventStream<impl Stream<Item = Event> + Send + use<>> {
        crate::quiz::next(&self.next_question)
    }
}

/// The signals read back.
pub fn echo(received: Value) -> EventStream<impl Stream<Item = Event> + Send> {
    datastar! {
        signals { received: (received) };
    }
}

/// A stream that asks to go out uncompressed.
pub fn plain() -> EventStream<impl Stream<Item = Event> + Send> {
    datastar! {
        signals { plain: true };
    }
    .without_compression()
}

/// The `Last-Event-ID` read back.
pub fn last_event_id(last: Option<LastEventId>) -> EventStream<impl Stream<Item = Event> + Send> {
    let last = last.map(|id| id.0);
    datastar! {
        signals { last: (last) };
    }
}

/// The quiz page.
pub fn quiz_page() -> Markup {
    crate::quiz::quiz_page()
}

/// Prints where the example listens, as `serve` does for axum.
pub fn announce(address: std::net::SocketAddr, path: &str) {
    println!("open http://{address}{path}");
}
