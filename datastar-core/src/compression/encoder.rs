//! One encoder per response: each chunk is compressed against everything before it on
//! the stream, then flushed, so it decodes completely as soon as it is sent.

use std::fmt;
use std::io::{self, Write};

use bytes::buf::Writer;
use bytes::{BufMut, Bytes, BytesMut};

use super::{Compression, Encoding};

/// The compressed output collects here between flushes; its memory is reused once the
/// bytes handed out have been written and dropped.
pub(super) type Sink = Writer<BytesMut>;

/// An empty sink.
pub(super) fn sink() -> Sink {
    BytesMut::new().writer()
}

/// Compresses one response body (an event stream), chunk by chunk.
///
/// Made by [`Compression::encoder`]. [`encode`](Self::encode) each chunk of the body as
/// it is produced, events and keep-alive comments alike, and send what it returns right
/// away: it is flushed, so the client can decode everything up to the end of the chunk.
/// At the end of the body send [`finish`](Self::finish)'s bytes. A body cut short (the
/// client went away) needs nothing more: drop the encoder.
///
/// The encoder keeps its window (the bytes sent before) and its match tables for the
/// whole response: that is where the ratio comes from, and what a connection costs in
/// memory. Zstandard is the exception while the stream is idle: given the keep-alive
/// comment ([`KEEP_ALIVE_COMMENT`](crate::frames::KEEP_ALIVE_COMMENT), which is only sent
/// after the keep-alive interval without events), it ends its frame and frees its
/// compressor; the next chunk starts a new frame.
pub struct StreamEncoder {
    encoding: Encoding,
    codec: Codec,
}

enum Codec {
    // Boxed: the brotli state is a large struct, and this enum lives in response bodies.
    #[cfg(feature = "compression-br")]
    Brotli(Box<brotli::CompressorWriter<Sink>>),
    #[cfg(feature = "compression-zstd")]
    Zstd(super::zstd_stream::ZstdStream),
    #[cfg(feature = "compression-gzip")]
    Gzip(flate2::write::GzEncoder<Sink>),
    #[cfg(feature = "compression-gzip")]
    Deflate(flate2::write::ZlibEncoder<Sink>),
}

/// brotli's staging buffer between its state and our sink.
#[cfg(feature = "compression-br")]
const BROTLI_BUFFER: usize = 4096;

impl StreamEncoder {
    pub(super) fn new(encoding: Encoding, settings: &Compression) -> io::Result<StreamEncoder> {
        let sink = sink();
        let codec = match encoding {
            #[cfg(feature = "compression-br")]
            Encoding::Brotli => {
                let (quality, window_log) = settings.brotli;
                Codec::Brotli(Box::new(brotli::CompressorWriter::with_params(
                    sink,
                    BROTLI_BUFFER,
                    &brotli_params(quality, window_log),
                )))
            }
            #[cfg(feature = "compression-zstd")]
            Encoding::Zstd => {
                let (level, window_log) = settings.zstd;
                Codec::Zstd(super::zstd_stream::ZstdStream::new(
                    sink, level, window_log,
                )?)
            }
            #[cfg(feature = "compression-gzip")]
            Encoding::Gzip => Codec::Gzip(flate2::write::GzEncoder::new(
                sink,
                flate2::Compression::new(settings.gzip),
            )),
            #[cfg(feature = "compression-gzip")]
            Encoding::Deflate => Codec::Deflate(flate2::write::ZlibEncoder::new(
                sink,
                flate2::Compression::new(settings.gzip),
            )),
        };
        Ok(StreamEncoder { encoding, codec })
    }

