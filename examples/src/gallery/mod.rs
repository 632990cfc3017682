//! The official Datastar examples (data-star.dev/examples), ported: each page written with
//! `html!` and its first state rendered on the server, its signals one
//! `#[derive(Signals)]` type, one module each.

pub mod active_search;
pub mod bulk_update;
pub mod cascading_selects;
pub mod click_to_edit;
pub mod delete_row;
pub mod edit_row;
pub mod infinite_scroll;
pub mod inline_validation;
pub mod lazy_load;
pub mod lazy_tabs;
pub mod polling;
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
pub const EXAMPLES: [Example; 12] = [
    Example {
        path: active_search::PATH,
        title: "Active search",
        official: "https://data-star.dev/examples/active_search",
        file: "examples/src/gallery/active_search.rs",
    },
    Example {
        path: bulk_update::PATH,
        title: "Bulk update",
        official: "https://data-star.dev/examples/bulk_update",
        file: "examples/src/gallery/bulk_update.rs",
    },
    Example {
        path: cascading_selects::PATH,
        title: "Cascading selects",
        official: "https://data-star.dev/examples/cascading_selects",
        file: "examples/src/gallery/cascading_selects.rs",
    },
    Example {
        path: click_to_edit::PATH,
        title: "Click to edit",
        official: "https://data-star.dev/examples/click_to_edit",
        file: "examples/src/gallery/click_to_edit.rs",
    },
    Example {
        path: delete_row::PATH,
        title: "Delete row",
        official: "https://data-star.dev/examples/delete_row",
        file: "examples/src/gallery/delete_row.rs",
    },
    Example {
        path: edit_row::PATH,
        title: "Edit row",
        official: "https://data-star.dev/examples/edit_row",
        file: "examples/src/gallery/edit_row.rs",
    },
    Example {
        path: infinite_scroll::PATH,
        title: "Infinite scroll",
        official: "https://data-star.dev/examples/infinite_scroll",
        file: "examples/src/gallery/infinite_scroll.rs",
    },
    Example {
        path: inline_validation::PATH,
        title: "Inline validation",
        official: "https://data-star.dev/examples/inline_validation",
        file: "examples/src/gallery/inline_validation.rs",
    },
    Example {
        path: lazy_load::PATH,
        title: "Lazy load",
        official: "https://data-star.dev/examples/lazy_load",
        file: "examples/src/gallery/lazy_load.rs",
    },
    Example {
        path: lazy_tabs::PATH,
        title: "Lazy tabs",
        official: "https://data-star.dev/examples/lazy_tabs",
        file: "examples/src/gallery/lazy_tabs.rs",
    },
    Example {
        path: polling::PATH,
        title: "Polling",
        official: "https://data-star.dev/examples/polling",
        file: "examples/src/gallery/polling.rs",
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
        .merge(bulk_update::router())
        .merge(cascading_selects::router())
        .merge(click_to_edit::router())
        .merge(delete_row::router())
        .merge(edit_row::router())
        .merge(infinite_scroll::router())
        .merge(inline_validation::router())
        .merge(lazy_load::router())
        .merge(lazy_tabs::router())
        .merge(polling::router())
        .merge(progress_bar::router())
}
