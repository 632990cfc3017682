//! The tower layer: compresses `text/event-stream` responses frame by frame, whatever
//! produced them, and passes every other response through untouched.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};

use axum::response::{IntoResponseParts, ResponseParts};
use bytes::{Buf, Bytes};
use http::header::{self, HeaderMap, HeaderValue};
use http::{Request, Response};
use http_body::{Body, Frame, SizeHint};

use super::{Compression, Encoding, NoCompression, StreamEncoder, prepare};

/// What a [`CompressionBody`] fails with: its inner body's error, or the codec's.
type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A tower layer that compresses event streams (`text/event-stream` responses) with the
/// coding negotiated from the request's `Accept-Encoding`, flushing after every frame.
///
/// Compressed responses get `content-encoding` and lose `content-length`; every event
/// stream the layer could have compressed gets `vary: accept-encoding`, including those
/// sent as identity because the client asked for nothing. Other content types, responses
/// that already have a `content-encoding`, and responses carrying [`NoCompression`] are
/// passed through untouched.
///
/// ```
/// use axum::{Router, routing::get};
/// use datastar_core::compression::{Compression, CompressionLayer, Encoding};
/// # async fn feed() {}
///
/// let app: Router = Router::new()
///     .route("/feed", get(feed))
///     .layer(CompressionLayer::new(
///         Compression::default().order([Encoding::Brotli, Encoding::Gzip]).brotli(6, 20),
///     ));
/// ```
#[derive(Clone, Debug, Default)]
pub struct CompressionLayer {
    compression: Arc<Compression>,
}

impl CompressionLayer {
    /// A layer with these settings.
    pub fn new(compression: Compression) -> Self {
        CompressionLayer {
            compression: Arc::new(compression),
        }
    }
}

impl<S> tower_layer::Layer<S> for CompressionLayer {
    type Service = CompressionService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        CompressionService {
            inner,
            compression: self.compression.clone(),
        }
    }
}

/// The service made by [`CompressionLayer`].
#[derive(Clone, Debug)]
pub struct CompressionService<S> {
    inner: S,
    compression: Arc<Compression>,
}

impl<S, ReqBody, ResBody> tower_service::Service<Request<ReqBody>> for CompressionService<S>
where
    S: tower_service::Service<Request<ReqBody>, Response = Response<ResBody>>,
    ResBody: Body,
    ResBody::Error: Into<BoxError>,
{
    type Response = Response<CompressionBody<ResBody>>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        let lines = request.headers().get_all(header::ACCEPT_ENCODING).iter();
        let encoding = self
            .compression
            .negotiate_lines(lines.map(HeaderValue::as_bytes));
        ResponseFuture {
            inner: self.inner.call(request),
            encoding,
            compression: self.compression.clone(),
        }
    }
}

pin_project_lite::pin_project! {
    /// The future of [`CompressionService`]: the inner response, wrapped.
    pub struct ResponseFuture<F> {
        #[pin]
        inner: F,
        encoding: Option<Encoding>,
        compression: Arc<Compression>,
    }
}

impl<F, B, E> Future for ResponseFuture<F>
where
    F: Future<Output = Result<Response<B>, E>>,
    B: Body,
{
    type Output = Result<Response<CompressionBody<B>>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let response = ready!(this.inner.poll(cx))?;
        Poll::Ready(Ok(wrap(response, *this.encoding, this.compression)))
    }
}

fn wrap<B>(
    response: Response<B>,
    encoding: Option<Encoding>,
    compression: &Compression,
) -> Response<CompressionBody<B>> {
    let (mut parts, body) = response.into_parts();
    let encoder = prepare(&mut parts, encoding, compression);
    Response::from_parts(parts, CompressionBody::new(body, encoder))
}

pin_project_lite::pin_project! {
    /// The response body of [`CompressionService`]: the inner body as it was, or each of
    /// its data frames compressed and flushed as it comes.
    pub struct CompressionBody<B> {
        #[pin]
        inner: B,
        state: State,
    }
}

