//! Edit row: each row of the table has an Edit button that turns that row into inputs
//! bound to the signals; Save stores them, Cancel puts the row back as it was.

use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use datastar_core::prelude::*;
use serde::{Deserialize, Serialize};

/// Where the example is served.
pub const PATH: &str = "/gallery/edit-row";

/// The row being edited: its signals.
#[derive(Clone, Default, Serialize, Deserialize, Signals)]
pub struct Person {
    name: String,
    email: String,
}

type People = Arc<Mutex<Vec<Person>>>;

/// The page, editing, saving and cancelling a row.
pub fn router() -> Router {
    let people = [
        ("Ada Okafor", "ada@example.com"),
        ("Bruno Lindqvist", "bruno@example.com"),
        ("Chiara Bianchi", "chiara@example.com"),
    ]
    .map(|(name, email)| Person {
        name: name.to_owned(),
        email: email.to_owned(),
    });
    Router::new()
        .route(PATH, get(page))
        .route("/gallery/edit-row/{row}", get(row).put(save))
        .route("/gallery/edit-row/{row}/edit", get(edit))
        .with_state(People::new(Mutex::new(people.to_vec())))
}

fn person(people: &People, row: usize) -> Option<Person> {
    people
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(row)
        .cloned()
}

async fn page(State(people): State<People>) -> Markup {
    let people = people
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone();
    crate::layout(
        "Edit row",
        html! {
            #[signals(Person)]
            "<div data-signals=\"" (Person::default()) "\"><table><tbody id=\"people\">"
            for (index, person) in people.iter().enumerate() {
                (shown(index, person))
            }
            "</tbody></table></div>"
        },
    )
}

/// A row as text.
fn shown(row: usize, person: &Person) -> Markup {
    html! {
        "<tr id=\"row-" (row) "\"><td class=\"name\">" (person.name) "</td><td class=\"email\">" (person.email) "</td>"
        "<td><button class=\"edit\" data-on:click=\"@get('/gallery/edit-row/" (row) "/edit')\">Edit</button></td></tr>"
    }
}

/// GET …/{row}/edit: the row as inputs, the signals set from it.
async fn edit(
    State(people): State<People>,
    Path(row): Path<usize>,
) -> Result<impl IntoResponse, StatusCode> {
    let person = person(&people, row).ok_or(StatusCode::NOT_FOUND)?;
    Ok(datastar! {
        #[signals(Person)]
        signals { name: (person.name), email: (person.email) };
        elements "<tr id=\"row-" (row) "\"><td><input class=\"name\" data-bind:name></td>"
            "<td><input class=\"email\" data-bind:email></td><td>"
            "<button class=\"save\" data-on:click=\"@put('/gallery/edit-row/" (row) "')\">Save</button>"
            "<button class=\"cancel\" data-on:click=\"@get('/gallery/edit-row/" (row) "')\">Cancel</button></td></tr>";
    })
}

/// PUT …/{row}: stores the signals in the row and shows it.
async fn save(
    State(people): State<People>,
    Path(row): Path<usize>,
    ReadSignals(edited): ReadSignals<Person>,
) -> Result<impl IntoResponse, StatusCode> {
    let mut stored = people.lock().unwrap_or_else(PoisonError::into_inner);
    let slot = stored.get_mut(row).ok_or(StatusCode::NOT_FOUND)?;
    *slot = edited.clone();
    Ok(datastar! {
        elements (shown(row, &edited));
    })
}

/// GET …/{row}: the row as stored (Cancel).
async fn row(
    State(people): State<People>,
    Path(row): Path<usize>,
) -> Result<impl IntoResponse, StatusCode> {
    let person = person(&people, row).ok_or(StatusCode::NOT_FOUND)?;
    Ok(datastar! {
        elements (shown(row, &person));
    })
}
