import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CpuProfileError, parseCpuProfile } from '../../src/core/flame/cpuprofile.ts';
import {
  ancestry,
  childIndex,
  filterStats,
  heaviestNodeOf,
  internalsLast,
  layout,
  searchFunctions,
  sortStats,
  statsRows,
} from '../../src/core/flame/flameLayout.ts';
import { functionStats, perExecution, toFlatProfile } from '../../src/core/flame/profileModel.ts';

const frame = (functionName: string, line = 0, url = 'file:///w/a.js') => ({
  functionName,
  scriptId: '1',
  url,
  lineNumber: line,
  columnNumber: 0,
});
// root -> main -> { fib -> fib -> fib, work }, samples with 1 ms each.
const profileJson = JSON.stringify({
  nodes: [
    { id: 1, callFrame: frame('(root)', -1, ''), children: [2, 7] },
    { id: 2, callFrame: frame('main', 0), children: [3, 6] },
    { id: 3, callFrame: frame('fib', 10), children: [4] },
    { id: 4, callFrame: frame('fib', 10), children: [5] },
    { id: 5, callFrame: frame('fib', 10), children: [] },
    { id: 6, callFrame: frame('work', 20), children: [] },
    { id: 7, callFrame: frame('(idle)', -1, ''), children: [] },
  ],
  startTime: 0,
  endTime: 10_000,
  samples: [3, 4, 5, 5, 6, 6, 6, 2, 7, 5],
  timeDeltas: [0, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
});

test('parse + flat tree: pre-order, self from real deltas, totals bottom-up', () => {
  const flat = toFlatProfile(parseCpuProfile(profileJson));
  assert.deepEqual(flat.parent, [-1, 0, 1, 2, 3, 1, 0]);
  assert.deepEqual(
    flat.functions.map((f) => f.name),
    ['(root)', 'main', 'fib', 'work', '(idle)'],
  );
  assert.deepEqual(flat.func, [0, 1, 2, 2, 2, 3, 4]);
  assert.equal(flat.total[0], 10_000);
  assert.equal(flat.total[2], 5000, 'fib subtree: 1 + 1 + 3 samples');
  assert.equal(flat.self[4], 3000, 'the last sample gets the mean duration (1 ms)');
  assert.equal(flat.callCounts, null, 'no coverage run: ncalls unknown');
});

test('stats: recursion is not double counted, ncalls unknown without coverage', () => {
  const flat = toFlatProfile(parseCpuProfile(profileJson));
  const rows = statsRows(flat, functionStats(flat));
  const fib = rows.find((r) => r.location === 'a.js:11(fib)')!;
  assert.equal(fib.tottime, 5000);
  assert.equal(fib.cumtime, 5000, 'not 5000 + 4000 + 3000');
  assert.equal(fib.ncalls, null);
  assert.equal(fib.cumtimePercall, null);
  const main = rows.find((r) => r.location === 'a.js:1(main)')!;
  assert.equal(main.cumtime, 9000);
  const withCounts = toFlatProfile(parseCpuProfile(profileJson), {
    callCount: (cf) => (cf.functionName === 'fib' ? 3 : 1),
  });
  const fibCounted = statsRows(withCounts, functionStats(withCounts)).find((r) => r.location.endsWith('(fib)'))!;
  assert.equal(fibCounted.ncalls, 3);
  assert.equal(fibCounted.tottimePercall, 5000 / 3);
});

test('stats table: sort by any column (unknowns last), filter by location', () => {
  const flat = toFlatProfile(parseCpuProfile(profileJson));
  const rows = statsRows(flat, functionStats(flat));
  assert.deepEqual(sortStats(rows, 'cumtime', true).map((r) => r.location)[0], 'a.js:1(main)');
  const ascending = sortStats(rows, 'tottime', false).map((r) => r.tottime);
  assert.deepEqual(
    ascending,
    [...ascending].sort((a, b) => a - b),
  );
  assert.equal(sortStats(rows, 'ncalls', true).length, rows.length, 'all-unknown columns still sort');
  assert.deepEqual(
    sortStats(rows, 'location', false).map((r) => r.location),
    ['~:0((idle))', 'a.js:11(fib)', 'a.js:1(main)', 'a.js:21(work)'].sort((a, b) => a.localeCompare(b)),
  );
  assert.deepEqual(
    filterStats(rows, 'FIB').map((r) => r.location),
    ['a.js:11(fib)'],
  );
});

test('layout: widths are fractions of the root, depth limit and cutoff merge small nodes', () => {
  const flat = toFlatProfile(parseCpuProfile(profileJson));
  const ci = childIndex(flat);
  const full = layout(flat, ci, { root: 0, depth: 10, cutoff: 0 });
  assert.equal(full.node.length, 7);
  const at = (node: number) => full.node.indexOf(node);
  assert.deepEqual([full.x0[at(1)], full.x1[at(1)]], [0, 0.9]);
  assert.deepEqual([full.x0[at(5)], full.x1[at(5)]], [0.5, 0.8], 'work follows fib inside main');
  assert.equal(full.depth[at(4)], 4);
  const shallow = layout(flat, ci, { root: 0, depth: 3, cutoff: 0 });
  assert.equal(Math.max(...shallow.depth), 2);
  const cut = layout(flat, ci, { root: 1, depth: 10, cutoff: 0.35 }); // within main (9 ms): fib 5 ms kept, work 3 ms merged
  assert.ok(cut.node.includes(2));
  const merged = cut.node.indexOf(-1);
  assert.ok(merged >= 0, 'a merged block stands for work');
  assert.equal(cut.owner[merged], 1);
  assert.equal(cut.value[merged], 3000);
  const zoomed = layout(flat, ci, { root: 2, depth: 10, cutoff: 0 });
  assert.deepEqual([zoomed.x0[0], zoomed.x1[0]], [0, 1], 'the new root spans the width');
  assert.deepEqual(ancestry(flat, 4), [0, 1, 2, 3, 4]);
  assert.deepEqual([...searchFunctions(flat, 'wor')], [3]);
  assert.equal(heaviestNodeOf(flat, 2), 2);
});

test('malformed profiles are rejected with a specific reason', () => {
  const good = JSON.parse(profileJson);
  const cases: [string, RegExp][] = [
    ['', /empty/],
    ['   ', /empty/],
    [profileJson.slice(0, 200), /truncated/],
    ['hello', /not JSON/],
    ['[1,2]', /trace-event/],
    ['{"traceEvents": []}', /trace-event/],
    ['{"nodes": 3}', /no "nodes" array/],
    [JSON.stringify({ ...good, nodes: [] }), /no nodes/],
    [JSON.stringify({ ...good, startTime: 'x' }), /startTime/],
    [JSON.stringify({ ...good, nodes: [...good.nodes, { id: 1, callFrame: frame('dup') }] }), /appears twice/],
    [
      JSON.stringify({
        ...good,
        nodes: good.nodes.map((n: { id: number }) => (n.id === 6 ? { ...n, children: [99] } : n)),
      }),
      /child 99, which does not exist/,
    ],
    [
      JSON.stringify({
        ...good,
        nodes: good.nodes.map((n: { id: number }) => (n.id === 5 ? { ...n, children: [3] } : n)),
      }),
      /two parents|cycle/,
    ],
    [JSON.stringify({ ...good, samples: [42] }), /"samples" refers to nodes that do not exist/],
    [JSON.stringify({ ...good, timeDeltas: [1] }), /"timeDeltas" has 1 entries for 10 samples/],
    [
      JSON.stringify({ ...good, timeDeltas: good.timeDeltas.map(String) }),
      /"timeDeltas" entry 0 is "\d+", not a time in microseconds/,
    ],
    [
      JSON.stringify({ ...good, timeDeltas: good.timeDeltas.map((d: number, i: number) => (i === 3 ? 1e308 : d)) }),
      /"timeDeltas" entry 3 is 1e\+308/,
    ],
    [
      JSON.stringify({
        ...good,
        nodes: good.nodes.map((n: { id: number }) => (n.id === 6 ? { ...n, hitCount: -2 } : n)),
      }),
      /node 6 has a hitCount of -2/,
    ],
    [JSON.stringify({ ...good, startTime: 10, endTime: 5 }), /ends before it starts/],
  ];
  for (const [text, reason] of cases)
    assert.throws(
      () => parseCpuProfile(text),
      (e: unknown) => e instanceof CpuProfileError && reason.test(e.reason),
      text.slice(0, 60),
    );
  assert.throws(() => parseCpuProfile(profileJson, 100), /Hotline opens profiles up to 0 MB/);
  assert.doesNotThrow(() => parseCpuProfile(JSON.stringify({ profile: good })), 'DevTools wrapper');
});

test('a root with 200,000 children opens', () => {
  const children = Array.from({ length: 200_000 }, (_, i) => i + 2);
  const nodes = [
    { id: 1, callFrame: frame('(root)'), children },
    ...children.map((id) => ({ id, callFrame: frame(`f${id}`), hitCount: 1 })),
  ];
  const profile = parseCpuProfile(JSON.stringify({ nodes, startTime: 0, endTime: 200_000 }));
  assert.equal(profile.nodes.length, 200_001);
  assert.equal(toFlatProfile(profile).parent.length, 200_001);
});

test('stats sort file:line as numbers: :1031 before :10011', () => {
  const row = (location: string) => ({ location }) as unknown as Parameters<typeof sortStats>[0][number];
  const rows = ['big.js:10011(f)', 'big.js:1031(g)', 'big.js:9(h)'].map(row);
  assert.deepEqual(
    sortStats(rows, 'location', false).map((r) => r.location),
    ['big.js:9(h)', 'big.js:1031(g)', 'big.js:10011(f)'],
  );
});

test('a Hotline profile reads per execution of the statement; the timeline keeps real time', () => {
  const flat = toFlatProfile(parseCpuProfile(profileJson));
  const each = perExecution(flat, 1000);
  assert.equal(each.perExecution, 1000);
  assert.equal(each.total[0], 10, '10 ms over 1,000 executions: 10 µs each');
  assert.equal(each.self[4], 3);
  assert.equal(each.timeline, flat.timeline);
  const fib = statsRows(each, functionStats(each)).find((r) => r.location === 'a.js:11(fib)')!;
  assert.equal(fib.cumtime, 5);
});

test('with internals folded, their rows come after the rest whatever the sort', () => {
  const flat = toFlatProfile(parseCpuProfile(profileJson));
  const rows = sortStats(statsRows(flat, functionStats(flat)), 'cumtime', true);
  const mainIsInternal = (f: number) => flat.functions[f].name === 'main';
  const ordered = internalsLast(rows, mainIsInternal).map((r) => r.location);
  assert.equal(ordered.at(-1), 'a.js:1(main)', 'main, which holds everything, is last');
  assert.deepEqual(
    ordered.slice(0, -1),
    rows.map((r) => r.location).filter((l) => l !== 'a.js:1(main)'),
  );
});
