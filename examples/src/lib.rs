//! The examples' scenarios, one module each, and what they share: the page shell and
//! the server setup. Each scenario is a `Router` with its own paths, so the `index`
//! example can serve them all at once.
//!
//! Environment: `PORT` (default 3000) picks the port; `DATASTAR_JS=path` serves that
//! local copy of the Datastar client from this server (a [`Bundle`]: content-addressed
//! path, `integrity` hash, caching, compression) instead of loading it from the CDN (the browser tests use it; CI has no network); `COMPRESSION` sets the `index`
//! example's codings (see [`compression`]).
#![forbid(unsafe_code)]

pub mod escaping;
pub mod frameworks;
pub mod gallery;
pub mod hal;
pub mod hal_signals;
pub mod helpers;
pub mod live;
pub mod quiz;
pub mod redirect;
pub mod resume;
pub mod script;
pub mod sdk_test;
pub mod todo;

use std::sync::OnceLock;

use axum::Router;
use datastar_core::Shutdown;
use datastar_core::client::Bundle;
use datastar_core::compression::{Compression, CompressionLayer, Encoding};
use datastar_core::prelude::{Markup, html};

/// The official CDN address of the Datastar 1.0.4 client.
pub const DATASTAR_CDN: &str =
    "https://cdn.jsdelivr.net/gh/starfederation/datastar@1.0.4/bundles/datastar.js";

static LOCAL_CLIENT: OnceLock<Option<Bundle>> = OnceLock::new();

/// The switch that ends the examples' long-lived streams when the server shuts down
/// (`SIGTERM` or Ctrl-C), so that their pages reconnect to the next instance: [`serve`]
/// triggers it, and the streams that never end by themselves (`live`, the framework
/// probes) are made with `.end_on(shutdown())`.
pub fn shutdown() -> &'static Shutdown {
    static SHUTDOWN: OnceLock<Shutdown> = OnceLock::new();
    SHUTDOWN.get_or_init(Shutdown::new)
}

/// The Datastar client served by this server, when `DATASTAR_JS` names a local copy
/// (compressed with the [`compression_settings`]).
pub fn local_client() -> Option<&'static Bundle> {
    LOCAL_CLIENT
        .get_or_init(|| {
            let path = std::env::var_os("DATASTAR_JS")?;
            match std::fs::read(&path) {
                Ok(js) => Some(Bundle::new(js).compression(compression_settings())),
                Err(error) => panic!("DATASTAR_JS={}: {error}", path.to_string_lossy()),
            }
        })
        .as_ref()
}

/// The `<script>` tag of the Datastar client: the local copy when `DATASTAR_JS` is set
/// (with its `integrity` hash), else the pinned CDN bundle.
pub fn client_script() -> Markup {
    match local_client() {
        Some(client) => client.script(),
        None => datastar_core::client::CDN_SCRIPT,
    }
}

/// The examples' page: `body` (a component) under the title, with the client loaded.
pub fn layout(title: &str, body: Markup) -> Markup {
    html! {
        "<!doctype html>
<html lang=\"en\">
<head>
<meta charset=\"utf-8\">
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">
<title>" (title) "</title>
" (client_script()) "
<style>
body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; line-height: 1.5; }
button { font: inherit; padding: .3rem .8rem; }
.muted { color: #666; }
</style>
</head>
<body>
<p><a href=\"/\">All examples</a></p>
<h1>" (title) "</h1>
" (body) "
</body>
</html>"
    }
}

/// Every scenario, for the index page: (path, title, what it shows).
pub const SCENARIOS: [(&str, &str, &str); 8] = [
    (
        "/redirect",
        "Redirect",
        "patch an indicator, wait 3 s, redirect to another page",
    ),
    (
        "/hal",
        "Open the pod bay doors, HAL",
        "patch an element, wait 1 s, patch it back",
    ),
    (
        "/hal-signals",
        "HAL, do you read me?",
        "patch a signal, wait 1 s, reset it",
    ),
    (
        "/quiz",
        "Quiz",
        "fetch a question, answer through data-bind, check it on the server",
    ),
    (
        "/script",
        "What are you talking about, HAL?",
        "run a script that removes its own tag",
    ),
    (
        "/live",
        "Live",
        "one long-lived stream per page, fed by every client's commands",
    ),
    (
        "/helpers",
        "Helpers",
        "console messages, a custom event, a new address without navigating, prefetch rules",
    ),
    (
        "/todos",
        "Mission checklist",
        "the CQRS guide's TODO app: one stream re-renders the list, commands answer 204",
    ),
];

/// The port from `PORT`, or `default`.
pub fn port(default: u16) -> std::io::Result<u16> {
    match std::env::var("PORT") {
        Ok(port) => port
            .parse::<u16>()
            .map_err(|error| std::io::Error::other(format!("PORT={port}: {error}"))),
        Err(_) => Ok(default),
    }
}

/// The compression of event streams, as a layer for the axum examples: see
/// [`compression_settings`].
///
/// # Panics
///
/// If `COMPRESSION` names a coding that does not exist.
pub fn compression() -> CompressionLayer {
    CompressionLayer::new(compression_settings())
}

/// The compression settings of every example: the default (zstd, brotli, gzip, deflate,
/// in that order of preference), or what `COMPRESSION` says: `off`, or codings by name,
/// best first (`COMPRESSION=zstd,gzip`).
///
/// # Panics
///
/// If `COMPRESSION` names a coding that does not exist.
pub fn compression_settings() -> Compression {
    let Ok(names) = std::env::var("COMPRESSION") else {
        return Compression::default();
    };
    let order = names
        .split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty() && *name != "off")
        .map(|name| {
            Encoding::from_name(name)
                .unwrap_or_else(|| panic!("COMPRESSION={names}: no coding named {name:?}"))
        });
    Compression::default().order(order)
}

/// Binds `127.0.0.1:$PORT` (default 3000), prints the URL of `path`, and serves `app`
/// (plus the local Datastar client when `DATASTAR_JS` is set) until `SIGTERM` or Ctrl-C:
/// then the [`shutdown`] switch ends the open streams and axum's graceful shutdown waits
/// for the connections to finish.
pub async fn serve(app: Router, path: &str) -> std::io::Result<()> {
    let port = port(3000)?;
    let app = match local_client() {
        Some(client) => app.route(client.path(), client.clone().axum_route()),
        None => app,
    };
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("open http://{}{path}", listener.local_addr()?);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown().clone().wait_for_signal())
        .await
}
