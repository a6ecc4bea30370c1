import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settled, WarmUp, WARM_UP_MIN_MS } from '../../src/core/lines/warmUp.ts';
import { samplesNote } from '../../src/core/lines/lineProfilerReport.ts';
import type { LineProfile } from '../../src/core/lines/lineProfile.ts';

test('the time per execution has settled when the last windows are no faster than the ones before', () => {
  assert.equal(settled([10, 8, 6]), false, 'too few windows to tell');
  assert.equal(settled([10, 8, 6, 4, 3, 2]), false, 'still falling');
  assert.equal(settled([10, 3, 3, 3, 3.05, 2.95]), true, 'flat within the tolerance');
  assert.equal(settled([3, 3, 3, 3.5, 3.4, 3.6]), true, 'a rise is not a fall (noise, or code that got slower)');
});

test('a warm-up stops when the time settles, or at its bound, and says which', () => {
  // An execution of 1 ms that falls to 0.5 ms over the first 300 ms, then stays there.
  const w = new WarmUp(4000);
  w.begin(0);
  let now = 0;
  let i = 0;
  while (w.tick(i, now)) {
    now += now < 300 ? 1 : 0.5;
    i++;
  }
  const r = w.report()!;
  assert.equal(r.settled, true);
  assert.ok(r.ms >= WARM_UP_MIN_MS && r.ms < WARM_UP_MIN_MS + 500, `stopped after ${r.ms} ms`);
  assert.equal(r.firstMs, 1);
  assert.equal(r.lastMs, 0.5);

  // Ever faster: the bound stops it.
  const bounded = new WarmUp(3000);
  bounded.begin(0);
  now = 0;
  i = 0;
  while (bounded.tick(i, now)) {
    now += 1 / (1 + now / 100);
    i++;
  }
  assert.equal(bounded.report()!.settled, false);
  assert.ok(bounded.report()!.ms >= 3000);
});

test('the footer says the profile is the steady state or the cold start, and that GC is on no line', () => {
  const base: LineProfile = {
    files: [],
    functions: [],
    totalMicros: 1000,
    gcMicros: 100,
    executions: 10,
    samples: 500,
  };
  const cold = samplesNote({ ...base, warmUp: null });
  assert.match(cold, /cold start/);
  assert.match(cold, /GC: 100 .s per execution, 10\.0 % of 1 ms — not on any line/);
  const warm = samplesNote({
    ...base,
    warmUp: { executions: 1200, ms: 900, settled: true, firstMs: 2, lastMs: 1.2 },
  });
  assert.match(
    warm,
    /steady state: sampled after a warm-up of 1,200 executions in 0\.9 s \(settled at 1\.2 ms per execution\)/,
  );
});
