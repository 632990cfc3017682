//! The workloads of the benchmark suite, shared by the criterion bench (`benches/wire.rs`)
//! and by the byte-equality and allocation tests (`tests/`), so that all of them measure
//! exactly the same code.
//!
//! Every workload produces the same wire bytes in each of four ways:
//!
//! * [`Way::Macro`]: a `datastar!` stream, drained;
//! * [`Way::Builder`]: `datastar-core`'s builders ([`datastar_core::PatchElements`], …);
//! * [`Way::Official`]: the official `datastar` crate 0.4.1;
//! * [`Way::Memcpy`]: the finished wire bytes copied into a buffer reused from run to
//!   run: one `memcpy`, no allocation, the physical limit.
//!
//! A way is an `async fn(S) -> S` generic over a [`Sink`], which receives the bytes of
//! every event (or response body) the way produced: [`Discard`] when timing,
//! [`Collect`] when comparing bytes. Each way does everything a handler would do per
//! request (build the events, encode them, drop them), so that allocation counts and
//! times are per request. The list of all (workload, way) pairs is [`for_each_way!`].
//!
//! The workloads are chosen so that the three encoders agree byte for byte: no `id` or
//! `retry` (axum writes `retry` before `id`, the protocol says `id` first), no lone `\r`
//! and no trailing line break in content (the official crate splits with `str::lines`),
//! no `</script` in scripts (the official crate does not escape it).

pub mod compression;
pub mod pages;

use std::cell::RefCell;
use std::convert::Infallible;
use std::fmt::Write as _;
use std::hint::black_box;
use std::pin::pin;
use std::sync::OnceLock;

use axum::response::IntoResponse;
use datastar_core::{
    Event, EventStream, ExecuteScript, PatchElements, PatchSignals, Redirect, datastar,
};
use futures_core::Stream;
use http_body_util::BodyExt;

/// One way of producing a workload's bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Way {
    /// A `datastar!` stream.
    Macro,
    /// `datastar-core`'s builder API.
    Builder,
    /// The official `datastar` crate, 0.4.1.
    Official,
    /// A copy of the finished wire bytes.
    Memcpy,
}

impl Way {
    /// The name used as criterion benchmark id and in tables.
    pub const fn name(self) -> &'static str {
        match self {
            Way::Macro => "macro",
            Way::Builder => "builder",
            Way::Official => "official",
            Way::Memcpy => "memcpy",
        }
    }
}

/// A workload: what is produced, and the bytes it must produce.
#[derive(Debug)]
pub struct Workload {
    /// `W1` … `W5` (and `W3b`), the criterion group name.
    pub id: &'static str,
    /// What it is, for tables.
    pub title: &'static str,
    /// Number of Datastar events per run (allocations are reported per event).
    pub events: usize,
    /// The expected wire bytes, written out by hand, independently of every encoder.
    pub wire: fn() -> &'static [u8],
}

/// Receives the bytes a way produced.
pub trait Sink {
    /// Takes one event's (or one body's) bytes.
    fn put(&mut self, bytes: &[u8]);
}

/// Lets the bytes go, after making the optimizer believe they were read.
#[derive(Clone, Copy, Debug, Default)]
pub struct Discard;

impl Sink for Discard {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        black_box(bytes);
    }
}

/// Appends the bytes, to compare them.
#[derive(Clone, Debug, Default)]
pub struct Collect(pub Vec<u8>);

impl Sink for Collect {
    fn put(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }
}

/// Calls `$callback!(workload, way, path::to::generic_way_fn)` for every pair, `$extra`
/// arguments first. Ways are `async fn<S: Sink>(sink: S) -> S`.
#[macro_export]
macro_rules! for_each_way {
    ($callback:ident $(, $extra:expr)* $(,)?) => {
        $callback!($($extra,)* &$crate::W1, $crate::Way::Macro, $crate::w1::datastar_macro);
        $callback!($($extra,)* &$crate::W1, $crate::Way::Builder, $crate::w1::builder);
        $callback!($($extra,)* &$crate::W1, $crate::Way::Official, $crate::w1::official);
        $callback!($($extra,)* &$crate::W1, $crate::Way::Memcpy, $crate::w1::memcpy);
        $callback!($($extra,)* &$crate::W2, $crate::Way::Macro, $crate::w2::datastar_macro);
        $callback!($($extra,)* &$crate::W2, $crate::Way::Builder, $crate::w2::builder);
        $callback!($($extra,)* &$crate::W2, $crate::Way::Official, $crate::w2::official);
        $callback!($($extra,)* &$crate::W2, $crate::Way::Memcpy, $crate::w2::memcpy);
        $callback!($($extra,)* &$crate::W3, $crate::Way::Macro, $crate::w3::datastar_macro);
        $callback!($($extra,)* &$crate::W3, $crate::Way::Builder, $crate::w3::builder);
        $callback!($($extra,)* &$crate::W3, $crate::Way::Official, $crate::w3::official);
        $callback!($($extra,)* &$crate::W3, $crate::Way::Memcpy, $crate::w3::memcpy);
        $callback!($($extra,)* &$crate::W3B, $crate::Way::Macro, $crate::w3b::datastar_macro);
        $callback!($($extra,)* &$crate::W3B, $crate::Way::Builder, $crate::w3b::builder);
        $callback!($($extra,)* &$crate::W3B, $crate::Way::Official, $crate::w3b::official);
        $callback!($($extra,)* &$crate::W3B, $crate::Way::Memcpy, $crate::w3b::memcpy);
        $callback!($($extra,)* &$crate::W4, $crate::Way::Macro, $crate::w4::datastar_macro);
        $callback!($($extra,)* &$crate::W4, $crate::Way::Builder, $crate::w4::builder);
        $callback!($($extra,)* &$crate::W4, $crate::Way::Official, $crate::w4::official);
        $callback!($($extra,)* &$crate::W4, $crate::Way::Memcpy, $crate::w4::memcpy);
        $callback!($($extra,)* &$crate::W5, $crate::Way::Macro, $crate::w5::datastar_macro);
        $callback!($($extra,)* &$crate::W5, $crate::Way::Builder, $crate::w5::builder);
        $callback!($($extra,)* &$crate::W5, $crate::Way::Official, $crate::w5::official);
        $callback!($($extra,)* &$crate::W5, $crate::Way::Memcpy, $crate::w5::memcpy);
    };
}

