#!/usr/bin/env bash
# `lytt report` over many sealed records (default 100,000) against the X25519 floor: the time
# N key agreements take on all cores, which no decryption of N age records can beat with the same
# X25519. Printed twice: with x25519-dalek (what the age crate and the app use) and with aws-lc
# (what `lytt` uses where it builds).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-100000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cargo build -q --release -p lytt-cli --example bench-records --bin lytt
target/release/examples/bench-records "$N" "$work/records.lytt.json"
for format in csv xlsx; do
  start=$(date +%s.%N)
  target/release/lytt report -i keys/test-owner.key -s surveys/nyttesamtale.json --format "$format" \
    -o "$work/report.$format" "$work/records.lytt.json" 2>/dev/null
  end=$(date +%s.%N)
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); n=int(sys.argv[3]); print(f'lytt report --format {sys.argv[4]}: {n} records in {s:.2f} s ({n/s:.0f} records/s)')" "$start" "$end" "$N" "$format"
done
