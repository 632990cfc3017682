//! The seed scenarios of the Datastar guide, written with `datastar!`: exact SSE bytes
//! (written out in full), the virtual time of each chunk, and the same bytes from the
//! builder API.

use std::time::Duration;

use datastar_core::prelude::*;
use datastar_core::testing::{drain, drain_response, drain_timeline};
use datastar_core::{EncodeError, ExecuteScript, PatchElements, PatchSignals, Redirect};

fn builder_text(events: &[Result<datastar_core::Event, EncodeError>]) -> String {
    events
        .iter()
        .map(|event| {
            let event = event.as_ref().expect("the builder encodes");
            String::from_utf8(event.as_bytes().to_vec()).unwrap()
        })
        .collect()
}

fn at(seconds: u64) -> Duration {
    Duration::from_secs(seconds)
}

// The redirect how-to: https://data-star.dev/how_tos/redirect_the_page_from_the_backend
fn redirect() -> impl Stream<Item = Event> {
    datastar! {
        elements r#"<div id="indicator">Redirecting in 3 seconds...</div>"#;
        wait 3s;
        redirect "/guide";
    }
}

const REDIRECT_INDICATOR: &str = "event: datastar-patch-elements\n\
data: elements <div id=\"indicator\">Redirecting in 3 seconds...</div>\n\
\n";
const REDIRECT_SCRIPT: &str = "event: datastar-patch-elements\n\
data: selector body\n\
data: mode append\n\
data: elements <script data-effect=\"el.remove()\">setTimeout(() => window.location.href = \"/guide\")</script>\n\
\n";

