#!/usr/bin/env bash
# Trunk's post-build hook, on the staged site ($TRUNK_STAGING_DIR), in order
# (Trunk starts the hooks of one stage together, so they are one command):
# 1. the shell's first screen (the standards matrix) rendered into
#    index.html by the same components, natively (scopewise-prerender);
# 2. the text-recognition files into ocr/ (ocr-files.mjs);
# 3. the SHA-256 of every inline script into the CSP (csp.py), which also
#    refuses inline styles;
# 4. the service worker's lists of files and version (sw.py), from the
#    final index.html and every file of this build.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${TRUNK_STAGING_DIR:?run by Trunk (Trunk.toml), or set TRUNK_STAGING_DIR}"
cargo run --quiet --locked --no-default-features --features ssr --bin scopewise-prerender -- "$TRUNK_STAGING_DIR/index.html"
node scripts/ocr-files.mjs
python3 scripts/csp.py
python3 scripts/sw.py
