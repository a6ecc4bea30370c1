import { test } from 'node:test';
import assert from 'node:assert/strict';
import { attribute, STATEMENT_NODE_NAME } from '../../src/core/lines/attribution.ts';
import type { ScriptCoverage } from '../../src/core/lines/lineProfile.ts';
import { functionReport } from '../../src/core/lines/lineProfilerReport.ts';
import { toFlatProfile } from '../../src/core/flame/profileModel.ts';
import type { Frame, Sample, V8Function, V8Log } from '../../src/core/v8log/stacks.ts';

// Samples built by hand (the log reader has its own tests): every case has a known truth.
const src = [
  'function helper(n) {', // 1
  '  let s = 0;', // 2
  '  for (let i = 0; i < n; i++) s += i;', // 3
  '  return s;', // 4
  '}', // 5
  'function outer(n) {', // 6
  '  const a = helper(n);', // 7
  '  const b = helper(4 * n);', // 8
  '  return a + b;', // 9
  '}', // 10
  'function fib(n) {', // 11
  '  if (n < 2) return n;', // 12
  '  return fib(n - 1) + fib(n - 2);', // 13
  '}', // 14
  'function unsampled() { return 1; }', // 15
  '',
].join('\n');
const file = '/w/a.js';
const offset = (line: number, text = '') =>
  src
    .split('\n')
    .slice(0, line - 1)
    .reduce((a, l) => a + l.length + 1, 0) + Math.max(0, src.split('\n')[line - 1].indexOf(text));
const fn = (id: number, name: string, line: number, endLine: number): V8Function => ({
  id,
  name,
  url: file,
  scriptId: 1,
  start: offset(line, '('),
  end: offset(endLine) + 1,
});
const helper = fn(1, 'helper', 1, 5);
const outer = fn(2, 'outer', 6, 10);
const fib = fn(3, 'fib', 11, 14);
const statement = { id: 9, name: '__hotline_statement_1', url: 'hotline-profile-1.js', scriptId: 2, start: 0, end: 10 };
const more = { id: 10, name: 'more', url: '/runner/runner.js', scriptId: 3, start: 0, end: 10 };
const frame = (f: V8Function, at: number, inlined = false): Frame => ({ fn: f, offset: at, inlined });
const inStatement = (...frames: Frame[]): Frame[] => [...frames, frame(statement, 5)];

const coverage: ScriptCoverage[] = [
  {
    scriptId: '1',
    url: `file://${file}`,
    functions: [
      { functionName: '', isBlockCoverage: true, ranges: [{ startOffset: 0, endOffset: src.length, count: 1 }] },
      {
        functionName: 'helper',
        isBlockCoverage: true,
        ranges: [
          { startOffset: offset(1), endOffset: offset(5) + 1, count: 2 },
          { startOffset: offset(3, 's +='), endOffset: offset(3, ';\n') + 35, count: 100 },
        ],
      },
      {
        functionName: 'outer',
        isBlockCoverage: true,
        ranges: [{ startOffset: offset(6), endOffset: offset(10) + 1, count: 1 }],
      },
      {
        functionName: 'fib',
        isBlockCoverage: true,
        ranges: [{ startOffset: offset(11), endOffset: offset(14) + 1, count: 3 }],
      },
      {
        functionName: 'unsampled',
        isBlockCoverage: true,
        ranges: [{ startOffset: offset(15), endOffset: offset(15) + 34, count: 1 }],
      },
    ],
  },
];

function run(samples: Omit<Sample, 'vmState'>[], executions = 1, extra: Partial<V8Log> = {}) {
  const log: V8Log = {
    samples: samples.map((s) => ({ vmState: 0, ...s })),
    scripts: new Map([
      [1, { url: file, source: src }],
      [2, { url: 'hotline-profile-1.js', source: '' }],
      [3, { url: '/runner/runner.js', source: '' }],
    ]),
    markers: new Map([
      ['b', 0],
      ['e', 1e9],
    ]),
    deopts: [],
    inlineCaches: [],
    tiers: new Map(),
    ...extra,
  };
  return attribute({
    log,
    statementPrefix: '__hotline_statement_',
    setupPrefix: '__hotline_profile_setup_',
    markers: { begin: 'b', end: 'e' },
    executions,
    isUserFile: (f) => f.startsWith('/w/'),
    isHarnessFile: (f) => f.startsWith('/runner/'),
    coverage,
    coverageSources: { [`file://${file}`]: src },
    readText: () => undefined,
  });
}
/** Samples 1 ms apart; the last one lasts the median gap. */
const timed = (stacks: Frame[][]) => stacks.map((frames, i) => ({ time: i * 1000, frames }));
const lineOf = (lp: ReturnType<typeof run>['lineProfile'], name: string, line: number) =>
  lp.functions.find((f) => f.name === name)!.lines.find((l) => l.line === line);

