//! The official Datastar examples (data-star.dev/examples), ported: each page written with
//! `html!` and its first state rendered on the server, its signals one
//! `#[derive(Signals)]` type, one module each.

pub mod active_search;
pub mod click_to_edit;
pub mod progress_bar;

use axum::Router;

/// One gallery example: its path here, its title, the official page, our file.
pub struct Example {
    /// Where it is served.
    pub path: &'static str,
    /// Its title.
    pub title: &'static str,
    /// The official demo it follows.
    pub official: &'static str,
    /// The module, from the repository root.
    pub file: &'static str,
}

/// Every gallery example, in the index's order.
pub const EXAMPLES: [Example; 3] = [
    Example {
        path: active_search::PATH,
        title: "Active search",
        official: "https://data-star.dev/examples/active_search",
        file: "examples/src/gallery/active_search.rs",
    },
    Example {
        path: click_to_edit::PATH,
        title: "Click to edit",
        official: "https://data-star.dev/examples/click_to_edit",
        file: "examples/src/gallery/click_to_edit.rs",
    },
    Example {
        path: progress_bar::PATH,
        title: "Progress bar",
        official: "https://data-star.dev/examples/progress_bar",
        file: "examples/src/gallery/progress_bar.rs",
    },
];

/// Every gallery example's routes.
pub fn router() -> Router {
    Router::new()
        .merge(active_search::router())
        .merge(click_to_edit::router())
        .merge(progress_bar::router())
}
