//! Ending every open event stream when the server shuts down.
//!
//! A server's graceful shutdown stops accepting connections and then waits for the open
//! ones to finish, but a live event stream never finishes by itself: the old instance
//! keeps streaming (for actix-web's 30 s `shutdown_timeout`, Rocket's `grace` + `mercy`,
//! or for ever with axum and warp) while the new one already serves on the port. A
//! [`Shutdown`] ends the streams instead: every stream made with
//! [`EventStream::end_on`] ends cleanly (after an optional last event) once
//! [`Shutdown::trigger`] is called, the connection finishes, and the Datastar client,
//! when the stream was opened with `retry: 'always'`, reconnects, sending the last event
//! id it saw as `Last-Event-ID`, to whichever instance now answers.
//!
//! Trigger it from the framework's own shutdown:
//!
//! * axum: `axum::serve(listener, app).with_graceful_shutdown(shutdown.clone().wait_for_signal())`;
//! * warp: `warp::serve(routes).incoming(listener).graceful(shutdown.clone().wait_for_signal()).run()`;
//! * actix-web: `HttpServer::new(…).disable_signals()`, then a task that awaits
//!   `shutdown.wait_for_signal()` and calls `server.handle().stop(true)` (actix-web's own
//!   signal handling cannot tell anyone else);
//! * Rocket: attach `shutdown.rocket_fairing()` (feature `rocket`): Rocket handles the
//!   signals and the fairing triggers the `Shutdown` when Rocket's own shutdown begins.
//!
//! ```
//! use datastar_core::prelude::*;
//! use datastar_core::Shutdown;
//! use futures_util::StreamExt;
//!
//! # tokio::runtime::Runtime::new().unwrap().block_on(async {
//! let shutdown = Shutdown::new();
//! let ticks = datastar! {
//!     for tick in 0_u32.. {
//!         signals { tick: (tick) }, id = (tick.to_string());
//!         tokio::time::sleep(std::time::Duration::from_millis(10)).await;
//!     }
//! }
//! .end_on(&shutdown);
//! let mut ticks = Box::pin(ticks);
//! assert!(ticks.next().await.is_some());
//! shutdown.trigger();
//! assert!(ticks.next().await.is_none(), "the stream ends once the server shuts down");
//! # });
//! ```

use std::fmt;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};

use futures_core::Stream;
use tokio::sync::{Notify, futures::OwnedNotified};

use crate::{Event, EventStream};

/// A switch that ends every event stream made with [`EventStream::end_on`]: see the
/// [module documentation](self) for each framework's setup. Cheap to clone; every clone
/// is the same switch.
#[derive(Clone, Default)]
pub struct Shutdown {
    state: Arc<State>,
}

#[derive(Default)]
struct State {
    triggered: AtomicBool,
    notify: Arc<Notify>,
    last_event: Option<Event>,
}

impl Shutdown {
    /// A switch not yet triggered; the streams it ends send nothing more.
    pub fn new() -> Shutdown {
        Shutdown::default()
    }

    /// A switch whose streams send `event` before they end, e.g. a `retry` hint that makes
    /// the client come back sooner, or a signal the page shows ("reconnecting").
    ///
    /// ```
    /// use datastar_core::{PatchSignals, Shutdown};
    /// use std::time::Duration;
    ///
    /// let farewell = PatchSignals::new(r#"{"_reconnecting":true}"#)
    ///     .retry(Duration::from_millis(250))
    ///     .encode()?;
    /// let shutdown = Shutdown::with_last_event(farewell);
    /// # Ok::<(), datastar_core::EncodeError>(())
    /// ```
    pub fn with_last_event(event: Event) -> Shutdown {
        Shutdown {
            state: Arc::new(State {
                last_event: Some(event),
                ..State::default()
            }),
        }
    }

    /// Ends every stream made with [`EventStream::end_on`] on this switch, now and from
    /// now on (a stream opened afterwards ends at once). Calling it again does nothing.
    pub fn trigger(&self) {
        if !self.state.triggered.swap(true, Ordering::SeqCst) {
            self.state.notify.notify_waiters();
        }
    }

    /// True once [`trigger`](Self::trigger) was called.
    pub fn is_triggered(&self) -> bool {
        self.state.triggered.load(Ordering::SeqCst)
    }

    /// Waits until [`trigger`](Self::trigger) is called (at once if it was).
    pub async fn triggered(&self) {
        let notified = self.state.notify.clone().notified_owned();
        if !self.is_triggered() {
            notified.await;
        }
    }

    /// Waits for the process to be asked to stop (`SIGTERM`, or Ctrl-C: `SIGINT`), then
    /// triggers this switch and returns: the future to give a server's graceful shutdown,
    /// e.g. axum's `with_graceful_shutdown` or warp's `graceful`. Also returns when the
    /// switch is triggered some other way.
    ///
    /// Needs a tokio runtime with its I/O driver enabled (every framework's runtime has
    /// one). If the signal handler cannot be installed, the error is logged and only
    /// [`trigger`](Self::trigger) ends the wait.
    pub async fn wait_for_signal(self) {
        first_of(stop_requested(), self.triggered()).await;
        self.trigger();
    }
}

/// Resolves when the process receives `SIGTERM` or `SIGINT` (Ctrl-C on any platform).
async fn stop_requested() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                terminate.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    first_of(ctrl_c, terminate).await;
}

