//! Lazy tabs: each tab's content is fetched when its tab is clicked; the first tab's
//! content is in the page.

use axum::Router;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::routing::get;
use datastar_core::prelude::*;

/// Where the example is served.
pub const PATH: &str = "/gallery/lazy-tabs";

const TABS: [(&str, &str); 3] = [
    ("Discovery", "Jupiter mission, crew of five."),
    ("Leonov", "Soviet ship sent to find Discovery."),
    ("Monolith", "Black, 1 × 4 × 9, silent."),
];

/// The page and each tab.
pub fn router() -> Router {
    Router::new()
        .route(PATH, get(page))
        .route("/gallery/lazy-tabs/{tab}", get(tab))
}

async fn page() -> Markup {
    crate::layout("Lazy tabs", tabs(0))
}

/// The tab list with `selected` open.
fn tabs(selected: usize) -> Markup {
    html! {
        "<div id=\"tabs\"><div role=\"tablist\">"
        for (index, (name, _)) in TABS.iter().enumerate() {
            "<button role=\"tab\" id=\"tab-" (index) "\" aria-selected=\"" (index == selected) "\""
            " data-on:click=\"@get('/gallery/lazy-tabs/" (index) "')\">" (name) "</button>"
        }
        "</div><div role=\"tabpanel\" id=\"panel\">" (TABS[selected].1) "</div></div>"
    }
}

/// GET …/{tab}: the tabs with that one open.
async fn tab(Path(index): Path<usize>) -> Result<impl IntoResponse, StatusCode> {
    if index >= TABS.len() {
        return Err(StatusCode::NOT_FOUND);
    }
    Ok(datastar! {
        elements (tabs(index));
    })
}
