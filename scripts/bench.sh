#!/usr/bin/env bash
# Builds the release app and prints the first-load size and speed figures (docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release --offline
node bench/first-load.mjs
