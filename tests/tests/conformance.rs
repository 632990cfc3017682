//! SDK conformance through the real HTTP endpoint: every golden case in `tests/golden`
//! is sent to the `/test` endpoint served by each framework (axum, actix-web, Rocket,
//! warp) on a local port, as the official runner sends it, and the response body is
//! compared with `output.txt`.
//!
//! Upstream cases are compared like `run_sdk_tests.py --html strict`, but without
//! trimming and with `elements` compared byte for byte; our own cases byte for byte.

use std::collections::BTreeMap;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

#[path = "support/golden.rs"]
mod golden;
mod servers;

use golden::Case;

/// Sends every case to `framework`'s endpoint and returns each case's status and body.
async fn run(framework: &'static str, cases: &[Case]) -> Vec<(u16, String)> {
    let address = servers::start(framework).await.address;
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let mut results = Vec::new();
    for case in cases {
        let response = client
            .request(golden::request(address, case, &[]))
            .await
            .unwrap();
        let status = response.status().as_u16();
        let content_type = response.headers().get("content-type").cloned();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(
            content_type.as_ref().and_then(|value| value.to_str().ok()),
            Some("text/event-stream"),
            "{}: content type",
            case.label
        );
        results.push((status, String::from_utf8(body.to_vec()).unwrap()));
    }
    results
}

type Event = (BTreeMap<String, Vec<String>>, BTreeMap<String, Vec<String>>);

/// Splits SSE text into events of (fields other than data, data lines grouped by key),
/// keeping every value exactly (no trimming).
fn parse(sse: &str) -> Vec<Event> {
    let mut events = Vec::new();
    let mut current: Option<Event> = None;
    for line in sse.split('\n') {
        if line.is_empty() {
            events.extend(current.take());
            continue;
        }
        let Some((field, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.strip_prefix(' ').unwrap_or(value);
        let (fields, data) = current.get_or_insert_with(Default::default);
        if field == "data" {
            // A data line without a space has no value at all for the client (it derives
            // a garbled key instead), so it must not compare equal to `key ` + "".
            let (key, rest) = match value.split_once(' ') {
                Some((key, rest)) => (key.to_owned(), rest.to_owned()),
                None => (format!("{value} (without a space)"), String::new()),
            };
            data.entry(key).or_default().push(rest);
        } else {
            fields
                .entry(field.to_owned())
                .or_default()
                .push(value.to_owned());
        }
    }
    events.extend(current);
    events
}

fn check(cases: &[Case], results: &[(u16, String)], byte_exact: bool) -> Vec<String> {
    let mut failures = Vec::new();
    for (case, (status, body)) in cases.iter().zip(results) {
        let problem = if *status != 200 {
            Some(format!("status {status}, body {body:?}"))
        } else if byte_exact && *body != case.expected {
            Some(format!("expected {:?}\n      got {body:?}", case.expected))
        } else if !byte_exact && parse(body) != parse(&case.expected) {
            Some(format!(
                "expected {:?}\n      got {:?}",
                parse(&case.expected),
                parse(body)
            ))
        } else {
            None
        };
        match problem {
            Some(problem) => {
                println!("FAIL {}", case.label);
                failures.push(format!("{}: {problem}", case.label));
            }
            None => println!("PASS {}", case.label),
        }
    }
    failures
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upstream_sdk_cases_pass_strictly() {
    let cases = golden::load("upstream");
    assert_eq!(
        cases.len(),
        20,
        "the upstream suite has 19 GET and 1 POST cases"
    );
    let mut failures = Vec::new();
    for framework in servers::FRAMEWORKS {
        let results = run(framework, &cases).await;
        failures.extend(
            check(&cases, &results, false)
                .into_iter()
                .map(|failure| format!("{framework}: {failure}")),
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn our_cases_pass_byte_for_byte() {
    let cases = golden::load("ours");
    assert!(cases.len() >= 15, "our golden cases are missing");
    let mut failures = Vec::new();
    for framework in servers::FRAMEWORKS {
        let results = run(framework, &cases).await;
        failures.extend(
            check(&cases, &results, true)
                .into_iter()
                .map(|failure| format!("{framework}: {failure}")),
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_comparison_catches_what_the_official_runner_misses() {
    // The official runner trims values and ignores leading scripts; ours must not.
    let expected =
        "event: datastar-patch-elements\ndata: elements <script>a()</script>\ndata: elements \n\n";
    for wrong in [
        "event: datastar-patch-elements\ndata: elements <script>b()</script>\ndata: elements \n\n",
        "event: datastar-patch-elements\ndata: elements <script>a()</script>\ndata: elements\n\n",
        "event: datastar-patch-elements\nretry: 1000\ndata: elements <script>a()</script>\ndata: elements \n\n",
    ] {
        assert_ne!(parse(expected), parse(wrong), "{wrong:?}");
    }
    let reordered = "event: datastar-patch-elements\ndata: mode append\ndata: selector body\n\n";
    let ordered = "event: datastar-patch-elements\ndata: selector body\ndata: mode append\n\n";
    assert_eq!(parse(ordered), parse(reordered));
}
