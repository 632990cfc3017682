//! Runs one workload a fixed number of times inside [`measured`], for callgrind to count
//! the instructions of (`bench/tests/instructions.rs` runs it under
//! `valgrind --tool=callgrind --toggle-collect=*measured*`, one process per workload).
//!
//! ```text
//! instructions list          # the workload names, one per line
//! instructions W2/macro      # one workload, REPEATS times (after one run outside)
//! ```
//!
//! Workloads: every `datastar!` and builder way of W1-W5 (`datastar_bench::for_each_way!`;
//! the official crate's and memcpy's are not ours to guard) and the two `html!` pages.
#![forbid(unsafe_code)]

use std::hint::black_box;

use datastar_bench::pages::{TEAMS, YEAR, big_table_data, big_table_html, teams_html};
use datastar_bench::{Discard, Way, for_each_way};

/// Runs of the workload counted; the count reported is per run.
pub const REPEATS: u32 = 20;

type Run = Box<dyn Fn()>;

fn workloads() -> Vec<(String, Run)> {
    let mut all: Vec<(String, Run)> = Vec::new();
    macro_rules! add {
        ($all:expr, $workload:expr, $way:expr, $run:path) => {
            if matches!($way, Way::Macro | Way::Builder) {
                let runtime = datastar_bench::runtime();
                $all.push((
                    format!("{}/{}", $workload.id, $way.name()),
                    Box::new(move || {
                        black_box(runtime.block_on($run(Discard)));
                    }),
                ));
            }
        };
    }
    for_each_way!(add, &mut all);
    let table = big_table_data();
    all.push((
        "page/big-table".into(),
        Box::new(move || {
            black_box(big_table_html(black_box(&table)));
        }),
    ));
    all.push((
        "page/teams".into(),
        Box::new(|| {
            black_box(teams_html(black_box(YEAR), black_box(&TEAMS)));
        }),
    ));
    all
}

/// What callgrind counts: `REPEATS` runs of `run`.
#[inline(never)]
fn measured(run: &dyn Fn()) {
    for _ in 0..REPEATS {
        run();
    }
}

fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let workloads = workloads();
    if name == "list" {
        for (name, _) in &workloads {
            println!("{name}");
        }
        return;
    }
    let Some((_, run)) = workloads.iter().find(|(known, _)| *known == name) else {
        eprintln!("no workload {name:?}; `instructions list` names them");
        std::process::exit(2);
    };
    // Once outside: lazy statics and the allocator's first pages are not the workload.
    run();
    measured(run.as_ref());
}
