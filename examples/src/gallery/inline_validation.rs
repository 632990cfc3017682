//! Inline validation: the form is checked on the server as you type (after a pause), each
//! field's message shown under it; Sign up is enabled once everything is valid.

use axum::Router;
use axum::routing::{get, post};
use datastar_core::prelude::*;
use serde::{Deserialize, Serialize};

/// Where the example is served.
pub const PATH: &str = "/gallery/inline-validation";

/// The form's signals.
#[derive(Default, Serialize, Deserialize, Signals)]
#[serde(rename_all = "camelCase")]
pub struct SignUp {
    email: String,
    first_name: String,
}

/// The page, the check and the sign-up.
pub fn router() -> Router {
    Router::new()
        .route(PATH, get(page))
        .route("/gallery/inline-validation/validate", post(validate))
        .route("/gallery/inline-validation/sign-up", post(sign_up))
}

async fn page() -> Markup {
    let form = SignUp::default();
    crate::layout(
        "Inline validation",
        html! {
            #[signals(SignUp)]
            "<div data-signals=\"" (form) "\" data-on:input__debounce.300ms=\"@post('/gallery/inline-validation/validate')\">"
            "<label>Email <input id=\"email\" type=\"email\" data-bind:email></label>"
            "<label>First name <input id=\"first-name\" data-bind:first-name></label>"
            (messages(&form, false))
            "</div>"
        },
    )
}

/// What is wrong with each field (nothing for a field still empty, unless `strict`).
fn problems(form: &SignUp, strict: bool) -> (Option<String>, Option<String>) {
    let email = form.email.trim();
    let email_problem = if email.is_empty() {
        strict.then(|| "Email is required.".to_owned())
    } else if !email.contains('@') || email.starts_with('@') || email.ends_with('@') {
        Some(format!("“{email}” is not an email address."))
    } else {
        None
    };
    let name = form.first_name.trim();
    let name_problem = if name.is_empty() {
        strict.then(|| "First name is required.".to_owned())
    } else if name.chars().count() < 2 {
        Some("First name needs at least 2 characters.".to_owned())
    } else {
        None
    };
    (email_problem, name_problem)
}

/// The messages and the Sign up button for `form`.
fn messages(form: &SignUp, strict: bool) -> Markup {
    let (email, name) = problems(form, strict);
    let complete = !form.email.trim().is_empty() && !form.first_name.trim().is_empty();
    let valid = complete && email.is_none() && name.is_none();
    html! {
        "<div id=\"messages\">"
        "<p id=\"email-message\" class=\"muted\">" if let Some(problem) = &email { (problem) } "</p>"
        "<p id=\"first-name-message\" class=\"muted\">" if let Some(problem) = &name { (problem) } "</p>"
        "<button id=\"sign-up\" data-on:click=\"@post('/gallery/inline-validation/sign-up')\""
        if !valid { " disabled" }
        ">Sign up</button>"
        "</div>"
    }
}

/// POST …/validate: the messages for what is typed so far.
async fn validate(ReadSignals(form): ReadSignals<SignUp>) -> impl IntoResponse {
    datastar! {
        elements (messages(&form, false));
    }
}

/// POST …/sign-up: thanks, or every message.
async fn sign_up(ReadSignals(form): ReadSignals<SignUp>) -> impl IntoResponse {
    let (email, name) = problems(&form, true);
    let welcome = email.is_none() && name.is_none();
    datastar! {
        #[signals(SignUp)]
        if welcome {
            elements "<div id=\"messages\"><p id=\"welcome\">Welcome aboard, " (form.first_name.trim()) ".</p></div>";
        } else {
            elements (messages(&form, true));
        }
    }
}
