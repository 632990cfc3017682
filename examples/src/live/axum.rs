//! The live routes on axum (the `live` example).

use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use bytes::Bytes;
use datastar_core::prelude::*;
use datastar_live::Log;

use super::{Command, Live, LogChoice, Refused, SetupError};

/// `/live` (the page), `/live/stream`, `/live/command` and `/live/producers`, on the log
/// the environment asks for (see [`log_from_env`](super::log_from_env)).
pub async fn router() -> Result<Router, SetupError> {
    Ok(match super::log_from_env().await? {
        LogChoice::Memory(log) => router_on(log),
        LogChoice::Nats(log) => router_on(log),
    })
}

/// The live routes on a given log.
pub fn router_on<L: Log<Message = Bytes>>(log: L) -> Router {
    Router::new()
        .route("/live", get(|| async { super::page() }))
        .route("/live/stream", get(stream::<L>))
        .route("/live/command", post(command::<L>))
        .route("/live/producers", get(producers::<L>))
        .with_state(Live::new(log))
}

fn refused(refused: Refused) -> Response {
    StatusCode::from_u16(refused.status())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
        .into_response()
}

async fn stream<L: Log<Message = Bytes>>(
    State(live): State<Live<L>>,
    last: Option<LastEventId>,
) -> Response {
    match super::stream(live, last.as_ref()).await {
        Ok(events) => events.into_response(),
        Err(refusal) => refused(refusal),
    }
}

async fn command<L: Log<Message = Bytes>>(
    State(live): State<Live<L>>,
    ReadSignals(command): ReadSignals<Command>,
) -> Response {
    match super::command(&live, command).await {
        Ok(Some(events)) => events.into_response(),
        Ok(None) => StatusCode::NO_CONTENT.into_response(),
        Err(refusal) => refused(refusal),
    }
}

async fn producers<L>(State(live): State<Live<L>>) -> String {
    live.producers()
}
