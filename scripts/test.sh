#!/usr/bin/env bash
# Installs what is missing and runs every test: native, wasm in headless Chromium, end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

echo "== native tests (lytt-core, lytt CLI)"
cargo test -p lytt-core --features schema,open,builder,xlsx
cargo test -p lytt-cli

echo "== the inbox under load, killed with -9 at random moments: no acknowledged record lost or doubled"
LYTT=target/debug/lytt DURATION=8 SENDERS=50 SILENT=100 CRASHES=3 node bench/inbox-load.mjs

echo "== native tests of the web app's pure parts (routes, languages, the page's early loader)"
cargo test -p lytt-i18n
cargo test -p lytt --lib

echo "== wasm tests in headless Chromium (platform module)"
CHROMEDRIVER=/usr/bin/chromedriver cargo test -p lytt --target wasm32-unknown-unknown

echo "== release build"
trunk build --release --offline

echo "== end-to-end tests (Playwright in Chromium, against dist/ on a static server)"
node --test --test-concurrency=1 tests/e2e/

echo "== the main paths in Firefox ESR and WebKitGTK (tests/browsers)"
node --test --test-concurrency=1 tests/browsers/
