//! Lazy load: the page shows a placeholder and asks for the slow part as soon as it is
//! on screen; the server sends it when it is ready.

use std::time::Duration;

use axum::Router;
use axum::routing::get;
use datastar_core::prelude::*;

/// Where the example is served.
pub const PATH: &str = "/gallery/lazy-load";

/// How long the slow part takes.
const SLOW: Duration = Duration::from_millis(600);

/// The page and the slow part.
pub fn router() -> Router {
    Router::new()
        .route(PATH, get(page))
        .route("/gallery/lazy-load/report", get(report))
}

async fn page() -> Markup {
    crate::layout(
        "Lazy load",
        html! {
            "<div id=\"report\" data-init=\"@get('/gallery/lazy-load/report')\">"
            "<p id=\"loading\" class=\"muted\">Loading the report…</p></div>"
        },
    )
}

/// GET …/report: after the slow work, the report.
async fn report() -> impl IntoResponse {
    datastar! {
        wait SLOW;
        elements "<div id=\"report\"><table id=\"figures\"><tr><th>Quarter</th><th>Orbits</th></tr>"
            "<tr><td>Q1</td><td>12</td></tr><tr><td>Q2</td><td>19</td></tr></table></div>";
    }
}
