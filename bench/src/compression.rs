//! The compression workloads (issue 12): streams of events, each compressed with one
//! encoder per stream and flushed after every event, as `CompressionLayer` does.
//!
//! * [`live_feed`]: 1,000 `<li>` appends, as the `live` example sends chat messages;
//! * [`fat_morph`]: 1,000 re-renders of a 50-row table in which one cell changes, the
//!   "fat morph" the Tao of Datastar recommends;
//! * [`w4`]: W4's five events, a short stream where the encoder's set-up dominates.
//!
//! Each setting ([`settings`]) is a codec with its level and window, or identity.

use std::pin::pin;

use bytes::Bytes;
use datastar_core::compression::{Compression, Encoding};
use datastar_core::{Event, datastar};
use futures_core::Stream;

/// Events in the live feed and the fat-morph workloads.
pub const EVENTS: usize = 1_000;
/// Rows of the fat-morph table.
pub const ROWS: usize = 50;

/// A compression workload: a name for tables and the events of one stream.
#[derive(Debug)]
pub struct StreamWorkload {
    /// `live`, `morph` or `W4`.
    pub id: &'static str,
    /// What it is, for tables.
    pub title: &'static str,
    /// Every event of the stream, in order.
    pub events: Vec<Event>,
}

/// Every compression workload.
pub fn workloads() -> [StreamWorkload; 3] {
    [
        StreamWorkload {
            id: "live",
            title: "(a) live feed: 1,000 `<li>` appends",
            events: live_feed(),
        },
        StreamWorkload {
            id: "morph",
            title: "(b) fat morph: 1,000 re-renders of a 50-row table, one cell changed",
            events: fat_morph(),
        },
        StreamWorkload {
            id: "W4",
            title: "(c) W4: five events (elements, signals, remove, script, redirect)",
            events: w4(),
        },
    ]
}

/// A deterministic pseudo-random sequence (an LCG), so every run sends the same text.
struct Words(u64);

impl Words {
    const VOCABULARY: [&'static str; 48] = [
        "the",
        "pod",
        "bay",
        "doors",
        "open",
        "please",
        "HAL",
        "Dave",
        "mission",
        "Jupiter",
        "monolith",
        "signal",
        "crew",
        "antenna",
        "unit",
        "fault",
        "AE-35",
        "predict",
        "hours",
        "failure",
        "Frank",
        "outside",
        "EVA",
        "hibernation",
        "Discovery",
        "orbit",
        "camera",
        "chess",
        "rook",
        "queen",
        "move",
        "sorry",
        "afraid",
        "can't",
        "do",
        "that",
        "I'm",
        "checking",
        "status",
        "green",
        "red",
        "nominal",
        "sensor",
        "reading",
        "&",
        "<ok>",
        "\"quoted\"",
        "it's",
    ];

    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn sentence(&mut self) -> String {
        let len = 4 + self.next() % 12;
        let words: Vec<&str> = (0..len)
            .map(|_| Self::VOCABULARY[(self.next() % 48) as usize])
            .collect();
        words.join(" ")
    }
}

/// Collects a stream's events without a runtime: these streams never wait.
fn events(stream: impl Stream<Item = Event>) -> Vec<Event> {
    let mut stream = pin!(stream);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    let mut events = Vec::new();
    while let std::task::Poll::Ready(Some(event)) = stream.as_mut().poll_next(&mut cx) {
        events.push(event);
    }
    events
}

/// (a) 1,000 chat messages appended to a list, written as the `live` example writes them
/// (the message in an attribute's Datastar expression and in the text).
pub fn live_feed() -> Vec<Event> {
    let mut words = Words(12);
    let messages: Vec<String> = (0..EVENTS)
        .map(|n| format!("user{}: {}", n % 7, words.sentence()))
        .collect();
    events(datastar! {
        for message in messages {
            elements "<li data-on:click=\"$message = " (message) "\">" (message) "</li>", selector = "#messages", mode = append;
        }
    })
}

/// One order of the fat-morph table.
struct Order {
    id: usize,
    customer: String,
    item: &'static str,
    quantity: u64,
    total: String,
    status: &'static str,
}

const ITEMS: [&str; 6] = [
    "Widget",
    "Gadget",
    "Sprocket",
    "Flux capacitor",
    "Gizmo",
    "Doohickey",
];
const STATUSES: [&str; 4] = ["pending", "paid", "shipped", "delivered"];

