#!/usr/bin/env bash
# `npm test`: set up what is missing, type-check, lint and format-check, build, package the .vsix, then run the unit
# tests and the end-to-end tests in a real VS Code (code-server + headless Chromium), in one
# node:test run so there is a single summary line.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh
echo "== type-check"; npx tsc --noEmit -p .
echo "== lint + format"; npx eslint . && npx prettier --check . >/dev/null
echo "== build + package"; npm run --silent package >/dev/null
ls -l hotline.vsix | awk '{print "hotline.vsix", $5, "bytes"}'
echo "== tests"
shopt -s globstar nullglob   # Node 20's --test takes paths, not globs
files=(test/unit/**/*.test.ts test/integration/**/*.test.ts)
[ "${HOTLINE_SKIP_E2E:-}" = 1 ] || files+=(test/e2e/**/*.test.ts)
status=0
node --import tsx --test --test-concurrency=1 --test-reporter=spec "${files[@]}" || status=$?
# Nothing the tests started may outlive them: code-server, Chromium, Hotline's runner children.
left=$(ps -eo pid=,args= | grep -F -e "$root/test-results/" -e "$root/dist/runner.js" | grep -v grep || true)
if [ -n "$left" ]; then
  echo "leftover processes started by the tests:"; echo "$left"
  exit 1
fi
exit $status   # silent on success: node's summary stays the last lines
