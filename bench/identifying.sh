#!/usr/bin/env bash
# How well identifying details in free text are found (lytt-core identifying.rs) on the test set
# tests/fixtures/identifying.txt: per kind, found of marked; false alarms; what was missed.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run -q --release -p lytt-core --example identifying
