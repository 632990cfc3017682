//! The wire benchmark: every workload of `datastar_bench` (W1-W5) produced by the
//! `datastar!` stream, by `datastar-core`'s builders, by the official `datastar` crate
//! 0.4.1, and copied with `memcpy`, in one process.
//!
//! Before timing, every way's bytes are checked against the workload's expected bytes.
//! After criterion has timed every (workload, way) pair, two tables are printed:
//!
//! * criterion's medians of this run, and their ratios;
//! * paired ratios: the ways of one workload timed in turn, in short batches, round
//!   after round (`PAIRED_ROUNDS`, default 400), and the median of the per-round
//!   ratios. A change of machine load during the run hits every way of a round alike,
//!   so these ratios are steadier than ratios of separately measured medians on a
//!   shared machine. `PAIRED_ROUNDS=0` skips them.
//!
//! `Throughput` is the workload's wire bytes, so criterion also prints bytes per second.
//!
//! ```text
//! cargo bench -p datastar-bench                 # the whole suite, a few minutes
//! cargo bench -p datastar-bench -- W3           # one workload (W3 and W3b)
//! ```

use std::future::Future;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

use criterion::{Criterion, Throughput};
use datastar_bench::{Discard, WORKLOADS, Way, Workload, for_each_way};
use tokio::runtime::Runtime;

/// The order of the columns in the summary.
const WAYS: [Way; 4] = [Way::Macro, Way::Builder, Way::Official, Way::Memcpy];

fn main() {
    datastar_bench::assert_identical_bytes();
    let started = SystemTime::now();
    let runtime = datastar_bench::runtime();
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();

    macro_rules! bench {
        ($criterion:expr, $runtime:expr, $workload:expr, $way:expr, $run:path) => {
            bench_way($criterion, $runtime, $workload, $way, |sink: Discard| {
                $run(sink)
            })
        };
    }
    for_each_way!(bench, &mut criterion, &runtime);

    criterion.final_summary();
    if !benchmarking() {
        return;
    }
    print_summary(started);

    let rounds = std::env::var("PAIRED_ROUNDS")
        .ok()
        .and_then(|rounds| rounds.parse().ok())
        .unwrap_or(400);
    if rounds > 0 {
        let mut runners: Vec<Runner<'_>> = Vec::new();
        macro_rules! runner {
            ($runners:expr, $runtime:expr, $workload:expr, $way:expr, $run:path) => {
                $runners.push(Runner {
                    workload: $workload,
                    way: $way,
                    run: Box::new(|iters| time_batch($runtime, iters, |sink: Discard| $run(sink))),
                })
            };
        }
        for_each_way!(runner, runners, &runtime);
        let filters = filters();
        runners.retain(|runner| {
            filters.is_empty()
                || filters.iter().any(|filter| {
                    format!("{}/{}", runner.workload.id, runner.way.name())
                        .contains(filter.as_str())
                })
        });
        print_paired(&runners, rounds);
    }
}

/// One way of one workload, as a function timing `iters` iterations.
struct Runner<'a> {
    workload: &'static Workload,
    way: Way,
    run: Box<dyn Fn(u64) -> Duration + 'a>,
}

/// Runs `iters` iterations inside one `block_on`, so that the runtime's entry cost is not
/// part of the figure, and returns the time they took.
fn time_batch<F, Fut>(runtime: &Runtime, iters: u64, run: F) -> Duration
where
    F: Fn(Discard) -> Fut,
    Fut: Future<Output = Discard>,
{
    runtime.block_on(async {
        let start = Instant::now();
        for _ in 0..iters {
            black_box(run(Discard).await);
        }
        start.elapsed()
    })
}

/// True when run by `cargo bench` (not `cargo test --benches`, `--list` or `--profile-time`).
fn benchmarking() -> bool {
    let args: Vec<String> = std::env::args().collect();
    args.iter().any(|arg| arg == "--bench")
        && !args
            .iter()
            .any(|arg| matches!(arg.as_str(), "--list" | "--test" | "--profile-time"))
}

/// The positional arguments (criterion's benchmark filters).
fn filters() -> Vec<String> {
    const WITH_VALUE: [&str; 15] = [
        "--warm-up-time",
        "--measurement-time",
        "--sample-size",
        "--save-baseline",
        "--baseline",
        "--baseline-lenient",
        "--load-baseline",
        "--noise-threshold",
        "--confidence-level",
        "--significance-level",
        "--nresamples",
        "--output-format",
        "--color",
        "--plotting-backend",
        "--format",
    ];
    let mut filters = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if WITH_VALUE.contains(&arg.as_str()) {
            args.next();
        } else if !arg.starts_with('-') {
            filters.push(arg);
        }
    }
    filters
}

/// Times the ways of each workload in turn, `rounds` times, and prints the medians of
/// the per-round times and ratios. The ratios to memcpy come from rounds of the macro,
/// builder and memcpy ways; the ratios to the official crate from rounds of the macro,
/// builder and official ways: the official crate's many allocations change the state of
/// the allocator (glibc gives memory back to the system and faults it in again), which
/// would otherwise slow the next way's large buffers down.
fn print_paired(runners: &[Runner<'_>], rounds: usize) {
    println!();
    println!(
        "Paired: medians over {rounds} rounds, each round timing every way once (batches of ~200 µs):"
    );
    println!();
    println!(
        "| workload | macro | builder | official | memcpy | official / macro | official / builder | macro / memcpy | builder / memcpy |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for workload in WORKLOADS {
        let find = |way: Way| {
            runners
                .iter()
                .find(|runner| runner.workload.id == workload.id && runner.way == way)
        };
        if WAYS.iter().all(|way| find(*way).is_none()) {
            continue;
        }
        let local = paired_rounds(&[Way::Macro, Way::Builder, Way::Memcpy].map(find), rounds);
        let official = paired_rounds(&[Way::Macro, Way::Builder, Way::Official].map(find), rounds);
        let time = |value: Option<f64>| value.map_or("-".to_owned(), format_time);
        let ratio =
            |value: Option<f64>| value.map_or("-".to_owned(), |value| format!("{value:.2}×"));
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            workload.id,
            time(local.time(0)),
            time(local.time(1)),
            time(official.time(2)),
            time(local.time(2)),
            ratio(official.ratio(2, 0)),
            ratio(official.ratio(2, 1)),
            ratio(local.ratio(0, 2)),
            ratio(local.ratio(1, 2)),
        );
    }
}

