#!/usr/bin/env bash
# What Leptos alone weighs: bench/leptos-floor, built like the app (opt-level "z", LTO, erase_components,
# wasm-bindgen, wasm-opt -Oz), printed as raw and gzip -9 bytes of its wasm and JavaScript.
set -euo pipefail
cd "$(dirname "$0")/leptos-floor"
export PATH="$HOME/.cargo/bin:$PWD/../../node_modules/.bin:$PATH"
# Only the app's documented cfg (RUSTFLAGS replaces the repository's: --emit-relocs, which the split needs,
# would keep wasm-opt from optimizing).
RUSTFLAGS="--cfg erase_components" \
  cargo build -q --release --target wasm32-unknown-unknown --offline
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
wasm-bindgen --target web --out-dir "$out" target/wasm32-unknown-unknown/release/leptos-floor.wasm
wasm-opt -Oz --strip-debug --strip-producers "$out/leptos-floor_bg.wasm" -o "$out/floor.wasm"
for file in floor.wasm leptos-floor.js; do
  printf '%-16s %8d raw %8d gzip\n' "$file" "$(wc -c < "$out/$file")" "$(gzip -9 -c "$out/$file" | wc -c)"
done
