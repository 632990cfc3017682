//! Click to edit: a contact shown as text, with an Edit button that swaps in a form bound
//! to the signals; Save sends them (`PUT`), Cancel brings the text back unchanged.

use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use datastar_core::prelude::*;
use serde::{Deserialize, Serialize};

/// Where the example is served.
pub const PATH: &str = "/gallery/click-to-edit";

/// The contact, which is also the form's signals.
#[derive(Clone, Serialize, Deserialize, Signals)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    first_name: String,
    last_name: String,
    email: String,
}

impl Default for Contact {
    fn default() -> Contact {
        Contact {
            first_name: "Ada".to_owned(),
            last_name: "Okafor".to_owned(),
            email: "ada@example.com".to_owned(),
        }
    }
}

type Stored = Arc<Mutex<Contact>>;

/// The page, the form, saving and cancelling.
pub fn router() -> Router {
    Router::new()
        .route(PATH, get(page).put(save))
        .route("/gallery/click-to-edit/edit", get(edit))
        .route("/gallery/click-to-edit/cancel", get(cancel))
        .with_state(Stored::default())
}

fn current(stored: &Stored) -> Contact {
    stored
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .clone()
}

async fn page(State(stored): State<Stored>) -> Markup {
    crate::layout("Click to edit", view(&current(&stored)))
}

/// The contact as text.
fn view(contact: &Contact) -> Markup {
    html! {
        "<div id=\"contact\">"
        "<p>First name: <span id=\"first-name\">" (contact.first_name) "</span></p>"
        "<p>Last name: <span id=\"last-name\">" (contact.last_name) "</span></p>"
        "<p>Email: <span id=\"email\">" (contact.email) "</span></p>"
        "<button id=\"edit\" data-on:click=\"@get('/gallery/click-to-edit/edit')\">Edit</button>"
        "</div>"
    }
}

/// GET …/edit: the form, its signals set from the stored contact.
async fn edit(State(stored): State<Stored>) -> impl IntoResponse {
    let contact = current(&stored);
    datastar! {
        #[signals(Contact)]
        elements "<div id=\"contact\" data-signals=\"" (contact) "\">"
            "<label>First name <input id=\"first-name-input\" data-bind:first-name></label>"
            "<label>Last name <input id=\"last-name-input\" data-bind:last-name></label>"
            "<label>Email <input id=\"email-input\" type=\"email\" data-bind:email></label>"
            "<button id=\"save\" data-on:click=\"@put('/gallery/click-to-edit')\">Save</button>"
            "<button id=\"cancel\" data-on:click=\"@get('/gallery/click-to-edit/cancel')\">Cancel</button>"
            "</div>";
    }
}

/// PUT: stores the form's signals and shows them.
async fn save(
    State(stored): State<Stored>,
    ReadSignals(contact): ReadSignals<Contact>,
) -> impl IntoResponse {
    *stored.lock().unwrap_or_else(PoisonError::into_inner) = contact.clone();
    datastar! {
        elements (view(&contact));
    }
}

/// GET …/cancel: the stored contact, unchanged.
async fn cancel(State(stored): State<Stored>) -> impl IntoResponse {
    let contact = current(&stored);
    datastar! {
        elements (view(&contact));
    }
}
