//! An actix-web app with `datastar-core`'s `actix-web` feature alone (no axum, no tokio,
//! serde or futures of its own): a stream, signals read from a request, and the
//! `Last-Event-ID` of a reconnecting client.

use std::collections::HashMap;

use actix_web::{App, Responder, web};
use datastar_core::actix::{LastEventId, ReadSignals};
use datastar_core::datastar;

async fn greet(ReadSignals(signals): ReadSignals<HashMap<String, String>>) -> impl Responder {
    let name = signals.get("name").cloned().unwrap_or_default();
    datastar! {
        elements "<p id=\"greeting\">Hello, " (name) "</p>";
        wait 1s;
        signals { greeted: true };
    }
}

async fn feed(last: Option<LastEventId>) -> impl Responder {
    let after = last.map(|id| id.0).unwrap_or_default();
    datastar! {
        signals { after: (after) }, id = "1";
    }
}

/// The routes.
pub fn configure(config: &mut web::ServiceConfig) {
    config
        .route("/greet", web::post().to(greet))
        .route("/feed", web::get().to(feed));
}

/// The app.
pub fn app() -> App<
    impl actix_web::dev::ServiceFactory<
        actix_web::dev::ServiceRequest,
        Config = (),
        Response = actix_web::dev::ServiceResponse,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new().configure(configure)
}
