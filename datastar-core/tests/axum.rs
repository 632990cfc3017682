//! The axum integration, through a real `Router`: response headers and body framing,
//! keep-alive comments on a paused clock, and every path of `ReadSignals`.

use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::Extension;
use axum::routing::{any, get};
use datastar_core::axum::SignalsBodyLimit;
use datastar_core::{Event, EventStream, PatchSignals, ReadSignals};
use http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use serde::Deserialize;
use tower::ServiceExt;

fn signals(json: &str) -> Event {
    PatchSignals::new(json.to_owned()).encode().unwrap()
}

/// A stream that yields `events` with `gap` of (virtual) time before each.
fn spaced(events: Vec<Event>, gap: Duration) -> impl futures_core::Stream<Item = Event> {
    spaced_stream::Spaced::new(events, gap)
}

/// A tiny hand-written stream so this test needs no stream-combinator crate.
mod spaced_stream {
    use std::pin::Pin;
    use std::task::{Context, Poll};
    use std::time::Duration;

    use datastar_core::Event;

    pub(crate) struct Spaced {
        events: std::vec::IntoIter<Event>,
        gap: Duration,
        sleep: Option<Pin<Box<tokio::time::Sleep>>>,
    }

    impl Spaced {
        pub(crate) fn new(events: Vec<Event>, gap: Duration) -> Self {
            Spaced {
                events: events.into_iter(),
                gap,
                sleep: None,
            }
        }
    }

    impl futures_core::Stream for Spaced {
        type Item = Event;

        fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Event>> {
            let gap = self.gap;
            let sleep = self
                .sleep
                .get_or_insert_with(|| Box::pin(tokio::time::sleep(gap)));
            if sleep.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            self.sleep = None;
            Poll::Ready(self.events.next())
        }
    }
}

async fn body_text(response: axum::response::Response) -> String {
    String::from_utf8(
        response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec(),
    )
    .unwrap()
}

