//! The framework apps on axum, for comparison: the same paths as the others.

use axum::extract::State;
use axum::routing::{get, post};
use axum::{Extension, Router};
use datastar_core::axum::SignalsBodyLimit;
use datastar_core::prelude::*;
use datastar_core::request::OptionalSignals;
use serde_json::Value;

use super::{Probe, SMALL_LIMIT, echo, last_event_id};

/// The quiz, the SDK endpoint and the probes.
pub fn app() -> Router {
    let probe = Probe::default();
    let small = Router::new()
        .route("/probe/small", post(signals))
        .layer(Extension(SignalsBodyLimit(SMALL_LIMIT)));
    Router::new()
        .route(
            "/probe/stream",
            get(|State(probe): State<Probe>| async move { probe.stream() }),
        )
        .route(
            "/probe/release",
            post(|State(probe): State<Probe>| async move { probe.release() }),
        )
        .route(
            "/probe/producers",
            get(|State(probe): State<Probe>| async move { probe.producers() }),
        )
        .route("/probe/signals", post(signals))
        .route("/probe/plain", get(|| async { super::plain() }))
        .route("/probe/optional", get(optional).post(optional))
        .route(
            "/probe/last-event-id",
            get(|last: Option<LastEventId>| async move { last_event_id(last) }),
        )
        .route(
            super::probe_client().path(),
            super::probe_client().clone().axum_route(),
        )
        .with_state(probe)
        .merge(small)
        .merge(crate::quiz::router())
        .merge(crate::sdk_test::router())
        // Event streams are compressed when the client accepts a coding.
        .layer(crate::compression())
}

async fn signals(ReadSignals(received): ReadSignals<Value>) -> impl IntoResponse {
    echo(received)
}

async fn optional(OptionalSignals(received): OptionalSignals<Value>) -> impl IntoResponse {
    echo(received.unwrap_or(Value::Null))
}