test("a callee's time goes to the call site that made the call, split by real cost", () => {
  const inHelper = (callLine: number, text: string) =>
    inStatement(frame(helper, offset(3, 's +=')), frame(outer, offset(callLine, text)));
  const { lineProfile: lp } = run(
    timed([
      ...Array.from({ length: 2 }, () => inHelper(7, 'helper(n)')),
      ...Array.from({ length: 8 }, () => inHelper(8, 'helper(4')),
    ]),
    2,
  );
  const o = lp.functions.find((f) => f.name === 'outer')!;
  assert.equal(o.totalMicros, 10_000 / 2, 'per execution');
  assert.equal(lineOf(lp, 'outer', 7)!.micros, 2000 / 2);
  assert.equal(lineOf(lp, 'outer', 8)!.micros, 8000 / 2);
  assert.equal(
    o.lines.reduce((a, l) => a + l.micros, 0),
    o.totalMicros,
    'the lines add up to the total',
  );
  assert.deepEqual(
    lineOf(lp, 'outer', 8)!.callees.map((c) => [c.name, c.line, c.column, c.micros, c.inlined]),
    [['helper', 1, 13, 4000, false]],
  );
  assert.equal(lineOf(lp, 'outer', 8)!.selfMicros, 0);
  assert.equal(lineOf(lp, 'helper', 3)!.micros, 5000, "helper's own table has its own time");
  assert.deepEqual([o.calls, lineOf(lp, 'outer', 7)!.hits], [1, 1], 'hits and calls from coverage');
  assert.equal(
    lineOf(lp, 'helper', 3)!.hits,
    102,
    'a one-line loop counts its checks: 2 entries + 100 iterations of its body',
  );
  assert.equal(lp.samples, 10);
});

test('two calls on one line stay apart by column; inlined callees are labelled', () => {
  const call1 = offset(13, 'fib(n - 1)');
  const call2 = offset(13, 'fib(n - 2)');
  const { lineProfile: lp } = run(
    timed([
      inStatement(frame(fib, offset(12)), frame(fib, call1, false)),
      inStatement(frame(fib, offset(12), true), frame(fib, call2)),
      inStatement(frame(fib, offset(12), true), frame(fib, call2)),
    ]),
  );
  const callees = lineOf(lp, 'fib', 13)!.callees.map((c) => [c.column, c.micros, c.inlined]);
  assert.deepEqual(callees, [
    [23, 2000, true],
    [10, 1000, false],
  ]);
  assert.equal(lineOf(lp, 'fib', 13)!.inlinedMicros, 2000);
});

test('recursion counts once per stack: no line over 100 %, the leaf line keeps the work done below it', () => {
  const deep = inStatement(
    frame(fib, offset(12)),
    frame(fib, offset(13, 'fib(n - 1)')),
    frame(fib, offset(13, 'fib(n - 1)')),
    frame(fib, offset(13, 'fib(n - 2)')),
  );
  const { lineProfile: lp, profile } = run(timed([deep, deep, deep, inStatement(frame(fib, offset(12)))]));
  const f = lp.functions.find((x) => x.name === 'fib')!;
  assert.equal(f.totalMicros, 4000);
  assert.equal(f.selfMicros, 4000);
  for (const l of f.lines) assert.ok(l.micros <= f.totalMicros, `line ${l.line}: ${l.micros}`);
  assert.equal(lineOf(lp, 'fib', 13)!.micros, 3000, 'the recursive line: once per sample, however deep');
  assert.equal(lineOf(lp, 'fib', 12)!.micros, 4000, 'the base case ran in every sample');
  assert.ok(f.recursive);
  assert.match(functionReport(f, src.split('\n'), 'a.js'), /fib recurses: each line counts once per stack/);
  // The flame tree keeps the real recursion; its stats count each function once per stack.
  const flat = toFlatProfile(profile);
  assert.equal(flat.functions[flat.func[1]].name, STATEMENT_NODE_NAME);
  assert.equal(Math.max(...flat.parent.map((_, i) => depth(flat.parent, i))), 5, '(root) → (statement) → fib ×4');
});

