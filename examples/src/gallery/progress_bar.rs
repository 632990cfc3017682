//! Progress bar: Start opens a stream that moves the bar in steps until it is full, then
//! offers to run it again.

use std::time::Duration;

use axum::Router;
use axum::routing::get;
use datastar_core::prelude::*;

/// Where the example is served.
pub const PATH: &str = "/gallery/progress-bar";

/// How long each tenth of the job takes.
const STEP: Duration = Duration::from_millis(150);

/// The page and the job.
pub fn router() -> Router {
    Router::new()
        .route(PATH, get(page))
        .route("/gallery/progress-bar/run", get(run))
}

async fn page() -> Markup {
    page_markup()
}

/// The page, the same on every framework.
pub fn page_markup() -> Markup {
    crate::layout("Progress bar", idle("Start"))
}

/// The bar before a run, with the button that starts one.
fn idle(label: &str) -> Markup {
    html! {
        "<div id=\"job\">"
        "<progress id=\"bar\" max=\"100\" value=\"0\"></progress>"
        "<button id=\"start\" data-on:click=\"@get('/gallery/progress-bar/run')\">" (label) "</button>"
        "</div>"
    }
}

/// The bar at `percent`.
fn running(percent: u32) -> Markup {
    html! {
        "<div id=\"job\">"
        "<progress id=\"bar\" max=\"100\" value=\"" (percent) "\"></progress>"
        "<span id=\"percent\">" (percent) "%</span>"
        "</div>"
    }
}

async fn run() -> impl IntoResponse {
    job()
}

/// GET …/run: the bar from 0 to 100 %, then the button again, the same on every
/// framework.
pub fn job() -> EventStream<impl Stream<Item = Event>> {
    datastar! {
        for percent in (0..=100).step_by(10) {
            elements (running(percent));
            wait STEP;
        }
        elements "<div id=\"job\"><progress id=\"bar\" max=\"100\" value=\"100\"></progress>"
            "<p id=\"done\">Completed.</p>"
            "<button id=\"start\" data-on:click=\"@get('/gallery/progress-bar/run')\">Run it again</button></div>";
    }
}
