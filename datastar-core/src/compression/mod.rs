//! Compression of event streams that never delays an event (features `compression-br`,
//! `compression-zstd`, `compression-gzip`, or `compression` for all three).
//!
//! A Datastar stream repeats itself: the same event names, the same `data: elements`
//! prefixes, and above all the same markup, re-rendered with one cell changed. Compressed
//! with one encoder per connection, each event is written against everything sent
//! before it on that stream, so a re-render costs little more than its change. Every
//! event is then flushed, so the client decodes it completely as soon as it arrives:
//! nothing waits in the compressor for the next event.
//!
//! With axum, add a [`CompressionLayer`] (feature `axum`): it compresses every
//! `text/event-stream` response, whether or not it came from `datastar!`, and leaves
//! other responses alone.
//!
//! ```
//! use axum::{Router, routing::get};
//! use datastar_core::compression::CompressionLayer;
//! use datastar_core::prelude::*;
//!
//! async fn hal() -> impl IntoResponse {
//!     datastar! {
//!         elements r#"<div id="hal">I'm sorry, Dave. I'm afraid I can't do that.</div>"#;
//!         wait 1s;
//!         elements r#"<div id="hal">Waiting for an order...</div>"#;
//!     }
//! }
//!
//! let app: Router = Router::new()
//!     .route("/hal/open", get(hal))
//!     .layer(CompressionLayer::default());
//! ```
//!
//! The other frameworks read the same settings where they keep app-wide state, and
//! compress every [`EventStream`](crate::EventStream) they send:
//!
//! * actix-web: `App::new().app_data(Compression::default())` (or in `web::Data`);
//! * Rocket: `rocket::build().manage(Compression::default())`;
//! * warp: a reply does not see its request, so wrap the routes:
//!   `datastar_core::warp::compressed(Compression::default(), routes)`.
//!
//! Other servers use the two framework-neutral pieces below, as the layer does: pick a
//! coding from the request's `Accept-Encoding` with [`Compression::negotiate`], then pass
//! every chunk of the body (events and keep-alive comments alike) through one
//! [`StreamEncoder`] per response, and its [`finish`](StreamEncoder::finish) at the end.
//!
//! ```
//! use datastar_core::compression::{Compression, VARY};
//! use datastar_core::PatchSignals;
//!
//! let compression = Compression::default();
//! let mut headers = vec![("content-type", "text/event-stream"), ("vary", VARY)];
//! let mut body = Vec::new();
//! let event = PatchSignals::new(r#"{"count":1}"#).encode()?;
//! match compression.negotiate(b"gzip, deflate, br, zstd") {
//!     Some(encoding) => {
//!         headers.push(("content-encoding", encoding.as_str()));
//!         let mut encoder = compression.encoder(encoding)?;
//!         body.push(encoder.encode(event.as_bytes())?); // send it now: it is complete
//!         body.push(encoder.finish()?);
//!     }
//!     None => body.push(event.into_bytes()),
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Settings and their cost
//!
//! An open stream keeps its encoder (its window and match tables) for as long as it is
//! open, so the defaults are chosen for thousands of open streams: zstd level 3 and
//! brotli quality 5, both with a 32 KiB window and match tables sized to it, and gzip and
//! deflate at level 6. They make a stream of re-rendered 50-row tables about 100 (zstd),
//! 340 (brotli) and 80 (gzip) times smaller than it is uncompressed, and a chat feed
//! about 5 times, for about 100 KiB (zstd), 150 KiB (brotli) and 340 KiB (gzip) of
//! encoder per open stream. A Zstandard stream also gives its encoder back while it is
//! idle: after the keep-alive comment (sent only after the keep-alive interval without
//! events) it ends its frame, and the next event starts a new one. BENCHMARKS.md gives
//! bytes, CPU per event and memory for each codec, level and window, and a load test of
//! 1,000 open streams per coding.
//!
//! * The order: by default the server's ([`Compression::order`], zstd, brotli, gzip,
//!   then deflate: the smallest encoder first) decides among the codings the client
//!   accepts;
//!   [`Compression::prefer_client`] lets the client's weights decide instead.
//! * Brotli's quality and window ([`Compression::brotli`]): qualities 0 and 1 compress
//!   each event on its own; mind the `brotli` crate's limits described there.
//! * Zstandard's level and window ([`Compression::zstd`]): the window is capped at
//!   8 MiB (`window_log` 23), the most a browser must decode (RFC 9659).
//! * gzip's and deflate's level ([`Compression::gzip`]); their window is DEFLATE's 32 KiB.
//!
//! A response carrying the [`NoCompression`] extension is left alone by the layer;
//! [`EventStream::without_compression`](crate::EventStream::without_compression) adds it.