/// Per-iteration times of some ways, one entry per round (`None` for a missing way).
struct Rounds(Vec<Option<Vec<f64>>>);

impl Rounds {
    fn time(&self, way: usize) -> Option<f64> {
        self.0[way].clone().map(median)
    }

    fn ratio(&self, a: usize, b: usize) -> Option<f64> {
        let (a, b) = (self.0[a].as_ref()?, self.0[b].as_ref()?);
        Some(median(a.iter().zip(b).map(|(a, b)| a / b).collect()))
    }
}

fn paired_rounds(ways: &[Option<&Runner<'_>>], rounds: usize) -> Rounds {
    const BATCH: Duration = Duration::from_micros(200);
    // Iterations per batch, so that a batch takes about BATCH.
    let iters: Vec<u64> = ways
        .iter()
        .map(|runner| {
            let Some(runner) = runner else { return 0 };
            let mut iters = 1;
            while (runner.run)(iters) < BATCH / 2 && iters < 1 << 30 {
                iters *= 2;
            }
            iters
        })
        .collect();
    let mut times: Vec<Option<Vec<f64>>> = ways
        .iter()
        .map(|runner| runner.map(|_| Vec::with_capacity(rounds)))
        .collect();
    for round in 0..rounds {
        // Rotate the order, so that no way always runs first or last.
        for k in 0..ways.len() {
            let index = (round + k) % ways.len();
            if let (Some(runner), Some(times)) = (ways[index], &mut times[index]) {
                let elapsed = (runner.run)(iters[index]);
                times.push(elapsed.as_nanos() as f64 / iters[index] as f64);
            }
        }
    }
    Rounds(times)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Times one way with criterion.
fn bench_way<F, Fut>(
    criterion: &mut Criterion,
    runtime: &Runtime,
    workload: &Workload,
    way: Way,
    run: F,
) where
    F: Fn(Discard) -> Fut,
    Fut: Future<Output = Discard>,
{
    let mut group = criterion.benchmark_group(workload.id);
    group.throughput(Throughput::Bytes((workload.wire)().len() as u64));
    group.bench_function(way.name(), |bencher| {
        bencher.iter_custom(|iters| time_batch(runtime, iters, &run));
    });
    group.finish();
}

/// Prints the medians of this run and their ratios, read back from criterion's
/// `estimates.json` files (only those written by this process).
fn print_summary(started: SystemTime) {
    let Some(dir) = criterion_dir() else {
        println!("(no criterion output directory found; no summary)");
        return;
    };
    let median = |workload: &Workload, way: Way| -> Option<f64> {
        let path = dir
            .join(workload.id)
            .join(way.name())
            .join("new")
            .join("estimates.json");
        let modified = std::fs::metadata(&path).ok()?.modified().ok()?;
        if modified < started {
            return None;
        }
        let text = std::fs::read_to_string(&path).ok()?;
        let json: serde_json::Value = serde_json::from_str(&text).ok()?;
        json["median"]["point_estimate"].as_f64()
    };
    let show = |value: Option<f64>, unit: &str| match value {
        Some(value) if unit == "ns" => format_time(value),
        Some(value) => format!("{value:.2}{unit}"),
        None => "-".to_owned(),
    };
    let ratio = |a: Option<f64>, b: Option<f64>| Some(a? / b?);

    println!();
    println!("Medians of this run (criterion), and ratios:");
    println!();
    println!(
        "| workload | macro | builder | official | memcpy | official / macro | official / builder | macro / memcpy | builder / memcpy |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for workload in WORKLOADS {
        let [m, b, o, c] = WAYS.map(|way| median(workload, way));
        if [m, b, o, c].iter().all(Option::is_none) {
            continue;
        }
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            workload.id,
            show(m, "ns"),
            show(b, "ns"),
            show(o, "ns"),
            show(c, "ns"),
            show(ratio(o, m), "×"),
            show(ratio(o, b), "×"),
            show(ratio(m, c), "×"),
            show(ratio(b, c), "×"),
        );
    }
}

fn format_time(ns: f64) -> String {
    if ns < 1_000.0 {
        format!("{ns:.1} ns")
    } else if ns < 1_000_000.0 {
        format!("{:.2} µs", ns / 1_000.0)
    } else {
        format!("{:.2} ms", ns / 1_000_000.0)
    }
}

/// Where criterion writes: `$CRITERION_HOME`, else `$CARGO_TARGET_DIR/criterion`, else
/// the target directory `cargo metadata` reports, plus `criterion`.
fn criterion_dir() -> Option<PathBuf> {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return Some(home.into());
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return Some(PathBuf::from(target).join("criterion"));
    }
    let output = std::process::Command::new(std::env::var_os("CARGO")?)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .output()
        .ok()?;
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).ok()?;
    Some(PathBuf::from(metadata["target_directory"].as_str()?).join("criterion"))
}
