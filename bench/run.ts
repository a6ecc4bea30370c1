// What `hotline run` costs: real commands timed as whole processes with and without it, side by
// side in one run (A B, B A, …), medians and the median of the pairwise ratios. Two figures per
// row: the command's own wall time under the run (what the program feels) and the whole of
// `hotline run` (V8's logs read and attributed too).
//   node --import tsx bench/run.ts [trials=5]
// Workloads:
//   - examples: npm test — one node --test process, CPU-bound (~0.6 s of primes)
//   - a long CPU-bound script (the examples' primes, 3 s)
//   - Hotline's own unit tests: node --import tsx --test, 34 test processes, each with tsx's loader thread
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'ignore' });
const cli = path.join(root, 'dist/cli.js');
const trials = Number(process.argv[2] ?? 5);

const longScript = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-bench-run-')), 'primes.cjs');
fs.writeFileSync(
  longScript,
  `const { countPrimes } = require(${JSON.stringify(path.join(root, 'examples/js/primes.cjs'))});
const end = Date.now() + 3000;
while (Date.now() < end) countPrimes(200_000);
`,
);
const unitTests = fs
  .readdirSync(path.join(root, 'test/unit'))
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `test/unit/${f}`);

const workloads: { name: string; cwd: string; command: string[] }[] = [
  { name: 'examples: npm test', cwd: path.join(root, 'examples'), command: ['npm', 'test'] },
  { name: 'a 3 s CPU-bound script', cwd: root, command: ['node', longScript] },
  {
    name: `unit tests (${unitTests.length} tsx processes)`,
    cwd: root,
    command: ['node', '--import', 'tsx', '--test', ...unitTests],
  },
];

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function timed(cwd: string, command: string[]): number {
  const start = performance.now();
  const r = spawnSync(command[0], command.slice(1), { cwd, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`${command.join(' ')} exited ${r.status}`);
  return performance.now() - start;
}

/** Whole `hotline run` wall time, and the command's own wall time inside it (its JSON's wallMs). */
function profiled(cwd: string, command: string[]): { whole: number; program: number } {
  const start = performance.now();
  const r = spawnSync(process.execPath, [cli, 'run', '--json', '--', ...command], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  const whole = performance.now() - start;
  if (r.status !== 0) throw new Error(`hotline run ${command.join(' ')} exited ${r.status}: ${r.stderr.slice(-500)}`);
  return { whole, program: (JSON.parse(r.stdout) as { wallMs: number }).wallMs };
}

const rows: string[][] = [];
for (const w of workloads) {
  timed(w.cwd, w.command); // warm the file cache
  const plain: number[] = [];
  const program: number[] = [];
  const whole: number[] = [];
  for (let t = 0; t < trials; t++) {
    const order = t % 2 ? ['run', 'plain'] : ['plain', 'run'];
    for (const o of order) {
      if (o === 'plain') plain.push(timed(w.cwd, w.command));
      else {
        const p = profiled(w.cwd, w.command);
        program.push(p.program);
        whole.push(p.whole);
      }
    }
  }
  const ratio = (v: number[]) => `${median(v.map((x, i) => x / plain[i])).toFixed(2)}×`;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  rows.push([w.name, s(median(plain)), s(median(program)), ratio(program), s(median(whole)), ratio(whole)]);
}
const header = ['command', 'unprofiled', 'under hotline run', 'ratio', 'hotline run in all', 'ratio'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r: string[]) => r.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
console.log(
  `Node ${process.version}, ${os.cpus().length} cores, ${trials} trials each, medians (ratio: median of pairwise ratios)`,
);
console.log(line(header));
for (const r of rows) console.log(line(r));
