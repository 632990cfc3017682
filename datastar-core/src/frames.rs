//! What every framework sends for an [`EventStream`]: its headers, and its body as a
//! stream of byte chunks (one per event, as soon as it is produced, and a keep-alive
//! comment after a silence). The framework modules only adapt this to their types, so
//! the bytes, headers and timing are the same whatever serves the stream.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures_core::Stream;
use tokio::time::{Instant, Sleep};

use crate::{Event, EventStream};

/// The headers of every event-stream response, besides `200 OK`: the content type
/// EventSource and the Datastar client expect, and no caching along the way.
pub const RESPONSE_HEADERS: [(&str, &str); 2] = [
    ("content-type", "text/event-stream"),
    ("cache-control", "no-cache"),
];

/// [`RESPONSE_HEADERS`] into an `http` 1.x header map: the one way the `http`-based
/// responses (`into_http_response`, axum's and warp's) set them.
#[cfg(any(feature = "http-body", feature = "warp"))]
pub(crate) fn insert_response_headers(headers: &mut http::HeaderMap) {
    for (name, value) in RESPONSE_HEADERS {
        headers.insert(
            http::header::HeaderName::from_static(name),
            http::HeaderValue::from_static(value),
        );
    }
}

/// An SSE comment line: the client ignores it, proxies see traffic.
pub const KEEP_ALIVE_COMMENT: &[u8] = b":\n\n";

pin_project_lite::pin_project! {
    /// The body of an event-stream response as byte chunks: each event's bytes as soon as
    /// it is produced, and [`KEEP_ALIVE_COMMENT`] after the keep-alive interval without
    /// one. Made by [`EventStream::into_frames`].
    pub struct SseFrames<S> {
        #[pin]
        events: S,
        keep_alive: Option<KeepAlive>,
    }
}

impl<S> EventStream<S> {
    /// The response body's chunks, for a server this crate has no module for.
    pub fn into_frames(self) -> SseFrames<S> {
        // The timer starts at the first poll, inside the server's runtime: building a
        // response must not need one.
        let keep_alive = self.keep_alive_interval().map(|interval| KeepAlive {
            interval,
            timer: None,
        });
        SseFrames {
            events: self.into_inner(),
            keep_alive,
        }
    }
}

struct KeepAlive {
    interval: Duration,
    timer: Option<Pin<Box<Sleep>>>,
}

impl KeepAlive {
    /// Restarts the interval from now.
    fn restart(&mut self) {
        let deadline = Instant::now() + self.interval;
        match &mut self.timer {
            Some(timer) => timer.as_mut().reset(deadline),
            None => self.timer = Some(Box::pin(tokio::time::sleep_until(deadline))),
        }
    }

    /// True when the interval has passed without an event; then it restarts.
    fn poll_due(&mut self, cx: &mut Context<'_>) -> bool {
        let timer = self
            .timer
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(self.interval)));
        if timer.as_mut().poll(cx).is_pending() {
            return false;
        }
        // The stream is polled again after this chunk, which arms the restarted timer.
        self.restart();
        true
    }
}

impl<S: Stream<Item = Event>> Stream for SseFrames<S> {
    type Item = Bytes;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Bytes>> {
        let this = self.project();
        match this.events.poll_next(cx) {
            Poll::Ready(Some(event)) => {
                if let Some(keep_alive) = this.keep_alive {
                    keep_alive.restart();
                }
                Poll::Ready(Some(event.into_bytes()))
            }
            Poll::Ready(None) => Poll::Ready(None),
            Poll::Pending => {
                let due = this
                    .keep_alive
                    .as_mut()
                    .is_some_and(|keep_alive| keep_alive.poll_due(cx));
                if due {
                    Poll::Ready(Some(Bytes::from_static(KEEP_ALIVE_COMMENT)))
                } else {
                    Poll::Pending
                }
            }
        }
    }
}

pin_project_lite::pin_project! {
    /// [`SseFrames`] as a stream of `Result<Bytes, E>`, never an error: what streaming
    /// response constructors take.
    pub struct OkFrames<S, E> {
        #[pin]
        frames: SseFrames<S>,
        error: std::marker::PhantomData<fn() -> E>,
    }
}

impl<S> SseFrames<S> {
    /// Each chunk as `Ok`.
    pub fn ok<E>(self) -> OkFrames<S, E> {
        OkFrames {
            frames: self,
            error: std::marker::PhantomData,
        }
    }
}

impl<S: Stream<Item = Event>, E> Stream for OkFrames<S, E> {
    type Item = Result<Bytes, E>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.project()
            .frames
            .poll_next(cx)
            .map(|chunk| chunk.map(Ok))
    }
}

/// The content coding of one event-stream response, decided by the framework module
/// from the app's [`Compression`](crate::compression::Compression) settings (if it has
/// any) and the request's `Accept-Encoding`. Without a codec compiled in, always
/// identity.
#[cfg(any(feature = "actix-web", feature = "rocket"))]
#[derive(Default)]
pub(crate) struct ResponseCoding {
    #[cfg(any_codec)]
    encoder: Option<crate::compression::StreamEncoder>,
    /// The coding was chosen from `Accept-Encoding`, so caches must vary on it.
    #[cfg(any_codec)]
    negotiated: bool,
}

/// The body chunks of a response with its [`ResponseCoding`].
#[cfg(any(feature = "actix-web", feature = "rocket"))]
#[cfg(any_codec)]
pub(crate) type CodedFrames<S> = crate::compression::CompressedFrames<SseFrames<S>>;
/// The body chunks of a response with its [`ResponseCoding`].
#[cfg(any(feature = "actix-web", feature = "rocket"))]
#[cfg(not(any_codec))]
pub(crate) type CodedFrames<S> = OkFrames<S, std::io::Error>;

#[cfg(any(feature = "actix-web", feature = "rocket"))]
impl ResponseCoding {
    /// The coding for `stream` when the app configured `compression`: negotiated from
    /// the request's `Accept-Encoding` lines, identity after
    /// [`EventStream::without_compression`].
    #[cfg(any_codec)]
    pub(crate) fn negotiate<'a, S>(
        stream: &EventStream<S>,
        compression: &crate::compression::Compression,
        accept_encoding: impl IntoIterator<Item = &'a [u8]>,
    ) -> Self {
        if !stream.compression_allowed() {
            return ResponseCoding::default();
        }
        let encoding = compression.negotiate_lines(accept_encoding);
        ResponseCoding {
            encoder: crate::compression::encoder_for(compression, encoding),
            negotiated: true,
        }
    }

    /// The headers to add to [`RESPONSE_HEADERS`]: `content-encoding` and `vary`.
    pub(crate) fn headers(&self) -> impl Iterator<Item = (&'static str, &'static str)> {
        #[cfg(any_codec)]
        let headers = [
            self.encoder
                .as_ref()
                .map(|encoder| ("content-encoding", encoder.encoding().as_str())),
            self.negotiated
                .then_some(("vary", crate::compression::VARY)),
        ];
        #[cfg(not(any_codec))]
        let headers: [Option<(&'static str, &'static str)>; 0] = [];
        headers.into_iter().flatten()
    }

    /// `stream`'s body chunks in this coding, each flushed as it comes.
    pub(crate) fn frames<S>(self, stream: EventStream<S>) -> CodedFrames<S> {
        #[cfg(any_codec)]
        return crate::compression::CompressedFrames::new(stream.into_frames(), self.encoder);
        #[cfg(not(any_codec))]
        return stream.into_frames().ok();
    }
}
