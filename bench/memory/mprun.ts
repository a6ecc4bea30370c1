// mprun against ground truth by construction, on every supported Node: each line of `lines` allocates
// a known number of bytes (n doubles = 8n bytes of elements; Float64Array(n) = 8n bytes of ArrayBuffer;
// one helper called on two lines with n and n/4 doubles), and the lines of `nothing` none. Then what
// the line trampolines cost: the statement's time per execution with them (mprun's own run) against
// timeit's on the unchanged code, and mprun's wall time against memit's.
//   npm run build && node --import tsx bench/memory/mprun.ts [--trials 3]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { table, type Cell } from '../attribution/table.ts';
import { cliIn } from './cli.ts';
import { formatBytes } from '../../src/core/memory/memit.ts';
import { median } from '../../src/core/timing/timeit.ts';
import { supportedNodes } from '../../test/supportedNodes.ts';

const argv = process.argv.slice(2);
const trials = Number(argv.includes('--trials') ? argv[argv.indexOf('--trials') + 1] : 3);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-mprun-bench-'));
fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
fs.writeFileSync(
  path.join(dir, 'lines.mjs'),
  `export const doubles = (n) => new Array(n).fill(1.5);
export function lines(n) {
  const a = new Array(n).fill(1.5);
  const f = new Float64Array(2 * n);
  const b = doubles(n);
  const c = doubles(n / 4);
  const o = [];
  for (let i = 0; i < n / 10; i++) o.push({ i });
  let s = 0;
  for (let i = 0; i < n; i += 100) s += a[i] + f[i];
  return [a, f, b, c, o, s];
}
`,
);

/** Line, what it allocates per execution of lines(50000), by construction (64-bit V8, no pointer compression). */
const LINES: { line: number; truth: number; what: string; part?: 'arrayBufferBytes' }[] = [
  { line: 3, truth: 400_016, what: 'new Array(50000).fill(1.5)' },
  { line: 4, truth: 800_000, what: 'new Float64Array(100000)', part: 'arrayBufferBytes' },
  { line: 5, truth: 400_016, what: 'doubles(50000), in the helper' },
  { line: 6, truth: 100_016, what: 'doubles(12500), the same helper' },
];

interface MprunJson {
  functions: { lines: { line: number; allocatedBytes: number; arrayBufferBytes: number }[] }[];
  statementBytes: number;
  memit: { allocatedBytes: number };
  secondsPerLoop: number;
}

const run = cliIn(dir);

for (const node of supportedNodes) {
  const results: MprunJson[] = [];
  const slowdown: number[] = [];
  const wall: number[] = [];
  for (let t = 0; t < trials; t++) {
    const m = run(['mprun', '--json', '--node', node.path, 'lines.mjs', 'lines(50000)', '-f', 'lines']);
    const parsed = JSON.parse(m.out) as MprunJson;
    results.push(parsed);
    const timeit = JSON.parse(run(['timeit', '--json', '--node', node.path, 'lines.mjs', 'lines(50000)']).out) as {
      average: number;
    };
    slowdown.push(parsed.secondsPerLoop / timeit.average);
    wall.push(m.seconds / run(['memit', '--node', node.path, 'lines.mjs', 'lines(50000)']).seconds);
  }
  const rows: Cell[][] = LINES.map((l) => {
    const measured = median(
      results.map((r) => r.functions[0].lines.find((x) => x.line === l.line)![l.part ?? 'allocatedBytes']),
    );
    return [
      String(l.line),
      l.what,
      l.part ? 'ArrayBuffers' : 'all',
      formatBytes(l.truth),
      formatBytes(measured),
      (Math.round(((measured - l.truth) / l.truth) * 1000) / 10 || 0).toFixed(1),
    ];
  });
  const total = median(results.map((r) => r.statementBytes / r.memit.allocatedBytes));
  console.log(`\n${node.label} (median of ${trials}; error in %)`);
  console.log(table(['line', 'allocates', 'bytes', 'truth', 'mprun', 'error %'], rows));
  console.log(
    `mprun's total / memit's on the unchanged code: ${total.toFixed(3)} · statement with trampolines / timeit: ${median(slowdown).toFixed(2)}× · mprun wall / memit wall: ${median(wall).toFixed(2)}×`,
  );
}
