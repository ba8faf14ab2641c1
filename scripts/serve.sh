#!/usr/bin/env bash
# Installs what is missing, builds the release app and serves it on http://127.0.0.1:8080.
# PORT=9000 scripts/serve.sh serves on another port.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release --offline
port="${PORT:-8080}"
echo "Lytt is served on http://127.0.0.1:$port/ (Ctrl-C stops it)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory dist
