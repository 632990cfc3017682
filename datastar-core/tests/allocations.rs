//! Allocations per encoded event, counted by a wrapping global allocator.
//!
//! One `#[test]` only: the counters are global, so no other test may run beside it.

use std::alloc::System;
use std::time::Duration;

use datastar_core::__private::Buf;
use datastar_core::{Event, ExecuteScript, Mode, PatchElements, PatchSignals, Redirect};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Allocations (including reallocations) made while `encode` runs; the event is dropped
/// after counting. The counters are process-wide, and the test harness's own thread
/// allocates now and then (seen once: 4 extra during one encode), so `encode` runs three
/// times and the fewest count.
fn allocations(encode: impl Fn() -> Event) -> usize {
    (0..3)
        .map(|_| {
            let region = Region::new(GLOBAL);
            let event = std::hint::black_box(encode());
            let change = region.change();
            drop(event);
            change.allocations + change.reallocations
        })
        .min()
        .unwrap_or_default()
}

#[test]
fn allocations_per_encoded_event() {
    let rows = 20;
    let big = "<p>line of a large fragment, long enough to look like real HTML</p>\n".repeat(1000);
    let measured: Vec<(&str, usize, usize)> = vec![
        (
            "static event (datastar! pre-rendered)",
            allocations(|| {
                Event::from_static(
                    b"event: datastar-patch-elements\ndata: elements <div id=\"counter\">42</div>\n\n",
                )
            }),
            0,
        ),
        (
            "PatchElements, every option",
            allocations(|| {
                PatchElements::new("<li>a</li>\n<li>b</li>")
                    .selector("#list")
                    .mode(Mode::Append)
                    .view_transition(true)
                    .id("e1")
                    .retry(Duration::from_secs(2))
                    .encode()
                    .unwrap()
            }),
            1,
        ),
        (
            "PatchElements, 70 KB fragment",
            allocations(|| PatchElements::new(big.as_str()).encode().unwrap()),
            1,
        ),
        (
            "remove",
            allocations(|| PatchElements::remove("#a").encode().unwrap()),
            1,
        ),
        (
            "PatchSignals from JSON text",
            allocations(|| {
                PatchSignals::new(r#"{"hal":"..."}"#)
                    .only_if_missing(true)
                    .encode()
                    .unwrap()
            }),
            1,
        ),
        (
            "ExecuteScript",
            allocations(|| {
                ExecuteScript::new("console.log('hello')\nalert(1)")
                    .encode()
                    .unwrap()
            }),
            1,
        ),
        (
            // The second allocation is the builder's attribute list, not the encoding.
            "ExecuteScript with an attribute",
            allocations(|| {
                ExecuteScript::new("console.log('hello')\nalert(1)")
                    .attribute("type", "module")
                    .encode()
                    .unwrap()
            }),
            2,
        ),
        (
            "Redirect",
            allocations(|| Redirect::new("/guide?a=<b>").encode().unwrap()),
            1,
        ),
        (
            "template (Buf) with text, attribute and 20-row loop holes",
            allocations(|| {
                let mut buf = Buf::with_capacity(2048);
                buf.push_static(
                    b"event: datastar-patch-elements\ndata: elements <ul id=\"list\" title=\"",
                );
                buf.push_html("\ndata: elements ", "Dave's \"list\"");
                buf.push_static(b"\">");
                for row in 0..rows {
                    buf.push_static(b"<li>");
                    buf.push_html("\ndata: elements ", &row);
                    buf.push_static(b"</li>");
                }
                buf.push_static(b"</ul>\n\n");
                buf.finish()
            }),
            1,
        ),
        (
            "template (Buf) with a Serialize signals hole",
            allocations(|| {
                let mut buf = Buf::with_capacity(128);
                buf.push_static(b"event: datastar-patch-signals\ndata: signals {\"count\":");
                buf.push_json("\ndata: signals ", &[1, 2, 3]).unwrap();
                buf.push_static(b"}\n\n");
                buf.finish()
            }),
            1,
        ),
    ];
    println!("allocations per encoded event:");
    for (name, got, _) in &measured {
        println!("  {got}  {name}");
    }
    for (name, got, expected) in measured {
        assert_eq!(got, expected, "allocations for {name}");
    }
}
