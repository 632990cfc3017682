//! [`Bundle`]: the Datastar client served from your own origin, with the script tag that
//! loads it, its Subresource Integrity hash, long-lived caching and (with a compression
//! feature) compression.

use std::sync::Arc;

use base64::Engine as _;
use bytes::Bytes;
use sha2::{Digest as _, Sha256};

use crate::Markup;

/// The Datastar client file, served by your own server: a ready handler for every
/// supported framework and the `<script>` tag that loads it.
///
/// The bytes are yours (the file is upstream's code, so this crate does not ship it):
/// download the pinned bundle once and include it, then check it against [`SHA256`]
/// (`sha256sum datastar.js`, or [`is_pinned`](Self::is_pinned) in a test).
///
/// ```sh
/// curl -o datastar.js https://cdn.jsdelivr.net/gh/starfederation/datastar@1.0.4/bundles/datastar.js
/// ```
///
/// The file is served at a path named after its content ([`path`](Self::path),
/// `/datastar.<hash>.js`), so a response can be cached for a year (`immutable`): a new file
/// gets a new path. Each response carries a strong `ETag` and answers `If-None-Match` with
/// `304`. The tag from [`script`](Self::script) carries the file's `integrity` hash,
/// computed here from the bytes you serve, so a browser refuses a file altered in transit
/// or on disk.
///
/// ```
/// use datastar_core::client::Bundle;
/// use datastar_core::prelude::*;
///
/// # let bytes: &'static [u8] = b"export const ready = true;";
/// // let bytes: &'static [u8] = include_bytes!("../static/datastar.js");
/// let client = Bundle::new(bytes);
/// let page = html! {
///     "<!doctype html><html><head>" (client.script()) "</head>"
///     "<body><p data-text=\"'hello'\"></p></body></html>"
/// };
/// assert!(page.as_str().contains(client.path()));
/// assert!(page.as_str().contains("integrity=\"sha256-"));
///
/// // axum: `Router::new().route(client.path(), client.clone().axum_route())`
/// let response = client.respond([("if-none-match", client.etag().as_bytes())]);
/// assert_eq!(response.status(), 304);
/// ```
///
/// [`SHA256`]: super::SHA256
#[derive(Clone, Debug)]
pub struct Bundle {
    bytes: Bytes,
    digest: Arc<Digests>,
    #[cfg(any_codec)]
    compressed: Option<Arc<super::compressed::Compressed>>,
}

/// What the file's hash gives: computed once in [`Bundle::new`].
#[derive(Debug)]
struct Digests {
    hex: String,
    path: String,
    integrity: String,
    etag: String,
    script: Markup,
}

/// The `cache-control` of the file: it lives at a path named after its content.
const CACHE_CONTROL: &str = "public, max-age=31536000, immutable";

/// The `content-type` of the file: a JavaScript module.
const CONTENT_TYPE: &str = "text/javascript; charset=utf-8";

impl Bundle {
    /// The client file made of `bytes` (e.g. `include_bytes!("datastar.js")`, or a file
    /// read at start-up). Hashes them once.
    pub fn new(bytes: impl Into<Bytes>) -> Bundle {
        let bytes = bytes.into();
        let hash = Sha256::digest(&bytes);
        let hex: String = hash.iter().map(|byte| format!("{byte:02x}")).collect();
        let path = format!("/datastar.{}.js", &hex[..16]);
        let integrity = format!(
            "sha256-{}",
            base64::engine::general_purpose::STANDARD.encode(hash)
        );
        // The path is ASCII letters, digits, `/` and `.`; the integrity value base64 and
        // `-`: neither needs escaping in an attribute.
        let script = Markup::from_bytes(
            format!("<script type=\"module\" src=\"{path}\" integrity=\"{integrity}\"></script>")
                .into_bytes(),
        );
        let etag = format!("\"{}\"", &hex[..32]);
        Bundle {
            bytes,
            digest: Arc::new(Digests {
                hex,
                path,
                integrity,
                etag,
                script,
            }),
            #[cfg(any_codec)]
            compressed: None,
        }
    }

    /// The path to serve the file at: `/datastar.<first 16 hex digits of its SHA-256>.js`.
    pub fn path(&self) -> &str {
        &self.digest.path
    }

