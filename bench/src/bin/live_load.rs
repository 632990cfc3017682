//! Load for the `live` example: opens many long-lived streams on one or more running
//! instances, posts commands at a fixed rate, and reports how many messages per second
//! the streams received and the end-to-end latency (from just before the POST to the
//! moment a stream has read the event), with a check that every stream got every message
//! once and in the same order. `scripts/live-load.sh` starts the servers and runs it.
//!
//! ```text
//! live-load --url http://127.0.0.1:3001 [--url …] [--streams 1000] [--rate 20] [--seconds 20]
//! ```
//!
//! `--streams` is per URL; commands go to the URLs in turn. Traffic goes only to the URLs
//! given (this machine's loopback in the script), and the run stops by itself.
#![forbid(unsafe_code)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use bytes::Bytes;
use http_body_util::{BodyExt, Empty, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use tokio::sync::Semaphore;

type Error = Box<dyn std::error::Error + Send + Sync>;

struct Options {
    urls: Vec<String>,
    streams: usize,
    rate: u32,
    seconds: u32,
}

fn options() -> Result<Options, Error> {
    let mut options = Options {
        urls: Vec::new(),
        streams: 1000,
        rate: 20,
        seconds: 20,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--url" => options.urls.push(value.trim_end_matches('/').to_owned()),
            "--streams" => options.streams = value.parse()?,
            "--rate" => options.rate = value.parse()?,
            "--seconds" => options.seconds = value.parse()?,
            _ => return Err(format!("unknown option {flag}").into()),
        }
    }
    if options.urls.is_empty() {
        return Err("give at least one --url".into());
    }
    Ok(options)
}

/// What one stream received: the command numbers in arrival order, and the latency of
/// each in microseconds.
#[derive(Default)]
struct Received {
    order: Vec<u32>,
    latencies: Vec<u32>,
}

fn now_micros() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros() as u64)
}

/// The commands in one chunk of a stream: `<li …>load N MICROS</li>`.
fn commands(text: &str) -> impl Iterator<Item = (u32, u64)> + '_ {
    text.split("</li>").filter_map(|before| {
        let start = before.rfind(">load ")? + ">load ".len();
        let (n, micros) = before[start..].split_once(' ')?;
        Some((n.parse().ok()?, micros.parse().ok()?))
    })
}

