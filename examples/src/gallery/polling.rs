//! Polling: the page asks the server for the latest figure every second, and shows it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use datastar_core::prelude::*;

/// Where the example is served.
pub const PATH: &str = "/gallery/polling";

/// The page and the figure.
pub fn router() -> Router {
    Router::new()
        .route(PATH, get(page))
        .route("/gallery/polling/figure", get(figure))
        .with_state(Arc::new(AtomicU64::new(0)))
}

async fn page(State(polls): State<Arc<AtomicU64>>) -> Markup {
    crate::layout(
        "Polling",
        html! {
            "<div data-on-interval__duration.1s=\"@get('/gallery/polling/figure')\">"
            (reading(polls.load(Ordering::Relaxed)))
            "</div>"
        },
    )
}

/// The figure after `polls` polls.
fn reading(polls: u64) -> Markup {
    html! { "<p id=\"reading\">Polled <span id=\"polls\">" (polls) "</span> times.</p>" }
}

/// GET …/figure: one more poll.
async fn figure(State(polls): State<Arc<AtomicU64>>) -> impl IntoResponse {
    let polls = polls.fetch_add(1, Ordering::Relaxed) + 1;
    datastar! {
        elements (reading(polls));
    }
}
