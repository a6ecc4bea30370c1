// The project's tests and examples that mention a name: where calls worth proposing are found.
import fs from 'node:fs';
import path from 'node:path';

const SKIP = new Set(['node_modules', '.git', 'dist', 'build', 'out', 'coverage', '.next', '.turbo', '.cache']);
const SCRIPT = /\.[cm]?[jt]sx?$/;
const TEST_FILE = /\.(test|spec|bench)\.[cm]?[jt]sx?$/;
const TEST_FOLDER = /^(test|tests|__tests__|spec|specs|examples?|bench|benchmarks?)$/;
const MAX_ENTRIES = 5000;
const MAX_BYTES = 1 << 20;

/** Test and example scripts under `projectDir` whose text mentions `name`, test files first. */
export function projectScripts(projectDir: string, name: string): string[] {
  const tests: string[] = [];
  const examples: string[] = [];
  let seen = 0;
  const walk = (dir: string, inTestFolder: boolean, depth: number) => {
    if (depth > 8) return;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (++seen > MAX_ENTRIES) return;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP.has(e.name) && !e.name.startsWith('.'))
          walk(full, inTestFolder || TEST_FOLDER.test(e.name), depth + 1);
      } else if (e.isFile() && SCRIPT.test(e.name) && !e.name.endsWith('.d.ts')) {
        const isTest = TEST_FILE.test(e.name);
        if (!isTest && !inTestFolder) continue;
        try {
          if (fs.statSync(full).size > MAX_BYTES || !fs.readFileSync(full, 'utf8').includes(name)) continue;
        } catch {
          continue;
        }
        (isTest ? tests : examples).push(full);
      }
    }
  };
  walk(projectDir, false, 0);
  return [...tests.sort(), ...examples.sort()];
}
