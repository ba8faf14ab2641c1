#!/usr/bin/env bash
# Builds the release app and the CLI and prints every benchmark figure (docs/performance.md):
# first load, sealing and exporting in the browser, the kiosk PIN, the owner's results screen
# against `lytt report` on 10,000 records, identifying details found in free text, and `lytt report`
# over 100,000 records, and `lytt inbox` under load (also killed with -9 at random moments).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release --offline
node bench/first-load.mjs
node bench/seal-export.mjs
node bench/kiosk-pin.mjs
cargo build -q --release -p lytt-cli --bin lytt --example bench-records
node bench/results-open.mjs
bench/identifying.sh
bench/report.sh
node bench/inbox-load.mjs
CRASHES=8 node bench/inbox-load.mjs
