//! Bulk update: tick rows, then activate or deactivate them all at once.

use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::extract::State;
use axum::routing::{get, put};
use datastar_core::prelude::*;
use serde::{Deserialize, Serialize};

/// Where the example is served.
pub const PATH: &str = "/gallery/bulk-update";

const PEOPLE: [&str; 4] = [
    "Ada Okafor",
    "Bruno Lindqvist",
    "Chiara Bianchi",
    "Dmitri Volkov",
];

/// The page's signals: which rows are ticked, one flag per row.
#[derive(Serialize, Deserialize, Signals)]
pub struct Selection {
    selections: Vec<bool>,
}

impl Default for Selection {
    fn default() -> Selection {
        Selection {
            selections: vec![false; PEOPLE.len()],
        }
    }
}

type Active = Arc<Mutex<Vec<bool>>>;

/// The page and the two updates.
pub fn router() -> Router {
    Router::new()
        .route(PATH, get(page))
        .route("/gallery/bulk-update/activate", put(activate))
        .route("/gallery/bulk-update/deactivate", put(deactivate))
        .with_state(Active::new(Mutex::new(vec![true, false, true, false])))
}

async fn page(State(active): State<Active>) -> Markup {
    let active = active
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    crate::layout(
        "Bulk update",
        html! {
            #[signals(Selection)]
            "<div data-signals=\"" (Selection::default()) "\">"
            (rows(&active))
            "<button id=\"activate\" data-on:click=\"@put('/gallery/bulk-update/activate')\">Activate</button>"
            "<button id=\"deactivate\" data-on:click=\"@put('/gallery/bulk-update/deactivate')\">Deactivate</button>"
            "</div>"
        },
    )
}

/// The table: a checkbox bound to each row's flag, the name, the status.
fn rows(active: &[bool]) -> Markup {
    html! {
        "<table id=\"people\"><tbody>"
        for (index, (name, active)) in PEOPLE.iter().zip(active).enumerate() {
            "<tr id=\"person-" (index) "\"><td><input type=\"checkbox\" id=\"select-" (index) "\" data-bind:selections></td>"
            "<td>" (name) "</td><td class=\"status\">" if *active { "Active" } else { "Inactive" } "</td></tr>"
        }
        "</tbody></table>"
    }
}

async fn activate(
    State(active): State<Active>,
    ReadSignals(selection): ReadSignals<Selection>,
) -> impl IntoResponse {
    update(&active, &selection, true)
}

async fn deactivate(
    State(active): State<Active>,
    ReadSignals(selection): ReadSignals<Selection>,
) -> impl IntoResponse {
    update(&active, &selection, false)
}

/// Sets the ticked rows to `to`, sends the table and clears the ticks.
fn update(
    active: &Active,
    selection: &Selection,
    to: bool,
) -> EventStream<impl Stream<Item = Event> + use<>> {
    let mut active = active.lock().unwrap_or_else(PoisonError::into_inner);
    for (flag, &ticked) in active.iter_mut().zip(&selection.selections) {
        if ticked {
            *flag = to;
        }
    }
    let table = rows(&active);
    let cleared = Selection::default();
    datastar! {
        #[signals(Selection)]
        elements (table);
        signals { selections: (cleared.selections) };
    }
}
