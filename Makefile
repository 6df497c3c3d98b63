# The README's two commands are `make serve` and `make test`; each installs
# what it needs first (scripts/setup.sh, idempotent).
SHELL := /bin/bash
export PATH := $(CURDIR)/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver
PORT ?= 8080

.PHONY: serve test dist bench setup lint test-native test-wasm test-e2e build-release

## Build and serve the app on http://127.0.0.1:$(PORT)/
serve:
	scripts/setup.sh build
	trunk serve --release --offline --address 127.0.0.1 --port $(PORT) --no-autoreload --disable-address-lookup --dist target/serve-dist

## Run every test: format, lints, native core, components in Chromium, end to end.
test:
	scripts/setup.sh test
	$(MAKE) --no-print-directory lint test-native test-wasm build-release test-e2e

lint:
	cargo fmt --check
	cargo clippy --all-targets --locked -- -D warnings
	cargo clippy --locked --target wasm32-unknown-unknown --lib --bins --tests -- -D warnings
	cargo clippy --locked --no-default-features --features ssr --bin scopewise-prerender -- -D warnings

test-native:
	cargo test --locked

test-wasm:
	cargo test --locked --target wasm32-unknown-unknown --test web --test web_workspace --test web_library

# On failure, the compiler's own message and the machine's disk and memory are
# printed last, where a CI log's tail shows them (Trunk prints only its own
# error chain after cargo's output).
build-release:
	trunk build --release --offline || { \
	  echo "build-release: trunk failed; disk, memory and cargo's own message follow" >&2; \
	  df -h . /tmp >&2; free -m >&2; \
	  cargo build --release --offline --target wasm32-unknown-unknown --bin scopewise-app --bin scopewise-work --bin scopewise-pdf 2>&1 | tail -n 40 >&2; \
	  exit 1; }

test-e2e:
	cd tests/e2e && npx playwright test

## The deployable static site in dist/ (works from any static host and sub-path).
dist:
	scripts/setup.sh build
	trunk build --release --offline

## Sizes, first paint and timings.
bench:
	scripts/setup.sh test
	scripts/bench.sh
