//! The `/test` endpoint of the official Datastar SDK test suite (sdk-tests/README.md):
//! it reads `{"events": [...]}` with [`ReadSignals`] and answers with those events,
//! built with the builder API.
//!
//! Beyond the upstream event types (`patchElements`, `patchSignals`, `executeScript`)
//! it accepts `redirect` (`url`, `eventId`, `retryDuration`), so our own golden cases can
//! cover redirect escaping; and `namespace`/`viewTransitionSelector` on `patchElements`.

use std::time::Duration;

use axum::Router;
use axum::routing::get;
use datastar_core::EventStream;
use datastar_core::prelude::*;
use serde::Deserialize;
use serde_json::Value;

/// The router with `/test` on GET and POST (and DELETE, which the 1.0 client sends
/// like GET).
pub fn router() -> Router {
    Router::new().route("/test", get(test).post(test).delete(test))
}

/// What the test runner sends.
#[derive(Deserialize)]
pub struct Input {
    events: Vec<TestEvent>,
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "camelCase")]
enum TestEvent {
    #[serde(rename_all = "camelCase")]
    PatchElements {
        elements: Option<String>,
        selector: Option<String>,
        mode: Option<String>,
        use_view_transition: Option<bool>,
        view_transition_selector: Option<String>,
        namespace: Option<String>,
        #[serde(flatten)]
        common: Common,
    },
    #[serde(rename_all = "camelCase")]
    PatchSignals {
        signals: Option<Value>,
        #[serde(rename = "signals-raw")]
        signals_raw: Option<String>,
        only_if_missing: Option<bool>,
        #[serde(flatten)]
        common: Common,
    },
    #[serde(rename_all = "camelCase")]
    ExecuteScript {
        script: String,
        attributes: Option<serde_json::Map<String, Value>>,
        auto_remove: Option<bool>,
        #[serde(flatten)]
        common: Common,
    },
    Redirect {
        url: String,
        #[serde(flatten)]
        common: Common,
    },
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Common {
    event_id: Option<String>,
    retry_duration: Option<u64>,
}

macro_rules! with_common {
    ($builder:expr, $common:expr) => {{
        let mut builder = $builder;
        if let Some(id) = &$common.event_id {
            builder = builder.id(id.as_str());
        }
        if let Some(retry) = $common.retry_duration {
            builder = builder.retry(Duration::from_millis(retry));
        }
        builder
    }};
}

async fn test(ReadSignals(input): ReadSignals<Input>) -> impl IntoResponse {
    respond(&input)
}

/// The events a test case asks for, whatever framework serves them.
pub fn respond(input: &Input) -> EventStream<impl Stream<Item = Event> + use<>> {
    // An event that cannot be encoded ends the stream after the events before it (and is
    // logged), exactly as `?` does inside `datastar!`: never a malformed frame.
    let events: Vec<Result<Event, CaseError>> = input.events.iter().map(encode).collect();
    EventStream::try_new(futures_util::stream::iter(events))
}

type CaseError = Box<dyn std::error::Error + Send + Sync>;

fn encode(event: &TestEvent) -> Result<Event, CaseError> {
    match event {
        TestEvent::PatchElements {
            elements,
            selector,
            mode,
            use_view_transition,
            view_transition_selector,
            namespace,
            common,
        } => {
            let mut builder = match elements {
                Some(elements) => PatchElements::new(elements.as_str()),
                None => PatchElements::default(),
            };
            if let Some(selector) = selector {
                builder = builder.selector(selector.as_str());
            }
            if let Some(mode) = mode {
                builder = builder.mode(mode.parse()?);
            }
            let view_transition = use_view_transition.unwrap_or(false);
            builder = builder.view_transition(view_transition);
            // The SDK spec writes the scoping selector only together with the transition.
            if let (true, Some(selector)) = (view_transition, view_transition_selector) {
                builder = builder.view_transition_selector(selector.as_str());
            }
            if let Some(namespace) = namespace {
                builder = builder.namespace(namespace.parse()?);
            }
            Ok(with_common!(builder, common).encode()?)
        }
        TestEvent::PatchSignals {
            signals,
            signals_raw,
            only_if_missing,
            common,
        } => {
            let builder = match (signals_raw, signals) {
                (Some(raw), _) => PatchSignals::new(raw.as_str()),
                (None, Some(value)) => PatchSignals::json(value)?,
                (None, None) => PatchSignals::new("{}"),
            };
            let builder = builder.only_if_missing(only_if_missing.unwrap_or(false));
            Ok(with_common!(builder, common).encode()?)
        }
        TestEvent::ExecuteScript {
            script,
            attributes,
            auto_remove,
            common,
        } => {
            let mut builder =
                ExecuteScript::new(script.as_str()).auto_remove(auto_remove.unwrap_or(true));
            for (name, value) in attributes.iter().flatten() {
                let value = match value {
                    Value::String(text) => text.clone(),
                    other => other.to_string(),
                };
                builder = builder.attribute(name.as_str(), value);
            }
            Ok(with_common!(builder, common).encode()?)
        }
        TestEvent::Redirect { url, common } => {
            Ok(with_common!(Redirect::new(url.as_str()), common).encode()?)
        }
    }
}