/// Every workload, in order.
pub const WORKLOADS: [&Workload; 6] = [&W1, &W2, &W3, &W3B, &W4, &W5];

/// W1: one small static patch.
pub const W1: Workload = Workload {
    id: "W1",
    title: "static patch `<div id=\"counter\">42</div>`",
    events: 1,
    wire: || w1::WIRE.as_bytes(),
};

/// W2: a template with an integer, a string that needs escaping and a 20-row loop.
pub const W2: Workload = Workload {
    id: "W2",
    title: "template: integer, escaped string, 20-row loop",
    events: 1,
    wire: || w2::wire().as_bytes(),
};

/// W3: a 64 KiB fragment given at run time.
pub const W3: Workload = Workload {
    id: "W3",
    title: "64 KiB fragment given at run time, 852 lines",
    events: 1,
    wire: || w3::wire().as_bytes(),
};

/// W3b: the same 64 KiB on a single line.
pub const W3B: Workload = Workload {
    id: "W3b",
    title: "the same 64 KiB on one line",
    events: 1,
    wire: || w3b::wire().as_bytes(),
};

/// W4: five events drained through the stream.
pub const W4: Workload = Workload {
    id: "W4",
    title: "5 events (elements, signals, remove, script, redirect), stream drained",
    events: 5,
    wire: || w4::WIRE.as_bytes(),
};

/// W5: the events of W4 collected from an axum response body.
pub const W5: Workload = Workload {
    id: "W5",
    title: "W4's events through an axum response body (`BodyExt::collect`)",
    events: 5,
    wire: || w4::WIRE.as_bytes(),
};

/// Polls a stream to its end, giving every event's bytes to `sink`.
pub async fn drain<St: Stream<Item = Event>, S: Sink>(events: St, mut sink: S) -> S {
    let mut events = pin!(events);
    while let Some(event) = std::future::poll_fn(|cx| events.as_mut().poll_next(cx)).await {
        sink.put(event.as_bytes());
    }
    sink
}

/// Polls a stream of the official crate's events to its end.
async fn drain_official<St: Stream<Item = datastar::DatastarEvent>, S: Sink>(
    events: St,
    mut sink: S,
) -> S {
    let mut events = pin!(events);
    while let Some(event) = std::future::poll_fn(|cx| events.as_mut().poll_next(cx)).await {
        sink.put(event.to_string().as_bytes());
    }
    sink
}

/// Collects a whole response body with `BodyExt::collect`, as a test client would.
async fn collect_body<S: Sink>(response: axum::response::Response, mut sink: S) -> S {
    let body = response
        .into_body()
        .collect()
        .await
        .expect("the body is infallible");
    sink.put(&body.to_bytes());
    sink
}

/// The memcpy way: the finished bytes copied into a buffer that is reused from run to
/// run, so that no allocator is involved: one `memcpy`, the physical limit.
fn copy_of<S: Sink>(wire: &[u8], mut sink: S) -> S {
    thread_local! {
        static BUFFER: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    BUFFER.with_borrow_mut(|buffer| {
        buffer.clear();
        buffer.extend_from_slice(black_box(wire));
        sink.put(buffer);
    });
    sink
}

/// Escapes HTML text (`&`, `<`, `>`, and the quotes, as `datastar!` does) the way a
/// hand-written handler would, for the builder and official ways of W2 (the official
/// crate has no escaping of its own).
pub fn escape_text(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>', '"', '\'']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// W1: `<div id="counter">42</div>`.
pub mod w1;

/// W2: a cart with the user's name (escaped), an item count and 20 rows, one per line.
pub mod w2;

/// W3: a 64 KiB fragment known only at run time, one table row per line (as a template
/// engine that keeps the template's line breaks renders it).
pub mod w3;

/// W3b: the same 64 KiB table on a single line (as `maud` renders it).
pub mod w3b;

/// W4 and W5: five events, as the docs' how-tos chain them (their waits left out).
pub mod w4;

/// W5: W4's events, end to end through an axum response body.
pub mod w5;

/// Produces every workload in every way and checks the bytes against the hand-written
/// expectation; panics with both texts on the first difference. The bench calls it before
/// timing anything, and a test calls it under `cargo test`.
pub fn assert_identical_bytes() {
    let runtime = runtime();
    let mut checked = 0;
    macro_rules! check {
        ($workload:expr, $way:expr, $run:path) => {{
            let workload: &Workload = $workload;
            let got = runtime.block_on($run(Collect::default())).0;
            let expected = (workload.wire)();
            assert!(
                got == expected,
                "{} {}: the bytes differ from the expected wire\n--- got:\n{}\n--- expected:\n{}",
                workload.id,
                $way.name(),
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(expected),
            );
            checked += 1;
        }};
    }
    for_each_way!(check);
    assert_eq!(checked, WORKLOADS.len() * 4);
}

/// The runtime the ways run on: tokio, current thread, with timers (for keep-alives).
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("building a tokio runtime")
}
