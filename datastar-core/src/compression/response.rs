//! The head of a response that may be compressed, for the servers whose responses are
//! `http::Response`s (axum's layer, warp's `compressed`): which responses qualify, and
//! the headers a compressed one gets.

use http::header::{self, HeaderMap, HeaderValue};
use http::response::Parts;

use super::{
    Compression, Encoding, NoCompression, StreamEncoder, VARY, encoder_for, is_event_stream,
};

/// The encoder for a response with head `parts`, the coding `encoding` having been
/// negotiated from its request, with the headers adjusted to match; `None` sends the
/// body as it is.
///
/// Only event streams qualify, and not one already encoded or carrying [`NoCompression`].
/// A qualifying stream gets `vary: accept-encoding` even when sent as identity; a
/// compressed one gets `content-encoding` and loses `content-length` and
/// `accept-ranges`, which described the uncompressed body.
pub(crate) fn prepare(
    parts: &mut Parts,
    encoding: Option<Encoding>,
    compression: &Compression,
) -> Option<StreamEncoder> {
    let eligible = parts
        .headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| is_event_stream(value.as_bytes()))
        && !parts.headers.contains_key(header::CONTENT_ENCODING)
        && parts.extensions.get::<NoCompression>().is_none();
    if !eligible {
        return None;
    }
    add_vary(&mut parts.headers);
    let encoder = encoder_for(compression, encoding)?;
    let coding = HeaderValue::from_static(encoder.encoding().as_str());
    parts.headers.insert(header::CONTENT_ENCODING, coding);
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::ACCEPT_RANGES);
    Some(encoder)
}

/// Adds `accept-encoding` to `Vary` unless it (or `*`) is already there.
fn add_vary(headers: &mut HeaderMap) {
    let present = headers.get_all(header::VARY).iter().any(|value| {
        value.as_bytes().split(|&b| b == b',').any(|name| {
            let name = name.trim_ascii();
            name == b"*" || name.eq_ignore_ascii_case(VARY.as_bytes())
        })
    });
    if !present {
        headers.append(header::VARY, HeaderValue::from_static(VARY));
    }
}