/// (b) 1,000 re-renders of the whole table (the client morphs it by id), each after one
/// order's status or quantity changed: one cell differs from the render before.
pub fn fat_morph() -> Vec<Event> {
    let mut words = Words(7);
    let mut orders: Vec<Order> = (0..ROWS)
        .map(|id| Order {
            id,
            customer: format!(
                "{} {}",
                words.sentence().split(' ').next().unwrap_or("x"),
                id * 37 % 101
            ),
            item: ITEMS[id % ITEMS.len()],
            quantity: 1 + words.next() % 9,
            total: format!("{}.{:02}", 10 + words.next() % 990, words.next() % 100),
            status: STATUSES[id % STATUSES.len()],
        })
        .collect();
    let mut renders = Vec::with_capacity(EVENTS);
    for step in 0..EVENTS {
        let order = &mut orders[(words.next() as usize) % ROWS];
        if step % 2 == 0 {
            order.status = STATUSES[(words.next() as usize) % STATUSES.len()];
        } else {
            order.quantity = 1 + words.next() % 9;
        }
        let orders = &orders;
        renders.extend(events(datastar! {
            elements "<table id=\"orders\">\n<thead><tr><th>#</th><th>Customer</th><th>Item</th><th>Qty</th><th>Total</th><th>Status</th></tr></thead>\n<tbody>\n"
                for order in orders {
                    "<tr id=\"order-" (order.id) "\"><td>" (order.id) "</td><td>" (order.customer) "</td><td>" (order.item) "</td><td>" (order.quantity) "</td><td>€" (order.total) "</td><td class=\"status\">" (order.status) "</td></tr>\n"
                }
                "</tbody>\n</table>";
        }));
    }
    renders
}

/// (c) W4's five events, encoded by the builders.
pub fn w4() -> Vec<Event> {
    crate::w4::builder_events().to_vec()
}

/// A codec and its settings, or identity (`encoding` `None`).
#[derive(Clone, Debug)]
pub struct Setting {
    /// For tables: `identity`, `br q5 w18`, `zstd 3 w18`, `gzip 6`, …
    pub label: String,
    /// `None` for identity.
    pub encoding: Option<Encoding>,
    /// The settings the encoder is made with.
    pub compression: Compression,
    /// True for the crate's defaults.
    pub default: bool,
}

/// Identity, the defaults of each codec, then other levels and windows worth knowing.
pub fn settings() -> Vec<Setting> {
    let base = Compression::default();
    let mut settings = vec![Setting {
        label: "identity".into(),
        encoding: None,
        compression: base.clone(),
        default: false,
    }];
    let mut add = |encoding: Encoding, compression: Compression, label: String| {
        let default = compression == base;
        settings.push(Setting {
            label,
            encoding: Some(encoding),
            compression,
            default,
        });
    };
    // Quality 4 (any window) and 5 to 8 above window 16 show the `brotli` crate's loss
    // of matches on long streams (see `Compression::brotli`): window 22 only after
    // 8 MiB, past the end of these workloads.
    let brotli = [
        (5, 15),
        (5, 16),
        (6, 16),
        (8, 16),
        (4, 16),
        (5, 18),
        (5, 22),
        (9, 16),
        (9, 22),
        (11, 22),
    ];
    for (quality, window) in brotli {
        add(
            Encoding::Brotli,
            base.clone().brotli(quality, window),
            format!("br q{quality} w{window}"),
        );
    }
    let zstd = [
        (3, 15),
        (1, 15),
        (3, 16),
        (3, 18),
        (1, 18),
        (3, 22),
        (6, 20),
        (9, 20),
        (19, 22),
    ];
    for (level, window) in zstd {
        add(
            Encoding::Zstd,
            base.clone().zstd(level, window),
            format!("zstd {level} w{window}"),
        );
    }
    for level in [6, 1, 9] {
        add(
            Encoding::Gzip,
            base.clone().gzip(level),
            format!("gzip {level}"),
        );
    }
    add(Encoding::Deflate, base.clone(), "deflate 6".into());
    settings
}

/// The bytes one stream sends: each event compressed and flushed (or as it is), then
/// the codec's end.
pub fn compress(setting: &Setting, events: &[Event]) -> Vec<Bytes> {
    let Some(encoding) = setting.encoding else {
        return events
            .iter()
            .map(|event| event.clone().into_bytes())
            .collect();
    };
    let mut encoder = setting
        .compression
        .encoder(encoding)
        .expect("creating an encoder");
    let mut chunks: Vec<Bytes> = events
        .iter()
        .map(|event| encoder.encode(event.as_bytes()).expect("encoding"))
        .collect();
    chunks.push(encoder.finish().expect("finishing"));
    chunks
}