/// Resolves when either future does (`tokio::select!` without tokio's macros).
async fn first_of(a: impl Future<Output = ()>, b: impl Future<Output = ()>) {
    let mut a = std::pin::pin!(a);
    let mut b = std::pin::pin!(b);
    std::future::poll_fn(|cx| {
        if a.as_mut().poll(cx).is_ready() || b.as_mut().poll(cx).is_ready() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
}

impl fmt::Debug for Shutdown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Shutdown")
            .field("triggered", &self.is_triggered())
            .field("last_event", &self.state.last_event)
            .finish()
    }
}

impl<S> EventStream<S> {
    /// The same stream, ended cleanly once `shutdown` is triggered (after its last event,
    /// if it has one), with the same keep-alive and compression settings. The events
    /// already produced are sent first; the producer is dropped.
    pub fn end_on(self, shutdown: &Shutdown) -> EventStream<EndOnShutdown<S>>
    where
        S: Stream<Item = Event>,
    {
        // Registered before the flag is read: a trigger in between still wakes it.
        let signal = shutdown.state.notify.clone().notified_owned();
        self.map_events(|events| EndOnShutdown {
            events,
            signal,
            state: shutdown.state.clone(),
            ended: false,
        })
    }
}

pin_project_lite::pin_project! {
    /// A stream of events that ends when its [`Shutdown`] is triggered. Made by
    /// [`EventStream::end_on`].
    pub struct EndOnShutdown<S> {
        #[pin]
        events: S,
        #[pin]
        signal: OwnedNotified,
        state: Arc<State>,
        ended: bool,
    }
}

impl<S: Stream<Item = Event>> Stream for EndOnShutdown<S> {
    type Item = Event;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Event>> {
        let this = self.project();
        if *this.ended {
            return Poll::Ready(None);
        }
        // Polled first so that a trigger wakes this task; the flag covers a stream opened
        // after the trigger, whose signal will never fire.
        let signalled = this.signal.poll(cx).is_ready();
        if signalled || this.state.triggered.load(Ordering::SeqCst) {
            *this.ended = true;
            return Poll::Ready(this.state.last_event.clone());
        }
        this.events.poll_next(cx)
    }
}

impl<S> fmt::Debug for EndOnShutdown<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EndOnShutdown")
            .field("ended", &self.ended)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use futures_util::StreamExt;

    use super::*;
    use crate::PatchSignals;

    fn event(json: &str) -> Event {
        PatchSignals::new(json).encode().unwrap()
    }

    /// One event, then nothing until dropped: an open live stream.
    fn open_stream() -> EventStream<impl Stream<Item = Event>> {
        EventStream::new(
            futures_util::stream::iter([event(r#"{"n":1}"#)])
                .chain(futures_util::stream::pending()),
        )
        .keep_alive(Duration::from_secs(3))
        .without_compression()
    }

    #[tokio::test]
    async fn an_open_stream_ends_when_triggered_and_keeps_its_settings() {
        let shutdown = Shutdown::new();
        let stream = open_stream().end_on(&shutdown);
        assert_eq!(stream.keep_alive_interval(), Some(Duration::from_secs(3)));
        assert!(!stream.compression_allowed());
        let mut stream = Box::pin(stream);
        assert_eq!(stream.next().await, Some(event(r#"{"n":1}"#)));
        let waiting = tokio::spawn(async move { stream.next().await });
        tokio::task::yield_now().await;
        assert!(!waiting.is_finished());
        shutdown.clone().trigger();
        assert_eq!(waiting.await.unwrap(), None);
        assert!(shutdown.is_triggered());
    }

    #[tokio::test]
    async fn the_last_event_is_sent_once_before_the_end() {
        let farewell = event(r#"{"_reconnecting":true}"#);
        let shutdown = Shutdown::with_last_event(farewell.clone());
        let mut first = Box::pin(open_stream().end_on(&shutdown));
        let mut second = Box::pin(open_stream().end_on(&shutdown));
        first.next().await;
        shutdown.trigger();
        shutdown.trigger();
        assert_eq!(first.next().await, Some(farewell.clone()));
        assert_eq!(first.next().await, None);
        assert_eq!(first.next().await, None);
        // Not yet polled when triggered: it ends without sending what it had.
        assert_eq!(second.next().await, Some(farewell));
        assert_eq!(second.next().await, None);
    }

    #[tokio::test]
    async fn a_stream_opened_after_the_trigger_ends_at_once() {
        let shutdown = Shutdown::new();
        shutdown.trigger();
        let mut late = Box::pin(open_stream().end_on(&shutdown));
        assert_eq!(late.next().await, None);
        shutdown.triggered().await;
    }

    #[tokio::test]
    async fn waiting_for_a_signal_also_ends_on_a_trigger() {
        let shutdown = Shutdown::new();
        let waiting = tokio::spawn(shutdown.clone().wait_for_signal());
        tokio::task::yield_now().await;
        assert!(!waiting.is_finished());
        shutdown.trigger();
        tokio::time::timeout(Duration::from_secs(5), waiting)
            .await
            .expect("wait_for_signal returned")
            .unwrap();
    }

    #[tokio::test]
    async fn a_stream_that_ends_by_itself_is_unchanged() {
        let shutdown = Shutdown::new();
        let events = EventStream::new(futures_util::stream::iter([event("{}")])).end_on(&shutdown);
        assert_eq!(events.collect::<Vec<_>>().await, [event("{}")]);
    }
}
