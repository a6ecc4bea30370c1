import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deltaLabel, diffTree, functionDeltas, lineDeltas, relativeChange } from '../../src/core/lines/profileDiff.ts';
import type { FlatProfile, ProfileFunction } from '../../src/core/flame/profileTypes.ts';

const fn = (name: string, line: number, file = '/p/a.ts'): ProfileFunction => ({
  name,
  file,
  line,
  column: 1,
  kind: name === '(root)' ? 'root' : 'js',
});

/** A flat profile from [function index, parent node, self µs] rows in pre-order. */
function flat(functions: ProfileFunction[], rows: [number, number, number][]): FlatProfile {
  const parent = rows.map((r) => r[1]);
  const self = rows.map((r) => r[2]);
  const total = self.slice();
  for (let n = rows.length - 1; n > 0; n--) total[parent[n]] += total[n];
  return {
    functions,
    parent,
    func: rows.map((r) => r[0]),
    self,
    total,
    duration: total[0],
    samples: 0,
    callCounts: null,
  };
}

const before = flat(
  [fn('(root)', 0), fn('main', 1), fn('slow', 5), fn('fast', 9)],
  [
    [0, -1, 0],
    [1, 0, 0],
    [2, 1, 80],
    [3, 1, 20],
  ],
);
// after an edit that moved every function down 2 lines, and made slow 4× faster
const after = flat(
  [fn('(root)', 0), fn('main', 3), fn('slow', 7), fn('fast', 11)],
  [
    [0, -1, 0],
    [1, 0, 0],
    [2, 1, 20],
    [3, 1, 20],
  ],
);

test('functions are matched by name and file across edits; changes per execution, biggest first', () => {
  const rows = functionDeltas(before, after, { before: 10, after: 10 });
  assert.deepEqual(
    rows.map((r) => [r.fn.name, r.fn.line, r.selfBefore, r.selfAfter, r.deltaSelf]),
    [
      ['slow', 7, 8, 2, -6],
      ['fast', 11, 2, 2, 0],
    ],
  );
  assert.equal(rows[0].totalBefore, 8);
});

test('runs of different lengths compare per execution', () => {
  const longer = flat(after.functions, [
    [0, -1, 0],
    [1, 0, 0],
    [2, 1, 40],
    [3, 1, 40],
  ]); // twice the executions
  const rows = functionDeltas(after, longer, { before: 10, after: 20 });
  assert.ok(rows.every((r) => r.deltaSelf === 0));
});

test("recursion counts once per stack in a function's total", () => {
  const rec = flat(
    [fn('(root)', 0), fn('fib', 1)],
    [
      [0, -1, 0],
      [1, 0, 10],
      [1, 1, 10],
      [1, 2, 10],
    ],
  );
  const [row] = functionDeltas(rec, rec);
  assert.equal(row.totalBefore, 30, 'not 30 + 20 + 10');
  assert.equal(row.selfBefore, 30);
});

test('the diff tree gives each node of the after tree its before times at the same call path', () => {
  const grown = flat(
    [fn('(root)', 0), fn('main', 3), fn('slow', 7), fn('fresh', 20)],
    [
      [0, -1, 0],
      [1, 0, 0],
      [2, 1, 20],
      [3, 1, 5],
    ],
  );
  const d = diffTree(before, grown);
  assert.deepEqual(d.baseSelf, [0, 0, 80, 0], 'fresh is new: nothing before');
  assert.deepEqual(d.self, [0, 0, 20, 5]);
  assert.deepEqual(d.baseTotal, [100, 100, 80, 0]);
  assert.equal(relativeChange(80, 20), -0.75);
  assert.equal(relativeChange(0, 5), 1);
  assert.equal(relativeChange(0, 0), 0);
});

test('line deltas follow lines through an edit and leave out edited lines', () => {
  const beforeText = ['function f(xs) {', '  let t = 0;', '  for (const x of xs) t += x * x;', '  return t;', '}'];
  const afterText = [
    '// sum of squares',
    'function f(xs) {',
    '  let t = 0;',
    '  for (let i = 0; i < xs.length; i++) t += xs[i] * xs[i];',
    '  return t;',
    '}',
  ];
  const stat = (line: number, micros: number) => ({
    line,
    hits: 1,
    micros,
    selfMicros: micros,
    inlinedMicros: 0,
    callees: [],
  });
  const deltas = lineDeltas(
    beforeText,
    afterText,
    [stat(2, 1), stat(3, 40), stat(4, 1)],
    [stat(3, 2), stat(4, 10), stat(5, 1)],
  );
  assert.deepEqual(
    deltas,
    [
      { line: 3, before: 1, after: 2 },
      { line: 5, before: 1, after: 1 },
    ],
    'line 4 was rewritten: no before',
  );
});

