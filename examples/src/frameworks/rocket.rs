//! The framework apps on Rocket 0.5.

use std::net::Ipv4Addr;

use datastar_core::BoxedEvents;
use datastar_core::prelude::EventStream;
use datastar_core::rocket::{LastEventId, OptionalSignals, ReadSignals};
use rocket::config::{Config, LogLevel};
use rocket::data::{Limits, ToByteUnit};
use rocket::{Build, Rocket, State, routes};
use serde_json::Value;

use super::{Probe, SMALL_LIMIT, echo, last_event_id, quiz_page};

type Events = EventStream<BoxedEvents>;

#[rocket::get("/quiz")]
fn quiz() -> datastar_core::Markup {
    quiz_page()
}

#[rocket::get("/quiz/question")]
fn question(probe: &State<Probe>) -> Events {
    probe.question().boxed()
}

#[rocket::post("/quiz/answer", data = "<signals>")]
fn answer(signals: ReadSignals<crate::quiz::QuizSignals>) -> Events {
    crate::quiz::verdict(signals.0).boxed()
}

#[rocket::get("/test")]
fn sdk_test_get(input: ReadSignals<crate::sdk_test::Input>) -> Events {
    crate::sdk_test::respond(&input.0).boxed()
}

#[rocket::post("/test", data = "<input>")]
fn sdk_test_post(input: ReadSignals<crate::sdk_test::Input>) -> Events {
    crate::sdk_test::respond(&input.0).boxed()
}

#[rocket::delete("/test")]
fn sdk_test_delete(input: ReadSignals<crate::sdk_test::Input>) -> Events {
    crate::sdk_test::respond(&input.0).boxed()
}

#[rocket::get("/probe/stream")]
fn stream(probe: &State<Probe>) -> Events {
    probe.stream().boxed()
}

#[rocket::post("/probe/release")]
fn release(probe: &State<Probe>) {
    probe.release();
}

#[rocket::get("/probe/plain")]
fn plain() -> Events {
    super::plain().boxed()
}

#[rocket::get("/probe/producers")]
fn producers(probe: &State<Probe>) -> String {
    probe.producers()
}

#[rocket::post("/probe/signals", data = "<received>")]
fn signals(received: ReadSignals<Value>) -> Events {
    echo(received.0).boxed()
}

#[rocket::get("/probe/optional")]
fn optional_get(received: OptionalSignals<Value>) -> Events {
    echo(received.0.unwrap_or(Value::Null)).boxed()
}

#[rocket::post("/probe/optional", data = "<received>")]
fn optional_post(received: OptionalSignals<Value>) -> Events {
    echo(received.0.unwrap_or(Value::Null)).boxed()
}

#[rocket::get("/probe/last-event-id")]
fn last(last: Option<LastEventId>) -> Events {
    last_event_id(last).boxed()
}

/// The app on `port`. Rocket's body limits are per data kind, not per route: the probe of
/// the limit runs on a second app with `limits.datastar` set (see [`small`]).
pub fn app(port: u16) -> Rocket<Build> {
    let config = Config {
        address: Ipv4Addr::LOCALHOST.into(),
        port,
        log_level: LogLevel::Off,
        ..Config::debug_default()
    };
    rocket::custom(config)
        .manage(Probe::default())
        // Rocket's graceful shutdown (on `SIGTERM` or Ctrl-C) ends the open streams
        // first, instead of waiting out its `grace` period.
        .attach(crate::shutdown().rocket_fairing())
        // Event streams are compressed when the client accepts a coding.
        .manage(crate::compression_settings())
        .mount(
            "/",
            routes![
                quiz,
                question,
                answer,
                sdk_test_get,
                sdk_test_post,
                sdk_test_delete,
                stream,
                release,
                producers,
                signals,
                optional_get,
                optional_post,
                last,
                plain
            ],
        )
        .mount("/", super::probe_client().clone().rocket_routes())
        .mount(
            "/",
            crate::local_client()
                .map(|client| client.clone().rocket_routes())
                .unwrap_or_default(),
        )
        .register("/", datastar_core::rocket::catchers())
}

#[rocket::post("/probe/small", data = "<received>")]
fn small_signals(received: ReadSignals<Value>) -> Events {
    echo(received.0).boxed()
}

/// An app that serves `/probe/small` with `limits.datastar` at the small limit.
pub fn small(port: u16) -> Rocket<Build> {
    let config = Config {
        address: Ipv4Addr::LOCALHOST.into(),
        port,
        log_level: LogLevel::Off,
        limits: Limits::default().limit("datastar", SMALL_LIMIT.bytes()),
        ..Config::debug_default()
    };
    rocket::custom(config)
        .mount("/", routes![small_signals])
        .register("/", datastar_core::rocket::catchers())
}
