//! Compression for servers that hand the crate the request in their response hook
//! (actix-web, Rocket) or wrap routes (warp): the body as a stream of compressed chunks,
//! one per chunk of the event stream, each flushed.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use bytes::Bytes;
use futures_core::Stream;

use super::StreamEncoder;

pin_project_lite::pin_project! {
    /// A response body's chunks, each compressed and flushed by one [`StreamEncoder`] (or
    /// passed through when there is none), then the encoder's last bytes.
    ///
    /// The framework modules use it for [`EventStream`](crate::EventStream)s; a server of
    /// your own can wrap [`EventStream::into_frames`](crate::EventStream::into_frames).
    /// After an error the stream ends: the client cannot decode anything sent after it.
    pub struct CompressedFrames<S> {
        #[pin]
        chunks: S,
        encoder: Option<StreamEncoder>,
        ended: bool,
    }
}

impl<S> CompressedFrames<S> {
    /// Compresses `chunks` with `encoder`; `None` passes them through unchanged.
    pub fn new(chunks: S, encoder: Option<StreamEncoder>) -> Self {
        CompressedFrames {
            chunks,
            encoder,
            ended: false,
        }
    }
}

impl<S: Stream<Item = Bytes>> Stream for CompressedFrames<S> {
    type Item = io::Result<Bytes>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.project();
        if *this.ended {
            return Poll::Ready(None);
        }
        let Some(chunk) = ready!(this.chunks.poll_next(cx)) else {
            *this.ended = true;
            return Poll::Ready(this.encoder.take().map(StreamEncoder::finish));
        };
        let Some(encoder) = this.encoder else {
            return Poll::Ready(Some(Ok(chunk)));
        };
        let encoded = encoder.encode(&chunk);
        if encoded.is_err() {
            *this.ended = true;
        }
        Poll::Ready(Some(encoded))
    }
}

/// The encoder for `encoding`, or `None` for identity: no coding was negotiated, or the
/// encoder could not be made (then the stream goes out uncompressed, which every client
/// reads).
#[cfg(any(
    feature = "axum",
    feature = "actix-web",
    feature = "rocket",
    feature = "warp",
    test
))]
pub(crate) fn encoder_for(
    compression: &super::Compression,
    encoding: Option<super::Encoding>,
) -> Option<StreamEncoder> {
    let encoding = encoding?;
    compression
        .encoder(encoding)
        .inspect_err(|error| {
            tracing::warn!(%error, %encoding, "sending an event stream uncompressed");
        })
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(frames: CompressedFrames<impl Stream<Item = Bytes> + Unpin>) -> Vec<Bytes> {
        let mut frames = Box::pin(frames);
        let waker = std::task::Waker::noop();
        let mut cx = Context::from_waker(waker);
        let mut out = Vec::new();
        while let Poll::Ready(Some(chunk)) = frames.as_mut().poll_next(&mut cx) {
            out.push(chunk.expect("no codec error"));
        }
        out
    }

    fn chunks() -> impl Stream<Item = Bytes> + Unpin {
        futures_util::stream::iter([
            Bytes::from_static(b"event: datastar-patch-signals\ndata: signals {\"a\":1}\n\n"),
            Bytes::from_static(b":\n\n"),
        ])
    }

    #[test]
    fn identity_passes_chunks_through() {
        let out = collect(CompressedFrames::new(chunks(), None));
        assert_eq!(
            out.concat(),
            b"event: datastar-patch-signals\ndata: signals {\"a\":1}\n\n:\n\n"
        );
    }

    #[cfg(feature = "compression-gzip")]
    #[test]
    fn each_chunk_decodes_as_soon_as_it_is_sent() {
        use super::super::Compression;
        use std::io::Read;
        let compression = Compression::default();
        let encoding = compression.negotiate_lines([&b"gzip"[..]]);
        let encoder = encoder_for(&compression, encoding).expect("gzip accepted");
        let out = collect(CompressedFrames::new(chunks(), Some(encoder)));
        assert_eq!(out.len(), 3, "one chunk per event, then the trailer");
        // The first chunk alone decodes to the whole first event.
        let mut first = Vec::new();
        let mut decoder = flate2::read::GzDecoder::new(&out[0][..]);
        let _ = decoder.read_to_end(&mut first);
        assert_eq!(
            first,
            b"event: datastar-patch-signals\ndata: signals {\"a\":1}\n\n"
        );
        let mut all = Vec::new();
        flate2::read::GzDecoder::new(&out.concat()[..])
            .read_to_end(&mut all)
            .unwrap();
        assert_eq!(
            all,
            b"event: datastar-patch-signals\ndata: signals {\"a\":1}\n\n:\n\n"
        );
    }

    #[test]
    fn no_accept_encoding_is_identity() {
        let compression = super::super::Compression::default();
        assert!(compression.negotiate_lines([]).is_none());
        assert!(
            encoder_for(
                &compression,
                compression.negotiate_lines([&b"identity"[..]])
            )
            .is_none()
        );
    }
}