mod encoder;
mod frames;
#[cfg(feature = "axum")]
mod layer;
mod negotiate;
#[cfg(any(feature = "axum", feature = "warp"))]
mod response;
#[cfg(all(
    test,
    feature = "axum",
    feature = "compression-br",
    feature = "compression-zstd",
    feature = "compression-gzip"
))]
mod tests;
#[cfg(feature = "compression-zstd")]
mod zstd_stream;

pub use encoder::StreamEncoder;
pub use frames::CompressedFrames;
#[cfg(any(
    feature = "axum",
    feature = "actix-web",
    feature = "rocket",
    feature = "warp"
))]
pub(crate) use frames::encoder_for;
#[cfg(feature = "axum")]
pub use layer::{CompressionBody, CompressionLayer, CompressionService, ResponseFuture};
#[cfg(any(feature = "axum", feature = "warp"))]
pub(crate) use response::prepare;

/// The value of the `Vary` header on a response whose coding was chosen from
/// `Accept-Encoding`: caches must not give one client's coding to another.
pub const VARY: &str = "accept-encoding";

/// A content coding this crate can apply to an event stream (which ones depends on the
/// enabled features). Identity (no coding) is `None` wherever an `Option<Encoding>` is
/// used.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// Brotli, `br` (feature `compression-br`).
    #[cfg(feature = "compression-br")]
    Brotli,
    /// Zstandard, `zstd` (feature `compression-zstd`).
    #[cfg(feature = "compression-zstd")]
    Zstd,
    /// gzip, `gzip` (feature `compression-gzip`).
    #[cfg(feature = "compression-gzip")]
    Gzip,
    /// The zlib format, which HTTP calls `deflate` (feature `compression-gzip`).
    #[cfg(feature = "compression-gzip")]
    Deflate,
}

impl Encoding {
    /// Every coding compiled in, in the default server order.
    pub const ALL: &[Encoding] = &[
        #[cfg(feature = "compression-zstd")]
        Encoding::Zstd,
        #[cfg(feature = "compression-br")]
        Encoding::Brotli,
        #[cfg(feature = "compression-gzip")]
        Encoding::Gzip,
        #[cfg(feature = "compression-gzip")]
        Encoding::Deflate,
    ];

    /// Its name in `Content-Encoding` and `Accept-Encoding`: `br`, `zstd`, `gzip` or
    /// `deflate`.
    pub const fn as_str(self) -> &'static str {
        match self {
            #[cfg(feature = "compression-br")]
            Encoding::Brotli => "br",
            #[cfg(feature = "compression-zstd")]
            Encoding::Zstd => "zstd",
            #[cfg(feature = "compression-gzip")]
            Encoding::Gzip => "gzip",
            #[cfg(feature = "compression-gzip")]
            Encoding::Deflate => "deflate",
        }
    }

    /// The coding named `name` (case-insensitive; `x-gzip` is gzip), if compiled in.
    pub fn from_name(name: &str) -> Option<Encoding> {
        Encoding::ALL
            .iter()
            .copied()
            .find(|encoding| encoding.matches(name.as_bytes()))
    }

    pub(crate) fn index(self) -> usize {
        Encoding::ALL
            .iter()
            .position(|&encoding| encoding == self)
            .unwrap_or_default()
    }
}

