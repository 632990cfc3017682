//! "What are you talking about, HAL?": the backend runs a script in the page. The
//! script writes into the page (instead of calling `alert`, so a test can see it) and its
//! tag removes itself. What the user typed reaches the script through a template hole,
//! as a JSON string: it cannot break out of the script.

use axum::Router;
use axum::routing::get;
use datastar_core::prelude::*;
use serde::Deserialize;

/// `/script` (the page) and `/script/run` (the stream).
pub fn router() -> Router {
    Router::new()
        .route("/script", get(page))
        .route("/script/run", get(run))
}

async fn page() -> impl IntoResponse {
    crate::layout(
        "What are you talking about, HAL?",
        html! { r#"<div data-signals:note="''">
  <input id="note" data-bind:note placeholder="Something to say to HAL">
  <button id="run" data-on:click="@get('/script/run')">What are you talking about, HAL?</button>
  <p id="log" class="muted">Nothing yet.</p>
</div>"# },
    )
}

#[derive(Deserialize)]
struct Note {
    note: String,
}

async fn run(ReadSignals(Note { note }): ReadSignals<Note>) -> impl IntoResponse {
    let reply = if note.is_empty() {
        "What are you talking about, HAL?".to_owned()
    } else {
        format!("HAL heard: {note}")
    };
    datastar! {
        script "document.getElementById('log').textContent = " (reply) ";";
    }
}
