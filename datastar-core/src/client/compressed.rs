//! The client file's compressed copies: one per coding, made on first request and kept.

use std::sync::OnceLock;

use bytes::Bytes;

use crate::compression::{Compression, Encoding};

/// The codings a [`Bundle`](super::Bundle) may send and the copies made so far.
#[derive(Debug)]
pub(super) struct Compressed {
    settings: Compression,
    /// Indexed like [`Encoding::ALL`]; `None` inside when the codec failed (the file is
    /// then sent as it is).
    copies: Vec<OnceLock<Option<Bytes>>>,
}

impl Compressed {
    pub(super) fn new(settings: Compression) -> Compressed {
        Compressed {
            settings: for_a_file(settings),
            copies: Encoding::ALL.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// The coding to use for a client sending `accept_encoding` (each line of the
    /// header), and `file` in it; `None` for identity.
    pub(super) fn for_client(
        &self,
        file: &[u8],
        accept_encoding: &[&[u8]],
    ) -> Option<(Encoding, Bytes)> {
        let encoding = self
            .settings
            .negotiate_lines(accept_encoding.iter().copied())?;
        let copy = self.copies[encoding.index()].get_or_init(|| {
            let mut encoder = self.settings.encoder(encoding).ok()?;
            let mut copy = encoder.encode(file).ok()?.to_vec();
            copy.extend_from_slice(&encoder.finish().ok()?);
            Some(Bytes::from(copy))
        });
        Some((encoding, copy.clone()?))
    }
}

/// `settings` with each codec at its best: the codings, order and preference stay the
/// caller's, but a file compressed once and sent many times is worth the slowest levels
/// (the stream settings are tuned for many small writes on open connections).
fn for_a_file(settings: Compression) -> Compression {
    #[cfg(feature = "compression-br")]
    let settings = settings.brotli(11, 22);
    #[cfg(feature = "compression-zstd")]
    let settings = settings.zstd(19, 22);
    #[cfg(feature = "compression-gzip")]
    let settings = settings.gzip(9);
    settings
}
