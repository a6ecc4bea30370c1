// Profiling overhead side by side, in one run: the same blurTyped workload unprofiled, under Hotline's
// sampling run (V8's own sampler with the flags src/engine/profile.ts uses, at 1000 µs and 100 µs),
// under the node:inspector CPU profiler Hotline used before, and under `node --cpu-prof` (1000 µs).
// Trials are interleaved and the median is reported, with the ratio to the unprofiled run.
//   node --import tsx bench/profile.ts
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const trials = Number(process.env.BENCH_TRIALS ?? 5);
const profDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-cpuprof-'));
const script = path.join(root, 'bench/tools/overhead.ts');

const v8Sampler = (micros: number) => [
  '--prof',
  '--log-source-position',
  `--logfile=${path.join(profDir, `v8-${micros}.log`)}`,
  '--no-logfile-per-isolate',
  '--no-sparkplug',
  `--prof-sampling-interval=${micros}`,
];
const variants: [string, string[], string[]][] = [
  ['unprofiled', [], ['none']],
  ['Hotline sampling 1000 µs', v8Sampler(1000), ['none']],
  ['Hotline sampling 100 µs', v8Sampler(100), ['none']],
  ['node:inspector 1000 µs', [], ['inspector', '1000']],
  ['node --cpu-prof 1000 µs', ['--cpu-prof', '--cpu-prof-interval', '1000', '--cpu-prof-dir', profDir], ['none']],
];

function trial(nodeArgs: string[], args: string[]): number {
  const out = execFileSync(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...args], {
    encoding: 'utf8',
    cwd: root,
  });
  return JSON.parse(out.trim().split('\n').pop()!).seconds;
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const results = variants.map(() => [] as number[]);
for (let t = 0; t < trials; t++) variants.forEach(([, nodeArgs, args], i) => results[i].push(trial(nodeArgs, args)));
fs.rmSync(profDir, { recursive: true, force: true });

const base = median(results[0]);
console.log(
  `Node ${process.version}; blurTyped(sawtooth(1024), 1000) × 400 after warm-up; median of ${trials} interleaved trials`,
);
console.log('| run                        | median  | min – max         | vs unprofiled |');
console.log('|----------------------------|---------|-------------------|---------------|');
variants.forEach(([name], i) => {
  const m = median(results[i]);
  const range = `${Math.min(...results[i]).toFixed(3)} – ${Math.max(...results[i]).toFixed(3)} s`;
  console.log(
    `| ${name.padEnd(26)} | ${m.toFixed(3)} s | ${range.padEnd(17)} | ${(m / base).toFixed(3)}×${' '.repeat(7)} |`,
  );
});
