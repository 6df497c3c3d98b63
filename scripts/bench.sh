#!/usr/bin/env bash
# Prints Scopewise's numbers: first-visit download sizes (gzip, brotli), first
# paint of the matrix against a static page holding the same table, and the
# policy engine's evaluation time natively and in the browser, share-link
# lengths and timings, and reading certificate PDFs (what the reader adds to
# the download, and drop to prefilled record). Numbers, never
# pass/fail: targets are printed beside them.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/tools/node_modules/.bin:$PATH"

# The release build (what is measured for size) and, beside it, a variant
# with the timing hooks of the `bench` feature, which the release never
# carries (the browser timings run on that one).
trunk build --release --offline >/dev/null 2>&1 || trunk build --release --offline
trunk build --release --offline --features bench --dist bench-out/bench-dist >/dev/null 2>&1 ||
  trunk build --release --offline --features bench --dist bench-out/bench-dist
echo "== native evaluation"
cargo bench --locked --features bench --bench evaluate 2>/dev/null | grep -v "^$" || true
echo "== native share links"
cargo bench --locked --bench share 2>/dev/null | grep -v "^$" || true
echo "== contract scanner (500k characters)"
cargo bench --locked --bench scan 2>/dev/null | grep -v "^$" || true
echo "== certificate PDFs (native)"
cargo bench --locked --bench pdf 2>/dev/null | grep -v "^$" || true
echo "== browser"
node tests/e2e/bench.mjs "${RUNS:-9}"
