//! Throwaway smoke example for the browser test harness.
//!
//! It proves the harness end to end (Chromium, the real Datastar client, an example binary
//! on a free port) before the `datastar!` runtime exists, so its SSE is written by hand as a
//! plain `text/event-stream` body. It will be replaced by the real scenarios.
//!
//! Run: `cargo run --example browser_smoke`, then open the printed URL.
//! Environment: `PORT` (default 3000), `DATASTAR_JS` (serve this local copy of the client
//! instead of loading it from the CDN).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse};
use axum::routing::get;

const CDN_URL: &str =
    "https://cdn.jsdelivr.net/gh/starfederation/datastar@1.0.4/bundles/datastar.js";

struct App {
    /// The client bundle to serve at `/datastar.js`, when `DATASTAR_JS` is set.
    local_js: Option<String>,
    /// How many `/events` streams were served; exposed so a test can ask the server what
    /// happened, the way later scenarios report whether their producers ended.
    events_served: AtomicU64,
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let local_js = match std::env::var_os("DATASTAR_JS") {
        Some(path) => Some(std::fs::read_to_string(path)?),
        None => None,
    };
    let app = Arc::new(App {
        local_js,
        events_served: AtomicU64::new(0),
    });
    let router = Router::new()
        .route("/", get(index))
        .route("/datastar.js", get(datastar_js))
        .route("/events", get(events))
        .route("/clicked", get(clicked))
        .route("/debug/events-served", get(events_served))
        .with_state(app);

    let port: u16 = match std::env::var("PORT") {
        Ok(p) => p
            .parse()
            .map_err(|e| std::io::Error::other(format!("PORT={p}: {e}")))?,
        Err(_) => 3000,
    };
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!(
        "browser_smoke listening on http://{}/",
        listener.local_addr()?
    );
    axum::serve(listener, router).await
}

async fn index(State(app): State<Arc<App>>) -> Html<String> {
    let src = if app.local_js.is_some() {
        "/datastar.js"
    } else {
        CDN_URL
    };
    Html(format!(
        r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>browser smoke</title>
<script type="module" src="{src}"></script>
</head>
<body>
<div data-signals:greeting="''" data-init="@get('/events')">
  <p id="status">Waiting for the server...</p>
  <p id="greeting" data-text="$greeting"></p>
  <button id="again" data-on:click="@get('/clicked')">Again</button>
  <p id="clicked">Not clicked</p>
</div>
</body>
</html>"#
    ))
}

async fn datastar_js(State(app): State<Arc<App>>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript")],
        app.local_js.clone().unwrap_or_default(),
    )
}

/// Sent once the page has initialised: one element patch (targets `#status` by id) and one
/// signal patch (rendered through `data-text`), framed as in protocol.md §2–§4.
async fn events(State(app): State<Arc<App>>) -> impl IntoResponse {
    app.events_served.fetch_add(1, Ordering::Relaxed);
    sse("event: datastar-patch-elements\n\
         data: elements <p id=\"status\">Patched by the server</p>\n\
         \n\
         event: datastar-patch-signals\n\
         data: signals {\"greeting\":\"Hello from a signal\"}\n\
         \n")
}

async fn clicked() -> impl IntoResponse {
    sse("event: datastar-patch-elements\n\
         data: selector #clicked\n\
         data: mode inner\n\
         data: elements Clicked once\n\
         \n")
}

async fn events_served(State(app): State<Arc<App>>) -> String {
    app.events_served.load(Ordering::Relaxed).to_string()
}

fn sse(body: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/event-stream"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
}
