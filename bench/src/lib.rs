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
pub mod w1 {
    use super::*;

    /// The content, a literal in every way.
    pub const HTML: &str = r#"<div id="counter">42</div>"#;
    /// The expected bytes.
    pub const WIRE: &str =
        "event: datastar-patch-elements\ndata: elements <div id=\"counter\">42</div>\n\n";

    /// `datastar! { elements r#"<div id="counter">42</div>"#; }`, drained.
    pub async fn datastar_macro<S: Sink>(sink: S) -> S {
        drain(
            datastar! { elements r#"<div id="counter">42</div>"#; },
            sink,
        )
        .await
    }

    /// `PatchElements::new(HTML).encode()`.
    pub async fn builder<S: Sink>(mut sink: S) -> S {
        let event = PatchElements::new(HTML).encode().expect("valid event");
        sink.put(event.as_bytes());
        sink
    }

    /// The official crate: `PatchElements` to `DatastarEvent` to its SSE text.
    pub async fn official<S: Sink>(mut sink: S) -> S {
        let event = datastar::prelude::PatchElements::new(HTML).into_datastar_event();
        sink.put(event.to_string().as_bytes());
        sink
    }

    /// A copy of the expected bytes.
    pub async fn memcpy<S: Sink>(sink: S) -> S {
        copy_of(WIRE.as_bytes(), sink)
    }
}

/// W2: a cart with the user's name (escaped), an item count and 20 rows, one per line.
pub mod w2 {
    use super::*;

    /// The template's inputs, given at run time.
    #[derive(Debug)]
    pub struct Cart {
        /// Text that needs escaping.
        pub user: &'static str,
        /// An integer.
        pub count: u64,
        /// The rows of the loop.
        pub items: [&'static str; 20],
    }

    /// The inputs (behind `black_box` in every way).
    pub static CART: Cart = Cart {
        user: "Dave <\"HAL 9000\"> & Frank",
        count: 9000,
        items: [
            "Pod bay door",
            "EVA helmet",
            "Chess board",
            "AE-35 unit",
            "Hibernaculum",
            "Monolith",
            "Space pen",
            "Voice print",
            "Lip reader",
            "Emergency airlock",
            "Radio",
            "Camera eye",
            "Jupiter map",
            "Daisy song",
            "Film reel",
            "Tape deck",
            "Sextant",
            "Food tray",
            "Sketch pad",
            "Red button",
        ],
    };

    /// The HTML a hand-written handler builds: what the builder and official ways send.
    pub fn html(cart: &Cart) -> String {
        let mut html = String::with_capacity(1024);
        html.push_str("<div id=\"cart\">\n<h2>Hello, ");
        escape_text(&mut html, cart.user);
        let _ = write!(html, "!</h2>\n<p>{} items</p>\n<ul>", cart.count);
        for (row, item) in cart.items.iter().enumerate() {
            let _ = write!(html, "\n<li id=\"row-{row}\">");
            escape_text(&mut html, item);
            html.push_str("</li>");
        }
        html.push_str("\n</ul>\n</div>");
        html
    }

    /// The expected bytes, written out without any escaping code.
    pub fn wire() -> &'static str {
        static WIRE: OnceLock<String> = OnceLock::new();
        WIRE.get_or_init(|| {
            let mut wire = String::from(
                "event: datastar-patch-elements\n\
                 data: elements <div id=\"cart\">\n\
                 data: elements <h2>Hello, Dave &lt;&quot;HAL 9000&quot;&gt; &amp; Frank!</h2>\n\
                 data: elements <p>9000 items</p>\n\
                 data: elements <ul>\n",
            );
            for (row, item) in CART.items.iter().enumerate() {
                wire.push_str(&format!(
                    "data: elements <li id=\"row-{row}\">{item}</li>\n"
                ));
            }
            wire.push_str("data: elements </ul>\ndata: elements </div>\n\n");
            wire
        })
    }