function depth(parent: number[], i: number): number {
  let d = 0;
  while (parent[i] >= 0) {
    i = parent[i];
    d++;
  }
  return d;
}

test("samples of the harness, of loading and setup, and idle ones are not the statement's", () => {
  const { lineProfile: lp } = run(
    [
      { time: 0, frames: inStatement(frame(helper, offset(3))) },
      { time: 1000, frames: [frame(more, 1), frame(statement, 5)] }, // the runner's loop check
      { time: 2000, frames: inStatement(frame(helper, offset(3))) },
      { time: 3000, frames: [frame(helper, offset(3))], vmState: 8 } as Sample,
      { time: 4000, frames: inStatement(frame(helper, offset(3))) },
      { time: 5000, frames: [] },
    ],
    1,
    {
      markers: new Map([
        ['b', 500],
        ['e', 4500],
      ]),
    },
  );
  assert.equal(
    lp.samples,
    2,
    'the sample before the begin marker, the harness one, the idle one and the one after the end are out',
  );
  assert.equal(lp.totalMicros, 2000);
});

test('a function that ran but took no samples still gets its table; the statement tree has no runner frames', () => {
  const {
    lineProfile: lp,
    profile,
    callCounts,
  } = run(timed([inStatement(frame(helper, offset(3)), frame(outer, offset(7, 'helper')))]));
  const u = lp.functions.find((f) => f.name === 'unsampled')!;
  assert.deepEqual([u.calls, u.totalMicros, u.startLine, u.endLine], [1, 0, 15, 15]);
  const report = functionReport(u, src.split('\n'), 'a.js');
  assert.match(report, /Total time: 0 s/);
  assert.match(report, /^ {4}15 {9}1 {10}0\.0/m);
  const names = profile.nodes.map((n) => n.callFrame.functionName);
  assert.deepEqual(names, ['(root)', STATEMENT_NODE_NAME, 'outer', 'helper']);
  const helperNode = profile.nodes[3];
  assert.equal(helperNode.callFrame.url, `file://${file}`);
  assert.equal(helperNode.callFrame.lineNumber, 0);
  assert.deepEqual(helperNode.positionTicks, [{ line: 3, ticks: 1 }]);
  assert.equal([...callCounts.values()].join(), '1,2', 'outer and helper: exact calls from coverage');
});

test('the editor shows, per line, the function that spent the most time there', () => {
  const { lineProfile: lp } = run(timed([inStatement(frame(helper, offset(3)), frame(outer, offset(8, 'helper')))]));
  const lines = new Map(lp.files.find((f) => f.file === file)!.lines.map((l) => [l.line, l]));
  assert.equal(lines.get(8)!.micros, lp.totalMicros);
  assert.equal(lines.get(3)!.micros, lp.totalMicros);
  assert.equal(lines.get(5), undefined, 'a closing brace has no Hits and no time');
  assert.equal(lines.get(15)!.hits, 1);
});

test("time of a restored frame (line unknown) is shared over the function's lines by their own time", () => {
  const restored: Frame = { fn: helper, offset: -1, inlined: false, restored: true };
  const { lineProfile: lp } = run(
    timed([
      inStatement(frame(helper, offset(3, 's +=')), frame(outer, offset(8, 'helper'))),
      inStatement(frame(helper, offset(3, 's +=')), frame(outer, offset(8, 'helper'))),
      inStatement(frame(helper, offset(2)), frame(outer, offset(8, 'helper'))),
      inStatement(restored, frame(outer, offset(8, 'helper'))),
      inStatement(restored, frame(outer, offset(8, 'helper'))),
      inStatement(restored, frame(outer, offset(8, 'helper'))),
    ]),
  );
  const h = lp.functions.find((f) => f.name === 'helper')!;
  assert.equal(h.totalMicros, 6000);
  assert.equal(h.unplacedMicros, 3000);
  assert.equal(lineOf(lp, 'helper', 3)!.micros, 2000 + 2000, "2/3 of helper's own time is on line 3");
  assert.equal(lineOf(lp, 'helper', 2)!.micros, 1000 + 1000);
  assert.equal(lineOf(lp, 'outer', 8)!.micros, 6000, "the caller's call site is exact either way");
  assert.match(functionReport(h, src.split('\n'), 'a.js'), /50 % of helper's time was in V8 builtins/);
});
