//! Every framework serves `datastar!` streams and reads signals as the axum path does:
//! the same headers, one write per event (an event arrives before the stream's next
//! `.await` ends), keep-alive comments, the producer dropped soon after the client goes
//! away, and the same answers (and `400`/`413` texts) for signals, the optional form and
//! `Last-Event-ID`. Each test runs against all four apps of
//! `datastar_examples::frameworks` over real HTTP.

use std::io::Read;
use std::net::SocketAddr;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

mod servers;

type HttpClient = Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

fn client() -> HttpClient {
    Client::builder(TokioExecutor::new()).build_http()
}

fn request(
    method: &str,
    address: SocketAddr,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> http::Request<Full<Bytes>> {
    let mut request = http::Request::builder()
        .method(method)
        .uri(format!("http://{address}{path}"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request
        .body(Full::new(Bytes::from(body.to_owned())))
        .unwrap()
}

/// Status, selected headers and the whole body of a response that ends.
async fn fetch(
    client: &HttpClient,
    request: http::Request<Full<Bytes>>,
) -> (u16, Option<String>, String) {
    let response = tokio::time::timeout(Duration::from_secs(10), client.request(request))
        .await
        .expect("an answer within 10 s")
        .unwrap();
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        content_type,
        String::from_utf8(body.to_vec()).unwrap(),
    )
}

/// The same expectations, for every framework.
async fn for_each_framework<F, Fut>(test: F)
where
    F: Fn(servers::Server) -> Fut,
    Fut: Future<Output = ()>,
{
    for framework in servers::FRAMEWORKS {
        let server = servers::start(framework).await;
        test(server).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn streams_have_the_same_headers_writes_and_keep_alive() {
    for_each_framework(|server| async move {
        let name = server.framework;
        let client = client();
        let response = client
            .request(request("GET", server.address, "/probe/stream", &[], ""))
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{name}");
        let headers = response.headers();
        assert_eq!(headers["content-type"], "text/event-stream", "{name}");
        assert_eq!(headers["cache-control"], "no-cache", "{name}");
        assert!(
            headers.get("content-length").is_none(),
            "{name}: content-length"
        );
        let mut body = response.into_body();
        let mut received = String::new();
        // The first event arrives while the stream waits for the release: it was written
        // on its own, not held back until more came.
        while !received.contains("\"step\":\"one\"") {
            let frame = tokio::time::timeout(Duration::from_secs(5), body.frame())
                .await
                .unwrap_or_else(|_| panic!("{name}: the first event was not written at once"))
                .unwrap()
                .unwrap();
            received.push_str(&String::from_utf8_lossy(&frame.into_data().unwrap()));
        }
        assert_eq!(
            received, "event: datastar-patch-signals\ndata: signals {\"step\":\"one\"}\n\n",
            "{name}"
        );
        // Idle: keep-alive comments every 200 ms.
        let comment = tokio::time::timeout(Duration::from_secs(5), body.frame())
            .await
            .unwrap_or_else(|_| panic!("{name}: no keep-alive comment"))
            .unwrap()
            .unwrap();
        assert_eq!(comment.into_data().unwrap(), ":\n\n", "{name}");
        let (status, ..) = fetch(
            &client,
            request("POST", server.address, "/probe/release", &[], ""),
        )
        .await;
        assert_eq!(status, 200, "{name}");
        let mut rest = String::new();
        while let Some(frame) = tokio::time::timeout(Duration::from_secs(5), body.frame())
            .await
            .unwrap_or_else(|_| panic!("{name}: the stream did not end after the release"))
        {
            rest.push_str(&String::from_utf8_lossy(
                &frame.unwrap().into_data().unwrap(),
            ));
        }
        assert_eq!(
            rest.replace(":\n\n", ""),
            "event: datastar-patch-signals\ndata: signals {\"step\":\"two\"}\n\n",
            "{name}"
        );
    })
    .await;
}

/// What a decoder makes of the bytes received so far. A stream that has not ended makes
/// the decoder fail at the end of its input, after what it could decode; a `complete`
/// one must decode to its proper end.
fn decode(coding: &str, body: &[u8], complete: bool) -> String {
    let mut decoded = Vec::new();
    let result = match coding {
        "br" => brotli::Decompressor::new(body, 4096).read_to_end(&mut decoded),
        "zstd" => zstd::stream::read::Decoder::new(body)
            .unwrap()
            .read_to_end(&mut decoded),
        "gzip" => flate2::read::GzDecoder::new(body).read_to_end(&mut decoded),
        "deflate" => flate2::read::ZlibDecoder::new(body).read_to_end(&mut decoded),
        other => panic!("unexpected coding {other}"),
    };
    if complete {
        result.unwrap_or_else(|error| panic!("{coding}: {error}"));
    }
    String::from_utf8(decoded).unwrap()
}

/// Each app configures compression its framework's way (axum: the layer; actix-web: app
/// data; Rocket: managed state; warp: `compressed` around the routes): every coding is
/// negotiated, each event decodes as soon as it is written, and the whole body decodes to
/// the identity stream.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_framework_compresses_event_by_event() {
    for_each_framework(|server| async move {
        let client = client();
        for coding in ["br", "zstd", "gzip", "deflate"] {
            let name = format!("{} {coding}", server.framework);
            let response = client
                .request(request(
                    "GET",
                    server.address,
                    "/probe/stream",
                    &[("accept-encoding", coding)],
                    "",
                ))
                .await
                .unwrap();
            let headers = response.headers();
            assert_eq!(headers["content-type"], "text/event-stream", "{name}");
            assert_eq!(
                headers
                    .get("content-encoding")
                    .map(|value| value.as_bytes()),
                Some(coding.as_bytes()),
                "{name}"
            );
            assert_eq!(
                headers.get("vary").map(|value| value.as_bytes()),
                Some(&b"accept-encoding"[..]),
                "{name}"
            );
            assert!(headers.get("content-length").is_none(), "{name}");
            let mut body = response.into_body();
            let mut received = Vec::new();
            // The stream waits for the release after its first event: the bytes sent so
            // far must already decode to all of it.
            while !decode(coding, &received, false).contains("\"step\":\"one\"}\n\n") {
                let frame = tokio::time::timeout(Duration::from_secs(5), body.frame())
                    .await
                    .unwrap_or_else(|_| panic!("{name}: the first event did not decode at once"))
                    .unwrap()
                    .unwrap();
                received.extend_from_slice(&frame.into_data().unwrap());
            }
            let (status, ..) = fetch(
                &client,
                request("POST", server.address, "/probe/release", &[], ""),
            )
            .await;
            assert_eq!(status, 200, "{name}");
            while let Some(frame) = tokio::time::timeout(Duration::from_secs(5), body.frame())
                .await
                .unwrap_or_else(|_| panic!("{name}: the stream did not end after the release"))
            {
                received.extend_from_slice(&frame.unwrap().into_data().unwrap());
            }
            assert_eq!(
                decode(coding, &received, true).replace(":\n\n", ""),
                "event: datastar-patch-signals\ndata: signals {\"step\":\"one\"}\n\n\
                 event: datastar-patch-signals\ndata: signals {\"step\":\"two\"}\n\n",
                "{name}"
            );
        }
    })
    .await;
}

/// A client may split `Accept-Encoding` over several lines: each framework reads them all.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn accept_encoding_on_several_lines_is_read_whole() {
    for_each_framework(|server| async move {
        let name = server.framework;
        let response = client()
            .request(request(
                "GET",
                server.address,
                "/probe/last-event-id",
                &[("accept-encoding", "identity"), ("accept-encoding", "gzip")],
                "",
            ))
            .await
            .unwrap();
        assert_eq!(
            response
                .headers()
                .get("content-encoding")
                .map(|value| value.as_bytes()),
            Some(&b"gzip"[..]),
            "{name}: {:?}",
            response.headers()
        );
        let body = response.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(
            decode("gzip", &body, true),
            "event: datastar-patch-signals\ndata: signals {\"last\":null}\n\n",
            "{name}"
        );
    })
    .await;
}

/// `without_compression()` is honoured by each framework's compression.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stream_without_compression_goes_out_as_it_is() {
    for_each_framework(|server| async move {
        let name = server.framework;
        let response = client()
            .request(request(
                "GET",
                server.address,
                "/probe/plain",
                &[("accept-encoding", "br, zstd, gzip, deflate")],
                "",
            ))
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{name}");
        assert!(
            response.headers().get("content-encoding").is_none(),
            "{name}: {:?}",
            response.headers()
        );
        let body = response.into_body().collect().await.unwrap().to_bytes();
        assert_eq!(
            body, "event: datastar-patch-signals\ndata: signals {\"plain\":true}\n\n",
            "{name}"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_goes_away_drops_the_producer() {
    for_each_framework(|server| async move {
        let name = server.framework;
        let client = client();
        let producers = |client: HttpClient| async move {
            fetch(
                &client,
                request("GET", server.address, "/probe/producers", &[], ""),
            )
            .await
            .2
        };
        let response = client
            .request(request("GET", server.address, "/probe/stream", &[], ""))
            .await
            .unwrap();
        let mut body = response.into_body();
        body.frame().await.unwrap().unwrap();
        assert_eq!(producers(client.clone()).await, "1", "{name}");
        drop(body);
        // The server learns of it at its next write at the latest (a keep-alive comment,
        // every 200 ms here).
        let mut left = String::new();
        for _ in 0..100 {
            left = producers(client.clone()).await;
            if left == "0" {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(left, "0", "{name}: the producer outlived its client by 5 s");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signals_are_read_and_refused_alike() {
    let mut answers: Vec<Vec<(u16, String)>> = Vec::new();
    for framework in servers::FRAMEWORKS {
        let server = servers::start(framework).await;
        let client = client();
        let json = [
            ("content-type", "application/json"),
            ("datastar-request", "true"),
        ];
        let cases = [
            request(
                "POST",
                server.address,
                "/probe/signals",
                &json,
                r#"{"hal":9000}"#,
            ),
            request(
                "POST",
                server.address,
                "/probe/signals",
                &json,
                r#"{"hal":"#,
            ),
            request("POST", server.address, "/probe/signals", &json, ""),
            request(
                "POST",
                server.small_address,
                "/probe/small",
                &json,
                &format!(r#"{{"pad":"{}"}}"#, "x".repeat(100)),
            ),
            request(
                "POST",
                server.small_address,
                "/probe/small",
                &json,
                r#"{"ok":1}"#,
            ),
            request("GET", server.address, "/probe/optional", &[], ""),
            request(
                "GET",
                server.address,
                "/probe/optional?datastar=%7B%22a%22%3A1%7D",
                &[("datastar-request", "true")],
                "",
            ),
            request(
                "GET",
                server.address,
                "/probe/optional?datastar=%7B",
                &[("datastar-request", "true")],
                "",
            ),
            request("POST", server.address, "/probe/optional", &[], "not json"),
            request(
                "GET",
                server.address,
                "/probe/last-event-id",
                &[("last-event-id", "42")],
                "",
            ),
            request("GET", server.address, "/probe/last-event-id", &[], ""),
        ];
        let mut results = Vec::new();
        for case in cases {
            let (status, _, body) = fetch(&client, case).await;
            results.push((status, body));
        }
        answers.push(results);
    }
    let signals = |json: &str| format!("event: datastar-patch-signals\ndata: signals {json}\n\n");
    let expected = [
        (200, signals(r#"{"received":{"hal":9000}}"#)),
        (400, "invalid Datastar signals in the request body: EOF while parsing a value at line 1 column 7".to_owned()),
        // No body is JSON `null`, which a `serde_json::Value` accepts.
        (200, signals(r#"{"received":null}"#)),
        (413, "the request body is larger than the 64 bytes allowed for Datastar signals".to_owned()),
        (200, signals(r#"{"received":{"ok":1}}"#)),
        (200, signals(r#"{"received":null}"#)),
        (200, signals(r#"{"received":{"a":1}}"#)),
        (400, "invalid Datastar signals in the datastar query parameter: EOF while parsing an object at line 1 column 1".to_owned()),
        (200, signals(r#"{"received":null}"#)),
        (200, signals(r#"{"last":"42"}"#)),
        (200, signals(r#"{"last":null}"#)),
    ];
    for (framework, results) in servers::FRAMEWORKS.iter().zip(&answers) {
        for (index, (got, want)) in results.iter().zip(&expected).enumerate() {
            assert_eq!(got, want, "{framework}, case {index}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_are_the_same_html_response_on_every_framework() {
    let expected = datastar_examples::quiz::quiz_page().into_string();
    for_each_framework(|server| {
        let expected = expected.clone();
        async move {
            let name = server.framework;
            let (status, content_type, body) =
                fetch(&client(), request("GET", server.address, "/quiz", &[], "")).await;
            assert_eq!(status, 200, "{name}");
            assert_eq!(
                content_type.as_deref(),
                Some("text/html; charset=utf-8"),
                "{name}"
            );
            assert_eq!(body, expected, "{name}");
            assert!(body.starts_with("<!doctype html>"), "{name}");
        }
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_client_file_is_cached_compressed_and_revalidated_on_every_framework() {
    let client_file = datastar_examples::frameworks::probe_client();
    for_each_framework(|server| async move {
        let name = server.framework;
        let path = client_file.path();
        let get = |headers: &[(&str, &str)]| {
            let request = request("GET", server.address, path, headers, "");
            async move {
                let response = client().request(request).await.unwrap();
                let status = response.status().as_u16();
                let headers = response.headers().clone();
                let body = response.into_body().collect().await.unwrap().to_bytes();
                (status, headers, body)
            }
        };
        let (status, headers, body) = get(&[]).await;
        assert_eq!(status, 200, "{name}");
        assert_eq!(
            headers["content-type"], "text/javascript; charset=utf-8",
            "{name}"
        );
        assert_eq!(
            headers["cache-control"], "public, max-age=31536000, immutable",
            "{name}"
        );
        assert_eq!(headers["vary"], "accept-encoding", "{name}");
        assert!(headers.get("content-encoding").is_none(), "{name}");
        assert_eq!(body, client_file.bytes(), "{name}");
        let plain_tag = headers["etag"].to_str().unwrap().to_owned();

        let (status, headers, body) = get(&[("accept-encoding", "gzip, deflate, br, zstd")]).await;
        assert_eq!(status, 200, "{name}");
        // The server's order: zstd first.
        assert_eq!(headers["content-encoding"], "zstd", "{name}");
        assert_eq!(
            decode("zstd", &body, true).as_bytes(),
            client_file.bytes(),
            "{name}"
        );
        let zstd_tag = headers["etag"].to_str().unwrap().to_owned();
        assert_ne!(zstd_tag, plain_tag, "{name}");

        let (status, headers, body) = get(&[
            ("accept-encoding", "zstd"),
            ("if-none-match", zstd_tag.as_str()),
        ])
        .await;
        assert_eq!(status, 304, "{name}");
        assert!(body.is_empty(), "{name}");
        assert_eq!(headers["etag"], zstd_tag.as_str(), "{name}");
        let (status, ..) = get(&[("if-none-match", "\"stale\"")]).await;
        assert_eq!(status, 200, "{name}");
    })
    .await;
}
