#!/usr/bin/env bash
# Compile-time cost of `datastar!` against the builder API.
#
# Generates, under target/compile-time/ (never committed), a workspace with two crates
# of 100 axum handlers each, sending the same events:
#
#   handlers-datastar   written with `datastar!`
#   handlers-builder    written with datastar-core's builders (PatchElements, …) and
#                       async_stream::stream!
#
# from the templates in bench/compile-time/ (4 kinds of handler: static events with a
# wait and a redirect; a template with holes and computed signals; if/else, a `for` loop
# with waits and a script; remove, nested signals and a `match`). Both crates mount their
# handlers on an axum Router, so the handlers are type-checked as axum handlers.
#
# Then it measures, for each crate, in its own target directory (never the workspace's):
#
#   clean build     `cargo build` from an empty target directory (all dependencies)
#   clean check     `cargo check` from an empty target directory (all dependencies)
#   crate build     `cargo build` of the handler crate alone, dependencies already built
#   crate check     `cargo check` of the handler crate alone, dependencies already checked
#
# The "crate" rows are the time a developer waits after an edit (the crate is touched and
# rebuilt). Each figure is the best of $REPEAT rounds, and rounds alternate the two
# crates. The script prints each pair with its ratio (the target of issue 5: crate
# check of datastar! <= 1.5x the builder's), then the time datastar-macros and the
# dependencies only it needs (html5gum ...) take in the clean build, from
# `cargo build --timings` (that part needs python3).
#
# Everything is built with CARGO_INCREMENTAL=0, so that "crate" rows measure a full
# compile of the crate rather than a reuse of incremental caches. The debug (dev)
# profile is used, as in day-to-day development.
#
# Usage:
#   scripts/compile-time.sh [HANDLERS]      # default 100; ~5 minutes on 2 cores
#
# Environment:
#   REPEAT=3        rounds (the best of each measurement is reported)
#   OFFLINE=1       pass --offline to cargo (default); OFFLINE=0 lets cargo fetch from
#                   crates.io (needed once if the registry cache lacks a dependency)
#   JOBS=N          cargo -j (default: cargo's own, the number of CPUs)
#   GENERATE_ONLY=1 write the two crates and stop (to read or build them by hand)
#
# The generated workspace starts from a copy of the repository's Cargo.lock, so it uses
# the same dependency versions as the workspace, and needs nothing beyond crates.io.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
templates=$root/bench/compile-time
handlers=${1:-100}
repeat=${REPEAT:-3}
out=$root/target/compile-time
workspace=$out/workspace
log=$out/last-cargo.log
if [[ ! -f $root/Cargo.toml || ! -d $root/datastar-core || ! -d $templates ]]; then
    echo "run this script from the repository (found no workspace at $root)" >&2
    exit 1
fi

cargo_flags=()
if [[ ${OFFLINE:-1} != 0 ]]; then
    cargo_flags+=(--offline)
fi
if [[ -n ${JOBS:-} ]]; then
    cargo_flags+=(-j "$JOBS")
fi
export CARGO_INCREMENTAL=0

variants=(builder datastar)

# --- generate ---------------------------------------------------------------------------

generate() {
    rm -rf "$workspace"
    mkdir -p "$workspace"
    cp "$root/Cargo.lock" "$workspace/Cargo.lock"
    cat >"$workspace/Cargo.toml" <<EOF
[workspace]
resolver = "3"
members = ["builder", "datastar"]
EOF
    local variant i
    for variant in "${variants[@]}"; do
        mkdir -p "$workspace/$variant/src"
        # The same dependencies for both, so that clean builds differ only by the code.
        cat >"$workspace/$variant/Cargo.toml" <<EOF
[package]
name = "handlers-$variant"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
datastar-core = { path = "$root/datastar-core" }
async-stream = "0.3.6"
axum = { version = "0.8.9", default-features = false }
serde = { version = "1.0.219", features = ["derive"] }
tokio = { version = "1.45", default-features = false, features = ["time"] }
EOF
        local lib=$workspace/$variant/src/lib.rs
        cat "$templates/$variant/prelude.rs" >"$lib"
        for ((i = 0; i < handlers; i++)); do
            sed "s/__I__/$i/g" "$templates/$variant/handler$((i % 4)).rs" >>"$lib"
        done
        {
            echo
            echo "/// Every handler, mounted."
            echo "pub fn router() -> axum::Router {"
            echo "    axum::Router::new()"
            for ((i = 0; i < handlers; i++)); do
                echo "        .route(\"/h$i\", get(h$i))"
            done
            echo "}"
        } >>"$lib"
    done
}

# --- measure ----------------------------------------------------------------------------

now() { date +%s.%N; }

