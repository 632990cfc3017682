//! Page rendering: `html!` against maud, askama and hypertext (`src/pages.rs`). The same
//! bytes are checked first; then criterion times each engine, and a paired run (every
//! engine once per round, 300 rounds, batches of ~200 µs) gives the ratios, which a
//! change of machine load hits alike.

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group};
use datastar_bench::pages::*;

type Way = (&'static str, Box<dyn Fn() -> usize>);

fn workloads() -> Vec<(&'static str, Vec<Way>)> {
    let table = big_table_data();
    let (t1, t2, t3, t4) = (table.clone(), table.clone(), table.clone(), table);
    vec![
        (
            "big-table",
            vec![
                (
                    "html!",
                    Box::new(move || big_table_html(black_box(&t1)).as_bytes().len())
                        as Box<dyn Fn() -> usize>,
                ),
                (
                    "maud",
                    Box::new(move || big_table_maud(black_box(&t2)).len()),
                ),
                (
                    "askama",
                    Box::new(move || big_table_askama(black_box(&t3)).len()),
                ),
                (
                    "hypertext",
                    Box::new(move || big_table_hypertext(black_box(&t4)).len()),
                ),
            ],
        ),
        (
            "teams",
            vec![
                (
                    "html!",
                    Box::new(|| {
                        teams_html(black_box(YEAR), black_box(&TEAMS))
                            .as_str()
                            .len()
                    }) as Box<dyn Fn() -> usize>,
                ),
                (
                    "maud",
                    Box::new(|| teams_maud(black_box(YEAR), black_box(&TEAMS)).len()),
                ),
                (
                    "askama",
                    Box::new(|| teams_askama(black_box(YEAR), black_box(&TEAMS)).len()),
                ),
                (
                    "hypertext",
                    Box::new(|| teams_hypertext(black_box(YEAR), black_box(&TEAMS)).len()),
                ),
            ],
        ),
    ]
}

fn criterion_benches(c: &mut Criterion) {
    for (workload, ways) in workloads() {
        let mut group = c.benchmark_group(workload);
        group.warm_up_time(Duration::from_millis(500));
        group.measurement_time(Duration::from_secs(2));
        for (name, way) in &ways {
            group.bench_function(*name, |b| b.iter(way));
        }
        group.finish();
    }
}

criterion_group!(benches, criterion_benches);

/// Time per call of `way`, over a batch of `count` calls.
fn batch(way: &dyn Fn() -> usize, count: u32) -> f64 {
    let start = Instant::now();
    for _ in 0..count {
        black_box(way());
    }
    start.elapsed().as_secs_f64() / f64::from(count)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn show(seconds: f64) -> String {
    if seconds < 1e-6 {
        format!("{:.1} ns", seconds * 1e9)
    } else {
        format!("{:.2} µs", seconds * 1e6)
    }
}

/// The paired table: each round times every engine once; ratios are per round.
fn paired() {
    const ROUNDS: usize = 300;
    println!(
        "\nPaired: medians over {ROUNDS} rounds, each round timing every engine once (batches of ~200 µs):\n"
    );
    println!(
        "| workload | html! | maud | askama | hypertext | maud / html! | askama / html! | hypertext / html! |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for (workload, ways) in workloads() {
        let counts: Vec<u32> = ways
            .iter()
            .map(|(_, way)| {
                let once = batch(way.as_ref(), 10).max(1e-9);
                ((200e-6 / once) as u32).clamp(1, 1_000_000)
            })
            .collect();
        let mut times = vec![Vec::with_capacity(ROUNDS); ways.len()];
        let mut ratios = vec![Vec::with_capacity(ROUNDS); ways.len()];
        for _ in 0..ROUNDS {
            let round: Vec<f64> = ways
                .iter()
                .zip(&counts)
                .map(|((_, way), &count)| batch(way.as_ref(), count))
                .collect();
            for (index, time) in round.iter().enumerate() {
                times[index].push(*time);
                ratios[index].push(time / round[0]);
            }
        }
        let medians: Vec<String> = times.iter_mut().map(|t| show(median(t))).collect();
        let ratio: Vec<String> = ratios[1..]
            .iter_mut()
            .map(|r| format!("{:.2}×", median(r)))
            .collect();
        println!(
            "| {workload} | {} | {} | {} | {} | {} | {} | {} |",
            medians[0], medians[1], medians[2], medians[3], ratio[0], ratio[1], ratio[2]
        );
    }
    println!("\n*engine / html!* is how many times faster `html!` is than that engine.");
}

fn main() {
    assert_same_bytes();
    benches();
    Criterion::default().configure_from_args().final_summary();
    paired();
}
