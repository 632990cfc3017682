#!/usr/bin/env bash
# Load of the `live` example (figures in BENCHMARKS.md): builds the example and the load
# tool (bench/src/bin/live_load.rs) in release mode, then
#   nats:   a nats-server -js (free port, temporary store) and 2 instances on it, with
#           $STREAMS streams on each;
#   memory: 1 instance with the in-process log and 2 x $STREAMS streams (the same number
#           of deliveries);
#   nats1:  (not run unless asked) 1 instance on NATS with 2 x $STREAMS streams, to tell
#           the cost of NATS from that of two processes sharing two cores;
# posting $RATE commands a second for $SECONDS_PER_RUN seconds, and prints one table row per run.
# Everything listens on 127.0.0.1 and is stopped at the end.
#
#   scripts/live-load.sh                 # both, STREAMS=1000 RATE=20 SECONDS_PER_RUN=20
#   RATE=50 MODES=nats scripts/live-load.sh
#   WORKERS=1 MODES=nats scripts/live-load.sh   # TOKIO_WORKER_THREADS of each instance
#   CARGO_CMD="flock /tmp/cargo.lock cargo" scripts/live-load.sh   # on a shared machine
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

streams=${STREAMS:-1000}
rate=${RATE:-20}
seconds=${SECONDS_PER_RUN:-20}
modes=${MODES:-nats memory}
cargo_cmd=${CARGO_CMD:-cargo}

$cargo_cmd build --release --quiet -p datastar-examples --example live -p datastar-bench --bin live_load
target=$(cargo metadata --no-deps --format-version 1 |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
live=$target/release/examples/live
load=$target/release/live_load
nats_server=${NATS_SERVER:-$(command -v nats-server || echo /usr/sbin/nats-server)}

dir=$(mktemp -d)
pids=()
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
trap 'stop_all; rm -rf "$dir"' EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_port() {
  for _ in $(seq 1 200); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.05
  done
  echo "nothing listens on port $1" >&2
  return 1
}
instance() { # PORT [VAR=VALUE...]: starts the example in the background
  local port=$1
  shift
  env PORT="$port" ${WORKERS:+TOKIO_WORKER_THREADS=$WORKERS} "$@" "$live" >"$dir/live-$port.log" 2>&1 &
  pids+=($!)
  wait_port "$port"
}

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "offered: $rate commands/s for ${seconds}s${WORKERS:+, $WORKERS worker thread(s) per instance}"
# Starts a JetStream server on a free port (its store in $dir), as $nats_port.
start_nats() {
  nats_port=$(free_port)
  "$nats_server" -js -a 127.0.0.1 -p "$nats_port" -sd "$dir/store" -l "$dir/nats.log" &
  pids+=($!)
  wait_port "$nats_port"
}

for mode in $modes; do
  echo
  case $mode in
  nats)
    start_nats
    a=$(free_port)
    instance "$a" NATS_URL="nats://127.0.0.1:$nats_port"
    b=$(free_port)
    instance "$b" NATS_URL="nats://127.0.0.1:$nats_port"
    echo "== NATS JetStream, 2 instances x $streams streams"
    "$load" --url "http://127.0.0.1:$a" --url "http://127.0.0.1:$b" \
      --streams "$streams" --rate "$rate" --seconds "$seconds"
    ;;
  nats1)
    start_nats
    a=$(free_port)
    instance "$a" NATS_URL="nats://127.0.0.1:$nats_port"
    echo "== NATS JetStream, 1 instance x $((2 * streams)) streams"
    "$load" --url "http://127.0.0.1:$a" --streams "$((2 * streams))" --rate "$rate" --seconds "$seconds"
    ;;
  memory)
    c=$(free_port)
    instance "$c"
    echo "== in process, 1 instance x $((2 * streams)) streams"
    "$load" --url "http://127.0.0.1:$c" --streams "$((2 * streams))" --rate "$rate" --seconds "$seconds"
    ;;
  *)
    echo "unknown mode $mode (nats, nats1 or memory)" >&2
    exit 2
    ;;
  esac
  stop_all
  rm -rf "$dir/store"
done
