//! What an open compressed stream costs a server: for each coding, a fresh server process
//! (this binary with `--serve`: axum, the default `CompressionLayer`) holds `--streams`
//! open event streams, each client asking for that one coding; `--events` messages of
//! `--size` bytes are then published to all of them (each an `<li>` appended to a list,
//! as the `live` example sends it). Reported per stream: the server's resident memory
//! (`/proc/<pid>/statm`, after the events, less what it used before the streams opened),
//! the same once the streams have been idle for longer than their keep-alive interval
//! (`--keep-alive` seconds, default 2: an idle Zstandard stream ends its frame and frees
//! its compressor), and the bytes received. Every stream must receive every event.
//!
//! ```text
//! compression-load [--streams 1000] [--events 200] [--size 100] [--keep-alive 2] [--codings identity,zstd,br,gzip,deflate]
//! ```
//!
//! `--max-kib N` makes it fail when a compressed coding costs more than N KiB per stream.
//! Everything listens on 127.0.0.1; the servers are stopped at the end.
#![forbid(unsafe_code)]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Query, State};
use axum::routing::{get, post};
use bytes::Bytes;
use datastar_core::compression::CompressionLayer;
use datastar_core::prelude::*;
use http_body_util::{BodyExt, Empty};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use tokio::sync::broadcast;

type Error = Box<dyn std::error::Error + Send + Sync>;

struct Options {
    streams: usize,
    events: usize,
    size: usize,
    codings: Vec<String>,
    max_kib: Option<usize>,
    keep_alive: u64,
}

fn options() -> Result<Options, Error> {
    let mut options = Options {
        streams: 1000,
        events: 200,
        size: 100,
        codings: ["identity", "zstd", "br", "gzip", "deflate"]
            .map(String::from)
            .to_vec(),
        max_kib: None,
        keep_alive: 2,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--streams" => options.streams = value.parse()?,
            "--events" => options.events = value.parse()?,
            "--size" => options.size = value.parse()?,
            "--codings" => options.codings = value.split(',').map(String::from).collect(),
            "--max-kib" => options.max_kib = Some(value.parse()?),
            "--keep-alive" => options.keep_alive = value.parse()?,
            _ => return Err(format!("unknown option {flag}").into()),
        }
    }
    Ok(options)
}

/// The server's shared state: the feed every stream follows, and counters.
#[derive(Clone)]
struct Feed {
    sender: broadcast::Sender<String>,
    keep_alive: Duration,
    open: Arc<AtomicUsize>,
    sent: Arc<AtomicUsize>,
}

/// Counts an open stream while its producer lives.
struct OpenGuard(Arc<AtomicUsize>);

impl Drop for OpenGuard {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

async fn stream(State(feed): State<Feed>) -> impl IntoResponse {
    let mut messages = feed.sender.subscribe();
    feed.open.fetch_add(1, Ordering::SeqCst);
    let guard = OpenGuard(feed.open.clone());
    let sent = feed.sent;
    datastar! {
        let _guard = guard;
        while let Ok(message) = messages.recv().await {
            elements "<li>" (message) "</li>", selector = "#messages", mode = append;
            sent.fetch_add(1, Ordering::SeqCst);
        }
    }
    .keep_alive(feed.keep_alive)
}

#[derive(serde::Deserialize)]
struct Publish {
    events: usize,
    size: usize,
}

/// Publishes the messages, a little apart (as a chat would), so that each is written and
/// flushed on its own.
async fn publish(State(feed): State<Feed>, Query(publish): Query<Publish>) -> &'static str {
    for n in 0..publish.events {
        let mut message = format!("message {n}: ");
        while message.len() < publish.size {
            message.push_str("lorem ipsum dolor sit amet ");
        }
        message.truncate(publish.size);
        let _ = feed.sender.send(message);
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    "published"
}

fn resident_kib() -> usize {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|statm| statm.split_whitespace().nth(1)?.parse::<usize>().ok())
        .map_or(0, |pages| pages * 4)
}

/// The server: prints its port, then serves until killed.
async fn serve() -> Result<(), Error> {
    let keep_alive = std::env::var("KEEP_ALIVE_SECONDS")
        .ok()
        .and_then(|seconds| seconds.parse().ok())
        .unwrap_or(2);
    let feed = Feed {
        sender: broadcast::channel(1024).0,
        keep_alive: Duration::from_secs(keep_alive),
        open: Arc::default(),
        sent: Arc::default(),
    };
    let counters = feed.clone();
    let app = Router::new()
        .route("/stream", get(stream))
        .route("/publish", post(publish))
        .route(
            "/status",
            get(move || async move {
                format!(
                    "{} {} {}",
                    counters.open.load(Ordering::SeqCst),
                    counters.sent.load(Ordering::SeqCst),
                    resident_kib()
                )
            }),
        )
        .layer(CompressionLayer::default())
        .with_state(feed);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    println!("{}", listener.local_addr()?.port());
    axum::serve(listener, app).await?;
    Ok(())
}

