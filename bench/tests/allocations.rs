//! Allocations per event of every workload in every way, counted by a wrapping global
//! allocator, printed as a table (`cargo test -p datastar-bench --test allocations --
//! --nocapture`), and checked: `datastar!` static events never allocate, a template
//! event allocates once.
//!
//! One `#[test]` only: the counters are global, so no other test may run beside it.

use std::alloc::System;

use datastar_bench::{Discard, WORKLOADS, Way, Workload, for_each_way};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Runs measured per way, after one warm-up run (lazy statics, runtime thread-locals).
const RUNS: usize = 16;
/// Rounds of `RUNS` per way; the least is kept (see `measure!`).
const ROUNDS: usize = 3;

struct Measured {
    workload: &'static Workload,
    way: Way,
    /// Allocations plus reallocations per run.
    per_run: f64,
    /// Bytes allocated per run.
    bytes_per_run: f64,
}

impl Measured {
    fn per_event(&self) -> f64 {
        self.per_run / self.workload.events as f64
    }
}

#[test]
fn allocations_per_event() {
    let runtime = datastar_bench::runtime();
    let mut measured: Vec<Measured> = Vec::new();
    macro_rules! measure {
        ($workload:expr, $way:expr, $run:path) => {{
            let workload: &'static Workload = $workload;
            // The counters are global: another thread of the process (the test harness)
            // can allocate during a round, never free one of the workload's. The round
            // with the fewest allocations is the workload's own count.
            let change = (0..ROUNDS)
                .map(|_| {
                    runtime.block_on(async {
                        let mut sink = $run(Discard).await;
                        let region = Region::new(GLOBAL);
                        for _ in 0..RUNS {
                            sink = $run(sink).await;
                        }
                        region.change()
                    })
                })
                .min_by_key(|change| change.allocations + change.reallocations)
                .expect("at least one round");
            measured.push(Measured {
                workload,
                way: $way,
                per_run: (change.allocations + change.reallocations) as f64 / RUNS as f64,
                bytes_per_run: change.bytes_allocated as f64 / RUNS as f64,
            });
        }};
    }
    for_each_way!(measure);

    print_table(&measured);

    let get = |id: &str, way: Way| {
        measured
            .iter()
            .find(|m| m.workload.id == id && m.way == way)
    };
    let mut failures = Vec::new();
    let mut expect = |id: &str, way: Way, at_most_per_event: f64, why: &str| {
        if let Some(m) = get(id, way)
            && m.per_event() > at_most_per_event
        {
            failures.push(format!(
                "{id} {}: {} allocations per event, at most {at_most_per_event} allowed ({why})",
                way.name(),
                m.per_event()
            ));
        }
    };
    // `datastar!`: the claims of the design.
    expect("W1", Way::Macro, 0.0, "a static event is a &'static str");
    expect("W4", Way::Macro, 0.0, "static events are one &'static str");
    expect(
        "W2",
        Way::Macro,
        1.0,
        "issue 5: a templated event allocates at most once: the buffer is sized for the \
         static parts, 32 bytes per hole, and the 20-row loop from its iterator's \
         `size_hint`, before it is allocated",
    );
    // Content given as an expression goes into a buffer sized at compile time (static
    // parts plus 32 bytes), which grows once, exactly, to the content's size.
    expect(
        "W3",
        Way::Macro,
        2.0,
        "one buffer, grown once to the content's size",
    );
    expect(
        "W3b",
        Way::Macro,
        2.0,
        "one buffer, grown once to the content's size",
    );
    // The builders: one exactly sized buffer per event (W2 adds the handler's own String).
    expect("W1", Way::Builder, 1.0, "one buffer per event");
    expect(
        "W2",
        Way::Builder,
        2.0,
        "the handler's HTML String, then one buffer",
    );
    expect("W3", Way::Builder, 1.0, "one buffer per event");
    expect("W3b", Way::Builder, 1.0, "one buffer per event");
    expect("W4", Way::Builder, 1.0, "one buffer per event");
    // The memcpy baseline reuses its buffer.
    for workload in WORKLOADS {
        expect(workload.id, Way::Memcpy, 0.0, "a reused buffer");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn print_table(measured: &[Measured]) {
    const WAYS: [Way; 4] = [Way::Macro, Way::Builder, Way::Official, Way::Memcpy];
    println!();
    println!("Allocations per event (allocations + reallocations, mean of {RUNS} runs):");
    println!();
    println!("| workload | events | macro | builder | official | memcpy |");
    println!("|---|---:|---:|---:|---:|---:|");
    for workload in WORKLOADS {
        let cells = WAYS.map(|way| {
            measured
                .iter()
                .find(|m| m.workload.id == workload.id && m.way == way)
                .map_or("-".to_owned(), |m| {
                    format!("{} ({:.0} B)", trim(m.per_event()), m.bytes_per_run)
                })
        });
        println!(
            "| {} {} | {} | {} |",
            workload.id,
            workload.title,
            workload.events,
            cells.join(" | ")
        );
    }
    println!();
    println!("(B: bytes allocated per run, all events of the run together)");
}

/// `1` rather than `1.00`, `0.4` rather than `0.40`.
fn trim(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}
