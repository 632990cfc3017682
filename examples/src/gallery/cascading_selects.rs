//! Cascading selects: choosing a make loads its models into the second select.

use axum::Router;
use axum::routing::get;
use datastar_core::prelude::*;
use serde::{Deserialize, Serialize};

/// Where the example is served.
pub const PATH: &str = "/gallery/cascading-selects";

const MAKES: [(&str, [&str; 3]); 3] = [
    ("Audi", ["A1", "A4", "A6"]),
    ("Toyota", ["Landcruiser", "Tacoma", "Yaris"]),
    ("BMW", ["325i", "325ix", "X5"]),
];

/// The page's signals: the make and the model chosen.
#[derive(Serialize, Deserialize, Signals)]
pub struct Choice {
    make: String,
    model: String,
}

/// The page and the models of a make.
pub fn router() -> Router {
    Router::new()
        .route(PATH, get(page))
        .route("/gallery/cascading-selects/models", get(models))
}

async fn page() -> Markup {
    let choice = Choice {
        make: MAKES[0].0.to_owned(),
        model: MAKES[0].1[0].to_owned(),
    };
    crate::layout(
        "Cascading selects",
        html! {
            #[signals(Choice)]
            "<div data-signals=\"" (choice) "\">"
            "<label>Make <select id=\"make\" data-bind:make data-on:change=\"@get('/gallery/cascading-selects/models')\">"
            for (make, _) in MAKES {
                "<option value=\"" (make) "\">" (make) "</option>"
            }
            "</select></label>"
            (model_select(MAKES[0].1))
            "<p>Chosen: <span id=\"chosen\" data-text=\"$make + ' ' + $model\"></span></p>"
            "</div>"
        },
    )
}

/// The model select for `models`.
fn model_select(models: [&str; 3]) -> Markup {
    html! {
        "<label id=\"models\">Model <select id=\"model\" data-bind:model>"
        for model in models {
            "<option value=\"" (model) "\">" (model) "</option>"
        }
        "</select></label>"
    }
}

/// GET …/models: the chosen make's models, the first one chosen.
async fn models(ReadSignals(choice): ReadSignals<Choice>) -> impl IntoResponse {
    let models = MAKES
        .iter()
        .find(|(make, _)| *make == choice.make)
        .map_or(MAKES[0].1, |(_, models)| *models);
    let first = models[0];
    datastar! {
        #[signals(Choice)]
        elements (model_select(models));
        signals { model: (first) };
    }
}
