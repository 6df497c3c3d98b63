#!/usr/bin/env bash
# Prints Scopewise's numbers: first-visit download sizes (gzip, brotli), first
# paint of the matrix against a static page holding the same table, and the
# policy engine's evaluation time natively and in the browser, share-link
# lengths and timings, and reading certificate PDFs (what the reader adds to
# the download, and drop to prefilled record); and where the workspace
# module's bytes go (scripts/wasm-size.py). Numbers, never
# pass/fail: targets are printed beside them.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/tools/node_modules/.bin:$PATH"

# The release build (what is measured for size) and, beside it, a variant
# with the timing hooks of the `bench` feature, which the release never
# carries (the browser timings run on that one).
trunk build --release --offline >/dev/null 2>&1 || trunk build --release --offline
# Read now: the bench build below writes over cargo's copy of the module.
echo "== where the workspace's bytes go (by crate, before wasm-opt)"
python3 scripts/wasm-size.py target/wasm32-unknown-unknown/release/scopewise-work.wasm 12
trunk build --release --offline --features bench --dist bench-out/bench-dist >/dev/null 2>&1 ||
  trunk build --release --offline --features bench --dist bench-out/bench-dist
echo "== native evaluation"
cargo bench --locked --features bench --bench evaluate 2>/dev/null | grep -v "^$" || true
# Instructions, not seconds: the same count on a busy machine (the timings
# above move with the load). One evaluation = (11 runs - 1 run) / 10, which
# leaves out building the fixture.
if command -v valgrind >/dev/null; then
  cargo build --locked --profile bench --features bench --example evaluate_profile 2>/dev/null ||
    cargo build --locked --profile bench --features bench --example evaluate_profile
  count() { valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/evaluate_profile "$1" 2>&1 | awk '/Collected/ { print $4 }'; }
  one="$(count 1)"; eleven="$(count 11)"
  if [ -n "$one" ] && [ -n "$eleven" ]; then
    echo "evaluate 1000 candidates x 10 records (native, callgrind): $(( (eleven - one) / 10 )) instructions per evaluation, report dropped included"
  else
    echo "evaluate (callgrind): valgrind printed no instruction count; skipped"
  fi
else
  echo "evaluate (callgrind): valgrind is not installed; skipped"
fi
echo "== native share links"
cargo bench --locked --bench share 2>/dev/null | grep -v "^$" || true
echo "== contract scanner (500k characters)"
cargo bench --locked --bench scan 2>/dev/null | grep -v "^$" || true
echo "== certificate PDFs (native)"
cargo bench --locked --bench pdf 2>/dev/null | grep -v "^$" || true
echo "== browser"
node tests/e2e/bench.mjs "${RUNS:-9}"
