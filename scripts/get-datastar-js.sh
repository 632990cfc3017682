#!/usr/bin/env bash
# Installs the Datastar 1.0.4 browser client (upstream bundles/datastar.js, MIT) for the
# browser tests, at the path given as $1 (default: target/datastar/datastar.js, relative to
# the workspace root).
#
# Why crates.io: CI may only reach crates.io, and the crate runnerd-web 0.0.27 ships the
# unmodified upstream bundle as assets/datastar.js. We let cargo download that package
# (nothing is built, and it never becomes a dependency of ours), extract the one file and
# accept it only if its SHA-256 matches the known 1.0.4 bundle.
#
# Idempotent: exits early when the destination already holds the right bytes.
set -euo pipefail

readonly PKG=runnerd-web
readonly VER=0.0.27
readonly MEMBER="$PKG-$VER/assets/datastar.js"
readonly SHA256=727844adfc825ee651fb93c544a2a739986f9a21820a94524b35f0cac470cf91

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
dest=${1:-$root/target/datastar/datastar.js}

has_right_bytes() {
  [[ -f $1 ]] && [[ $(sha256sum "$1" | cut -d' ' -f1) == "$SHA256" ]]
}

if has_right_bytes "$dest"; then
  echo "datastar.js 1.0.4 present: $dest"
  exit 0
fi

registry_cache=${CARGO_HOME:-$HOME/.cargo}/registry/cache
find_crate() {
  # The cache directory name embeds a hash of the registry URL; any crates.io cache will do
  # because the checksum below is what we trust, not the location.
  compgen -G "$registry_cache/*/$PKG-$VER.crate" | head -n 1 || true
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

crate=$(find_crate)
if [[ -z $crate ]]; then
  # `cargo info` downloads the package into the registry cache to read its manifest. It runs
  # from an empty directory so that this workspace's lockfile is neither read nor touched.
  (cd "$work" && cargo info --quiet "$PKG@$VER" >/dev/null) || true
  crate=$(find_crate)
fi
if [[ -z $crate ]]; then
  # Older/newer cargo may not download for `cargo info`; a throwaway manifest that depends on
  # the exact version makes `cargo fetch` download it (plus its dependencies, unused).
  mkdir -p "$work/probe/src"
  : >"$work/probe/src/lib.rs"
  cat >"$work/probe/Cargo.toml" <<TOML
[package]
name = "datastar-js-download"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
$PKG = "=$VER"
TOML
  (cd "$work/probe" && cargo fetch --quiet) || true
  crate=$(find_crate)
fi
if [[ -z $crate ]]; then
  echo "error: could not download $PKG $VER from crates.io" >&2
  exit 1
fi

# Extract to a temporary file first so a failed check never leaves a wrong file behind.
tar -xzf "$crate" -O "$MEMBER" >"$work/datastar.js"
if ! has_right_bytes "$work/datastar.js"; then
  echo "error: $MEMBER from $crate does not have SHA-256 $SHA256" >&2
  exit 1
fi
mkdir -p "$(dirname "$dest")"
mv "$work/datastar.js" "$dest"
echo "datastar.js 1.0.4 installed: $dest"
