//! Zstandard for an event stream: one frame while events flow, ended when the stream goes
//! idle so that an idle stream holds no compressor.
//!
//! A stream's compressor (its window and match tables, about 100 KiB at the default
//! settings) is only worth its memory while events flow. The frames module sends a
//! keep-alive comment only after the keep-alive interval without events, so that comment
//! is the sign: after compressing it, the frame is ended and the compressor dropped; the
//! next chunk starts a new frame with a new one. A Zstandard stream may hold any number
//! of frames one after the other, and decoders (browsers' included) read them as one
//! stream; the new frame only starts without the old one's history.

use std::io::{self, Write};

use super::encoder::Sink;

/// The compressor of one stream, present while its frame is open.
pub(super) struct ZstdStream {
    level: i32,
    window_log: u32,
    frame: Option<zstd::stream::write::Encoder<'static, Sink>>,
    /// Where the output collects while no frame is open.
    idle_sink: Option<Sink>,
}

impl ZstdStream {
    /// A stream with its first frame open, so that a setting Zstandard refuses is
    /// reported now.
    pub(super) fn new(sink: Sink, level: i32, window_log: u32) -> io::Result<ZstdStream> {
        Ok(ZstdStream {
            level,
            window_log,
            frame: Some(frame(sink, level, window_log)?),
            idle_sink: None,
        })
    }

    /// The open frame, or a new one.
    pub(super) fn writer(&mut self) -> io::Result<&mut dyn Write> {
        let open = match self.frame.take() {
            Some(open) => open,
            None => {
                let sink = self.idle_sink.take().unwrap_or_else(super::encoder::sink);
                frame(sink, self.level, self.window_log)?
            }
        };
        Ok(self.frame.insert(open))
    }

    /// Ends the open frame (its last block and end mark go to the sink) and drops its
    /// compressor.
    pub(super) fn end_frame(&mut self) -> io::Result<()> {
        if let Some(frame) = self.frame.take() {
            self.idle_sink = Some(frame.finish()?);
        }
        Ok(())
    }

    /// The sink, wherever it is.
    pub(super) fn sink(&mut self) -> &mut Sink {
        match (&mut self.frame, &mut self.idle_sink) {
            (Some(frame), _) => frame.get_mut(),
            (None, Some(sink)) => sink,
            (None, none) => none.insert(super::encoder::sink()),
        }
    }

    /// Ends the stream: the open frame's end, if one is open.
    pub(super) fn finish(mut self) -> io::Result<Sink> {
        self.end_frame()?;
        Ok(self.idle_sink.unwrap_or_else(super::encoder::sink))
    }
}

/// A new frame's compressor, writing into `sink`.
fn frame(
    sink: Sink,
    level: i32,
    window_log: u32,
) -> io::Result<zstd::stream::write::Encoder<'static, Sink>> {
    let mut encoder = zstd::stream::write::Encoder::new(sink, level)?;
    encoder.window_log(window_log)?;
    if (1..=5).contains(&level) && window_log <= 16 {
        size_tables(&mut encoder, window_log)?;
    }
    Ok(encoder)
}

/// Zstandard's match tables for a stream with a small window. The levels' own tables are
/// sized for large inputs whatever the window (level 3: a 2<sup>17</sup> hash and a
/// 2<sup>16</sup> chain, 870 KiB touched per stream); a stream sends a few KiB at a time
/// and only ever matches within its window, so tables sized to the window find nearly
/// the same matches. The lazy strategy (rather than level 3's double-fast) keeps the ratio
/// of a fat-morph stream above 100 with them; measured in BENCHMARKS.md.
fn size_tables(
    encoder: &mut zstd::stream::write::Encoder<'static, Sink>,
    window_log: u32,
) -> io::Result<()> {
    use zstd::stream::raw::CParameter;
    encoder.set_parameter(CParameter::HashLog(window_log - 4))?;
    encoder.set_parameter(CParameter::ChainLog(window_log - 3))?;
    encoder.set_parameter(CParameter::SearchLog(3))?;
    encoder.set_parameter(CParameter::Strategy(zstd::zstd_safe::Strategy::ZSTD_lazy))
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use crate::compression::{Compression, Encoding};
    use crate::frames::KEEP_ALIVE_COMMENT;

    const EVENT: &[u8] = b"event: datastar-patch-signals\ndata: signals {\"a\":1}\n\n";

    fn decode(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        zstd::stream::read::Decoder::new(bytes)
            .unwrap()
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn an_idle_stream_ends_its_frame_and_the_next_event_starts_one() {
        let mut encoder = Compression::default().encoder(Encoding::Zstd).unwrap();
        let mut sent = Vec::new();
        sent.push(encoder.encode(EVENT).unwrap());
        sent.push(encoder.encode(EVENT).unwrap());
        // Idle: the keep-alive ends the frame; each chunk still decodes on arrival.
        sent.push(encoder.encode(KEEP_ALIVE_COMMENT).unwrap());
        let so_far: Vec<u8> = sent.concat();
        assert_eq!(decode(&so_far), [EVENT, EVENT, KEEP_ALIVE_COMMENT].concat());
        // Still idle: a keep-alive is a frame of its own.
        sent.push(encoder.encode(KEEP_ALIVE_COMMENT).unwrap());
        // Events again: a new frame, ended by `finish`.
        sent.push(encoder.encode(EVENT).unwrap());
        sent.push(encoder.finish().unwrap());
        let frames = sent.concat();
        assert_eq!(
            decode(&frames),
            [EVENT, EVENT, KEEP_ALIVE_COMMENT, KEEP_ALIVE_COMMENT, EVENT].concat()
        );
        // Three frames: two events and the first keep-alive, the second keep-alive, the
        // last event.
        let magic = [0x28, 0xb5, 0x2f, 0xfd];
        let starts = frames.windows(4).filter(|window| *window == magic).count();
        assert_eq!(starts, 3);
    }
}
