//! "HAL, do you read me?": patch a signal, wait, reset it; the page shows it with
//! `data-text`.

use axum::Router;
use axum::routing::get;
use datastar_core::prelude::*;

/// `/hal-signals` (the page) and `/hal-signals/ask` (the stream).
pub fn router() -> Router {
    Router::new()
        .route("/hal-signals", get(page))
        .route("/hal-signals/ask", get(ask))
}

async fn page() -> impl IntoResponse {
    crate::layout(
        "HAL, do you read me?",
        html! { r#"<div data-signals:hal="'...'">
  <button id="ask" data-on:click="@get('/hal-signals/ask')">HAL, do you read me?</button>
  <div id="hal" data-text="$hal"></div>
</div>"# },
    )
}

async fn ask() -> impl IntoResponse {
    datastar! {
        signals { hal: "Affirmative, Dave. I read you." };
        wait 1s;
        signals { hal: "..." };
    }
}
