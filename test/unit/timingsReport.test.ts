import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildResult, ipythonLine } from '../../src/core/timing/timeit.ts';
import type { TimingEntry } from '../../src/core/timing/timeitTypes.ts';
import { addEntry, removeEntry } from '../../src/core/timing/timingList.ts';
import { histogram, logScaleBars, logTicks, niceTicks, toMarkdown } from '../../src/core/timing/timingsReport.ts';

function entry(id: string, label: string, perLoop: number, stmt = `${label}(x)`): TimingEntry {
  const result = buildResult(
    Array.from({ length: 7 }, (_, i) => perLoop * 10 * (1 + i / 100)),
    10,
  );
  return { id, label, file: '/w/blur.ts', stmt, setup: 'const x = 1', result, line: ipythonLine(result), when: 0 };
}

test('histogram: sqrt rule with at least 5 bins, counts add up, equal runs in one bin', () => {
  const bins = histogram([1, 2, 3, 4, 5, 6, 7]);
  assert.equal(bins.length, 5);
  assert.equal(
    bins.reduce((a, b) => a + b.count, 0),
    7,
  );
  assert.equal(bins[0].from, 1);
  assert.equal(bins[4].to, 7);
  assert.equal(bins[4].count, 2, 'the maximum falls in the last bin');
  assert.equal(
    histogram(
      Array(100)
        .fill(0)
        .map((_, i) => i),
    ).length,
    10,
  );
  assert.deepEqual(histogram([2, 2, 2]), [{ from: 2, to: 2, count: 3 }]);
  assert.deepEqual(histogram([]), []);
});

test('logScaleBars spans whole decades; 10x apart is a fixed step', () => {
  const { lengths, decadeFrom, decadeTo } = logScaleBars([1e-3, 1e-2, 1e-1]);
  assert.equal(decadeFrom, -4, 'one decade below a fastest value on a decade line');
  assert.equal(decadeTo, -1);
  assert.ok(Math.abs(lengths[1] - lengths[0] - 1 / 3) < 1e-9);
  assert.ok(Math.abs(lengths[2] - 1) < 1e-9);
  assert.ok(lengths[0] > 0.3);
  assert.deepEqual(logScaleBars([2e-3, 5e-2]).decadeFrom, -3);
});

test('Markdown export: one table per comparison group, speed against the baseline with its interval', () => {
  const md = toMarkdown([
    entry('a', 'blur', 21.3e-3),
    entry('b', 'blurFast', 1.2e-3, 'blurFast(x | 1)'),
    entry('c', 'blurTyped', 3.1e-3, 'blurTyped(x)'),
  ]);
  const lines = md.trim().split('\n');
  assert.equal(lines[0], '**same inputs (x) · setup: const x = 1**');
  const blurTyped = lines.find((l) => l.startsWith('| blurTyped'))!;
  assert.match(blurTyped, /^\| blurTyped \| `blurTyped\(x\)` \| 3\.1\d ms ± [\d.]+ µs \| 3\.1 ms \| 10 × 7 \| /);
  assert.match(blurTyped, /\| 6\.8\d× faster \| 95 % CI \d\.\d\d–\d\.\d\d \|$/);
  assert.match(
    lines.find((l) => l.startsWith('| blur |'))!,
    /\| baseline \| {2}\|$/,
  );
  assert.ok(
    md.includes('**not compared (nothing else timed with the same inputs)**'),
    'blurFast(x | 1) has other inputs',
  );
  assert.match(lines.at(-1)!, /^\| blurFast \| `blurFast\(x \\\| 1\)` .* \| — \| {2}\|$/);
});

test('niceTicks and logTicks', () => {
  assert.deepEqual(niceTicks(0.0123, 0.0171, 4), [0.014, 0.016]);
  assert.deepEqual(niceTicks(0.0123, 0.0171, 8), [0.013, 0.014, 0.015, 0.016, 0.017]);
  assert.deepEqual(niceTicks(0, 7, 4), [0, 2, 4, 6]);
  const ticks = logTicks(-4, -2, 200);
  assert.equal(ticks.filter((t) => t.major).length, 3);
  assert.equal(ticks.length, 3 + 16);
  assert.deepEqual(
    ticks.filter((t) => t.labelled && !t.major).map((t) => Number(t.value.toPrecision(3))),
    [2e-4, 5e-4, 2e-3, 5e-3],
  );
  assert.equal(logTicks(-4, -2, 60).filter((t) => t.labelled).length, 3, 'narrow: decades only');
});

test('timing the same implementation again replaces it; remove drops by id', () => {
  let list = addEntry([], entry('a', 'blur', 1e-3));
  list = addEntry(list, entry('b', 'blurFast', 1e-4));
  list = addEntry(list, entry('c', 'blur', 2e-3));
  assert.deepEqual(
    list.map((e) => e.id),
    ['c', 'b'],
  );
  list = addEntry(list, entry('d', 'blur', 2e-3, 'blur(y)'));
  assert.equal(list.length, 3, 'another statement is another entry');
  assert.deepEqual(
    removeEntry(list, 'b').map((e) => e.id),
    ['c', 'd'],
  );
});
