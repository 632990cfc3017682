#!/usr/bin/env bash
# Installs what the tests need beyond the Rust toolchain, when it is missing:
#   - Debian's Chromium and ChromeDriver, for the browser tests (apt-get; needs root);
#   - the real Datastar 1.0.4 client at target/datastar/datastar.js (from crates.io).
# Idempotent: on a prepared machine it checks and returns without touching the network.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "chromium and chromedriver are missing; install them (as root):" >&2
    echo "  apt-get update && apt-get install -y chromium chromium-driver" >&2
    exit 1
  fi
  echo "installing chromium and chromium-driver with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver
fi

scripts/get-datastar-js.sh
