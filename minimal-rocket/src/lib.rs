//! A Rocket app with `datastar-core`'s `rocket` feature alone (no axum, no tokio, serde or
//! futures of its own): a stream, signals read from a request, and the `Last-Event-ID`
//! of a reconnecting client.

use std::collections::HashMap;

use datastar_core::datastar;
use datastar_core::prelude::{Event, EventStream, Stream};
use datastar_core::rocket::{LastEventId, ReadSignals};
use rocket::{Build, Rocket, routes};

#[rocket::post("/greet", data = "<signals>")]
fn greet(signals: ReadSignals<HashMap<String, String>>) -> EventStream<impl Stream<Item = Event>> {
    let name = signals.0.get("name").cloned().unwrap_or_default();
    datastar! {
        elements "<p id=\"greeting\">Hello, " (name) "</p>";
        wait 1s;
        signals { greeted: true };
    }
}

#[rocket::get("/feed")]
fn feed(last: Option<LastEventId>) -> EventStream<impl Stream<Item = Event>> {
    let after = last.map(|id| id.0).unwrap_or_default();
    datastar! {
        signals { after: (after) }, id = "1";
    }
}

/// The app, with the catchers that answer refused signals with their reason.
pub fn app() -> Rocket<Build> {
    rocket::build()
        .mount("/", routes![greet, feed])
        .register("/", datastar_core::rocket::catchers())
}