    /// `<script type="module" src="PATH" integrity="sha256-…"></script>`, for the `<head>`
    /// of a page. (A module script: the bundle has `export`s.)
    pub fn script(&self) -> Markup {
        self.digest.script.clone()
    }

    /// The Subresource Integrity value of the file, `sha256-` and the base64 hash.
    pub fn integrity(&self) -> &str {
        &self.digest.integrity
    }

    /// The SHA-256 of the file in lowercase hex, as `sha256sum` prints it.
    pub fn sha256(&self) -> &str {
        &self.digest.hex
    }

    /// True when the file is the unmodified 1.0.4 bundle this crate's checks follow.
    pub fn is_pinned(&self) -> bool {
        self.digest.hex == super::SHA256
    }

    /// The strong `ETag` of the uncompressed file (a compressed copy's tag adds its coding).
    pub fn etag(&self) -> &str {
        &self.digest.etag
    }

    /// The file's bytes.
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// The response to a `GET` of [`path`](Self::path), from the request's headers (any
    /// names in any case; only `if-none-match` and `accept-encoding` are read): `304` when
    /// `If-None-Match` names this file's tag, else `200` with the file (compressed when
    /// `compression` was set (with a compression feature) and the client accepts a coding).
    pub fn respond<'a>(
        &self,
        headers: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    ) -> ClientResponse {
        let mut if_none_match: Vec<&[u8]> = Vec::new();
        let mut accept_encoding: Vec<&[u8]> = Vec::new();
        for (name, value) in headers {
            if name.eq_ignore_ascii_case("if-none-match") {
                if_none_match.push(value);
            } else if name.eq_ignore_ascii_case("accept-encoding") {
                accept_encoding.push(value);
            }
        }
        let (body, coding, etag) = self.representation(&accept_encoding);
        let mut headers = vec![("etag", etag), ("cache-control", CACHE_CONTROL.to_owned())];
        if self.varies() {
            headers.push(("vary", "accept-encoding".to_owned()));
        }
        if if_none_match
            .iter()
            .any(|value| names_tag(value, headers[0].1.as_bytes()))
        {
            return ClientResponse {
                status: 304,
                headers,
                body: Bytes::new(),
            };
        }
        headers.push(("content-type", CONTENT_TYPE.to_owned()));
        if let Some(coding) = coding {
            headers.push(("content-encoding", coding.to_owned()));
        }
        ClientResponse {
            status: 200,
            headers,
            body,
        }
    }

    /// The bytes, coding and tag to send to a client accepting `accept_encoding`.
    fn representation(&self, accept_encoding: &[&[u8]]) -> (Bytes, Option<&'static str>, String) {
        #[cfg(any_codec)]
        if let Some(compressed) = &self.compressed
            && let Some((encoding, body)) = compressed.for_client(&self.bytes, accept_encoding)
        {
            let tag = format!("\"{}-{}\"", &self.digest.hex[..32], encoding.as_str());
            return (body, Some(encoding.as_str()), tag);
        }
        let _ = accept_encoding;
        (self.bytes.clone(), None, self.digest.etag.clone())
    }

    /// True when the response depends on `Accept-Encoding`.
    fn varies(&self) -> bool {
        #[cfg(any_codec)]
        if self.compressed.is_some() {
            return true;
        }
        false
    }
}

#[cfg(any_codec)]
impl Bundle {
    /// Serves the file compressed with the codings of `compression` that the client
    /// accepts (negotiated as for event streams). Each coding's copy is made once, on
    /// its first request, and kept.
    pub fn compression(mut self, compression: crate::compression::Compression) -> Bundle {
        self.compressed = Some(Arc::new(super::compressed::Compressed::new(compression)));
        self
    }
}

/// True when an `If-None-Match` value (`*` or a list of entity tags) matches `etag`.
/// Weak comparison, as RFC 9110 asks for `If-None-Match`: `W/` prefixes are ignored.
fn names_tag(value: &[u8], etag: &[u8]) -> bool {
    value.split(|&byte| byte == b',').any(|entry| {
        let entry = entry.trim_ascii();
        let entry = entry.strip_prefix(b"W/").unwrap_or(entry);
        entry == b"*" || entry == etag
    })
}