#[test]
fn redirect_how_to() {
    assert_eq!(
        drain(redirect()),
        [REDIRECT_INDICATOR, REDIRECT_SCRIPT].concat()
    );
    assert_eq!(
        drain_timeline(redirect()),
        [
            (at(0), REDIRECT_INDICATOR.to_owned()),
            (at(3), REDIRECT_SCRIPT.to_owned())
        ]
    );
    assert_eq!(
        builder_text(&[
            PatchElements::new(r#"<div id="indicator">Redirecting in 3 seconds...</div>"#).encode(),
            Redirect::new("/guide").encode(),
        ]),
        drain(redirect())
    );
}

/// The same body as a handler's return value.
fn redirect_response() -> impl IntoResponse {
    datastar! {
        elements r#"<div id="indicator">Redirecting in 3 seconds...</div>"#;
        wait 3s;
        redirect "/guide";
    }
}

#[test]
fn redirect_how_to_as_a_response() {
    assert_eq!(
        drain_response(redirect_response()),
        [REDIRECT_INDICATOR, REDIRECT_SCRIPT].concat()
    );
}

// The guide's "Patching Elements": HAL answers, then resets after a second.
fn hal_elements() -> impl Stream<Item = Event> {
    datastar! {
        elements r#"<div id="hal">I'm sorry, Dave. I'm afraid I can't do that.</div>"#;
        wait 1s;
        elements r#"<div id="hal">Waiting for an order...</div>"#;
    }
}

const HAL_SORRY: &str = "event: datastar-patch-elements\n\
data: elements <div id=\"hal\">I'm sorry, Dave. I'm afraid I can't do that.</div>\n\
\n";
const HAL_WAITING: &str = "event: datastar-patch-elements\n\
data: elements <div id=\"hal\">Waiting for an order...</div>\n\
\n";

#[test]
fn hal_elements_and_reset() {
    assert_eq!(drain(hal_elements()), [HAL_SORRY, HAL_WAITING].concat());
    assert_eq!(
        drain_timeline(hal_elements()),
        [
            (at(0), HAL_SORRY.to_owned()),
            (at(1), HAL_WAITING.to_owned())
        ]
    );
    assert_eq!(
        builder_text(&[
            PatchElements::new(
                r#"<div id="hal">I'm sorry, Dave. I'm afraid I can't do that.</div>"#
            )
            .encode(),
            PatchElements::new(r#"<div id="hal">Waiting for an order...</div>"#).encode(),
        ]),
        drain(hal_elements())
    );
}

// The guide's "Patching Signals": the same with a signal.
fn hal_signals() -> impl Stream<Item = Event> {
    datastar! {
        signals { hal: "Affirmative, Dave. I read you." };
        wait 1s;
        signals { hal: "..." };
    }
}

const HAL_AFFIRMATIVE: &str = "event: datastar-patch-signals\n\
data: signals {\"hal\":\"Affirmative, Dave. I read you.\"}\n\
\n";
const HAL_RESET: &str = "event: datastar-patch-signals\n\
data: signals {\"hal\":\"...\"}\n\
\n";

#[test]
fn hal_signals_and_reset() {
    assert_eq!(drain(hal_signals()), [HAL_AFFIRMATIVE, HAL_RESET].concat());
    assert_eq!(
        drain_timeline(hal_signals()),
        [
            (at(0), HAL_AFFIRMATIVE.to_owned()),
            (at(1), HAL_RESET.to_owned())
        ]
    );
    assert_eq!(
        builder_text(&[
            PatchSignals::new(r#"{"hal":"Affirmative, Dave. I read you."}"#).encode(),
            PatchSignals::new(r#"{"hal":"..."}"#).encode(),
        ]),
        drain(hal_signals())
    );
}

// The guide's quiz: a question and the signals that go with it, in one chunk.
fn quiz() -> impl Stream<Item = Event> {
    datastar! {
        elements r#"<div id="question">What do you put in a toaster?</div>"#;
        signals { response: "", answer: "bread" };
    }
}

const QUIZ: &str = "event: datastar-patch-elements\n\
data: elements <div id=\"question\">What do you put in a toaster?</div>\n\
\n\
event: datastar-patch-signals\n\
data: signals {\"response\":\"\",\"answer\":\"bread\"}\n\
\n";

#[test]
fn quiz_question_and_signals() {
    assert_eq!(drain(quiz()), QUIZ);
    // Adjacent static events are pre-rendered into one chunk.
    assert_eq!(drain_timeline(quiz()), [(at(0), QUIZ.to_owned())]);
    assert_eq!(
        builder_text(&[
            PatchElements::new(r#"<div id="question">What do you put in a toaster?</div>"#)
                .encode(),
            PatchSignals::new(r#"{"response":"","answer":"bread"}"#).encode(),
        ]),
        QUIZ
    );
}

// The guide's "Executing Scripts".
fn alert() -> impl Stream<Item = Event> {
    datastar! {
        script "alert('This mission is too important for me to allow you to jeopardize it.')";
    }
}

const ALERT: &str = "event: datastar-patch-elements\n\
data: selector body\n\
data: mode append\n\
data: elements <script data-effect=\"el.remove()\">alert('This mission is too important for me to allow you to jeopardize it.')</script>\n\
\n";

#[test]
fn script_alert() {
    assert_eq!(drain(alert()), ALERT);
    assert_eq!(
        builder_text(&[ExecuteScript::new(
            "alert('This mission is too important for me to allow you to jeopardize it.')"
        )
        .encode()]),
        ALERT
    );
}

#[test]
fn static_events_are_static() {
    use futures_util_free::first_event;
    assert!(first_event(quiz()).is_static());
}

/// A minimal single-poll helper, so this test needs no extra dependency.
mod futures_util_free {
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    use datastar_core::Event;
    use datastar_core::prelude::Stream;

    pub(crate) fn first_event(events: impl Stream<Item = Event>) -> Event {
        let mut events = pin!(events);
        let mut context = Context::from_waker(Waker::noop());
        match events.as_mut().poll_next(&mut context) {
            Poll::Ready(Some(event)) => event,
            other => panic!(
                "a static first event is ready at once, got {:?}",
                other.is_ready()
            ),
        }
    }
}