enum State {
    Identity,
    Encoding(StreamEncoder),
    /// The coding is finished; the inner body's trailers come next.
    Trailers(HeaderMap),
    Done,
}

impl<B> CompressionBody<B> {
    fn new(inner: B, encoder: Option<StreamEncoder>) -> Self {
        let state = encoder.map_or(State::Identity, State::Encoding);
        CompressionBody { inner, state }
    }

    /// The coding applied to the body, if any.
    pub fn encoding(&self) -> Option<Encoding> {
        match &self.state {
            State::Encoding(encoder) => Some(encoder.encoding()),
            _ => None,
        }
    }
}

impl<B> Body for CompressionBody<B>
where
    B: Body,
    B::Error: Into<BoxError>,
{
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let mut this = self.project();
        loop {
            let encoder = match this.state {
                State::Identity => {
                    let frame = ready!(this.inner.as_mut().poll_frame(cx));
                    return Poll::Ready(frame.map(|frame| match frame {
                        Ok(frame) => {
                            Ok(frame.map_data(|mut data| data.copy_to_bytes(data.remaining())))
                        }
                        Err(error) => Err(error.into()),
                    }));
                }
                State::Encoding(encoder) => encoder,
                State::Trailers(_) => {
                    let State::Trailers(trailers) = std::mem::replace(this.state, State::Done)
                    else {
                        unreachable!("matched above")
                    };
                    return Poll::Ready(Some(Ok(Frame::trailers(trailers))));
                }
                State::Done => return Poll::Ready(None),
            };
            let frame = match ready!(this.inner.as_mut().poll_frame(cx)) {
                Some(Ok(frame)) => frame,
                Some(Err(error)) => {
                    *this.state = State::Done;
                    return Poll::Ready(Some(Err(error.into())));
                }
                None => {
                    return Poll::Ready(match finish(this.state, State::Done) {
                        Ok(tail) if tail.is_empty() => None,
                        Ok(tail) => Some(Ok(Frame::data(tail))),
                        Err(error) => Some(Err(error)),
                    });
                }
            };
            match frame.into_data() {
                Ok(mut data) => {
                    if !data.has_remaining() {
                        continue;
                    }
                    // Events arrive as one contiguous chunk; anything else is gathered first.
                    let compressed = if data.chunk().len() == data.remaining() {
                        encoder.encode(data.chunk())
                    } else {
                        encoder.encode(&data.copy_to_bytes(data.remaining()))
                    };
                    match compressed {
                        Ok(bytes) if bytes.is_empty() => continue,
                        Ok(bytes) => return Poll::Ready(Some(Ok(Frame::data(bytes)))),
                        Err(error) => {
                            *this.state = State::Done;
                            return Poll::Ready(Some(Err(error.into())));
                        }
                    }
                }
                Err(frame) => {
                    // Trailers end the body: the coding must be finished before them.
                    let next = frame.into_trailers().map_or(State::Done, State::Trailers);
                    return Poll::Ready(Some(finish(this.state, next).map(Frame::data)));
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        match &self.state {
            State::Identity => self.inner.is_end_stream(),
            State::Done => true,
            State::Encoding(_) | State::Trailers(_) => false,
        }
    }

    fn size_hint(&self) -> SizeHint {
        match &self.state {
            State::Identity => self.inner.size_hint(),
            _ => SizeHint::default(),
        }
    }
}

/// Finishes the coding held in `state` and leaves `next` there (`Done` after an error).
fn finish(state: &mut State, next: State) -> Result<Bytes, BoxError> {
    let State::Encoding(encoder) = std::mem::replace(state, next) else {
        return Ok(Bytes::new());
    };
    encoder.finish().map_err(|error| {
        *state = State::Done;
        error.into()
    })
}

impl IntoResponseParts for NoCompression {
    type Error = Infallible;

    fn into_response_parts(self, mut response: ResponseParts) -> Result<ResponseParts, Infallible> {
        response.extensions_mut().insert(self);
        Ok(response)
    }
}
