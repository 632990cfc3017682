#!/usr/bin/env bash
# Installs what the tests need beyond the Rust toolchain, when it is missing:
#   - Debian's Chromium and ChromeDriver, for the browser tests (apt-get; needs root);
#   - Debian's nats-server, which the NATS tests start themselves (tests/live_nats.rs and
#     the live_nats_* browser scenarios; the package's service is not used);
#   - valgrind, whose callgrind counts the instructions of the benchmark workloads
#     (bench/tests/instructions.rs);
#   - the real Datastar 1.0.4 client at target/datastar/datastar.js (from crates.io).
# Idempotent: on a prepared machine it checks and returns without touching the network.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

packages=()
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  packages+=(chromium chromium-driver)
fi
# Debian puts it in /usr/sbin, which a non-root PATH may lack.
if ! command -v nats-server >/dev/null && [[ ! -x /usr/sbin/nats-server ]]; then
  packages+=(nats-server)
fi
if ! command -v valgrind >/dev/null; then
  packages+=(valgrind)
fi
if [[ ${#packages[@]} -gt 0 ]]; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "${packages[*]} missing; install them (as root):" >&2
    echo "  apt-get update && apt-get install -y ${packages[*]}" >&2
    exit 1
  fi
  echo "installing ${packages[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${packages[@]}"
fi

scripts/get-datastar-js.sh
