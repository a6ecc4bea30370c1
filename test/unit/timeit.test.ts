import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  autorange,
  warmUp,
  buildResult,
  cachingWarning,
  ipythonLine,
  normalizedSpeeds,
  parseTimeitOptions,
  populationStdev,
} from '../../src/core/timing/timeit.ts';

test('autorange picks the first 10^k whose run takes >= 0.2 s', async () => {
  const tried: number[] = [];
  const loops = await autorange((n) => {
    tried.push(n);
    return n * 3e-4;
  }); // 0.3 ms per loop
  assert.equal(loops, 1000);
  assert.deepEqual(tried, [1, 10, 100, 1000]);
  assert.equal(await autorange(() => 0.5), 1);
  assert.equal(await autorange(() => 0), 1e9, 'stops at 10^9 like IPython');
});

test('buildResult: per-loop timings, mean, population std, best and worst', () => {
  const r = buildResult([0.2, 0.4, 0.3], 10);
  assert.deepEqual(r.timings, [0.02, 0.04, 0.03]);
  assert.equal(r.best, 0.02);
  assert.equal(r.worst, 0.04);
  assert.ok(Math.abs(r.average - 0.03) < 1e-15);
  assert.ok(Math.abs(r.stdev - Math.sqrt(2 / 3) * 0.01) < 1e-15, 'divides by n, not n-1');
  assert.equal(populationStdev([1, 1, 1]), 0);
});

test('ipythonLine has IPython wording, plurals and thousands separators', () => {
  const r = buildResult(Array(7).fill(0.335), 10);
  assert.equal(ipythonLine(r), '33.5 ms \u00b1 0 ns per loop (mean \u00b1 std. dev. of 7 runs, 10 loops each)');
  const one = buildResult([2.5], 1);
  assert.equal(ipythonLine(one), '2.5 s \u00b1 0 ns per loop (mean \u00b1 std. dev. of 1 run, 1 loop each)');
  const many = buildResult([0.2, 0.21], 10_000_000);
  assert.match(ipythonLine(many), /of 2 runs, 10,000,000 loops each\)$/);
});

test('the caching warning follows IPython: worst > 4·best, best > 0, worst > 1 µs', () => {
  assert.equal(
    cachingWarning(buildResult([1e-3, 5e-3], 1)),
    'The slowest run took 5.00 times longer than the fastest. This could mean that an intermediate result is being cached.',
  );
  assert.equal(cachingWarning(buildResult([1e-3, 4e-3], 1)), undefined, 'exactly 4x is not enough');
  assert.equal(cachingWarning(buildResult([1e-8, 9e-7], 1)), undefined, 'worst under 1 µs');
  assert.equal(cachingWarning(buildResult([0, 1e-3], 1)), undefined, 'best of 0');
});

test('parseTimeitOptions reads -n/-r/-p before the statement', () => {
  assert.deepEqual(parseTimeitOptions('-n 100 -r 3 blur(x, 10)'), { loops: 100, repeat: 3, stmt: 'blur(x, 10)' });
  assert.deepEqual(parseTimeitOptions('-p4 fib(20)'), { precision: 4, stmt: 'fib(20)' });
  assert.deepEqual(parseTimeitOptions('blur(x, -1)'), { stmt: 'blur(x, -1)' });
  assert.deepEqual(parseTimeitOptions('-x.length'), { stmt: '-x.length' });
  assert.throws(() => parseTimeitOptions('-q 3 f()'), /unknown option -q/);
  assert.throws(() => parseTimeitOptions('-n 0 f()'), /at least 1/);
});

test('normalizedSpeeds: the slowest is "1.0 (normalized)", others "N.Nx", fastest first', () => {
  const rows = normalizedSpeeds([
    { id: 'a', label: 'python', result: { average: 0.892 } },
    { id: 'b', label: 'numpy', result: { average: 0.01 } },
    { id: 'c', label: 'mid', result: { average: 0.446 } },
  ]);
  assert.deepEqual(
    rows.map((r) => [r.label, r.speed]),
    [
      ['numpy', '89.2x'],
      ['mid', '2.0x'],
      ['python', '1.0 (normalized)'],
    ],
  );
  assert.deepEqual(normalizedSpeeds([]), []);
});

test("with -n, warm-up runs of n loops until autorange's 0.2 s, at most as many as the timed runs", async () => {
  const loops: number[] = [];
  const runs = await warmUp(
    (n) => {
      loops.push(n);
      return 0.05;
    },
    100,
    7,
  );
  assert.equal(runs, 4);
  assert.deepEqual(loops, [100, 100, 100, 100]);
  assert.equal(await warmUp(() => 3, 1, 7), 1, 'one slow run is enough');
  assert.equal(
    await warmUp(() => 0, 1, 7),
    7,
    'a statement that takes no time stops after as many runs as will be timed',
  );
});

test('settle: warm runs after autorange stop once the time per run stops falling, or at the budget', async () => {
  const { settle } = await import('../../src/core/timing/timeit.ts');
  const times = [0.5, 0.3, 0.25, 0.249, 0.251, 0.2, 0.2];
  let i = 0;
  // falls, then 0.249 and 0.251 are within 2 % of the best (0.25): two steady runs in a row
  assert.equal(await settle(() => times[i++], 10), 5);
  let calls = 0;
  // always falling by 10 %: stops when the runs add up to the budget
  assert.equal(await settle(() => 0.9 ** calls++, 10, 3), 4);
});
