//! Compression of warp's event-stream replies: a reply does not see the request, so the
//! coding is chosen by a filter around the routes, as warp's own compression filters do.

use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};

use bytes::Bytes;
use futures_core::Stream;
use sync_wrapper::SyncStream;
use warp::http::header::{ACCEPT_ENCODING, HeaderMap, HeaderValue};
use warp::reject::Rejection;
use warp::reply::Response;
use warp::{Filter, Reply};

use crate::compression::{CompressedFrames, Compression, Encoding, prepare};

/// `filter`'s replies, with every event stream among them compressed as `compression`
/// and the request's `Accept-Encoding` decide: one encoder per response, each event
/// flushed as it comes. Other replies, streams already encoded and
/// [`EventStream::without_compression`](crate::EventStream::without_compression) pass
/// through unchanged.
///
/// ```
/// use datastar_core::compression::Compression;
/// use datastar_core::prelude::*;
/// use warp::Filter;
///
/// let hal = warp::path!("hal" / "open").map(|| {
///     datastar! {
///         elements r#"<div id="hal">I'm sorry, Dave. I'm afraid I can't do that.</div>"#;
///         wait 1s;
///         elements r#"<div id="hal">Waiting for an order...</div>"#;
///     }
/// });
/// let routes = datastar_core::warp::compressed(Compression::default(), hal);
/// # let _ = warp::serve(routes);
/// ```
pub fn compressed<F, R>(
    compression: Compression,
    filter: F,
) -> impl Filter<Extract = (Response,), Error = Rejection> + Clone + Send + Sync + 'static
where
    F: Filter<Extract = (R,), Error = Rejection> + Clone + Send + Sync + 'static,
    R: Reply,
{
    let compression = Arc::new(compression);
    warp::header::headers_cloned()
        .and(filter)
        .map(move |request: HeaderMap, reply: R| {
            let lines = request.get_all(ACCEPT_ENCODING).iter();
            let encoding = compression.negotiate_lines(lines.map(HeaderValue::as_bytes));
            compress(&compression, encoding, reply.into_response())
        })
}

fn compress(compression: &Compression, encoding: Option<Encoding>, response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let Some(encoder) = prepare(&mut parts, encoding, compression) else {
        return Response::from_parts(parts, body);
    };
    let frames = CompressedFrames::new(BodyChunks { body }, Some(encoder));
    let body = warp::reply::stream(SyncStream::new(frames))
        .into_response()
        .into_body();
    Response::from_parts(parts, body)
}

pin_project_lite::pin_project! {
    /// A body's data frames as a stream; an error ends it (logged), trailers are dropped
    /// (an event stream has none).
    struct BodyChunks<B> {
        #[pin]
        body: B,
    }
}

impl<B> Stream for BodyChunks<B>
where
    B: http_body::Body<Data = Bytes>,
    B::Error: std::fmt::Display,
{
    type Item = Bytes;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Bytes>> {
        let mut body = self.project().body;
        loop {
            match ready!(body.as_mut().poll_frame(cx)) {
                None => return Poll::Ready(None),
                Some(Ok(frame)) => {
                    if let Ok(data) = frame.into_data() {
                        return Poll::Ready(Some(data));
                    }
                }
                Some(Err(error)) => {
                    tracing::error!(%error, "an event stream's body failed; ending it");
                    return Poll::Ready(None);
                }
            }
        }
    }
}
