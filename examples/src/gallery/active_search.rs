//! Active search: the table filters as you type (the request waits until typing pauses
//! for 200 ms). The page holds the whole table at first; each search patches it.

use axum::Router;
use axum::routing::get;
use datastar_core::prelude::*;
use serde::{Deserialize, Serialize};

/// Where the example is served.
pub const PATH: &str = "/gallery/active-search";

/// The people searched: made-up names.
const PEOPLE: [(&str, &str); 10] = [
    ("Ada", "Okafor"),
    ("Bruno", "Lindqvist"),
    ("Chiara", "Bianchi"),
    ("Dmitri", "Volkov"),
    ("Esther", "Nakamura"),
    ("Farid", "Haddad"),
    ("Greta", "Olsen"),
    ("Hugo", "Moreau"),
    ("Ines", "Castillo"),
    ("Jonah", "Whitfield"),
];

/// The page's signals: what is typed in the search box.
#[derive(Default, Serialize, Deserialize, Signals)]
pub struct Search {
    search: String,
}

/// The page and the search.
pub fn router() -> Router {
    Router::new()
        .route(PATH, get(page))
        .route("/gallery/active-search/search", get(search))
}

async fn page() -> Markup {
    page_markup()
}

/// The page, the same on every framework.
pub fn page_markup() -> Markup {
    crate::layout(
        "Active search",
        html! {
            #[signals(Search)]
            "<div data-signals=\"" (Search::default()) "\">"
            "<input id=\"search\" type=\"search\" placeholder=\"Search...\" data-bind:search"
            " data-on:input__debounce.200ms=\"@get('/gallery/active-search/search')\">"
            (results(""))
            "</div>"
        },
    )
}

async fn search(ReadSignals(signals): ReadSignals<Search>) -> impl IntoResponse {
    found(signals)
}

/// GET …/search: the table for what was typed, the same on every framework.
pub fn found(Search { search }: Search) -> EventStream<impl Stream<Item = Event>> {
    datastar! {
        #[signals(Search)]
        elements (results(&search));
    }
}

/// The people whose first or last name contains `query` (any case), as the table.
fn results(query: &str) -> Markup {
    let query = query.trim().to_lowercase();
    let found: Vec<(&str, &str)> = PEOPLE
        .into_iter()
        .filter(|(first, last)| {
            first.to_lowercase().contains(&query) || last.to_lowercase().contains(&query)
        })
        .collect();
    html! {
        "<table id=\"results\"><thead><tr><th>First name</th><th>Last name</th></tr></thead><tbody>"
        for (first, last) in &found {
            "<tr><td>" (first) "</td><td>" (last) "</td></tr>"
        }
        if found.is_empty() {
            "<tr><td colspan=\"2\" id=\"nobody\">Nobody matches “" (query) "”.</td></tr>"
        }
        "</tbody></table>"
    }
}