test('delta labels say the direction, the change and the amount', () => {
  assert.equal(deltaLabel(32.6, 20.2), '▼ 38 % · −12.4 µs');
  assert.equal(deltaLabel(10, 13), '▲ 30 % · +3 µs');
  assert.equal(deltaLabel(1000, 2500), '▲ 2.5× · +1.5 ms');
  assert.equal(deltaLabel(0, 4), '▲ new · +4 µs');
  assert.equal(deltaLabel(5, 5), '= · +0 ns');
});

test('hot lines carry their change since the edit in the figure and the hover', async () => {
  const { hotLineViews } = await import('../../src/core/lines/hotLineModel.ts');
  const line = (n: number, micros: number) => ({
    line: n,
    hits: 10,
    micros,
    selfMicros: micros,
    inlinedMicros: 0,
    callees: [],
  });
  const fnProfile = {
    name: 'f',
    file: '/p/a.ts',
    startLine: 1,
    endLine: 5,
    calls: 1,
    selfMicros: 30,
    totalMicros: 30,
    samples: 30,
    recursive: false,
    unplacedMicros: 0,
    lines: [line(2, 20.2), line(3, 9.8)],
  };
  const lp = {
    files: [{ file: '/p/a.ts', lines: [line(2, 20.2), line(3, 9.8)] }],
    functions: [fnProfile],
    totalMicros: 30,
    gcMicros: 0,
    executions: 100,
    samples: 3000,
  };
  const views = hotLineViews(lp as never, '/p/a.ts', [{ line: 2, before: 32.6 }]);
  assert.match(views[0].figure, /▼ 38 % · −12\.4 µs$/);
  assert.match(views[0].hover, /Since your edit:\*\* 32\.6 µs → 20\.2 µs per execution/);
  assert.doesNotMatch(views[1].figure, /[▼▲]/, 'a line without a before has no change');
});

test('the comparison report lists totals and the biggest changes of self time', async () => {
  const { diffReport } = await import('../../src/core/lines/profileDiff.ts');
  const lines = diffReport(
    functionDeltas(before, after, { before: 10, after: 10 }),
    { before: 10, after: 4 },
    'per execution',
  );
  assert.deepEqual(lines, [
    'total per execution: 10 µs → 4 µs (▼ 60 % · −6 µs)',
    'biggest changes of self time per execution:',
    '  ▼ 75 % · −6 µs  slow  a.ts:7',
  ]);
});

test('a line change is shown when its samples make it significant and hidden within their noise', async () => {
  const { changeSinceEdit } = await import('../../src/core/lines/hotLineModel.ts');
  // 3000 samples over 30 µs per execution: a 20 µs line holds 2000 samples.
  const profile = { totalMicros: 30, samples: 3000 };
  const big = changeSinceEdit({ line: 2, before: 32.6, beforeSamples: 3260 }, 20, profile);
  assert.equal(big.shown, true);
  assert.match(big.hover, /▼ 39 % · −12\.6 µs; 95 % CI 0\.5\d–0\.7\d× the time before/);
  // 5 % less on ~20 samples each side is well within Poisson noise (±45 % at 95 %).
  const few = { totalMicros: 30, samples: 30 };
  const small = changeSinceEdit({ line: 2, before: 21, beforeSamples: 21 }, 20, few);
  assert.equal(small.shown, false);
  assert.match(small.hover, /no significant change \(95 % CI 0\.\d+–1\.\d+× the time before, from 21 and 20 samples\)/);
  // Without the samples behind `before` (older memory), the change is shown as before.
  assert.equal(changeSinceEdit({ line: 2, before: 21 }, 20, few).shown, true);
});

test('a line resting on one sample says so instead of a bare sub-nanosecond time', async () => {
  const { hotLineViews } = await import('../../src/core/lines/hotLineModel.ts');
  const line = (n: number, micros: number) => ({
    line: n,
    hits: 5,
    micros,
    selfMicros: micros,
    inlinedMicros: 0,
    callees: [],
  });
  // 1000 samples over 1000 µs per execution: 1 µs per sample; line 3 holds 0.001 µs = 0.001 samples
  const lp = {
    files: [{ file: '/p/a.ts', lines: [line(2, 999), line(3, 0.001), line(4, 1)] }],
    functions: [],
    totalMicros: 1000,
    gcMicros: 0,
    executions: 1,
    samples: 1000,
  };
  const [many, fraction, one] = hotLineViews(lp as never, '/p/a.ts');
  assert.match(many.figure, /^99\.9% · 999 µs · 5 hits$/);
  assert.match(fraction.figure, /· ~1 ns \(< 1 sample\)/);
  assert.match(one.figure, /· ~1 µs \(1 sample\)/);
});
