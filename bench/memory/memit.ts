// memit against ground truth by construction, on every supported Node: each statement's bytes per
// loop are known (50,000 doubles = 400 KB of elements; Float64Array(n) = 8n bytes of ArrayBuffer;
// a leak keeps what it makes), and against Node 26's own total_allocated_bytes where it exists;
// then memit's wall time beside timeit's on the same statement (one process each, interleaved).
//   npm run build && node --import tsx bench/memory/memit.ts [--trials 3]
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

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-memit-bench-'));
const file = path.join(dir, 'mem.mjs');
fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
fs.writeFileSync(
  file,
  `const kept = [];
export const doubles = (n) => new Array(n).fill(1.5);
export const floats = (n) => new Float64Array(n);
export const objects = (n) => { const a = new Array(n); for (let i = 0; i < n; i++) a[i] = { i }; return a; };
export const nothing = (x) => x + 1;
export const keep = (n) => { kept.push(new Array(n).fill(1.5)); };
export const buffers = (n) => Buffer.alloc(n);
`,
);

/** Statement, what it allocates per loop and what it keeps, by construction (64-bit V8, no pointer compression). */
const CASES: { stmt: string; allocated: number; retained: number; what: string; part?: 'arrayBufferBytes' }[] = [
  { stmt: 'doubles(50000)', allocated: 400_016, retained: 0, what: 'FixedDoubleArray of 50,000 + header' },
  {
    stmt: 'floats(100000)',
    allocated: 800_000,
    retained: 0,
    what: 'ArrayBuffer of 800,000 B',
    part: 'arrayBufferBytes',
  },
  {
    stmt: 'buffers(4096)',
    allocated: 4096,
    retained: 0,
    what: 'Buffer.alloc: ArrayBuffer of 4,096 B',
    part: 'arrayBufferBytes',
  },
  {
    stmt: 'objects(10000)',
    allocated: 10_000 * 32 + 80_016,
    retained: 0,
    what: '10,000 {i} of 32 B + 80 KB of elements',
  },
  { stmt: 'keep(1000)', allocated: 8016, retained: 8016, what: 'kept: 1,000 doubles per loop' },
  { stmt: 'nothing(1)', allocated: 0, retained: 0, what: 'nothing' },
];

interface MemitJson {
  allocatedBytes: number;
  retainedBytes: number;
  heapBytes: number;
  arrayBufferBytes: number;
}

const timed = cliIn(dir);

const error = (measured: number, truth: number) =>
  truth === 0
    ? measured < 1
      ? '≈ 0'
      : formatBytes(measured)
    : (Math.round(((measured - truth) / truth) * 1000) / 10 || 0).toFixed(1);

for (const node of supportedNodes) {
  const rows: Cell[][] = [];
  for (const c of CASES) {
    const results: MemitJson[] = [];
    const ratios: number[] = [];
    for (let t = 0; t < trials; t++) {
      const m = timed(['memit', '--json', '--node', node.path, file, c.stmt]);
      results.push(JSON.parse(m.out) as MemitJson);
      // timeit runs out of heap on a statement that keeps what it makes; memit bounds its runs.
      if (c.retained === 0) ratios.push(m.seconds / timed(['timeit', '--node', node.path, file, c.stmt]).seconds);
    }
    const allocated = median(results.map((r) => r[c.part ?? 'allocatedBytes']));
    const retained = median(results.map((r) => r.retainedBytes));
    rows.push([
      c.stmt,
      c.part ? 'ArrayBuffers' : 'all',
      formatBytes(c.allocated),
      formatBytes(allocated),
      error(allocated, c.allocated),
      formatBytes(c.retained),
      formatBytes(retained),
      ratios.length ? `${median(ratios).toFixed(2)}×` : 'timeit: out of memory',
    ]);
  }
  console.log(`\n${node.label} (median of ${trials}; error in %)`);
  console.log(
    table(
      ['statement', 'bytes', 'allocated (truth)', 'memit', 'error %', 'retained (truth)', 'memit', 'wall vs timeit'],
      rows,
    ),
  );
}
