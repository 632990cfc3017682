//! Negotiation, and the layer end to end on tokio's paused clock: every codec's bytes,
//! decoded frame by frame as a client would, give each event at the moment it was sent.

use std::convert::Infallible;
use std::io::Write;
use std::time::Duration;

use axum::body::Body;
use axum::response::{Html, IntoResponse, Response};
use http::{Request, header};
use http_body_util::BodyExt;
use tower::{Layer, ServiceExt};

use super::*;
use crate::prelude::*;

fn accept(accept_encoding: &str) -> Option<Encoding> {
    Compression::default().negotiate(accept_encoding.as_bytes())
}

#[test]
fn the_server_order_wins_by_default() {
    assert_eq!(accept("gzip, deflate, br, zstd"), Some(Encoding::Zstd));
    assert_eq!(accept("gzip, deflate, br"), Some(Encoding::Brotli));
    assert_eq!(accept("gzip, deflate, zstd"), Some(Encoding::Zstd));
    assert_eq!(accept("gzip, deflate"), Some(Encoding::Gzip));
    assert_eq!(accept("deflate"), Some(Encoding::Deflate));
    assert_eq!(accept("gzip;q=0.1, br;q=0.5"), Some(Encoding::Brotli));
}

#[test]
fn refusals_wildcards_and_spelling() {
    assert_eq!(accept(""), None);
    assert_eq!(accept("identity"), None);
    assert_eq!(accept("compress, exi"), None);
    assert_eq!(accept("br;q=0, gzip"), Some(Encoding::Gzip));
    assert_eq!(accept("*"), Some(Encoding::Zstd));
    assert_eq!(accept("*;q=0"), None);
    assert_eq!(accept("zstd;q=0, *"), Some(Encoding::Brotli));
    assert_eq!(accept("*;q=0, gzip"), Some(Encoding::Gzip));
    assert_eq!(accept("X-GZIP"), Some(Encoding::Gzip));
    assert_eq!(accept(" BR ; Q=1.0 "), Some(Encoding::Brotli));
    // A weight that cannot be read drops its element, not the whole header.
    assert_eq!(accept("br;q=2, gzip"), Some(Encoding::Gzip));
    assert_eq!(accept(",,gzip,,"), Some(Encoding::Gzip));
}

#[test]
fn the_client_order_when_asked() {
    let client = Compression::default().prefer_client();
    let pick = |value: &str| client.negotiate(value.as_bytes());
    assert_eq!(pick("gzip, deflate, br, zstd"), Some(Encoding::Gzip));
    assert_eq!(pick("gzip;q=0.5, zstd"), Some(Encoding::Zstd));
    assert_eq!(pick("gzip;q=0.5, *"), Some(Encoding::Zstd));
}

#[test]
fn only_offered_codings() {
    let zstd_first = Compression::default().order([Encoding::Zstd, Encoding::Gzip]);
    assert_eq!(
        zstd_first.negotiate(b"br, gzip, zstd"),
        Some(Encoding::Zstd)
    );
    assert_eq!(zstd_first.negotiate(b"br"), None);
    assert_eq!(Compression::default().order([]).negotiate(b"br"), None);
}

#[test]
fn names_and_content_types() {
    for &encoding in Encoding::ALL {
        assert_eq!(Encoding::from_name(encoding.as_str()), Some(encoding));
    }
    assert!(is_event_stream(b"text/event-stream"));
    assert!(is_event_stream(b"Text/Event-Stream; charset=utf-8"));
    assert!(!is_event_stream(b"text/html"));
    assert!(!is_event_stream(b"text/event-streams"));
}

