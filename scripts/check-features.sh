#!/usr/bin/env bash
# datastar-core builds warning-free with each feature on its own (nothing relies on a
# feature that another one happens to turn on) and with each framework plus one codec.
# Run by scripts/test.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

sets=(
  "" axum actix-web rocket warp http-body testing maud
  compression-br compression-zstd compression-gzip
  axum,compression-br actix-web,compression-gzip rocket,compression-zstd warp,compression-br
)
failed=0
for features in "${sets[@]}"; do
  echo "--> datastar-core with features [${features}]"
  if ! cargo clippy --quiet -p datastar-core --no-default-features --features "$features" -- -D warnings; then
    echo "datastar-core fails with features [${features}]"
    failed=1
  fi
done
exit "$failed"
