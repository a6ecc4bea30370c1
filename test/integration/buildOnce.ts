import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');
export const runnerPath = path.join(root, 'dist/runner.js');
export const examples = path.join(root, 'examples');

/** The runner is a bundle: build it when a test runs before `npm run build`. */
export function ensureBuilt(): void {
  if (!fs.existsSync(runnerPath) || !fs.existsSync(path.join(root, 'dist/loader-hooks.mjs')))
    execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
}

const made: string[] = [];
process.on('exit', () => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** An empty throwaway folder in the temp directory; removed when the tests end. */
export function tempDir(prefix = 'hotline-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A throwaway project folder with the given files (paths may have folders); removed when the tests end. */
export function tempProject(files: Record<string, string>): string {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
