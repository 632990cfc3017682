//! Golden round-trips: every SDK conformance case (`tests/golden`) requested from the
//! conformance endpoint of each framework's app (each configures compression its own way:
//! axum's layer, actix-web's app data, Rocket's managed state, warp's `compressed`) over
//! real HTTP, once as identity and once in each coding; each compressed body, decoded in
//! one piece, is the identity body byte for byte, and ends properly (brotli's last block,
//! the gzip and zlib trailers, zstd's frame end).

use std::io::Read;

use bytes::Bytes;
use datastar_core::compression::Encoding;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

#[path = "support/golden.rs"]
mod golden;
mod servers;

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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_golden_case_round_trips_in_every_coding_on_every_framework() {
    let cases: Vec<golden::Case> = ["upstream", "ours"]
        .into_iter()
        .flat_map(golden::load)
        .collect();
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    for framework in servers::FRAMEWORKS {
        let address = servers::start(framework).await.address;
        let mut nonempty = 0;
        for case in &cases {
            let label = format!("{framework} {}", case.label);
            let mut identity = None;
            for accept in [
                None,
                Some("br"),
                Some("zstd"),
                Some("gzip"),
                Some("deflate"),
            ] {
                let headers: Vec<(&str, &str)> = accept
                    .map(|accept| ("accept-encoding", accept))
                    .into_iter()
                    .collect();
                let response = client
                    .request(golden::request(address, case, &headers))
                    .await
                    .unwrap();
                let headers = response.headers().clone();
                let body = response.into_body().collect().await.unwrap().to_bytes();
                let coding = headers
                    .get("content-encoding")
                    .map(|value| value.to_str().unwrap().to_owned());
                assert_eq!(coding.as_deref(), accept, "{label}: content-encoding");
                assert_eq!(
                    headers.get("vary").map(|value| value.as_bytes()),
                    Some(&b"accept-encoding"[..]),
                    "{label}"
                );
                let decoded = match &coding {
                    Some(coding) => decode(coding, &body),
                    None => body.to_vec(),
                };
                // Refused cases (a line break in an id, a `javascript:` redirect) send no
                // event.
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
            "{framework}: {nonempty} of {} cases sent events",
            cases.len()
        );
    }
    assert_eq!(Encoding::ALL.len(), 4);
}
