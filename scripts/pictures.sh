#!/usr/bin/env bash
# The README's pictures, made by the end-to-end theme test in a real VS Code (Light Modern and Dark
# Modern): the hot lines beside the flame panel, the hover on the hottest line and the Timings
# comparison; and by the Explain test: the annotated report in a light and a dark scheme. Each is a
# PNG under 200 KB (the tests assert it); this copies them into media/pictures.
#   npm run pictures
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bash scripts/setup.sh
npm run --silent package >/dev/null
rm -rf test-results/pictures
node --import tsx --test --test-concurrency=1 --test-reporter=spec test/e2e/themes.test.ts test/e2e/explain.test.ts
mkdir -p media/pictures
cp test-results/pictures/*.png media/pictures/
ls -l media/pictures
