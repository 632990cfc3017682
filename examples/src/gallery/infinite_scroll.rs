//! Infinite scroll: when the last row comes into view, the next page of rows is appended.

use axum::Router;
use axum::extract::Query;
use axum::routing::get;
use datastar_core::prelude::*;
use serde::Deserialize;

/// Where the example is served.
pub const PATH: &str = "/gallery/infinite-scroll";

/// Rows per page, and how many there are in all.
const PAGE: u32 = 20;
const TOTAL: u32 = 100;

/// The page and the next rows.
pub fn router() -> Router {
    Router::new()
        .route(PATH, get(page))
        .route("/gallery/infinite-scroll/more", get(more))
}

async fn page() -> Markup {
    crate::layout(
        "Infinite scroll",
        html! {
            "<table><tbody id=\"rows\">" (rows(0)) "</tbody></table>" (loader(PAGE))
        },
    )
}

/// The rows of the page starting at `offset`.
fn rows(offset: u32) -> Markup {
    html! {
        for n in offset..(offset + PAGE).min(TOTAL) {
            "<tr id=\"row-" (n) "\"><td>Agent " (n) "</td><td>agent" (n) "@example.com</td></tr>"
        }
    }
}

/// What asks for the rows from `offset` when it comes into view, or the end.
fn loader(offset: u32) -> Markup {
    html! {
        if offset < TOTAL {
            "<div id=\"loader\" data-on-intersect=\"@get('/gallery/infinite-scroll/more?offset=" (offset) "')\">Loading more…</div>"
        } else {
            "<div id=\"loader\">That is everyone.</div>"
        }
    }
}

#[derive(Deserialize)]
struct More {
    offset: u32,
}

/// GET …/more: the next rows, appended, and the next loader.
async fn more(Query(More { offset }): Query<More>) -> impl IntoResponse {
    let offset = offset.min(TOTAL);
    datastar! {
        elements (rows(offset)), selector = "#rows", mode = append;
        elements (loader(offset + PAGE));
    }
}
