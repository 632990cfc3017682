//! Any server on `http` 1.x (hyper, tower, poem, salvo, …): an [`EventStream`] becomes an
//! `http::Response` whose body implements `http_body::Body`, with the same status,
//! headers, per-event frames and keep-alive as every framework module.

use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;
use http_body::Frame;

use crate::frames::SseFrames;
use crate::{Event, EventStream};

pin_project_lite::pin_project! {
    /// The body of an event-stream response: one data frame per event, as soon as it is
    /// produced, and a keep-alive comment after a silence. Dropping it (the client went
    /// away) drops the producer.
    pub struct SseBody<S> {
        #[pin]
        frames: SseFrames<S>,
    }
}

impl<S: Stream<Item = Event>> http_body::Body for SseBody<S> {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.project()
            .frames
            .poll_next(cx)
            .map(|chunk| chunk.map(|bytes| Ok(Frame::data(bytes))))
    }
}

impl<S> EventStream<S> {
    /// The response: `200 OK`, `content-type: text/event-stream`, `cache-control:
    /// no-cache`, and the events as the body.
    ///
    /// ```
    /// use datastar_core::prelude::*;
    ///
    /// let response: http::Response<_> = datastar! {
    ///     signals { hal: "Affirmative, Dave. I read you." };
    /// }
    /// .into_http_response();
    /// assert_eq!(response.headers()["content-type"], "text/event-stream");
    /// ```
    pub fn into_http_response(self) -> http::Response<SseBody<S>> {
        let mut response = http::Response::new(SseBody {
            frames: self.into_frames(),
        });
        crate::frames::insert_response_headers(response.headers_mut());
        response
    }
}

impl<S> From<EventStream<S>> for http::Response<SseBody<S>> {
    fn from(events: EventStream<S>) -> Self {
        events.into_http_response()
    }
}

/// The body of a one-shot response (a page, a fragment): the whole text as one data
/// frame.
#[derive(Debug)]
pub struct FullBody(Option<Bytes>);

impl FullBody {
    /// A body of `text`.
    pub fn new(text: impl Into<Bytes>) -> Self {
        FullBody(Some(text.into()))
    }
}

impl http_body::Body for FullBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        Poll::Ready(self.get_mut().0.take().map(|bytes| Ok(Frame::data(bytes))))
    }

    fn is_end_stream(&self) -> bool {
        self.0.is_none()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        http_body::SizeHint::with_exact(self.0.as_ref().map_or(0, |bytes| bytes.len() as u64))
    }
}
