#!/usr/bin/env bash
# The project's test command (see README), also what CI runs: installs what the tests need
# when it is missing (scripts/install-test-deps.sh: Chromium and ChromeDriver, the Datastar
# client), then formatting, lints, every test target (including the headless-browser tests),
# doctests, rustdoc without warnings, packaging of the published crates and, when the
# shared conformance runner is present, the Datastar SDK test suite against our example
# server.
#
# Every step runs even if an earlier one failed, so one run reports everything. The last line
# is exactly "N passed, N failed": the sum of all libtest "test result:" lines and the SDK
# runner's own summary, plus one failure for each step that failed without reporting tests
# (fmt, clippy, a compile error), so a failing run never claims "0 failed".
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# Disk: a clean run builds every framework, example, bench and test binary. Without
# incremental state and with line tables as the only debug info it fits in a fraction of the
# space full debug info takes (figures in the README's testing section); a value set by the caller
# wins.
export CARGO_INCREMENTAL=${CARGO_INCREMENTAL:-0}
export CARGO_PROFILE_DEV_DEBUG=${CARGO_PROFILE_DEV_DEBUG:-line-tables-only}

passed=0
failed=0
failed_steps=()
log=$(mktemp)
server_pid=
cleanup() {
  if [[ -n $server_pid ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -f "$log"
}
trap cleanup EXIT

# Adds the counts found in $log (output of step $1) to the totals: libtest's "test result:"
# lines, and for the sdk steps the runner's own "N passed, N failed" summary.
count_results() {
  local line
  while IFS= read -r line; do
    if [[ $line =~ ^test\ result:\ [A-Za-z]+\.\ ([0-9]+)\ passed\;\ ([0-9]+)\ failed ]] ||
      { [[ $1 == sdk* ]] && [[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; }; then
      passed=$((passed + BASH_REMATCH[1]))
      failed=$((failed + BASH_REMATCH[2]))
    fi
  done <"$log"
}

# step NAME COMMAND...: runs the command with its output shown and recorded.
step() {
  local name=$1 status=0 failed_before=$failed
  shift
  echo
  echo "==> $name: $*"
  "$@" 2>&1 | tee "$log" || status=$?
  count_results "$name"
  if [[ $status -ne 0 ]]; then
    failed_steps+=("$name")
    # A step that failed without a failing test counted (fmt, clippy, a build error) still
    # counts once, so the summary cannot read "0 failed".
    if [[ $failed -eq $failed_before ]]; then
      failed=$((failed + 1))
    fi
  fi
}

scripts/install-test-deps.sh

step fmt cargo fmt --all --check
step clippy cargo clippy --workspace --all-targets -- -D warnings
# --no-fail-fast: keep running the other test binaries after one fails, so counts are complete.
step test cargo test --workspace --all-targets --no-fail-fast
step doctest cargo test --workspace --doc --no-fail-fast
# The docs a user reads: no broken links or other rustdoc warnings, with default features
# and with every feature.
step doc env RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps
step doc-all-features env RUSTDOCFLAGS="-D warnings" cargo doc -p datastar-core --no-deps --all-features
# Each published crate alone, as docs.rs builds it: in the workspace, features unify and
# hide a link to an item that only another feature provides.
step doc-core-default env RUSTDOCFLAGS="-D warnings" cargo doc -p datastar-core --no-deps
step doc-live-all-features env RUSTDOCFLAGS="-D warnings" cargo doc -p datastar-live --no-deps --all-features
step doc-wire env RUSTDOCFLAGS="-D warnings" cargo doc -p datastar-wire --no-deps
step package scripts/check-package.sh
step features scripts/check-features.sh

# SDK conformance: the runner lives outside the repository (../shared), the server is our
# example `sdk_test_server`; each is only used when present.
sdk_runner=../shared/sdk-tests/run_sdk_tests.py
sdk_port=9200
has_example() {
  cargo metadata --no-deps --format-version 1 |
    python3 -c 'import json,sys; name=sys.argv[1]; m=json.load(sys.stdin); sys.exit(0 if any(t["name"]==name and "example" in t["kind"] for p in m["packages"] for t in p["targets"]) else 1)' "$1"
}
wait_for_port() {
  for _ in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    kill -0 "$server_pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
if [[ ! -f $sdk_runner ]]; then
  echo
  echo "==> sdk: skipped ($sdk_runner not found)"
elif ! has_example sdk_test_server; then
  echo
  echo "==> sdk: skipped (no sdk_test_server example yet)"
else
  echo
  echo "==> sdk: cargo build --workspace --example sdk_test_server"
  # --workspace: same feature resolution as the test step, so nothing is rebuilt.
  if cargo build --workspace --example sdk_test_server; then
    # Run the built binary directly (not `cargo run`) so that killing it ends the server.
    target_dir=$(cargo metadata --no-deps --format-version 1 |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
    # The same endpoint served by each framework the crate supports, each checked by the
    # official runner.
    for framework in axum actix rocket warp; do
      FRAMEWORK=$framework PORT=$sdk_port "$target_dir/debug/examples/sdk_test_server" &
      server_pid=$!
      if wait_for_port "$sdk_port"; then
        step "sdk-$framework" python3 "$sdk_runner" --server "http://127.0.0.1:$sdk_port" --html strict
      else
        echo "sdk_test_server ($framework) did not listen on port $sdk_port"
        failed_steps+=("sdk-$framework"); failed=$((failed + 1))
      fi
      kill "$server_pid" 2>/dev/null || true
      wait "$server_pid" 2>/dev/null || true
      server_pid=
    done
  else
    failed_steps+=(sdk-build); failed=$((failed + 1))
  fi
fi

echo
# What the run left on disk, so a CI log shows how close it came to a full disk.
target_dir=${target_dir:-$root/target}
echo "disk: $(du -sh "$target_dir" 2>/dev/null | cut -f1) in $target_dir, $(df -h --output=avail "$root" | tail -1 | tr -d ' ') free"
if [[ ${#failed_steps[@]} -gt 0 ]]; then
  echo "failed steps: ${failed_steps[*]}"
fi
echo "$passed passed, $failed failed"
[[ ${#failed_steps[@]} -eq 0 && $failed -eq 0 ]]
