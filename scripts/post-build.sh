#!/usr/bin/env bash
# Trunk's post-build hook, on the staged site ($TRUNK_STAGING_DIR), in order:
# 1. the shell's first screen (the standards matrix) is rendered into
#    index.html by the same components, natively (scopewise-prerender);
# 2. the SHA-256 of every inline script goes into the CSP (csp.py), which
#    also refuses inline styles.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${TRUNK_STAGING_DIR:?run by Trunk (Trunk.toml), or set TRUNK_STAGING_DIR}"
cargo run --quiet --locked --no-default-features --features ssr --bin scopewise-prerender -- "$TRUNK_STAGING_DIR/index.html"
python3 scripts/csp.py
