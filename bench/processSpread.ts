// How far apart separate processes time the same code: each workload of bench/workloads.ts timed
// in K fresh processes (Hotline's timeit, defaults). A process's level moves as a whole (its JIT
// decisions, memory layout, the machine's load), more than its own runs show, so comparing two
// timings from separate processes (History, the Timings panel) must widen the interval by this
// spread (src/core/timing/compare.ts, PROCESS_SPREAD).
//   node --import tsx bench/processSpread.ts [K=8] [--node path]
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { runTimeit } from '../src/engine/timeit.ts';
import { workloads } from './workloads.ts';

const root = path.resolve(import.meta.dirname, '..');
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'ignore' });
const runnerPath = path.join(root, 'dist/runner.js');
const args = process.argv.slice(2);
const nodeAt = args.indexOf('--node');
const nodePath = nodeAt >= 0 ? args.splice(nodeAt, 2)[1] : undefined;
const processes = Number(args[0] ?? 8);

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const variance = (v: number[]) => v.reduce((a, x) => a + (x - mean(v)) ** 2, 0) / (v.length - 1);
const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

async function main(): Promise<void> {
  const rows: string[][] = [];
  const spreads: number[] = [];
  for (const [name, [stmt]] of Object.entries(workloads)) {
    const levels: number[] = []; // log of each process's geometric mean per loop
    const withinSe2: number[] = []; // squared standard error of that level, from the process's own runs
    for (let k = 0; k < processes; k++) {
      const o = await runTimeit({
        file: path.join(root, 'bench/workloads.ts'),
        stmt,
        runnerPath,
        nodePath,
        timeoutMs: 300_000,
      });
      if (!o.ok) throw new Error(`${name}: ${o.message}`);
      const logs = o.result.timings.map(Math.log);
      levels.push(mean(logs));
      withinSe2.push(variance(logs) / logs.length);
    }
    const between = Math.sqrt(Math.max(0, variance(levels) - mean(withinSe2)));
    spreads.push(between);
    const extremes = Math.exp(Math.max(...levels) - Math.min(...levels));
    rows.push([name, String(processes), pct(between), pct(Math.sqrt(mean(withinSe2))), `${extremes.toFixed(2)}×`]);
  }
  const header = ['workload', 'processes', 'between processes (sd)', "a process's own runs (se)", 'slowest / fastest'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  console.log(
    `Node ${nodePath ? execFileSync(nodePath, ['--version'], { encoding: 'utf8' }).trim() : process.version}`,
  );
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  console.log(`median spread between processes: ${pct(median(spreads))}`);
}

void main();
