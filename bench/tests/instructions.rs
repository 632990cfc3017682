//! The instruction-count guard: callgrind (valgrind) counts the instructions of every
//! `datastar!` and builder workload (W1-W5) and of the `html!` pages, in a release build
//! of `src/bin/instructions.rs`, and each count is compared with the committed baseline
//! `bench/instructions.txt`: more than 5% above it fails. Counts are deterministic for a
//! given compiler and machine type, so unlike wall-clock times they can be checked on
//! every run.
//!
//! After a change that makes a workload slower on purpose, or faster (a faster count is
//! reported but passes), write the new baseline with `BLESS_INSTRUCTIONS=1` and say why in
//! the commit.
//!
//! Needs `valgrind` (installed by `scripts/install-test-deps.sh`) and builds the release
//! binary itself (`cargo build --release`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// How far above its baseline a count may go.
const TOLERANCE: f64 = 0.05;
/// Runs per count (the binary's `REPEATS`).
const REPEATS: u64 = 20;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace")
        .to_owned()
}

/// Builds the release binary and returns its path.
fn release_binary() -> PathBuf {
    let status = Command::new(env!("CARGO"))
        .current_dir(workspace())
        .args([
            "build",
            "--release",
            "--quiet",
            "-p",
            "datastar-bench",
            "--bin",
            "instructions",
        ])
        .status()
        .expect("running cargo");
    assert!(
        status.success(),
        "cargo build --release of `instructions` failed"
    );
    // This test runs from <target>/debug/deps/.
    let target = std::env::current_exe()
        .expect("the test binary")
        .ancestors()
        .nth(3)
        .expect("the target directory")
        .to_owned();
    target.join("release").join("instructions")
}

/// Instructions per run of `workload`, counted by callgrind.
fn count(binary: &Path, workload: &str, out: &Path) -> u64 {
    let output = Command::new("valgrind")
        .arg("--tool=callgrind")
        .arg(format!("--callgrind-out-file={}", out.display()))
        .arg("--toggle-collect=*measured*")
        .arg(binary)
        .arg(workload)
        .output()
        .expect("running valgrind (install it: apt-get install valgrind)");
    assert!(
        output.status.success(),
        "valgrind {workload}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let profile = std::fs::read_to_string(out).expect("callgrind's output");
    let total: u64 = profile
        .lines()
        .find_map(|line| line.strip_prefix("totals: "))
        .and_then(|total| total.trim().parse().ok())
        .unwrap_or_else(|| panic!("no totals line in callgrind's output for {workload}"));
    total / REPEATS
}

fn read_baseline(path: &Path) -> BTreeMap<String, u64> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| {
            let (name, count) = line.split_once(' ')?;
            Some((name.to_owned(), count.trim().parse().ok()?))
        })
        .collect()
}

#[test]
fn instruction_counts_stay_within_5_percent_of_the_baseline() {
    let binary = release_binary();
    let listed = Command::new(&binary).arg("list").output().expect("listing");
    let names: Vec<String> = String::from_utf8_lossy(&listed.stdout)
        .lines()
        .map(str::to_owned)
        .collect();
    assert!(names.len() >= 14, "workloads: {names:?}");
    let out = std::env::temp_dir().join(format!("instructions-{}.out", std::process::id()));
    let counts: BTreeMap<String, u64> = names
        .iter()
        .map(|name| (name.clone(), count(&binary, name, &out)))
        .collect();
    let _ = std::fs::remove_file(&out);

    let baseline_path = workspace().join("bench").join("instructions.txt");
    if std::env::var_os("BLESS_INSTRUCTIONS").is_some() {
        let mut text = String::from(
            "# Instructions per run of each workload, counted by callgrind in a release build\n\
             # (bench/tests/instructions.rs). Written with BLESS_INSTRUCTIONS=1.\n",
        );
        for (name, count) in &counts {
            text.push_str(&format!("{name} {count}\n"));
        }
        std::fs::write(&baseline_path, text).expect("writing the baseline");
        println!("wrote {}", baseline_path.display());
        return;
    }
    let baseline = read_baseline(&baseline_path);
    let mut regressions = Vec::new();
    for (name, &count) in &counts {
        let Some(&base) = baseline.get(name) else {
            regressions.push(format!("{name}: {count} instructions, not in the baseline"));
            continue;
        };
        let change = count as f64 / base as f64 - 1.0;
        println!(
            "{name}: {count} instructions per run (baseline {base}, {:+.1}%)",
            change * 100.0
        );
        if change > TOLERANCE {
            regressions.push(format!(
                "{name}: {count} instructions per run, {:+.1}% over the baseline {base}",
                change * 100.0
            ));
        }
    }
    assert!(
        regressions.is_empty(),
        "instruction counts over the baseline (BLESS_INSTRUCTIONS=1 writes a new one, if the \
         slowdown is wanted):\n{}",
        regressions.join("\n")
    );
}