# Runs cargo in the generated workspace; prints the wall-clock seconds it took.
timed_cargo() {
    local target=$1
    shift
    local start end
    start=$(now)
    if ! (cd "$workspace" && CARGO_TARGET_DIR=$target cargo "$@" "${cargo_flags[@]}") >"$log" 2>&1; then
        echo "cargo $* failed:" >&2
        cat "$log" >&2
        exit 1
    fi
    end=$(now)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'
}

declare -A seconds

# Keeps the smallest of the values recorded under one key.
record() {
    local key=$1 value=$2
    if [[ -z ${seconds[$key]:-} ]] || awk -v t="$value" -v b="${seconds[$key]}" 'BEGIN { exit !(t < b) }'; then
        seconds[$key]=$value
    fi
}

# One round: both crates, each from clean and then alone. Rounds alternate the two
# crates, so that a change of machine load during the run hits both alike.
measure_round() {
    local round=$1 variant build_target check_target
    for variant in "${variants[@]}"; do
        build_target=$out/target-build-$variant
        check_target=$out/target-check-$variant
        echo "  round $round/$repeat, $variant: clean build, crate build, clean check, crate check" >&2
        rm -rf "$build_target" "$check_target"
        record "clean_build_$variant" "$(timed_cargo "$build_target" build -p "handlers-$variant" --timings)"
        touch "$workspace/$variant/src/lib.rs"
        record "crate_build_$variant" "$(timed_cargo "$build_target" build -p "handlers-$variant")"
        record "clean_check_$variant" "$(timed_cargo "$check_target" check -p "handlers-$variant")"
        touch "$workspace/$variant/src/lib.rs"
        record "crate_check_$variant" "$(timed_cargo "$check_target" check -p "handlers-$variant")"
    done
}

# The time datastar-macros and the crates only it pulls in take in the clean build of
# handlers-datastar, from the --timings report.
macro_crate_cost() {
    local report=$out/target-build-datastar/cargo-timings/cargo-timing.html
    if ! command -v python3 >/dev/null || [[ ! -f $report ]]; then
        echo "(python3 or the --timings report is missing: no per-crate figures)"
        return
    fi
    # Packages in the dependency tree of handlers-datastar that disappear when
    # datastar-macros is pruned from it: the macro crate and what only it needs.
    local all pruned
    all=$(cd "$workspace" && cargo tree "${cargo_flags[@]}" -p handlers-datastar -e normal,build --prefix none --format '{p}' | sed 's/ (.*//; s/ (\*)//' | sort -u)
    pruned=$(cd "$workspace" && cargo tree "${cargo_flags[@]}" -p handlers-datastar -e normal,build --prefix none --format '{p}' --prune datastar-macros | sed 's/ (.*//; s/ (\*)//' | sort -u)
    comm -23 <(echo "$all") <(echo "$pruned") | python3 -c '
import json, re, sys
exclusive = {tuple(line.split()[:2]) for line in sys.stdin if line.strip()}
html = open(sys.argv[1], encoding="utf-8").read()
units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);\n", html, re.S).group(1))
total = 0.0
rows = {}
for unit in units:
    key = (unit["name"], "v" + unit["version"])
    if key in exclusive:
        rows[key] = rows.get(key, 0.0) + unit["duration"]
        total += unit["duration"]
for (name, version), duration in sorted(rows.items(), key=lambda row: -row[1]):
    print(f"| {name} {version} | {duration:.2f} s |")
print(f"| **datastar-macros and what only it needs** | **{total:.2f} s** |")
' "$report"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

main() {
    echo "Generating $handlers handlers twice under $workspace" >&2
    generate
    if [[ ${GENERATE_ONLY:-0} != 0 ]]; then
        echo "Generated; build with: cd $workspace && cargo build --offline" >&2
        return
    fi
    echo "Measuring (CARGO_INCREMENTAL=0, dev profile)" >&2
    local round
    for ((round = 1; round <= repeat; round++)); do
        measure_round "$round"
    done

    echo
    echo "Compile time of $handlers handlers, best of $repeat rounds ($(nproc) CPUs, $(rustc --version)):"
    echo
    echo "| | builder | datastar! | datastar! / builder |"
    echo "|---|---:|---:|---:|"
    local row label
    for row in clean_build clean_check crate_build crate_check; do
        case $row in
        clean_build) label="clean \`cargo build\` (all dependencies)" ;;
        clean_check) label="clean \`cargo check\` (all dependencies)" ;;
        crate_build) label="\`cargo build\` of the handler crate alone" ;;
        crate_check) label="\`cargo check\` of the handler crate alone" ;;
        esac
        echo "| $label | ${seconds[${row}_builder]} s | ${seconds[${row}_datastar]} s | $(ratio "${seconds[${row}_datastar]}" "${seconds[${row}_builder]}")× |"
    done
    echo
    echo "Time of the macro crate in the clean build of handlers-datastar (cargo --timings, per crate, not wall clock):"
    echo
    echo "| crate | time |"
    echo "|---|---:|"
    macro_crate_cost
}

main
