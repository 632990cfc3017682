//! The compression benchmark (issue 12): for each workload of
//! `datastar_bench::compression` and each setting (identity, every codec at its default
//! and at other levels and windows), the bytes on the wire, the ratio to identity, the
//! CPU per event, and the memory an open connection holds.
//!
//! * Bytes: every event compressed and flushed, plus the codec's end, as
//!   `CompressionLayer` sends them.
//! * CPU per event: a whole stream (encoder set-up, every event, finish) timed again and
//!   again for at least `MIN_TIME` and 3 runs; the median run, divided by its events.
//!   "set-up" is the same for a stream with no event (creating and finishing an encoder).
//! * Memory per connection: resident memory (`/proc/self/statm`) added by `CONNECTIONS`
//!   encoders that stay open, measured in a fresh child process per setting, once after
//!   each has sent the first re-render of the fat-morph table and once after all 1,000
//!   (the window full). It counts everything a connection keeps: the codec's state and
//!   window (zstd's, in C, included) and the output buffer.
//!
//! ```text
//! cargo bench -p datastar-bench --bench compression     # about 2 minutes on 2 CPUs
//! ```
//!
//! The tables are printed as Markdown, ready for BENCHMARKS.md.

use std::hint::black_box;
use std::process::Command;
use std::time::{Duration, Instant};

use datastar_bench::compression::{Setting, compress, fat_morph, settings, workloads};

const MIN_TIME: Duration = Duration::from_millis(300);
const CONNECTIONS: usize = 16;
const PROBE: &str = "DATASTAR_COMPRESSION_MEMORY_PROBE";

fn main() {
    if let Ok(index) = std::env::var(PROBE) {
        let setting = &settings()[index.parse::<usize>().expect("a setting index")];
        probe_memory(setting);
        return;
    }
    // `cargo bench` passes `--bench`; `cargo test --benches` does not: then only check
    // that everything runs.
    let benchmarking = std::env::args().any(|arg| arg == "--bench");
    let settings = settings();
    let workloads = workloads();

    print!("| setting | set-up |");
    for workload in &workloads {
        print!(" {} bytes | ratio | CPU/event |", workload.id);
    }
    println!(" memory/connection (1 event → 1,000) |");
    print!("|---|---:|");
    for _ in &workloads {
        print!("---:|---:|---:|");
    }
    println!("---:|");

    for (index, setting) in settings.iter().enumerate() {
        let label = if setting.default {
            format!("**{}** (default)", setting.label)
        } else {
            setting.label.clone()
        };
        print!(
            "| {label} | {} |",
            time(time_of(setting, &[], benchmarking))
        );
        for workload in &workloads {
            let identity: usize = workload.events.iter().map(|e| e.as_bytes().len()).sum();
            let bytes: usize = compress(setting, &workload.events)
                .iter()
                .map(|chunk| chunk.len())
                .sum();
            let per_event = time_of(setting, &workload.events, benchmarking)
                / u32::try_from(workload.events.len()).expect("few events");
            print!(
                " {bytes} | {:.1}× | {} |",
                identity as f64 / bytes as f64,
                time(per_event)
            );
        }
        let memory = if setting.encoding.is_some() && benchmarking {
            memory_of(index)
        } else {
            "–".to_owned()
        };
        println!(" {memory} |");
    }
}

/// Median time of one whole stream: set-up, every event, finish.
fn time_of(setting: &Setting, events: &[datastar_core::Event], benchmarking: bool) -> Duration {
    let mut runs = Vec::new();
    let started = Instant::now();
    while runs.len() < 3 || (benchmarking && started.elapsed() < MIN_TIME) {
        let run = Instant::now();
        black_box(compress(setting, black_box(events)));
        runs.push(run.elapsed());
        if !benchmarking {
            break;
        }
    }
    runs.sort_unstable();
    runs[runs.len() / 2]
}

fn time(duration: Duration) -> String {
    let ns = duration.as_nanos() as f64;
    if ns >= 1e6 {
        format!("{:.2} ms", ns / 1e6)
    } else if ns >= 1e3 {
        format!("{:.1} µs", ns / 1e3)
    } else {
        format!("{ns:.0} ns")
    }
}

/// Runs this binary as a probe for setting `index` and returns its answer.
fn memory_of(index: usize) -> String {
    let output = Command::new(std::env::current_exe().expect("the bench binary"))
        .env(PROBE, index.to_string())
        .output()
        .expect("running the memory probe");
    assert!(output.status.success(), "memory probe {index} failed");
    String::from_utf8(output.stdout)
        .expect("UTF-8")
        .trim()
        .to_owned()
}

/// In the child: resident memory per open connection after one event and after all.
fn probe_memory(setting: &Setting) {
    let events = fat_morph();
    let encoding = setting.encoding.expect("a codec");
    let before = resident();
    let mut encoders: Vec<_> = (0..CONNECTIONS)
        .map(|_| setting.compression.encoder(encoding).expect("an encoder"))
        .collect();
    let mut sent = Vec::new();
    for encoder in &mut encoders {
        sent.push(encoder.encode(events[0].as_bytes()).expect("encoding"));
    }
    let first = resident();
    for encoder in &mut encoders {
        for event in &events[1..] {
            // Dropped as a server drops a chunk once written.
            drop(encoder.encode(event.as_bytes()).expect("encoding"));
        }
    }
    let full = resident();
    black_box((&encoders, &sent));
    let per = |bytes: usize| bytes.saturating_sub(before) / CONNECTIONS;
    println!("{} → {}", size(per(first)), size(per(full)));
}

fn size(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MiB", bytes as f64 / f64::from(1 << 20))
    } else {
        format!("{} KiB", bytes >> 10)
    }
}

/// Resident bytes of this process.
fn resident() -> usize {
    let statm = std::fs::read_to_string("/proc/self/statm").expect("/proc/self/statm");
    let pages: usize = statm
        .split_whitespace()
        .nth(1)
        .and_then(|pages| pages.parse().ok())
        .expect("resident pages");
    pages * 4096
}
