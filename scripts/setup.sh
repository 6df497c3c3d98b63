#!/usr/bin/env bash
# Installs what building (`setup.sh build`) or testing (`setup.sh test`) needs.
# Idempotent: each step checks first, so a warm machine passes in seconds.
# Only the package registries are used (crates.io, npm, Debian); no tool is
# downloaded from anywhere else, and Trunk is pinned to run offline.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE="${1:-test}"
TRUNK_VERSION="0.21.14"
export PATH="$HOME/.cargo/bin:$PWD/tools/node_modules/.bin:$PATH"

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The wasm-bindgen version pinned in Cargo.toml, as resolved in Cargo.lock.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

command -v python3 >/dev/null || apt_install python3
command -v node >/dev/null && command -v npm >/dev/null || apt_install nodejs npm

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  say "installing Trunk $TRUNK_VERSION (once, ~9 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

WB="$(wasm_bindgen_version)"
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WB"; then
  # Without --locked: its lock file names a crate version the registry lacks.
  say "installing wasm-bindgen-cli $WB (once, ~3 minutes)"
  cargo install wasm-bindgen-cli --version "$WB" --force
fi

npm_ci() { # $1: folder holding package.json and package-lock.json
  local stamp="$1/node_modules/.scopewise-lock"
  if [ -f "$stamp" ] && cmp -s "$1/package-lock.json" "$stamp"; then return 0; fi
  say "installing npm packages in $1"
  (cd "$1" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  cp "$1/package-lock.json" "$stamp"
}

# wasm-opt from npm's binaryen, never Debian's binaryen 108 (blank page).
npm_ci tools
# Text recognition (tesseract.js and its data), copied into the build by
# scripts/ocr-files.mjs (a Trunk hook): never committed, never from a CDN.
npm_ci web/ocr
wasm-opt --version | grep -q "version 132" || { echo "setup: wrong wasm-opt on PATH: $(command -v wasm-opt)" >&2; exit 1; }

if [ ! -d "$HOME/.cargo/registry/cache" ] || ! cargo fetch --locked --offline -q 2>/dev/null; then
  say "fetching crates"
  cargo fetch --locked -q
fi

[ "$MODE" = build ] && exit 0

# poppler-utils: pdfinfo and pdftotext read the printed vendor pages (documents.spec.ts).
apt_install chromium chromium-driver poppler-utils
npm_ci tests/e2e
say "ready"
