//! Streams of events, and what turns them into a response.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use futures_core::Stream;

use crate::Event;

/// How often an idle stream sends a keep-alive comment unless told otherwise.
pub const DEFAULT_KEEP_ALIVE: Duration = Duration::from_secs(15);

pin_project_lite::pin_project! {
    /// A stream of Datastar events that is also an axum response (feature `axum`).
    ///
    /// `datastar!` evaluates to one; wrap any other `Stream<Item = Event>` with
    /// [`EventStream::new`], or a stream of `Result<Event, E>` with
    /// [`EventStream::try_new`].
    ///
    /// As a response it answers `200 OK` with `content-type: text/event-stream` and
    /// `cache-control: no-cache`, writes every event as soon as it is produced, and sends
    /// an SSE comment line (`:`) after [`keep_alive`](Self::keep_alive) of silence
    /// (default 15 s) so proxies do not close an idle stream. When the client goes away,
    /// the response body is dropped and with it the producer.
    ///
    /// ```
    /// use datastar_core::{EventStream, PatchSignals};
    /// use std::time::Duration;
    ///
    /// // Any stream of events, e.g. from the `futures` crate.
    /// let events = futures_util::stream::iter([PatchSignals::new(r#"{"count":1}"#).encode()?]);
    /// let response = EventStream::new(events).keep_alive(Duration::from_secs(5));
    /// assert_eq!(response.keep_alive_interval(), Some(Duration::from_secs(5)));
    /// # Ok::<(), datastar_core::EncodeError>(())
    /// ```
    #[must_use = "an EventStream does nothing unless it is returned as a response or polled"]
    pub struct EventStream<S> {
        #[pin]
        events: S,
        keep_alive: Option<Duration>,
        compress: bool,
    }
}

impl<S> EventStream<S> {
    /// Wraps a stream of events.
    pub const fn new(events: S) -> Self
    where
        S: Stream<Item = Event>,
    {
        EventStream {
            events,
            keep_alive: Some(DEFAULT_KEEP_ALIVE),
            compress: true,
        }
    }

    /// Sends a keep-alive comment after `interval` without events.
    pub fn keep_alive(mut self, interval: Duration) -> Self {
        self.keep_alive = Some(interval);
        self
    }

    /// Never sends keep-alive comments.
    pub fn without_keep_alive(mut self) -> Self {
        self.keep_alive = None;
        self
    }

    /// The keep-alive interval, if any.
    pub fn keep_alive_interval(&self) -> Option<Duration> {
        self.keep_alive
    }

    /// Asks a compression layer in front (the `compression` features) to send this
    /// stream uncompressed: as a response it carries the `NoCompression` extension.
    pub fn without_compression(mut self) -> Self {
        self.compress = false;
        self
    }

    /// False after [`without_compression`](Self::without_compression).
    pub fn compression_allowed(&self) -> bool {
        self.compress
    }

    /// The same settings around the stream `wrap` makes of this one.
    pub(crate) fn map_events<T>(self, wrap: impl FnOnce(S) -> T) -> EventStream<T> {
        EventStream {
            events: wrap(self.events),
            keep_alive: self.keep_alive,
            compress: self.compress,
        }
    }

    /// The wrapped stream.
    pub fn into_inner(self) -> S {
        self.events
    }

    /// The same stream behind a box, with its keep-alive and compression settings: one
    /// nameable type for handlers that return streams built in different ways (Rocket
    /// routes, trait objects, `match` arms).
    ///
    /// ```
    /// use datastar_core::prelude::*;
    /// use datastar_core::BoxedEvents;
    ///
    /// fn status(open: bool, who: String) -> EventStream<BoxedEvents> {
    ///     if open {
    ///         datastar! { signals { doors: "open" }; }.boxed()
    ///     } else {
    ///         datastar! { elements "<p id=\"hal\">I'm sorry, " (who) ".</p>"; }
    ///             .without_compression()
    ///             .boxed()
    ///     }
    /// }
    /// assert!(!status(false, "Dave".into()).compression_allowed());
    /// ```
    pub fn boxed(self) -> EventStream<BoxedEvents>
    where
        S: Stream<Item = Event> + Send + 'static,
    {
        self.map_events(|events| -> BoxedEvents { Box::pin(events) })
    }
}

/// A boxed stream of events, as [`EventStream::boxed`] makes.
pub type BoxedEvents = Pin<Box<dyn Stream<Item = Event> + Send>>;

impl<S, E> EventStream<EndOnError<S>>
where
    S: Stream<Item = Result<Event, E>>,
    E: fmt::Display,
{
    /// Wraps a stream of fallible events: the first error is logged with `tracing` (at
    /// `error` level) and ends the stream, as `?` does inside `datastar!`.
    pub fn try_new(events: S) -> Self {
        EventStream::new(EndOnError {
            events,
            ended: false,
        })
    }
}

impl<S: Stream<Item = Event>> Stream for EventStream<S> {
    type Item = Event;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Event>> {
        self.project().events.poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.events.size_hint()
    }
}

pin_project_lite::pin_project! {
    /// A stream of `Result<Event, E>` that ends at the first error, after logging it.
    /// Made by [`EventStream::try_new`].
    pub struct EndOnError<S> {
        #[pin]
        events: S,
        ended: bool,
    }
}

impl<S, E> Stream for EndOnError<S>
where
    S: Stream<Item = Result<Event, E>>,
    E: fmt::Display,
{
    type Item = Event;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Event>> {
        let this = self.project();
        if *this.ended {
            return Poll::Ready(None);
        }
        match ready!(this.events.poll_next(cx)) {
            Some(Ok(event)) => Poll::Ready(Some(event)),
            Some(Err(error)) => {
                tracing::error!(%error, "datastar event stream ended by an error");
                *this.ended = true;
                Poll::Ready(None)
            }
            None => {
                *this.ended = true;
                Poll::Ready(None)
            }
        }
    }
}

/// Adds the extension that tells a compression layer to leave `response` alone: what
/// [`EventStream::without_compression`] does to its response. Without a codec compiled
/// in there is no such layer, and nothing to add.
#[cfg(feature = "axum")]
pub(crate) fn mark_uncompressed<B>(response: &mut http::Response<B>) {
    #[cfg(any_codec)]
    response
        .extensions_mut()
        .insert(crate::compression::NoCompression);
    #[cfg(not(any_codec))]
    let _ = response;
}

/// The stream `datastar!` expands to when its body is nothing but static events: their
/// pre-rendered bytes, yielded once, with none of a generator's machinery.
#[doc(hidden)]
#[derive(Debug)]
pub struct StaticEvents(Option<Event>);

impl StaticEvents {
    /// Yields `event` (one or more complete events, pre-rendered).
    pub const fn new(event: Event) -> Self {
        StaticEvents(Some(event))
    }

    /// Yields nothing: what a body with errors expands to.
    pub const fn empty() -> Self {
        StaticEvents(None)
    }
}

impl Stream for StaticEvents {
    type Item = Event;

    fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Event>> {
        Poll::Ready(self.0.take())
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = usize::from(self.0.is_some());
        (left, Some(left))
    }
}
