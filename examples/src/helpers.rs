//! The helper statements in a page: a console message and a console error, a custom
//! event with a detail that a `data-on:` listener shows (and that bubbles to a
//! `__window` listener), a new address for the page without navigating, and prefetch
//! rules for the next page.

use axum::Router;
use axum::routing::get;
use datastar_core::prelude::*;

/// `/helpers` (the page), `/helpers/run` (the stream) and `/helpers/next`.
pub fn router() -> Router {
    Router::new()
        .route("/helpers", get(page))
        .route("/helpers/run", get(run))
        .route("/helpers/next", get(next))
}

async fn page() -> impl IntoResponse {
    crate::page(
        "Helpers",
        html! { r#"<div id="hal" data-on:pod-bay-doors="el.textContent = evt.detail.message">Waiting.</div>
<div data-on:pod-bay-doors__window="window.__bubbled = evt.detail.message"></div>
<button id="run" data-on:click="@get('/helpers/run')">Run</button>
<p id="done"></p>"# },
    )
}

/// A value that would break out of a script if it were not escaped.
const DAVE: &str = "</script><b>Dave</b>";

async fn run() -> impl IntoResponse {
    let step = 2;
    datastar! {
        console_log "Good afternoon, " (DAVE) ".";
        console_error "I'm sorry, Dave. I'm afraid I can't do that.";
        dispatch "pod-bay-doors", detail = { message: (format!("Opened for {DAVE}")), step: (step) }, selector = "#hal";
        replace_url (format!("/helpers?step={step}"));
        prefetch ["/helpers/next"];
        elements "<p id=\"done\">All sent.</p>";
    }
}

async fn next() -> impl IntoResponse {
    crate::page("The next page", html! { "<p>Prefetched.</p>" })
}
