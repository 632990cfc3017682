//! The "redirect from the backend" how-to: patch an indicator, wait 3 s, redirect.

use axum::Router;
use axum::routing::get;
use datastar_core::prelude::*;

/// `/redirect` (the page), `/redirect/endpoint` (the stream) and `/guide` (the target).
pub fn router() -> Router {
    Router::new()
        .route("/redirect", get(page))
        .route("/redirect/endpoint", get(endpoint))
        .route("/guide", get(guide))
}

async fn page() -> impl IntoResponse {
    crate::layout(
        "Redirect",
        html! { r#"<button id="go" data-on:click="@get('/redirect/endpoint')">Click to be redirected from the backend</button>
        <div id="indicator"></div>"# },
    )
}

async fn endpoint() -> impl IntoResponse {
    datastar! {
        elements r#"<div id="indicator">Redirecting in 3 seconds...</div>"#;
        wait 3s;
        redirect "/guide";
    }
}

async fn guide() -> impl IntoResponse {
    crate::layout(
        "Guide",
        html! { r#"<p id="guide">You were redirected here by the backend. Press Back to return.</p>"# },
    )
}
