//! The SDK golden cases of `tests/golden` (the upstream suite and ours) and the request
//! the official runner sends for each, shared by the conformance and compression tests.
// Each test target uses part of it.
#![allow(dead_code, unreachable_pub)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use bytes::Bytes;
use http_body_util::Full;

/// One golden case: `get/NAME` or `post/NAME`, its input signals and expected output.
pub struct Case {
    pub label: String,
    pub method: &'static str,
    pub input: String,
    pub expected: String,
}

/// The cases of one suite, `upstream` or `ours`, in name order.
pub fn load(which: &str) -> Vec<Case> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("golden")
        .join(which);
    let mut cases = Vec::new();
    for (dir, method) in [("get", "GET"), ("post", "POST")] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut names: Vec<PathBuf> = entries.map(|entry| entry.unwrap().path()).collect();
        names.sort();
        for case in names {
            let read = |file: &str| std::fs::read_to_string(case.join(file)).unwrap();
            cases.push(Case {
                label: format!("{dir}/{}", case.file_name().unwrap().to_string_lossy()),
                method,
                input: read("input.json"),
                expected: read("output.txt"),
            });
        }
    }
    cases
}

/// The request the official runner sends for `case` to the `/test` endpoint at
/// `address` (GET with the signals in the `datastar` query parameter, POST with them as
/// the JSON body), plus `headers`.
pub fn request(
    address: SocketAddr,
    case: &Case,
    headers: &[(&str, &str)],
) -> http::Request<Full<Bytes>> {
    let mut request = http::Request::builder()
        .header("accept", "text/event-stream")
        .header("datastar-request", "true");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let body = if case.method == "GET" {
        let query: String = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("datastar", &case.input)
            .finish();
        request = request.uri(format!("http://{address}/test?{query}"));
        Bytes::new()
    } else {
        request = request
            .method("POST")
            .uri(format!("http://{address}/test"))
            .header("content-type", "application/json");
        Bytes::from(case.input.clone())
    };
    request.body(Full::new(body)).unwrap()
}
