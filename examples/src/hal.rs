//! "Open the pod bay doors, HAL": patch an element, wait, patch it back.

use axum::Router;
use axum::routing::get;
use datastar_core::prelude::*;

/// `/hal` (the page) and `/hal/open` (the stream).
pub fn router() -> Router {
    Router::new()
        .route("/hal", get(page))
        .route("/hal/open", get(open))
}

async fn page() -> impl IntoResponse {
    crate::layout(
        "Open the pod bay doors, HAL",
        html! { r#"<button id="open" data-on:click="@get('/hal/open')">Open the pod bay doors, HAL.</button>
        <div id="hal">Waiting for an order...</div>"# },
    )
}

async fn open() -> impl IntoResponse {
    datastar! {
        elements r#"<div id="hal">I'm sorry, Dave. I'm afraid I can't do that.</div>"#;
        wait 1s;
        elements r#"<div id="hal">Waiting for an order...</div>"#;
    }
}
