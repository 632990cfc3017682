//! The helper statements in a page: a console message and a console error, a custom
//! event with a detail that a `data-on:` listener shows (and that bubbles to a
//! `__window` listener), a new address for the page without navigating, and prefetch
//! rules for the next page. And the one-shot responses: a patch, signals and a script,
//! each a plain `200` response instead of a stream.

use axum::Router;
use axum::routing::get;
use datastar_core::prelude::*;

/// `/helpers` (the page), `/helpers/run` (the stream) and `/helpers/next`.
pub fn router() -> Router {
    Router::new()
        .route("/helpers", get(page))
        .route("/helpers/run", get(run))
        .route("/helpers/next", get(next))
        .route("/helpers/once/patch", get(once_patch))
        .route("/helpers/once/signals", get(once_signals))
        .route("/helpers/once/script", get(once_script))
}

async fn page() -> impl IntoResponse {
    crate::layout(
        "Helpers",
        html! { r#"<div id="hal" data-on:pod-bay-doors="el.textContent = evt.detail.message">Waiting.</div>
<div data-on:pod-bay-doors__window="window.__bubbled = evt.detail.message"></div>
<button id="run" data-on:click="@get('/helpers/run')">Run</button>
<p id="done"></p>
<div data-signals:once-count="0">
  <button id="once-patch" data-on:click="@get('/helpers/once/patch')">Patch once</button>
  <button id="once-signals" data-on:click="@get('/helpers/once/signals')">Signals once</button>
  <button id="once-script" data-on:click="@get('/helpers/once/script')">Script once</button>
  <ul id="once"></ul>
  <p id="once-count" data-text="$onceCount"></p>
  <p id="once-script-ran"></p>
</div>"# },
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
    crate::layout("The next page", html! { "<p>Prefetched.</p>" })
}

/// A one-shot patch: `text/html`, the options in `datastar-*` headers.
async fn once_patch() -> axum::response::Response {
    let item = html! { "<li id=\"once-1\">" (DAVE) "</li>" };
    one_shot(
        PatchElements::new(item)
            .selector("#once")
            .mode(Mode::Append)
            .one_shot(),
    )
}

/// One-shot signals: `application/json`.
async fn once_signals() -> axum::response::Response {
    one_shot(PatchSignals::json(&serde_json::json!({ "onceCount": 2 })).and_then(|s| s.one_shot()))
}

/// A one-shot script: `text/javascript`, its attributes in a header.
async fn once_script() -> axum::response::Response {
    one_shot(
        ExecuteScript::new(
            "document.querySelector('#once-script-ran').textContent = document.currentScript.dataset.who;",
        )
        .attribute("data-who", DAVE)
        .one_shot(),
    )
}

fn one_shot(
    response: Result<datastar_core::OneShot, datastar_core::EncodeError>,
) -> axum::response::Response {
    match response {
        Ok(response) => response.into_response(),
        Err(error) => (
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            error.to_string(),
        )
            .into_response(),
    }
}
