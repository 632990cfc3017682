//! The framework apps on Rocket 0.5.

use std::net::Ipv4Addr;

use datastar_core::prelude::{Event, EventStream, Stream};
use datastar_core::rocket::{LastEventId, OptionalSignals, ReadSignals};
use rocket::config::{Config, LogLevel};
use rocket::data::{Limits, ToByteUnit};
use rocket::http::ContentType;
use rocket::{Build, Rocket, State, routes};
use serde_json::Value;

use super::{Probe, SMALL_LIMIT, echo, last_event_id, quiz_page};

type Events = EventStream<Box<dyn Stream<Item = Event> + Send + Unpin>>;

/// Boxes a stream, so that every route has one nameable return type.
fn boxed(events: EventStream<impl Stream<Item = Event> + Send + 'static>) -> Events {
    let keep_alive = events.keep_alive_interval();
    let events = EventStream::new(
        Box::new(Box::pin(events.into_inner())) as Box<dyn Stream<Item = Event> + Send + Unpin>
    );
    match keep_alive {
        Some(interval) => events.keep_alive(interval),
        None => events.without_keep_alive(),
    }
}

#[rocket::get("/quiz")]
fn quiz() -> (ContentType, String) {
    (ContentType::HTML, quiz_page())
}

#[rocket::get("/quiz/question")]
fn question(probe: &State<Probe>) -> Events {
    boxed(probe.question())
}

#[rocket::post("/quiz/answer", data = "<signals>")]
fn answer(signals: ReadSignals<crate::quiz::Signals>) -> Events {
    boxed(crate::quiz::verdict(signals.0))
}

#[rocket::get("/test")]
fn sdk_test_get(input: ReadSignals<crate::sdk_test::Input>) -> Events {
    boxed(crate::sdk_test::respond(&input.0))
}

#[rocket::post("/test", data = "<input>")]
fn sdk_test_post(input: ReadSignals<crate::sdk_test::Input>) -> Events {
    boxed(crate::sdk_test::respond(&input.0))
}

#[rocket::delete("/test")]
fn sdk_test_delete(input: ReadSignals<crate::sdk_test::Input>) -> Events {
    boxed(crate::sdk_test::respond(&input.0))
}

#[rocket::get("/probe/stream")]
fn stream(probe: &State<Probe>) -> Events {
    boxed(probe.stream())
}

#[rocket::post("/probe/release")]
fn release(probe: &State<Probe>) {
    probe.release();
}

#[rocket::get("/probe/producers")]
fn producers(probe: &State<Probe>) -> String {
    probe.producers()
}

#[rocket::post("/probe/signals", data = "<received>")]
fn signals(received: ReadSignals<Value>) -> Events {
    boxed(echo(received.0))
}

#[rocket::get("/probe/optional")]
fn optional_get(received: OptionalSignals<Value>) -> Events {
    boxed(echo(received.0.unwrap_or(Value::Null)))
}

#[rocket::post("/probe/optional", data = "<received>")]
fn optional_post(received: OptionalSignals<Value>) -> Events {
    boxed(echo(received.0.unwrap_or(Value::Null)))
}

#[rocket::get("/probe/last-event-id")]
fn last(last: Option<LastEventId>) -> Events {
    boxed(last_event_id(last))
}

#[rocket::get("/datastar.js")]
fn client_js() -> (ContentType, &'static str) {
    (
        ContentType::JavaScript,
        crate::local_client().unwrap_or_default(),
    )
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
                client_js
            ],
        )
        .register("/", datastar_core::rocket::catchers())
}

#[rocket::post("/probe/small", data = "<received>")]
fn small_signals(received: ReadSignals<Value>) -> Events {
    boxed(echo(received.0))
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
