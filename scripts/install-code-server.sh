#!/usr/bin/env bash
# Installs the pinned code-server (VS Code 1.100.3 for the browser) into .tools/code-server,
# offline-safe: nothing is downloaded from outside the npm registry and Debian's apt.
# code-server 4.100.3 is the last release whose engines.node accepts Node 20.
set -euo pipefail
CS_VERSION=4.100.3
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/.tools/code-server"
entry="$dest/node_modules/code-server/out/node/entry.js"
if [ -f "$dest/.installed-$CS_VERSION" ] && [ -f "$entry" ]; then exit 0; fi
command -v rg >/dev/null || { echo "install-code-server: ripgrep missing (run scripts/install-system-deps.sh)" >&2; exit 1; }
rm -rf "$dest"; mkdir -p "$dest"; cd "$dest"
echo '{"name":"hotline-code-server","private":true}' > package.json
export npm_config_yes=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
# Its postinstall refuses root and fetches ripgrep from GitHub: skip it and do its work below.
npm i "code-server@$CS_VERSION" --ignore-scripts --no-audit --no-fund --loglevel=error
# argon2 first asks GitHub for a prebuilt binary (unreachable here: node-pre-gyp prints ERR! ENOTFOUND)
# and then builds from source, which is fine: keep that alarming log in a file, show it only on failure.
quietly() { "$@" >>"$dest/build.log" 2>&1 || { tail -40 "$dest/build.log" >&2; exit 1; }; }
quietly npm rebuild argon2 --foreground-scripts --loglevel=error
echo "code-server: argon2 built from source (no prebuilt binary is reachable; log in .tools/code-server/build.log)"
cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
quietly npm rebuild --foreground-scripts --loglevel=error
rm -rf node_modules.asar && ln -s node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
(cd extensions && quietly npm install --omit=dev --no-audit --no-fund --loglevel=error)
touch "$dest/.installed-$CS_VERSION"
echo "code-server $CS_VERSION installed in $dest"