/// Holds one stream open until `stop`, recording what it receives.
async fn stream(
    client: Client<HttpConnector, Empty<Bytes>>,
    url: String,
    connected: Arc<AtomicUsize>,
    delivered: Arc<AtomicU64>,
    stop: Arc<tokio::sync::Notify>,
) -> Result<Received, Error> {
    let response = client
        .get(format!("{url}/live/stream").parse()?)
        .await
        .map_err(|e| format!("GET {url}/live/stream: {e}"))?;
    if response.status() != 200 {
        return Err(format!("GET {url}/live/stream: {}", response.status()).into());
    }
    let mut body = response.into_body();
    let mut received = Received::default();
    let mut first = true;
    // An event may arrive split across chunks: keep the unfinished tail.
    let mut pending = String::new();
    let stopped = stop.notified();
    tokio::pin!(stopped);
    loop {
        let frame = tokio::select! {
            frame = body.frame() => frame,
            () = &mut stopped => break,
        };
        let Some(frame) = frame else { break };
        let Ok(data) = frame?.into_data() else {
            continue;
        };
        if first {
            first = false;
            connected.fetch_add(1, Ordering::Relaxed);
        }
        let arrived = now_micros();
        pending.push_str(&String::from_utf8_lossy(&data));
        let Some(end) = pending.rfind("\n\n") else {
            continue;
        };
        for (n, sent) in commands(&pending[..end]) {
            received.order.push(n);
            received
                .latencies
                .push(u32::try_from(arrived.saturating_sub(sent)).unwrap_or(u32::MAX));
            delivered.fetch_add(1, Ordering::Relaxed);
        }
        pending.drain(..end + 2);
    }
    Ok(received)
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    f64::from(sorted[rank]) / 1000.0
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let options = options()?;
    let mut connector = HttpConnector::new();
    connector.set_nodelay(true);
    let streams_client = Client::builder(TokioExecutor::new()).build(connector.clone());
    let commands_client: Client<_, Full<Bytes>> =
        Client::builder(TokioExecutor::new()).build(connector);

    let connected = Arc::new(AtomicUsize::new(0));
    let delivered = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(tokio::sync::Notify::new());
    let total = options.urls.len() * options.streams;
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(total);
    for i in 0..options.streams {
        for url in &options.urls {
            tasks.push(tokio::spawn(stream(
                streams_client.clone(),
                url.clone(),
                connected.clone(),
                delivered.clone(),
                stop.clone(),
            )));
        }
        // Connect in waves, as pages would, rather than 2,000 SYNs at once.
        if i % 100 == 99 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    while connected.load(Ordering::Relaxed) < total {
        if Instant::now() > deadline || tasks.iter().any(|t| t.is_finished()) {
            return Err(format!(
                "only {} of {total} streams opened",
                connected.load(Ordering::Relaxed)
            )
            .into());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    println!(
        "{total} streams open on {} instance(s) in {:.1} s",
        options.urls.len(),
        started.elapsed().as_secs_f64()
    );

    let count = options.rate * options.seconds;
    let failed = Arc::new(AtomicUsize::new(0));
    let in_flight = Arc::new(Semaphore::new(256));
    let mut ticker = tokio::time::interval(Duration::from_secs(1) / options.rate);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    let sending = Instant::now();
    let mut posts = Vec::with_capacity(count as usize);
    for n in 0..count {
        ticker.tick().await;
        let permit = in_flight.clone().acquire_owned().await?;
        let url = format!(
            "{}/live/command",
            options.urls[n as usize % options.urls.len()]
        );
        let (client, failed) = (commands_client.clone(), failed.clone());
        posts.push(tokio::spawn(async move {
            let body = format!(r#"{{"message":"load {n} {}"}}"#, now_micros());
            let request = http::Request::post(url)
                .header("content-type", "application/json")
                .body(Full::new(Bytes::from(body)))
                .expect("a valid request");
            match client.request(request).await {
                Ok(response) if response.status() == 204 => {}
                _ => {
                    failed.fetch_add(1, Ordering::Relaxed);
                }
            }
            drop(permit);
        }));
    }
    for post in posts {
        post.await?;
    }
    let sent = count as usize - failed.load(Ordering::Relaxed);
    let expected = (sent * total) as u64;
    let drain = Instant::now() + Duration::from_secs(30);
    while delivered.load(Ordering::Relaxed) < expected && Instant::now() < drain {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let elapsed = sending.elapsed();
    stop.notify_waiters();

    let mut latencies = Vec::with_capacity(expected as usize);
    let mut reference: Option<Vec<u32>> = None;
    let (mut incomplete, mut disordered) = (0, 0);
    for task in tasks {
        let received = task.await??;
        if received.order.len() != sent {
            incomplete += 1;
        }
        match &reference {
            None => reference = Some(received.order.clone()),
            Some(order) if *order != received.order => disordered += 1,
            Some(_) => {}
        }
        latencies.extend(received.latencies);
    }
    latencies.sort_unstable();
    let got = latencies.len();
    println!(
        "commands: {sent} stored of {count} posted at {}/s; deliveries: {got} of {expected} in {:.1} s",
        options.rate,
        elapsed.as_secs_f64()
    );
    println!(
        "| {} | {} | {}/s | {:.0} | {:.1} | {:.1} | {:.1} | {incomplete} | {disordered} |",
        options.urls.len(),
        total,
        options.rate,
        got as f64 / elapsed.as_secs_f64(),
        percentile(&latencies, 50.0),
        percentile(&latencies, 99.0),
        percentile(&latencies, 100.0),
    );
    println!(
        "(instances | streams | commands | deliveries/s | p50 ms | p99 ms | max ms | streams missing messages | streams in another order)"
    );
    if incomplete > 0 || disordered > 0 || sent < count as usize {
        return Err("messages were lost, refused or reordered".into());
    }
    Ok(())
}