    /// A `datastar!` template with the two holes and the 20-row loop, drained.
    pub async fn datastar_macro<S: Sink>(sink: S) -> S {
        let cart = black_box(&CART);
        let events = datastar! {
            elements "<div id=\"cart\">\n<h2>Hello, " (cart.user) "!</h2>\n<p>" (cart.count)
                " items</p>\n<ul>"
                for (row, item) in cart.items.iter().enumerate() {
                    "\n<li id=\"row-" (row) "\">" (item) "</li>"
                }
                "\n</ul>\n</div>";
        };
        drain(events, sink).await
    }

    /// The handler's HTML, then `PatchElements::new(html).encode()`.
    pub async fn builder<S: Sink>(mut sink: S) -> S {
        let html = html(black_box(&CART));
        let event = PatchElements::new(html).encode().expect("valid event");
        sink.put(event.as_bytes());
        sink
    }

    /// The handler's HTML, then the official `PatchElements` to its SSE text.
    pub async fn official<S: Sink>(mut sink: S) -> S {
        let html = html(black_box(&CART));
        let event = datastar::prelude::PatchElements::new(html).into_datastar_event();
        sink.put(event.to_string().as_bytes());
        sink
    }

    /// A copy of the expected bytes.
    pub async fn memcpy<S: Sink>(sink: S) -> S {
        copy_of(wire().as_bytes(), sink)
    }
}

/// W3: a 64 KiB fragment known only at run time, one table row per line (as a template
/// engine that keeps the template's line breaks renders it).
pub mod w3 {
    use super::*;

    /// `<table id="log">`, rows of 76 bytes each after `separator`, `</table>` after
    /// `separator`; padded with spaces to exactly 65 536 bytes (64 KiB).
    pub(crate) fn table(separator: &str) -> String {
        const SIZE: usize = 64 * 1024;
        let close = format!("{separator}</table>");
        let mut html = String::with_capacity(SIZE);
        html.push_str("<table id=\"log\">");
        for n in 0.. {
            let row = format!(
                "{separator}<tr id=\"r{n:04}\"><td>{n:04}</td><td>HAL 9000 status nominal</td><td>ok</td></tr>"
            );
            if html.len() + row.len() + close.len() > SIZE {
                break;
            }
            html.push_str(&row);
        }
        html.push_str(&" ".repeat(SIZE - html.len() - close.len()));
        html.push_str(&close);
        html
    }

    /// The expected bytes: one `data: elements` line per line of `fragment`.
    pub(crate) fn wire_of(fragment: &str) -> String {
        let mut wire = String::from("event: datastar-patch-elements\n");
        for line in fragment.split('\n') {
            wire.push_str("data: elements ");
            wire.push_str(line);
            wire.push('\n');
        }
        wire.push('\n');
        wire
    }

    /// The fragment: 852 lines, 65 536 bytes.
    pub fn fragment() -> &'static str {
        static FRAGMENT: OnceLock<String> = OnceLock::new();
        FRAGMENT.get_or_init(|| table("\n"))
    }

    /// The expected bytes.
    pub fn wire() -> &'static str {
        static WIRE: OnceLock<String> = OnceLock::new();
        WIRE.get_or_init(|| wire_of(fragment()))
    }

    /// `datastar! { elements (fragment); }`, drained.
    pub async fn datastar_macro<S: Sink>(sink: S) -> S {
        macro_with(fragment(), sink).await
    }

    /// `PatchElements::new(fragment).encode()`, borrowing the fragment.
    pub async fn builder<S: Sink>(sink: S) -> S {
        builder_with(fragment(), sink)
    }

    /// The official `PatchElements` (which takes an owned `String`) to its SSE text.
    pub async fn official<S: Sink>(sink: S) -> S {
        official_with(fragment(), sink)
    }

    /// A copy of the expected bytes.
    pub async fn memcpy<S: Sink>(sink: S) -> S {
        copy_of(wire().as_bytes(), sink)
    }

    pub(crate) async fn macro_with<S: Sink>(fragment: &'static str, sink: S) -> S {
        let fragment = black_box(fragment);
        drain(datastar! { elements (fragment); }, sink).await
    }

    pub(crate) fn builder_with<S: Sink>(fragment: &str, mut sink: S) -> S {
        let event = PatchElements::new(black_box(fragment))
            .encode()
            .expect("valid event");
        sink.put(event.as_bytes());
        sink
    }

    pub(crate) fn official_with<S: Sink>(fragment: &str, mut sink: S) -> S {
        let event =
            datastar::prelude::PatchElements::new(black_box(fragment)).into_datastar_event();
        sink.put(event.to_string().as_bytes());
        sink
    }
}

