//! The Datastar client on a page: the pinned 1.0.4 bundle, from the CDN by default.
//!
//! ```
//! use datastar_core::prelude::*;
//!
//! let page = html! {
//!     "<!doctype html><html><head>" (datastar_core::client::CDN_SCRIPT) "</head>"
//!     "<body><p data-text=\"'hello'\"></p></body></html>"
//! };
//! assert!(page.as_str().contains("datastar@1.0.4/bundles/datastar.js"));
//! ```
//!
//! To serve it from your own origin, download the bundle once (its SHA-256 is
//! [`SHA256`]) and give its bytes to a [`Bundle`]: it serves them on every supported
//! framework (content-addressed path, `immutable` caching, `ETag`, compression with a
//! compression feature) and makes the `<script>` tag with the `integrity` hash computed
//! from those bytes. The file is upstream's code: this crate does not ship it.
//! [`same_origin_script`] is the tag alone, for a copy you serve some other way.

mod bundle;
#[cfg(any_codec)]
mod compressed;
#[cfg(any(
    feature = "axum",
    feature = "actix-web",
    feature = "rocket",
    feature = "warp",
    feature = "http-body"
))]
mod serve;

pub use bundle::{Bundle, ClientResponse};

use datastar_wire::url::{UrlPolicy, is_allowed};

use crate::Markup;

/// The version of the Datastar client this crate's checks follow.
pub const VERSION: &str = "1.0.4";

/// The pinned bundle on the jsDelivr CDN.
pub const CDN_URL: &str =
    "https://cdn.jsdelivr.net/gh/starfederation/datastar@1.0.4/bundles/datastar.js";

/// The SHA-256 (hex) of the unmodified 1.0.4 bundle, the file this crate's browser tests
/// run against: check a copy you serve yourself with `sha256sum datastar.js`. (No
/// Subresource Integrity hash is given for the CDN: no test here can fetch the bytes the
/// CDN serves, and a wrong hash would block the client on every page.)
pub const SHA256: &str = "727844adfc825ee651fb93c544a2a739986f9a21820a94524b35f0cac470cf91";

/// `<script type="module" src="…">` for the pinned bundle on the CDN. The bundle is an
/// ES module: as a classic script it would throw at its `export` and never start.
pub const CDN_SCRIPT: Markup = Markup::from_static(
    "<script type=\"module\" src=\"https://cdn.jsdelivr.net/gh/starfederation/datastar@1.0.4/bundles/datastar.js\"></script>",
);

/// `<script type="module" src="PATH">` for a copy of the bundle served by your own
/// server at `path`. `None` when `path` is not on the page's own origin (a relative URL
/// with no scheme and no host): any other host could serve the page's code.
///
/// ```
/// use datastar_core::client::same_origin_script;
///
/// let tag = same_origin_script("/static/datastar.js").unwrap();
/// assert_eq!(tag.as_str(), "<script type=\"module\" src=\"/static/datastar.js\"></script>");
/// assert!(same_origin_script("https://elsewhere.example/datastar.js").is_none());
/// ```
pub fn same_origin_script(path: &str) -> Option<Markup> {
    if !is_allowed(path, UrlPolicy::SameOrigin) {
        return None;
    }
    let mut html = Vec::with_capacity(path.len() + 48);
    html.extend_from_slice(b"<script type=\"module\" src=\"");
    datastar_wire::url::encode_url_in_attribute(
        &mut html,
        path.as_bytes(),
        datastar_wire::url::UrlEncoding::Whole,
    );
    html.extend_from_slice(b"\"></script>");
    Some(Markup::from_bytes(html))
}
