#!/usr/bin/env bash
# What a survey's start screen weighs drawn without Leptos: bench/first-screen-floor (the survey
# file fetched, read and checked by lytt-core, a draft looked for, the screen drawn with plain
# DOM calls), built like the app (opt-level "z", LTO, wasm-bindgen, wasm-opt -Oz), printed as raw
# and gzip -9 bytes of its wasm and JavaScript. Compare with bench/leptos-floor.sh.
set -euo pipefail
cd "$(dirname "$0")/first-screen-floor"
export PATH="$HOME/.cargo/bin:$PWD/../../node_modules/.bin:$PATH"
# Without the repository's flags: --emit-relocs, which the split needs, would keep wasm-opt from
# optimizing.
RUSTFLAGS="" cargo build -q --release --target wasm32-unknown-unknown --offline
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
wasm-bindgen --target web --out-dir "$out" target/wasm32-unknown-unknown/release/first-screen-floor.wasm
wasm-opt -Oz --strip-debug --strip-producers "$out/first-screen-floor_bg.wasm" -o "$out/floor.wasm"
for file in floor.wasm first-screen-floor.js; do
  printf '%-24s %8d raw %8d gzip\n' "$file" "$(wc -c < "$out/$file")" "$(gzip -9 -c "$out/$file" | wc -c)"
done