/// W3b: the same 64 KiB table on a single line (as `maud` renders it).
pub mod w3b {
    use super::*;

    /// The fragment: one line, 65 536 bytes.
    pub fn fragment() -> &'static str {
        static FRAGMENT: OnceLock<String> = OnceLock::new();
        FRAGMENT.get_or_init(|| w3::table(""))
    }

    /// The expected bytes.
    pub fn wire() -> &'static str {
        static WIRE: OnceLock<String> = OnceLock::new();
        WIRE.get_or_init(|| w3::wire_of(fragment()))
    }

    /// `datastar! { elements (fragment); }`, drained.
    pub async fn datastar_macro<S: Sink>(sink: S) -> S {
        w3::macro_with(fragment(), sink).await
    }

    /// `PatchElements::new(fragment).encode()`, borrowing the fragment.
    pub async fn builder<S: Sink>(sink: S) -> S {
        w3::builder_with(fragment(), sink)
    }

    /// The official `PatchElements` to its SSE text.
    pub async fn official<S: Sink>(sink: S) -> S {
        w3::official_with(fragment(), sink)
    }

    /// A copy of the expected bytes.
    pub async fn memcpy<S: Sink>(sink: S) -> S {
        copy_of(wire().as_bytes(), sink)
    }
}

/// W4 and W5: five events, as the docs' how-tos chain them (their waits left out).
pub mod w4 {
    use super::*;

    /// Content of the first event.
    pub const ELEMENTS: &str =
        r#"<div id="hal">I'm sorry, Dave. I'm afraid I can't do that.</div>"#;
    /// JSON of the second event.
    pub const SIGNALS: &str = r#"{"hal":"Affirmative, Dave. I read you.","count":3}"#;
    /// Selector of the third event (`mode remove`).
    pub const REMOVE: &str = "#pod-bay-doors";
    /// The script of the fourth event.
    pub const SCRIPT: &str = "console.log('Daisy, Daisy, give me your answer, do')";
    /// The URL of the fifth event.
    pub const REDIRECT: &str = "/guide";

    /// The expected bytes of the five events.
    pub const WIRE: &str = "event: datastar-patch-elements\n\
        data: elements <div id=\"hal\">I'm sorry, Dave. I'm afraid I can't do that.</div>\n\n\
        event: datastar-patch-signals\n\
        data: signals {\"hal\":\"Affirmative, Dave. I read you.\",\"count\":3}\n\n\
        event: datastar-patch-elements\n\
        data: selector #pod-bay-doors\n\
        data: mode remove\n\n\
        event: datastar-patch-elements\n\
        data: selector body\n\
        data: mode append\n\
        data: elements <script data-effect=\"el.remove()\">console.log('Daisy, Daisy, give me your answer, do')</script>\n\n\
        event: datastar-patch-elements\n\
        data: selector body\n\
        data: mode append\n\
        data: elements <script data-effect=\"el.remove()\">setTimeout(() => window.location.href = \"/guide\")</script>\n\n";

