#!/usr/bin/env bash
# The four published crates package and build from their packages alone (what
# `cargo publish` would upload), and datastar-core's package carries its README and every
# documentation page its rustdoc includes. Run by scripts/test.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

crates=(-p datastar-wire -p datastar-macros -p datastar-core -p datastar-live)
# The packages are verified against each other through a temporary registry, and cargo
# reuses a registry crate's build by name and version alone: a build left from an earlier
# run would stand in for today's code. So the check has a target directory of its own,
# cleared of our crates first.
target=target/package-check
cargo clean --quiet --target-dir "$target" "${crates[@]}"
# cargo also extracts the temporary registry's packages under CARGO_HOME and keeps them
# there: an extraction left from an earlier run would stand in for today's sources too.
# (None of these crates comes from crates.io, so nothing else is removed.)
cargo_home=${CARGO_HOME:-$HOME/.cargo}
for crate in datastar-wire datastar-macros datastar-core datastar-live; do
  rm -rf "$cargo_home"/registry/src/*/"$crate"-[0-9]* "$cargo_home"/registry/cache/*/"$crate"-[0-9]*.crate
done
# --allow-dirty: a local run may have uncommitted changes; CI runs on a clean clone.
cargo publish --dry-run --allow-dirty --target-dir "$target" "${crates[@]}"

listed=$(cargo package --list --allow-dirty -p datastar-core)
missing=0
for file in README.md docs/dsl.md docs/escaping.md docs/pages.md docs/guides/first-app.md \
  docs/guides/cqrs.md docs/guides/commands.md docs/guides/testing.md; do
  if ! grep -qx "$file" <<<"$listed"; then
    echo "datastar-core's package lacks $file"
    missing=1
  fi
done
# Every file the crate includes into its docs must be in the package.
while IFS= read -r included; do
  if ! grep -qx "${included#../}" <<<"$listed"; then
    echo "datastar-core includes $included, which its package lacks"
    missing=1
  fi
done < <(grep -ho 'include_str!("[^"]*")' datastar-core/src/*.rs | sed 's/include_str!("\(.*\)")/\1/')
if [[ $missing -eq 0 ]]; then
  echo "package check: every documentation file is packaged"
fi
exit "$missing"
