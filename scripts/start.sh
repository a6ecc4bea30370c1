#!/usr/bin/env bash
# The main job: set up, build, install Hotline into a real VS Code (code-server 4.100.3 =
# VS Code 1.100.3) and serve it on 127.0.0.1 with examples/ open. Ctrl-C stops it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
PORT=${PORT:-8080}
bash scripts/setup.sh
npm run --silent package >/dev/null
run="$root/.vscode-test/main"
rm -rf "$run"; mkdir -p "$run"
node scripts/code-server.mjs install "$run" hotline.vsix
echo
echo "Hotline is running in VS Code at: http://127.0.0.1:$PORT/?folder=$root/examples"
echo "(Ctrl-C to stop)"
exec node scripts/code-server.mjs serve "$run" "$PORT"