/// A client-side decoder fed one frame at a time, as a browser's is.
enum Decoder {
    Brotli(Box<brotli::DecompressorWriter<Vec<u8>>>),
    Zstd(zstd::stream::write::Decoder<'static, Vec<u8>>),
    Gzip(flate2::write::GzDecoder<Vec<u8>>),
    Deflate(flate2::write::ZlibDecoder<Vec<u8>>),
}

impl Decoder {
    fn new(encoding: Encoding) -> Decoder {
        match encoding {
            Encoding::Brotli => {
                Decoder::Brotli(Box::new(brotli::DecompressorWriter::new(Vec::new(), 4096)))
            }
            Encoding::Zstd => Decoder::Zstd(zstd::stream::write::Decoder::new(Vec::new()).unwrap()),
            Encoding::Gzip => Decoder::Gzip(flate2::write::GzDecoder::new(Vec::new())),
            Encoding::Deflate => Decoder::Deflate(flate2::write::ZlibDecoder::new(Vec::new())),
        }
    }

    /// Decodes `frame` and returns everything decoded since the stream began.
    fn feed(&mut self, frame: &[u8]) -> String {
        let writer: &mut dyn Write = match self {
            Decoder::Brotli(decoder) => &mut **decoder,
            Decoder::Zstd(decoder) => decoder,
            Decoder::Gzip(decoder) => decoder,
            Decoder::Deflate(decoder) => decoder,
        };
        writer.write_all(frame).unwrap();
        writer.flush().unwrap();
        let decoded = match self {
            Decoder::Brotli(decoder) => decoder.get_ref(),
            Decoder::Zstd(decoder) => decoder.get_ref(),
            Decoder::Gzip(decoder) => decoder.get_ref(),
            Decoder::Deflate(decoder) => decoder.get_ref(),
        };
        String::from_utf8(decoded.clone()).unwrap()
    }
}

/// Events spaced by waits, one of them longer than the keep-alive interval, so a
/// keep-alive comment is sent (and must be flushed) in the middle.
fn stream() -> impl IntoResponse {
    datastar! {
        elements r#"<div id="hal">I'm sorry, Dave. I'm afraid I can't do that.</div>"#;
        wait 1s;
        signals { hal: "Affirmative, Dave. I read you.", count: 3 };
        wait 20s;
        for row in 0..3 {
            elements "<tr id=\"row-" (row) "\"><td>" (row) "</td></tr>";
        }
        wait 2s;
        redirect "/guide";
    }
}

async fn serve(
    accept_encoding: Option<&str>,
    handler: impl Fn() -> Response + Clone + Send + 'static,
) -> Response {
    let service = tower::service_fn(move |_: Request<Body>| {
        let handler = handler.clone();
        async move { Ok::<_, Infallible>(handler()) }
    });
    let mut request = Request::builder().uri("/");
    if let Some(value) = accept_encoding {
        request = request.header(header::ACCEPT_ENCODING, value);
    }
    let response = CompressionLayer::default()
        .layer(service)
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    response.map(Body::new)
}

/// The body's frames with the virtual time each arrived at.
async fn frames(response: Response) -> Vec<(Duration, bytes::Bytes)> {
    let start = tokio::time::Instant::now();
    let mut body = response.into_body();
    let mut frames = Vec::new();
    while let Some(frame) = body.frame().await {
        if let Ok(data) = frame.unwrap().into_data() {
            frames.push((start.elapsed(), data));
        }
    }
    frames
}

/// What a client holds at each moment something arrived: the text received (identity)
/// or decoded (compressed) up to then.
fn by_time(chunks: impl IntoIterator<Item = (Duration, String)>) -> Vec<(Duration, String)> {
    let mut moments: Vec<(Duration, String)> = Vec::new();
    for (at, text) in chunks {
        match moments.last_mut() {
            Some((last, held)) if *last == at => *held = text,
            _ => moments.push((at, text)),
        }
    }
    moments
}

async fn check_every_event_decodes_when_sent(encoding: Encoding) {
    let handler = || stream().into_response();
    let mut received = String::new();
    let identity = frames(serve(None, handler).await)
        .await
        .into_iter()
        .map(|(at, data)| {
            received.push_str(std::str::from_utf8(&data).unwrap());
            (at, received.clone())
        });
    let identity = by_time(identity.collect::<Vec<_>>());

    let response = serve(Some(encoding.as_str()), handler).await;
    assert_eq!(
        response.headers()[header::CONTENT_ENCODING],
        encoding.as_str()
    );
    assert_eq!(response.headers()[header::VARY], "accept-encoding");
    assert!(!response.headers().contains_key(header::CONTENT_LENGTH));
    let mut decoder = Decoder::new(encoding);
    let compressed: Vec<_> = frames(response)
        .await
        .into_iter()
        .map(|(at, data)| (at, decoder.feed(&data)))
        .collect();
    let compressed = by_time(compressed);

    // At every moment, before each wait ends, the client has decoded exactly what an
    // uncompressed client has received: every event sent so far, and nothing held back.
    assert_eq!(compressed, identity, "{encoding}");
    let moments: Vec<u64> = identity.iter().map(|(at, _)| at.as_secs()).collect();
    assert_eq!(
        moments,
        [0, 1, 16, 21, 23],
        "{encoding}: events at 0, 1, 21 and 23 s, a keep-alive at 16 s"
    );
    assert!(identity[2].1.ends_with(":\n\n"));
}

#[tokio::test(start_paused = true)]
async fn brotli_decodes_every_event_before_the_next_wait_ends() {
    check_every_event_decodes_when_sent(Encoding::Brotli).await;
}

#[tokio::test(start_paused = true)]
async fn zstd_decodes_every_event_before_the_next_wait_ends() {
    check_every_event_decodes_when_sent(Encoding::Zstd).await;
}

#[tokio::test(start_paused = true)]
async fn gzip_decodes_every_event_before_the_next_wait_ends() {
    check_every_event_decodes_when_sent(Encoding::Gzip).await;
}

#[tokio::test(start_paused = true)]
async fn deflate_decodes_every_event_before_the_next_wait_ends() {
    check_every_event_decodes_when_sent(Encoding::Deflate).await;
}

#[tokio::test(start_paused = true)]
async fn a_client_asking_for_nothing_gets_todays_bytes() {
    let plain = frames(stream().into_response()).await;
    let response = serve(None, || stream().into_response()).await;
    assert!(!response.headers().contains_key(header::CONTENT_ENCODING));
    assert_eq!(response.headers()[header::VARY], "accept-encoding");
    assert_eq!(frames(response).await, plain);
}

#[tokio::test(start_paused = true)]
async fn other_responses_and_opt_outs_pass_untouched() {
    let html = serve(Some("br"), || Html("<p>hi</p>").into_response()).await;
    assert!(!html.headers().contains_key(header::CONTENT_ENCODING));
    assert!(!html.headers().contains_key(header::VARY));
    assert_eq!(
        html.into_body().collect().await.unwrap().to_bytes(),
        "<p>hi</p>"
    );

    let handler = || {
        datastar! { signals { count: 1 }; }
            .without_compression()
            .into_response()
    };
    let opted_out = serve(Some("br"), handler).await;
    assert!(!opted_out.headers().contains_key(header::CONTENT_ENCODING));
    assert!(!opted_out.headers().contains_key(header::VARY));

    let marked = serve(Some("br"), || (NoCompression, stream()).into_response()).await;
    assert!(!marked.headers().contains_key(header::CONTENT_ENCODING));
}

#[tokio::test(start_paused = true)]
async fn several_accept_encoding_lines_are_read_together() {
    let service = tower::service_fn(|_: Request<Body>| async {
        Ok::<_, Infallible>(stream().into_response())
    });
    let request = Request::builder()
        .header(header::ACCEPT_ENCODING, "identity")
        .header(header::ACCEPT_ENCODING, "zstd;q=0.5")
        .body(Body::empty())
        .unwrap();
    let response = CompressionLayer::default()
        .layer(service)
        .oneshot(request)
        .await
        .unwrap();
    assert_eq!(response.headers()[header::CONTENT_ENCODING], "zstd");
}