/// A server process, killed on drop.
struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(keep_alive: u64) -> Result<Server, Error> {
        let mut child = Command::new(std::env::current_exe()?)
            .arg("--serve")
            .env("KEEP_ALIVE_SECONDS", keep_alive.to_string())
            .stdout(Stdio::piped())
            .spawn()?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut port = String::new();
        BufReader::new(stdout).read_line(&mut port)?;
        Ok(Server {
            child,
            base: format!("http://127.0.0.1:{}", port.trim()),
        })
    }

    /// Open streams, events sent, resident KiB.
    async fn status(
        &self,
        client: &Client<HttpConnector, Empty<Bytes>>,
    ) -> Result<[usize; 3], Error> {
        let response = client.get(format!("{}/status", self.base).parse()?).await?;
        let body = response.into_body().collect().await?.to_bytes();
        let text = String::from_utf8_lossy(&body);
        let numbers: Vec<usize> = text
            .split_whitespace()
            .map(str::parse)
            .collect::<Result<_, _>>()?;
        numbers
            .try_into()
            .map_err(|_| format!("status {text:?}").into())
    }
}

/// One client stream: counts the bytes it receives until it is dropped.
async fn follow(
    client: Client<HttpConnector, Empty<Bytes>>,
    url: String,
    coding: String,
    bytes: Arc<AtomicUsize>,
) -> Result<(), Error> {
    let mut request = http::Request::get(url);
    if coding != "identity" {
        request = request.header("accept-encoding", coding.as_str());
    }
    let response = client.request(request.body(Empty::new())?).await?;
    let got = response
        .headers()
        .get("content-encoding")
        .map(|value| value.to_str().unwrap_or_default().to_owned());
    let expected = (coding != "identity").then_some(coding);
    if got != expected {
        return Err(format!("content-encoding {got:?}, asked for {expected:?}").into());
    }
    let mut body = response.into_body();
    while let Some(frame) = body.frame().await {
        if let Ok(data) = frame?.into_data() {
            bytes.fetch_add(data.len(), Ordering::Relaxed);
        }
    }
    Ok(())
}

/// What one coding cost.
struct Measured {
    /// Resident KiB per stream after the events.
    busy: usize,
    /// Resident KiB per stream once idle.
    idle: usize,
    /// Bytes received per stream, after the events.
    bytes: usize,
}

/// Runs one coding.
async fn run(options: &Options, coding: &str) -> Result<Measured, Error> {
    let server = Server::start(options.keep_alive)?;
    let mut connector = HttpConnector::new();
    connector.set_nodelay(true);
    let client: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(0)
        .build(connector);
    let wait = |what: &'static str| {
        let deadline = Instant::now() + Duration::from_secs(120);
        move || {
            if Instant::now() > deadline {
                Err::<(), Error>(format!("timed out waiting for {what}").into())
            } else {
                Ok(())
            }
        }
    };
    // Ready, and its memory before any stream.
    let check = wait("the server");
    let before = loop {
        if let Ok([_, _, resident]) = server.status(&client).await {
            break resident;
        }
        check()?;
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    let bytes = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::with_capacity(options.streams);
    for i in 0..options.streams {
        tasks.push(tokio::spawn(follow(
            client.clone(),
            format!("{}/stream", server.base),
            coding.to_owned(),
            bytes.clone(),
        )));
        if i % 100 == 99 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    let check = wait("the streams to open");
    while server.status(&client).await?[0] < options.streams {
        if let Some(task) = tasks.iter_mut().find(|task| task.is_finished()) {
            return Err(format!("a stream ended early: {:?}", task.await?).into());
        }
        check()?;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let publish: Client<_, Empty<Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let url = format!(
        "{}/publish?events={}&size={}",
        server.base, options.events, options.size
    );
    publish
        .request(http::Request::post(url).body(Empty::new())?)
        .await?;
    let check = wait("every event to be sent");
    let expected = options.streams * options.events;
    while server.status(&client).await?[1] < expected {
        check()?;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Let the last writes reach the clients.
    let mut last = 0;
    loop {
        tokio::time::sleep(Duration::from_millis(300)).await;
        let now = bytes.load(Ordering::Relaxed);
        if now == last {
            break;
        }
        last = now;
    }
    let [open, _, after] = server.status(&client).await?;
    if open != options.streams {
        return Err(format!("{open} of {} streams still open", options.streams).into());
    }
    // Idle for longer than the keep-alive interval: each stream has sent a comment.
    tokio::time::sleep(Duration::from_secs(options.keep_alive) + Duration::from_millis(1500)).await;
    let [open, _, idle] = server.status(&client).await?;
    if open != options.streams {
        return Err(format!("{open} of {} streams open once idle", options.streams).into());
    }
    for task in &tasks {
        task.abort();
    }
    let per_stream = |resident: usize| resident.saturating_sub(before) / options.streams;
    Ok(Measured {
        busy: per_stream(after),
        idle: per_stream(idle),
        bytes: last / options.streams,
    })
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    if std::env::args().nth(1).as_deref() == Some("--serve") {
        return serve().await;
    }
    let options = options()?;
    println!(
        "{} streams, {} events of {} bytes each",
        options.streams, options.events, options.size
    );
    println!("| coding | server memory per stream | once idle | bytes per stream |");
    println!("|---|---:|---:|---:|");
    let mut over = Vec::new();
    for coding in &options.codings {
        let Measured { busy, idle, bytes } = run(&options, coding).await?;
        println!("| {coding} | {busy} KiB | {idle} KiB | {bytes} |");
        if let Some(max) = options.max_kib
            && coding != "identity"
            && busy > max
        {
            over.push(format!("{coding}: {busy} KiB per stream, over {max} KiB"));
        }
    }
    if over.is_empty() {
        Ok(())
    } else {
        Err(over.join("; ").into())
    }
}
