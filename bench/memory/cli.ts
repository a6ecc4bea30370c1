// The memory benches run Hotline's CLI as a user would, in their temp project, and time it whole.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const CLI = path.resolve(import.meta.dirname, '../../dist/cli.js');

/** `hotline <args>` in `dir`: its stdout and its wall time in seconds. */
export function cliIn(dir: string): (args: string[]) => { seconds: number; out: string } {
  return (args) => {
    const t0 = performance.now();
    const out = execFileSync(process.execPath, [CLI, ...args], {
      encoding: 'utf8',
      cwd: dir,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return { seconds: (performance.now() - t0) / 1000, out };
  };
}