impl std::fmt::Display for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whose preference decides between codings both sides support.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Preference {
    /// The first coding of the server's order that the client accepts (the default).
    #[default]
    Server,
    /// The coding with the client's highest weight; on a tie, the one it listed first.
    Client,
}

/// Marks a response the [`CompressionLayer`] must leave uncompressed, as a response
/// extension. With axum, `(NoCompression, response)` adds it to any response.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NoCompression;

/// Which codings to offer, in which order, and their settings. Cheap to clone.
///
/// ```
/// use datastar_core::compression::{Compression, Encoding};
///
/// // Zstandard first, then gzip; brotli at a higher quality for whoever still gets it.
/// let compression = Compression::default()
///     .order([Encoding::Zstd, Encoding::Gzip, Encoding::Brotli])
///     .brotli(7, 20);
/// assert_eq!(compression.negotiate(b"gzip, br, zstd"), Some(Encoding::Zstd));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Compression {
    order: Vec<Encoding>,
    preference: Preference,
    #[cfg(feature = "compression-br")]
    brotli: (u32, u32),
    #[cfg(feature = "compression-zstd")]
    zstd: (i32, u32),
    #[cfg(feature = "compression-gzip")]
    gzip: u32,
}

impl Default for Compression {
    fn default() -> Self {
        Compression {
            order: Encoding::ALL.to_vec(),
            preference: Preference::Server,
            #[cfg(feature = "compression-br")]
            brotli: (
                Compression::DEFAULT_BROTLI_QUALITY,
                Compression::DEFAULT_BROTLI_WINDOW,
            ),
            #[cfg(feature = "compression-zstd")]
            zstd: (
                Compression::DEFAULT_ZSTD_LEVEL,
                Compression::DEFAULT_ZSTD_WINDOW,
            ),
            #[cfg(feature = "compression-gzip")]
            gzip: Compression::DEFAULT_GZIP_LEVEL,
        }
    }
}

impl Compression {
    /// Brotli's default quality.
    #[cfg(feature = "compression-br")]
    pub const DEFAULT_BROTLI_QUALITY: u32 = 5;
    /// Brotli's default window, as a power of two (32 KiB): enough to reach the previous
    /// re-render of anything up to about 30 KiB, for a small encoder.
    #[cfg(feature = "compression-br")]
    pub const DEFAULT_BROTLI_WINDOW: u32 = 15;
    /// Zstandard's default level.
    #[cfg(feature = "compression-zstd")]
    pub const DEFAULT_ZSTD_LEVEL: i32 = 3;
    /// Zstandard's default window, as a power of two (32 KiB): enough to reach the
    /// previous re-render of anything up to about 30 KiB, for a small encoder.
    #[cfg(feature = "compression-zstd")]
    pub const DEFAULT_ZSTD_WINDOW: u32 = 15;
    /// gzip's and deflate's default level.
    #[cfg(feature = "compression-gzip")]
    pub const DEFAULT_GZIP_LEVEL: u32 = 6;

    /// Every compiled-in coding, in the default order, with the default settings.
    pub fn new() -> Self {
        Compression::default()
    }

    /// The codings to offer, best first; codings left out are never used. An empty order
    /// turns compression off.
    pub fn order(mut self, order: impl IntoIterator<Item = Encoding>) -> Self {
        self.order.clear();
        for encoding in order {
            if !self.order.contains(&encoding) {
                self.order.push(encoding);
            }
        }
        self
    }

    /// The codings offered, best first.
    pub fn offered(&self) -> &[Encoding] {
        &self.order
    }

    /// Lets the client's weights decide between the codings both sides support
    /// ([`Preference::Client`]) instead of the server's order.
    pub fn prefer_client(mut self) -> Self {
        self.preference = Preference::Client;
        self
    }

