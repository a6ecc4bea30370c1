// What ending every process of a run costs (src/engine/runProcesses.ts), in one run: one walk of
// /proc (as each poll does), one end-of-run pass (a walk, the environments of processes younger
// than the run, the kills, a walk to confirm), and timeit / lprun with the /proc scan on and off
// (HOTLINE_PROCESS_SCAN=off: the process group only), each with the machine as it is and with 500
// more processes. Interleaved trials, medians.
//   node --import tsx bench/processHygiene.ts
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { formatTime } from '../src/core/timing/format.ts';
import { listProcesses } from '../src/engine/processTable.ts';
import { runProfile } from '../src/engine/profile.ts';
import { RunProcesses } from '../src/engine/runProcesses.ts';
import { runTimeit } from '../src/engine/timeit.ts';

const root = path.resolve(import.meta.dirname, '..');
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'ignore' });
const runnerPath = path.join(root, 'dist/runner.js');
const file = path.join(root, 'bench/workloads.ts');
const trials = Number(process.env.BENCH_TRIALS ?? 5);

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 0)} ms`;

const crowd: ChildProcess[] = [];
process.on('exit', () => {
  for (const c of crowd) c.kill('SIGKILL');
});
async function addCrowd(n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const sleeper = spawn('sleep', ['600'], { stdio: 'ignore' });
    sleeper.unref(); // the bench exits when done (and kills them on its way out)
    crowd.push(sleeper);
  }
  await new Promise((r) => setTimeout(r, 1000));
}

function scanCosts(): [string, string, string] {
  const walk: number[] = [];
  const end: number[] = [];
  for (let i = 0; i < 21; i++) {
    let t = performance.now();
    const n = listProcesses().length;
    walk.push(performance.now() - t);
    // a run whose "runner" is a sleep started just now: the pass that ends it and looks for the rest
    const runner = spawn('sleep', ['60'], { stdio: 'ignore', detached: true });
    const run = new RunProcesses('no-such-run', runner.pid!);
    t = performance.now();
    run.endAll(true);
    end.push(performance.now() - t);
    if (i === 20) return [String(n), ms(median(walk)), ms(median(end))];
  }
  throw new Error('unreachable');
}

async function timedRun(scan: boolean, kind: 'timeit' | 'lprun'): Promise<[number, number]> {
  process.env.HOTLINE_PROCESS_SCAN = scan ? 'on' : 'off';
  const t0 = performance.now();
  if (kind === 'timeit') {
    const o = await runTimeit({ file, stmt: 'sum(arr)', runnerPath, timeoutMs: 120_000 });
    if (!o.ok) throw new Error(o.message);
    return [(performance.now() - t0) / 1000, median(o.result.timings)];
  }
  const o = await runProfile({ file, stmt: 'sum(arr)', runnerPath, minDurationMs: 1000, timeoutMs: 120_000 });
  if (!o.ok) throw new Error(o.message);
  return [(performance.now() - t0) / 1000, NaN];
}

async function main() {
  const scanRows: string[][] = [];
  const runRows: string[][] = [];
  for (const extra of [0, 500]) {
    await addCrowd(extra);
    scanRows.push([`+${extra}`, ...scanCosts()]);
    for (const kind of ['timeit', 'lprun'] as const) {
      const on: [number, number][] = [];
      const off: [number, number][] = [];
      for (let i = 0; i < trials; i++) {
        off.push(await timedRun(false, kind));
        on.push(await timedRun(true, kind));
      }
      const [wallOn, wallOff] = [on, off].map((v) => median(v.map((x) => x[0])));
      const [perOn, perOff] = [on, off].map((v) => median(v.map((x) => x[1])));
      // each trial's pair (off, then on) shares the machine's load of the moment: the median of their ratios
      const pairRatio = (k: 0 | 1) => median(on.map((x, j) => x[k] / off[j][k])).toFixed(3);
      const per = kind === 'timeit' ? [formatTime(perOff), formatTime(perOn), pairRatio(1)] : ['—', '—', '—'];
      runRows.push([
        `${kind} sum(arr)`,
        `+${extra}`,
        `${wallOff.toFixed(2)} s`,
        `${wallOn.toFixed(2)} s`,
        pairRatio(0),
        ...per,
      ]);
      console.error(`measured ${kind} with ${extra} more processes`);
    }
  }
  delete process.env.HOTLINE_PROCESS_SCAN;
  const table = (header: string[], rows: string[][]) => {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
    console.log([line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
  };
  console.log(
    `Node ${process.version}, ${(await import('node:os')).cpus().length} cores; medians of 21 passes / ${trials} interleaved trials\n`,
  );
  table(['processes added', 'processes', 'one tree walk (each poll)', 'end-of-run pass'], scanRows);
  console.log();
  table(
    [
      'run',
      'processes added',
      'wall, group only',
      'wall, /proc scan',
      'ratio (paired)',
      'per call, group only',
      'per call, scan',
      'ratio (paired)',
    ],
    runRows,
  );
}

void main();