    /// The coding this encoder writes, for `Content-Encoding`.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Compresses `chunk` and flushes: the returned bytes, appended to those returned
    /// before, decode to everything given so far. Send them now.
    ///
    /// # Errors
    ///
    /// If the codec fails (it does not with the settings [`Compression`] allows; Zstandard
    /// can report running out of memory). The stream cannot continue after an error.
    pub fn encode(&mut self, chunk: &[u8]) -> io::Result<Bytes> {
        let writer = self.writer()?;
        writer.write_all(chunk)?;
        writer.flush()?;
        // A keep-alive comment is only sent after the keep-alive interval without events:
        // the stream is idle, and a Zstandard frame can end here and free its compressor.
        #[cfg(feature = "compression-zstd")]
        if let Codec::Zstd(stream) = &mut self.codec
            && chunk == crate::frames::KEEP_ALIVE_COMMENT
        {
            stream.end_frame()?;
        }
        Ok(self.take())
    }

    /// Ends the stream: the codec's last bytes (brotli's final block, the gzip trailer,
    /// …), to send after everything [`encode`](Self::encode) returned.
    ///
    /// # Errors
    ///
    /// As for [`encode`](Self::encode).
    pub fn finish(self) -> io::Result<Bytes> {
        let sink = match self.codec {
            #[cfg(feature = "compression-br")]
            Codec::Brotli(writer) => writer.into_inner(),
            #[cfg(feature = "compression-zstd")]
            Codec::Zstd(stream) => stream.finish()?,
            #[cfg(feature = "compression-gzip")]
            Codec::Gzip(writer) => writer.finish()?,
            #[cfg(feature = "compression-gzip")]
            Codec::Deflate(writer) => writer.finish()?,
        };
        Ok(sink.into_inner().freeze())
    }

    fn writer(&mut self) -> io::Result<&mut dyn Write> {
        Ok(match &mut self.codec {
            #[cfg(feature = "compression-br")]
            Codec::Brotli(writer) => &mut **writer,
            #[cfg(feature = "compression-zstd")]
            Codec::Zstd(stream) => stream.writer()?,
            #[cfg(feature = "compression-gzip")]
            Codec::Gzip(writer) => writer,
            #[cfg(feature = "compression-gzip")]
            Codec::Deflate(writer) => writer,
        })
    }

    /// What the codec has written since the last call.
    fn take(&mut self) -> Bytes {
        let sink = match &mut self.codec {
            #[cfg(feature = "compression-br")]
            Codec::Brotli(writer) => writer.get_mut(),
            #[cfg(feature = "compression-zstd")]
            Codec::Zstd(stream) => stream.sink(),
            #[cfg(feature = "compression-gzip")]
            Codec::Gzip(writer) => writer.get_mut(),
            #[cfg(feature = "compression-gzip")]
            Codec::Deflate(writer) => writer.get_mut(),
        };
        sink.get_mut().split().freeze()
    }
}

/// Brotli's parameters for a stream. At qualities 5 to 8 with windows up to 16 bits the
/// `brotli` crate (9.1) has no H40 to H42 hashers and falls back to H6 with the table
/// sizes given here; left alone those would be 32 MiB per connection. C brotli's H5 sizes
/// (16 K buckets of 2<sup>quality − 1</sup> slots) still cost 1.2 MiB per stream; a
/// stream only matches within its window, so the table is sized to it:
/// 2<sup>window_log − 4</sup> buckets of 2 slots (4 from quality 7).
#[cfg(feature = "compression-br")]
fn brotli_params(quality: u32, window_log: u32) -> brotli::enc::BrotliEncoderParams {
    let mut params = brotli::enc::BrotliEncoderParams {
        quality: quality as i32,
        lgwin: window_log as i32,
        // Event streams are UTF-8 text; the mode tunes literal modelling for it.
        mode: brotli::enc::backward_references::BrotliEncoderMode::BROTLI_MODE_TEXT,
        ..Default::default()
    };
    if (5..=8).contains(&quality) && window_log <= 16 {
        params.hasher.bucket_bits = window_log as i32 - 4;
        params.hasher.block_bits = if quality < 7 { 1 } else { 2 };
        params.hasher.hash_len = 5;
        params.hasher.num_last_distances_to_check = if quality < 7 { 4 } else { 10 };
    }
    params
}

impl fmt::Debug for StreamEncoder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StreamEncoder")
            .field("encoding", &self.encoding)
            .finish_non_exhaustive()
    }
}