    /// Whose preference decides.
    pub fn preference(&self) -> Preference {
        self.preference
    }

    /// Brotli's quality (0 to 11) and window (`window_log` 10 to 24: a window of
    /// 2<sup>window_log</sup> bytes, less 16).
    ///
    /// Qualities 0 and 1 compress each event on its own, and gain little on a stream.
    /// With the `brotli` crate (9.1), qualities 2 to 4 at any window, and 5 to 8 with a
    /// window above 16, lose most of their matches once a stream has sent twice its
    /// window: the crate files positions it hashed in bulk under their place in its ring
    /// buffer instead of in the stream. Qualities 5 to 8 with a window up to 16 (the
    /// default is 5 and 15), and 9 and above, are not affected; BENCHMARKS.md measures
    /// both, and what each costs per connection.
    ///
    /// At qualities 5 to 8 with a window up to 16, the match table is sized to the window
    /// (2<sup>window_log − 4</sup> buckets of 2 slots, 4 from quality 7) rather than to
    /// large files: about 150 KiB per open stream at the default, where the table C
    /// brotli uses for files costs 1.2 MiB, for 15% more bytes on a fat-morph stream.
    ///
    /// # Panics
    ///
    /// If either is out of range.
    #[cfg(feature = "compression-br")]
    pub fn brotli(mut self, quality: u32, window_log: u32) -> Self {
        assert!(quality <= 11, "brotli quality {quality} is not in 0..=11");
        assert!(
            (10..=24).contains(&window_log),
            "brotli window_log {window_log} is not in 10..=24"
        );
        self.brotli = (quality, window_log);
        self
    }

    /// Zstandard's level (1 to 22, or negative for faster and larger) and window
    /// (`window_log` 10 to 23: browsers need not decode windows above 8 MiB).
    ///
    /// At levels 1 to 5 with a window up to 16 (the default is 3 and 15), the match
    /// tables are sized to the window (hash 2<sup>window_log − 4</sup>, chain
    /// 2<sup>window_log − 3</sup>) and searched lazily (depth 8) rather than sized to
    /// large files: about 100 KiB per open stream at the default, where level 3's own
    /// tables cost 870 KiB.
    ///
    /// # Panics
    ///
    /// If either is out of range.
    #[cfg(feature = "compression-zstd")]
    pub fn zstd(mut self, level: i32, window_log: u32) -> Self {
        assert!(
            (-7..=22).contains(&level) && level != 0,
            "zstd level {level} is not in -7..=-1 or 1..=22"
        );
        assert!(
            (10..=23).contains(&window_log),
            "zstd window_log {window_log} is not in 10..=23"
        );
        self.zstd = (level, window_log);
        self
    }

    /// gzip's and deflate's level (0, stored, to 9); their window is always 32 KiB.
    ///
    /// # Panics
    ///
    /// If the level is above 9.
    #[cfg(feature = "compression-gzip")]
    pub fn gzip(mut self, level: u32) -> Self {
        assert!(level <= 9, "gzip level {level} is not in 0..=9");
        self.gzip = level;
        self
    }

    /// A new encoder for one response in `encoding`, with these settings.
    ///
    /// # Errors
    ///
    /// If the codec cannot set itself up (Zstandard reports its errors here).
    pub fn encoder(&self, encoding: Encoding) -> std::io::Result<StreamEncoder> {
        StreamEncoder::new(encoding, self)
    }
}

/// True when a `Content-Type` value is `text/event-stream` (any case, any parameters):
/// the responses a compression middleware should give a [`StreamEncoder`].
pub fn is_event_stream(content_type: &[u8]) -> bool {
    let essence = content_type
        .split(|&b| b == b';')
        .next()
        .unwrap_or_default()
        .trim_ascii();
    essence.eq_ignore_ascii_case(b"text/event-stream")
}
