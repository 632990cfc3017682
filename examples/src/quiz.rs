//! The quiz from the Datastar guide: fetch a question (an element plus the `response`
//! and `answer` signals), answer through `data-bind`, POST it, and let the server read
//! the signals and reply with an element and a signal. `data-indicator` shows that the
//! answer is being checked while the request is in flight.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::extract::State;
use axum::routing::{get, post};
use datastar_core::EventStream;
use datastar_core::prelude::*;
use serde::{Deserialize, Serialize};

const QUESTIONS: [(&str, &str); 3] = [
    ("What do you put in a toaster?", "bread"),
    ("What is the name of the ship's computer in 2001?", "HAL"),
    (
        "Which planet does Discovery One travel to in the film?",
        "Jupiter",
    ),
];

/// `/quiz` (the page), `/quiz/question` and `/quiz/answer` (the streams).
pub fn router() -> Router {
    let next_question = Arc::new(AtomicUsize::new(0));
    Router::new()
        .route("/quiz", get(page))
        .route("/quiz/question", get(question))
        .route("/quiz/answer", post(answer))
        .with_state(next_question)
}

async fn page() -> impl IntoResponse {
    quiz_page()
}

/// The quiz page, the same on every framework.
pub fn quiz_page() -> Markup {
    crate::layout("Quiz", body())
}

/// The quiz page's body: its signals start from a [`QuizSignals`] value, and every
/// `$name` in it is checked against that type.
fn body() -> Markup {
    html! {
        #[signals(QuizSignals)]
        "<div data-signals=\"" (QuizSignals::default()) "\">" r#"
  <div id="question" class="muted">No question yet.</div>
  <button id="fetch" data-on:click="@get('/quiz/question')">Fetch a question</button>
  <p>
    <input id="response" data-bind:response placeholder="Your answer">
    <button id="submit" data-on:click="@post('/quiz/answer')" data-indicator:checking
            data-attr:disabled="$checking || $answer == ''">Submit</button>
    <span id="checking" data-show="$checking">Checking your answer...</span>
  </p>
  <div id="verdict"></div>
  <p class="muted">Correct: <span id="correct" data-text="$correct"></span></p>
</div>"#
    }
}

async fn question(State(next_question): State<Arc<AtomicUsize>>) -> impl IntoResponse {
    next(&next_question)
}

/// The next question: its text, and the signals that reset the answer. The same
/// `datastar!` serves every framework.
pub fn next(next_question: &AtomicUsize) -> EventStream<impl Stream<Item = Event> + use<>> {
    let (text, answer) = QUESTIONS[next_question.fetch_add(1, Ordering::Relaxed) % QUESTIONS.len()];
    datastar! {
        #[signals(QuizSignals)]
        elements "<div id=\"question\">" (text) "</div>";
        signals { response: "", answer: (answer), correct: false };
    }
}

/// The quiz's signals, the one definition the page, the patches and the handlers share:
/// the page starts with them, `next` and `verdict` patch them, an answer carries them.
#[derive(Default, Serialize, Deserialize, Signals)]
pub struct QuizSignals {
    response: String,
    answer: String,
    #[serde(default)]
    correct: bool,
}

async fn answer(ReadSignals(signals): ReadSignals<QuizSignals>) -> impl IntoResponse {
    verdict(signals)
}

/// The verdict on an answer, after a pause that stands for real work.
pub fn verdict(signals: QuizSignals) -> EventStream<impl Stream<Item = Event>> {
    let correct = signals
        .response
        .trim()
        .eq_ignore_ascii_case(&signals.answer);
    let verdict = if correct {
        "Correct!"
    } else {
        "Wrong, try again."
    };
    datastar! {
        #[signals(QuizSignals)]
        // Stands in for real work (a database lookup), so the indicator can be seen.
        wait 800ms;
        elements "<div id=\"verdict\">" (verdict) " You answered “" (signals.response) "”.</div>";
        signals { correct: (correct) };
    }
}
