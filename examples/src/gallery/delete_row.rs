//! Delete row: each row has a Delete button that asks for confirmation, then the server
//! removes the row; Reset brings every row back.

use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::extract::{Path, State};
use axum::routing::{delete, get};
use datastar_core::prelude::*;

/// Where the example is served.
pub const PATH: &str = "/gallery/delete-row";

const CONTACTS: [(u32, &str, &str); 4] = [
    (1, "Ada Okafor", "ada@example.com"),
    (2, "Bruno Lindqvist", "bruno@example.com"),
    (3, "Chiara Bianchi", "chiara@example.com"),
    (4, "Dmitri Volkov", "dmitri@example.com"),
];

type Kept = Arc<Mutex<Vec<u32>>>;

/// The page, deleting a row and resetting.
pub fn router() -> Router {
    Router::new()
        .route(PATH, get(page))
        .route("/gallery/delete-row/{id}", delete(delete_row))
        .route("/gallery/delete-row/reset", get(reset))
        .with_state(Kept::new(Mutex::new(all())))
}

fn all() -> Vec<u32> {
    CONTACTS.iter().map(|(id, ..)| *id).collect()
}

fn kept(state: &Kept) -> Vec<u32> {
    state.lock().unwrap_or_else(PoisonError::into_inner).clone()
}

async fn page(State(state): State<Kept>) -> Markup {
    crate::layout("Delete row", table(&kept(&state)))
}

/// The table of the contacts in `ids`.
fn table(ids: &[u32]) -> Markup {
    html! {
        "<div id=\"contacts\"><table><thead><tr><th>Name</th><th>Email</th><th></th></tr></thead><tbody>"
        for (id, name, email) in CONTACTS.iter().filter(|(id, ..)| ids.contains(id)) {
            "<tr id=\"contact-" (id) "\"><td>" (name) "</td><td>" (email) "</td><td>"
            "<button class=\"delete\" data-on:click=\"confirm('Are you sure?') &amp;&amp; @delete('/gallery/delete-row/" (id) "')\">Delete</button>"
            "</td></tr>"
        }
        "</tbody></table>"
        "<button id=\"reset\" data-on:click=\"@get('/gallery/delete-row/reset')\">Reset</button></div>"
    }
}

/// DELETE …/{id}: the row goes.
async fn delete_row(State(state): State<Kept>, Path(id): Path<u32>) -> impl IntoResponse {
    state
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .retain(|kept| *kept != id);
    let row = format!("#contact-{id}");
    datastar! {
        remove (row);
    }
}

/// GET …/reset: every row again.
async fn reset(State(state): State<Kept>) -> impl IntoResponse {
    *state.lock().unwrap_or_else(PoisonError::into_inner) = all();
    datastar! {
        elements (table(&all()));
    }
}