/// The response [`Bundle::respond`] makes: a response on every supported framework.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientResponse {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Bytes,
}

impl ClientResponse {
    /// `200` with the file, or `304` (not modified).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The headers, in order.
    pub fn headers(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.headers
            .iter()
            .map(|(name, value)| (*name, value.as_str()))
    }

    /// The header called `name`, if the response has it.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers()
            .find(|(header, _)| header.eq_ignore_ascii_case(name))
            .map(|(_, value)| value)
    }

    /// The body: the file as sent (compressed when `content-encoding` says so), empty
    /// for `304`.
    pub fn body(&self) -> &Bytes {
        &self.body
    }
}

#[cfg(test)]
mod tests {
    use super::{Bundle, names_tag};

    const FILE: &[u8] = b"export const x = 1;\n";

    #[test]
    fn the_tag_and_path_come_from_the_hash() {
        let bundle = Bundle::new(FILE);
        // `sha256sum` and `openssl dgst -sha256 -binary | base64` of the file above.
        assert_eq!(
            bundle.sha256(),
            "b40dedde60828bf61d1fadbfc3bb7ea2e0421e9511d22f1b5fb44ae5ba07dbb3"
        );
        assert_eq!(
            bundle.integrity(),
            "sha256-tA3t3mCCi/YdH62/w7t+ouBCHpUR0i8bX7RK5boH27M="
        );
        assert_eq!(bundle.path(), "/datastar.b40dedde60828bf6.js");
        assert_eq!(
            bundle.script().as_str(),
            format!(
                "<script type=\"module\" src=\"{}\" integrity=\"{}\"></script>",
                bundle.path(),
                bundle.integrity()
            )
        );
        assert!(!bundle.is_pinned());
    }

    #[test]
    fn a_known_tag_is_not_modified() {
        let bundle = Bundle::new(FILE);
        let fresh = bundle.respond([]);
        assert_eq!(fresh.status(), 200);
        assert_eq!(fresh.body().as_ref(), FILE);
        assert_eq!(
            fresh.header("content-type"),
            Some("text/javascript; charset=utf-8")
        );
        assert_eq!(
            fresh.header("cache-control"),
            Some("public, max-age=31536000, immutable")
        );
        let etag = fresh.header("etag").unwrap().to_owned();
        let again = bundle.respond([("If-None-Match", etag.as_bytes())]);
        assert_eq!(again.status(), 304);
        assert!(again.body().is_empty());
        assert_eq!(again.header("content-type"), None);
        let other = bundle.respond([("if-none-match", &b"\"abc\""[..])]);
        assert_eq!(other.status(), 200);
    }

    #[cfg(feature = "compression-br")]
    #[test]
    fn compressed_copies_have_their_own_tag() {
        use crate::compression::Compression;
        let file = "export const x = 1;\n".repeat(100);
        let bundle = Bundle::new(file.clone()).compression(Compression::default());
        let plain = bundle.respond([]);
        assert_eq!(plain.header("content-encoding"), None);
        assert_eq!(plain.header("vary"), Some("accept-encoding"));
        let br = bundle.respond([("accept-encoding", &b"gzip, br"[..])]);
        assert_eq!(br.header("content-encoding"), Some("br"));
        assert!(br.body().len() < file.len() / 10, "{}", br.body().len());
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(&mut &br.body()[..], &mut decoded).unwrap();
        assert_eq!(decoded, file.as_bytes());
        let etag = br.header("etag").unwrap();
        assert_ne!(etag, plain.header("etag").unwrap());
        let revalidated = bundle.respond([
            ("accept-encoding", &b"br"[..]),
            ("if-none-match", etag.as_bytes()),
        ]);
        assert_eq!(revalidated.status(), 304);
    }

    #[test]
    fn if_none_match_lists() {
        assert!(names_tag(b"\"a\", W/\"b\"", b"\"b\""));
        assert!(names_tag(b"*", b"\"b\""));
        assert!(!names_tag(b"\"ab\"", b"\"b\""));
        assert!(!names_tag(b"", b"\"b\""));
    }
}
