//! Every scenario in one app, with a landing page linking them:
//! `cargo run --example index`, then open the printed URL.
//!
//! Event streams are compressed (brotli for browsers; `COMPRESSION=zstd,gzip` or
//! `COMPRESSION=off` changes it), one encoder per stream, flushed after every event:
//! `curl -N -H 'Accept-Encoding: br' http://127.0.0.1:3000/hal/open | brotli -d`
//! prints each event as it is sent.

use axum::Router;
use axum::routing::get;
use datastar_core::prelude::{Markup, html};
use datastar_examples::{
    SCENARIOS, gallery, hal, hal_signals, helpers, live, quiz, redirect, script, todo,
};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let live = live::axum::router().await.map_err(std::io::Error::other)?;
    let app = Router::new()
        .route("/", get(index))
        .merge(redirect::router())
        .merge(hal::router())
        .merge(hal_signals::router())
        .merge(quiz::router())
        .merge(script::router())
        .merge(live)
        .merge(todo::router())
        .merge(helpers::router())
        .merge(gallery::router())
        .layer(datastar_examples::compression());
    datastar_examples::serve(app, "/").await
}

async fn index() -> Markup {
    datastar_examples::layout(
        "Datastar scenarios, written with datastar!",
        html! {
            "<ul>\n"
            for (path, title, what) in SCENARIOS {
                "<li><a id=\"" (&path[1..]) "\" href=\"" (path) "\">" (title) "</a>: " (what) "</li>\n"
            }
            "</ul>\n<h2>Gallery: the official examples</h2>\n<ul>\n"
            for example in &gallery::EXAMPLES {
                "<li><a id=\"" (&example.path[1..].replace('/', "-")) "\" href=\"" (example.path) "\">" (example.title) "</a> (<a href=\"" (example.official) "\">official demo</a>)</li>\n"
            }
            "</ul>"
        },
    )
}