#[tokio::test(start_paused = true)]
async fn responses_are_200_event_streams_with_no_cache() {
    let app = Router::new().route(
        "/",
        get(|| async { EventStream::new(spaced(vec![signals(r#"{"a":1}"#)], Duration::ZERO)) }),
    );
    let response = app
        .oneshot(Request::get("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    assert_eq!(response.headers()["cache-control"], "no-cache");
    assert_eq!(
        body_text(response).await,
        "event: datastar-patch-signals\ndata: signals {\"a\":1}\n\n"
    );
}

#[tokio::test(start_paused = true)]
async fn idle_streams_send_keep_alive_comments_on_the_interval() {
    let events = vec![signals(r#"{"n":1}"#), signals(r#"{"n":2}"#)];
    // 25 s before each event, a comment every 10 s of silence: two before each event.
    let stream = EventStream::new(spaced(events, Duration::from_secs(25)))
        .keep_alive(Duration::from_secs(10));
    let response = axum::response::IntoResponse::into_response(stream);
    let expected = ":\n\n:\n\nevent: datastar-patch-signals\ndata: signals {\"n\":1}\n\n\
                    :\n\n:\n\nevent: datastar-patch-signals\ndata: signals {\"n\":2}\n\n\
                    :\n\n:\n\n";
    assert_eq!(body_text(response).await, expected);

    let quiet =
        EventStream::new(spaced(vec![signals("{}")], Duration::from_secs(60))).without_keep_alive();
    let response = axum::response::IntoResponse::into_response(quiet);
    assert_eq!(
        body_text(response).await,
        "event: datastar-patch-signals\ndata: signals {}\n\n"
    );
}

#[derive(Debug, Deserialize, PartialEq)]
struct Quiz {
    response: String,
}

fn quiz_app() -> Router {
    async fn required(ReadSignals(quiz): ReadSignals<Quiz>) -> String {
        format!("required {}", quiz.response)
    }
    async fn optional_value(ReadSignals(quiz): ReadSignals<Option<Quiz>>) -> String {
        format!("value {quiz:?}")
    }
    async fn optional_extractor(signals: Option<ReadSignals<Quiz>>) -> String {
        format!("extractor {:?}", signals.map(|ReadSignals(quiz)| quiz))
    }
    Router::new()
        .route("/required", any(required))
        .route("/optional-value", any(optional_value))
        .route("/optional-extractor", any(optional_extractor))
}

async fn call(app: Router, request: Request<Body>) -> (StatusCode, String) {
    let response = app.oneshot(request).await.unwrap();
    let status = response.status();
    (status, body_text(response).await)
}

fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (byte as char).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn get_and_delete_read_the_datastar_query_parameter() {
    for method in [Method::GET, Method::DELETE] {
        let uri = format!(
            "/required?other=1&datastar={}",
            url_encode(r#"{"response":"Paris"}"#)
        );
        let request = Request::builder()
            .method(method.clone())
            .uri(uri)
            .body(Body::empty())
            .unwrap();
        assert_eq!(
            call(quiz_app(), request).await,
            (StatusCode::OK, "required Paris".to_owned()),
            "{method}"
        );
    }
}

#[tokio::test]
async fn other_methods_read_the_json_body() {
    for method in ["POST", "PUT", "PATCH", "QUERY"] {
        let request = Request::builder()
            .method(Method::from_bytes(method.as_bytes()).unwrap())
            .uri("/required?datastar=ignored")
            .header("content-type", "application/json")
            .body(Body::from(r#"{"response":"Paris"}"#))
            .unwrap();
        assert_eq!(
            call(quiz_app(), request).await,
            (StatusCode::OK, "required Paris".to_owned()),
            "{method}"
        );
    }
}

#[tokio::test]
async fn invalid_json_is_a_400_that_says_what_and_where() {
    let uri = format!(
        "/required?datastar={}",
        url_encode(r#"{"response": Paris}"#)
    );
    let (status, body) = call(quiz_app(), Request::get(uri).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        "invalid Datastar signals in the datastar query parameter: expected value at line 1 column 14"
    );

    let request = Request::post("/required")
        .body(Body::from(r#"{"answer":"x"}"#))
        .unwrap();
    let (status, body) = call(quiz_app(), request).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        "invalid Datastar signals in the request body: missing field `response` at line 1 column 14"
    );
}

#[tokio::test]
async fn missing_signals_are_null() {
    let (status, body) = call(
        quiz_app(),
        Request::get("/required").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        "missing Datastar signals: expected JSON in the datastar query parameter \
         (invalid type: null, expected struct Quiz at line 1 column 4)"
    );
    let (status, body) = call(
        quiz_app(),
        Request::get("/optional-value").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "value None"));
    let (status, body) = call(
        quiz_app(),
        Request::post("/optional-value")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "value None"));
}

#[tokio::test]
async fn optional_extractor_is_none_without_the_datastar_request_header() {
    let uri = format!(
        "/optional-extractor?datastar={}",
        url_encode(r#"{"response":"Paris"}"#)
    );
    let plain = Request::get(&uri).body(Body::empty()).unwrap();
    assert_eq!(
        call(quiz_app(), plain).await,
        (StatusCode::OK, "extractor None".to_owned())
    );
    let from_datastar = Request::get(&uri)
        .header("Datastar-Request", "true")
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        call(quiz_app(), from_datastar).await,
        (
            StatusCode::OK,
            r#"extractor Some(Quiz { response: "Paris" })"#.to_owned()
        )
    );
    let broken = Request::get("/optional-extractor?datastar=%7B")
        .header(datastar_core::request::DATASTAR_REQUEST_HEADER, "true")
        .body(Body::empty())
        .unwrap();
    assert_eq!(call(quiz_app(), broken).await.0, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn bodies_over_the_limit_are_413() {
    let big = format!(r#"{{"response":"{}"}}"#, "x".repeat(1024 * 1024));
    // With a content-length header the body is refused before it is read ...
    let request = Request::post("/required")
        .body(Body::from(big.clone()))
        .unwrap();
    let (status, body) = call(quiz_app(), request).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        body,
        "the request body is larger than the 1048576 bytes allowed for Datastar signals"
    );
    // ... and without one (a streamed body) it is cut off at the limit.
    let chunks = [Ok::<_, std::io::Error>(bytes::Bytes::from(big))];
    let streamed = Body::from_stream(futures_util::stream::iter(chunks));
    let request = Request::post("/required").body(streamed).unwrap();
    assert_eq!(
        call(quiz_app(), request).await.0,
        StatusCode::PAYLOAD_TOO_LARGE
    );

    // The limit can be changed per route.
    let app = quiz_app().layer(Extension(SignalsBodyLimit(16)));
    let request = Request::post("/required")
        .body(Body::from(r#"{"response":"Paris"}"#))
        .unwrap();
    let (status, body) = call(app, request).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(body.contains("16 bytes"), "{body}");
}

#[test]
fn a_response_can_be_built_outside_a_runtime() {
    // The keep-alive timer must start at the first poll, not when the response is built.
    let stream = EventStream::new(spaced(vec![signals("{}")], Duration::ZERO));
    let response = axum::response::IntoResponse::into_response(stream);
    assert_eq!(response.status(), StatusCode::OK);
}
