//! Golden round-trips: every SDK conformance case (`tests/golden`) requested from the
//! conformance endpoint over real HTTP behind `CompressionLayer`, once as identity and
//! once in each coding; each compressed body, decoded in one piece, is the identity body
//! byte for byte, and ends properly (brotli's last block, the gzip and zlib trailers,
//! zstd's frame end).

use std::io::Read;
use std::path::{Path, PathBuf};

use bytes::Bytes;
use datastar_core::compression::{CompressionLayer, Encoding};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

/// Every golden case: (label, method, input JSON).
fn cases() -> Vec<(String, &'static str, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("golden");
    let mut cases = Vec::new();
    for which in ["upstream", "ours"] {
        for (dir, method) in [("get", "GET"), ("post", "POST")] {
            let Ok(entries) = std::fs::read_dir(root.join(which).join(dir)) else {
                continue;
            };
            let mut names: Vec<PathBuf> = entries.map(|entry| entry.unwrap().path()).collect();
            names.sort();
            for case in names {
                let input = std::fs::read_to_string(case.join("input.json")).unwrap();
                let name = case.file_name().unwrap().to_string_lossy().into_owned();
                cases.push((format!("{which}/{dir}/{name}"), method, input));
            }
        }
    }
    cases
}

fn decode(encoding: &str, body: &[u8]) -> Vec<u8> {
    let mut decoded = Vec::new();
    match encoding {
        "br" => brotli::Decompressor::new(body, 4096)
            .read_to_end(&mut decoded)
            .map(drop),
        "zstd" => zstd::stream::read::Decoder::new(body)
            .unwrap()
            .read_to_end(&mut decoded)
            .map(drop),
        "gzip" => flate2::read::GzDecoder::new(body)
            .read_to_end(&mut decoded)
            .map(drop),
        "deflate" => flate2::read::ZlibDecoder::new(body)
            .read_to_end(&mut decoded)
            .map(drop),
        other => panic!("unexpected coding {other}"),
    }
    .unwrap_or_else(|error| panic!("{encoding}: {error}"));
    decoded
}

#[tokio::test]
async fn every_golden_case_round_trips_in_every_coding() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = datastar_examples::sdk_test::router().layer(CompressionLayer::default());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();

    let cases = cases();
    let mut nonempty = 0;
    for (label, method, input) in &cases {
        let mut identity = None;
        for accept in [
            None,
            Some("br"),
            Some("zstd"),
            Some("gzip"),
            Some("deflate"),
        ] {
            let mut request = http::Request::builder().header("datastar-request", "true");
            if let Some(accept) = accept {
                request = request.header("accept-encoding", accept);
            }
            let body = if *method == "GET" {
                let query: String = url::form_urlencoded::Serializer::new(String::new())
                    .append_pair("datastar", input)
                    .finish();
                request = request.uri(format!("http://{address}/test?{query}"));
                Bytes::new()
            } else {
                request = request
                    .method("POST")
                    .uri(format!("http://{address}/test"))
                    .header("content-type", "application/json");
                Bytes::from(input.clone())
            };
            let response = client
                .request(request.body(Full::new(body)).unwrap())
                .await
                .unwrap();
            let headers = response.headers().clone();
            let body = response.into_body().collect().await.unwrap().to_bytes();
            let coding = headers
                .get("content-encoding")
                .map(|value| value.to_str().unwrap().to_owned());
            assert_eq!(coding.as_deref(), accept, "{label}: content-encoding");
            assert_eq!(headers["vary"], "accept-encoding", "{label}");
            let decoded = match &coding {
                Some(coding) => decode(coding, &body),
                None => body.to_vec(),
            };
            // Refused cases (a line break in an id, a `javascript:` redirect) send no event.
            let identity = identity.get_or_insert_with(|| {
                nonempty += usize::from(!decoded.is_empty());
                decoded.clone()
            });
            assert_eq!(
                String::from_utf8_lossy(&decoded),
                String::from_utf8_lossy(identity),
                "{label} in {}",
                coding.as_deref().unwrap_or("identity")
            );
        }
    }
    assert!(
        nonempty >= 25,
        "{nonempty} of {} cases sent events",
        cases.len()
    );
    assert_eq!(Encoding::ALL.len(), 4);
}