    /// The five events encoded with the builders.
    pub fn builder_events() -> [Event; 5] {
        let encoded = [
            PatchElements::new(ELEMENTS).encode(),
            PatchSignals::new(SIGNALS).encode(),
            PatchElements::remove(REMOVE).encode(),
            ExecuteScript::new(SCRIPT).encode(),
            Redirect::new(REDIRECT).encode(),
        ];
        encoded.map(|event| event.expect("valid event"))
    }

    /// The five events with the official crate. It has no redirect helper; its docs
    /// build the same script by hand.
    pub fn official_events() -> [datastar::DatastarEvent; 5] {
        use datastar::prelude::{ExecuteScript, PatchElements, PatchSignals};
        [
            PatchElements::new(ELEMENTS).into_datastar_event(),
            PatchSignals::new(SIGNALS).into_datastar_event(),
            PatchElements::new_remove(REMOVE).into_datastar_event(),
            ExecuteScript::new(SCRIPT).into_datastar_event(),
            ExecuteScript::new(r#"setTimeout(() => window.location.href = "/guide")"#)
                .into_datastar_event(),
        ]
    }

    /// The five events in `datastar!` (all static: the macro sends them as one chunk).
    pub fn macro_events() -> impl Stream<Item = Event> + IntoResponse + Send + 'static {
        datastar! {
            elements r#"<div id="hal">I'm sorry, Dave. I'm afraid I can't do that.</div>"#;
            signals { hal: "Affirmative, Dave. I read you.", count: 3 };
            remove "#pod-bay-doors";
            script "console.log('Daisy, Daisy, give me your answer, do')";
            redirect "/guide";
        }
    }

    /// The `datastar!` stream, drained.
    pub async fn datastar_macro<S: Sink>(sink: S) -> S {
        drain(macro_events(), sink).await
    }

    /// The builders' events in an [`EventStream`], drained.
    pub async fn builder<S: Sink>(sink: S) -> S {
        let events = EventStream::new(futures_util::stream::iter(builder_events()));
        drain(events, sink).await
    }

    /// The official crate's events in a stream, drained, each written out as SSE text.
    pub async fn official<S: Sink>(sink: S) -> S {
        drain_official(futures_util::stream::iter(official_events()), sink).await
    }

    /// A copy of the expected bytes.
    pub async fn memcpy<S: Sink>(sink: S) -> S {
        copy_of(WIRE.as_bytes(), sink)
    }
}

/// W5: W4's events, end to end through an axum response body.
pub mod w5 {
    use super::*;

    /// The `datastar!` stream as an axum response, body collected.
    pub async fn datastar_macro<S: Sink>(sink: S) -> S {
        collect_body(w4::macro_events().into_response(), sink).await
    }

    /// `EventStream` (our axum response) of the builders' events, body collected.
    pub async fn builder<S: Sink>(sink: S) -> S {
        let events = EventStream::new(futures_util::stream::iter(w4::builder_events()));
        collect_body(events.into_response(), sink).await
    }

    /// The official crate's axum path: `write_as_axum_sse_event` into `axum::response::Sse`,
    /// body collected.
    pub async fn official<S: Sink>(sink: S) -> S {
        use datastar::prelude::{ExecuteScript, PatchElements, PatchSignals};
        let events = [
            PatchElements::new(w4::ELEMENTS).write_as_axum_sse_event(),
            PatchSignals::new(w4::SIGNALS).write_as_axum_sse_event(),
            PatchElements::new_remove(w4::REMOVE).write_as_axum_sse_event(),
            ExecuteScript::new(w4::SCRIPT).write_as_axum_sse_event(),
            ExecuteScript::new(r#"setTimeout(() => window.location.href = "/guide")"#)
                .write_as_axum_sse_event(),
        ];
        let stream = futures_util::stream::iter(events.map(Ok::<_, Infallible>));
        collect_body(axum::response::Sse::new(stream).into_response(), sink).await
    }

    /// A copy of the expected bytes.
    pub async fn memcpy<S: Sink>(sink: S) -> S {
        copy_of(w4::WIRE.as_bytes(), sink)
    }
}

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
