// Hotline's timeit harness side by side with mitata and tinybench, in one run, on the same four
// workloads; each tool measures in a fresh Node process. Prints medians, the ratio to mitata and
// the wall time from start to result (process start-up included).
//   node --import tsx bench/timeit.ts
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { formatTime } from '../src/core/timing/format.ts';
import { runTimeit } from '../src/engine/timeit.ts';
import { workloads } from './workloads.ts';

const root = path.resolve(import.meta.dirname, '..');
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'ignore' });
const runnerPath = path.join(root, 'dist/runner.js');

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function hotline(stmt: string): Promise<number> {
  const o = await runTimeit({ file: path.join(root, 'bench/workloads.ts'), stmt, runnerPath, timeoutMs: 300_000 });
  if (!o.ok) throw new Error(o.message);
  return median(o.result.timings) * 1e9;
}

function other(tool: string, name: string): number {
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(root, `bench/tools/${tool}.ts`), name], {
    encoding: 'utf8',
    cwd: root,
  });
  return JSON.parse(out.trim().split('\n').pop()!).medianNs as number;
}

async function timed<T>(f: () => T | Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await f();
  return [v, (performance.now() - t0) / 1000];
}

async function main() {
  const rows: string[][] = [];
  // V8 can settle on different machine code from one process to the next (blur is bimodal here),
  // so every tool runs TRIALS times, interleaved, and the median of the trials is reported.
  const trials = Number(process.env.BENCH_TRIALS ?? 3);
  for (const [name, [stmt]] of Object.entries(workloads)) {
    const samples = {
      h: [] as number[],
      m: [] as number[],
      t: [] as number[],
      hw: [] as number[],
      mw: [] as number[],
      tw: [] as number[],
    };
    for (let i = 0; i < trials; i++) {
      const [hv, hw] = await timed(() => hotline(stmt));
      const [mv, mw] = await timed(() => other('mitata', name));
      const [tv, tw] = await timed(() => other('tinybench', name));
      samples.h.push(hv);
      samples.m.push(mv);
      samples.t.push(tv);
      samples.hw.push(hw);
      samples.mw.push(mw);
      samples.tw.push(tw);
    }
    const [h, m, t, hWall, mWall, tWall] = [samples.h, samples.m, samples.t, samples.hw, samples.mw, samples.tw].map(
      median,
    );
    const pct = (v: number) => `${v >= m ? '+' : ''}${(((v - m) / m) * 100).toFixed(1)}%`;
    rows.push([
      name,
      formatTime(h / 1e9),
      pct(h),
      `${hWall.toFixed(1)} s`,
      formatTime(m / 1e9),
      `${mWall.toFixed(1)} s`,
      formatTime(t / 1e9),
      pct(t),
      `${tWall.toFixed(1)} s`,
    ]);
    console.error(`measured ${name}`);
  }

  const header = [
    'workload',
    'Hotline median',
    'vs mitata',
    'wall',
    'mitata median',
    'wall',
    'tinybench median',
    'vs mitata',
    'wall',
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(
    `Node ${process.version}, ${(await import('node:os')).cpus().length} cores; median per call, each tool in its own process, median of ${trials} interleaved trials`,
  );
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}

void main();
