// Which timings are compared with which, the baseline, and the history's "after your edit".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ALONE,
  comparisonGroups,
  inputsKey,
  meanInterval,
  verdictLines,
  whyNotInterleaved,
} from '../../src/core/timing/comparisonGroups.ts';
import {
  compareWithPrevious,
  historyKey,
  processSpreadOf,
  recordsOf,
  timingsOf,
  type HistoryRecord,
} from '../../src/core/timing/history.ts';
import { buildResult, ipythonLine } from '../../src/core/timing/timeit.ts';
import type { TimingEntry } from '../../src/core/timing/timeitTypes.ts';
import { PROCESS_SPREAD } from '../../src/core/timing/compare.ts';
import { retain } from '../../src/core/store/runRecords.ts';

const appendRecord = (records: HistoryRecord[], r: HistoryRecord) => retain(records, r).kept;

/** Seven runs spread ±3 % around `perLoop`, in a fixed order (no randomness, no timing). */
function result(perLoop: number) {
  return buildResult(
    [1, 0.98, 1.03, 0.99, 1.01, 0.97, 1.02].map((f) => perLoop * f * 10),
    10,
  );
}

function entry(
  id: string,
  label: string,
  perLoop: number,
  stmt = `${label}(x, 100)`,
  setup = 'const x = sawtooth(N)',
): TimingEntry {
  const r = result(perLoop);
  return { id, label, file: '/w/blur.ts', stmt, setup, result: r, line: ipythonLine(r), when: 0 };
}

test('default groups: same arguments and setup; a statement that is not one call is its own group', () => {
  const key = (stmt: string, setup = 'const x = 1') => inputsKey({ stmt, setup });
  assert.equal(key('blur(x, 100)'), key(' blurFast( x,  100 );', ' const x = 1 '));
  assert.notEqual(key('blur(x, 100)'), key('blur(x, 50)'));
  assert.notEqual(key('blur(x)'), key('blur(x)', 'const x = 2'));
  assert.equal(key('await lib.parse(src)', ''), key('parser.parse(src)', ''));
  assert.match(inputsKey({ stmt: 'const a = f(1); g(a)', setup: '' }), /^stmt\{/);
});

test('unrelated functions are not ranked against each other: they are listed without a ratio', () => {
  const groups = comparisonGroups([
    entry('a', 'blur', 20e-3),
    entry('b', 'blurFast', 5e-3),
    entry('c', 'render', 1e-3, 'render(doc)', 'const doc = load()'),
    entry('d', 'parseJs', 2e-3, 'parseJs(src)', ''),
  ]);
  assert.equal(groups.length, 2);
  const [blur, alone] = groups;
  assert.deepEqual(
    blur.rows.map((r) => [r.label, r.speed]),
    [
      ['blurFast', '4.00× faster'],
      ['blur', 'baseline'],
    ],
  );
  assert.match(blur.rows[0].interval, /^95 % CI 3\.\d\d–4\.\d\d$/);
  assert.equal(blur.rows[0].verdict?.startsWith('`blurFast` is 4.00× faster than `blur` (95 % CI '), true);
  assert.equal(alone.key, ALONE);
  assert.deepEqual(
    alone.rows.map((r) => [r.label, r.speed]),
    [
      ['render', '—'],
      ['parseJs', '—'],
    ],
  );
  assert.ok(alone.rows.every((r) => r.ratio === undefined));
});

test('the user picks the baseline and regroups', () => {
  const entries = [entry('a', 'blur', 20e-3), entry('b', 'blurFast', 5e-3), entry('c', 'blurTyped', 5.05e-3)];
  const key = inputsKey(entries[0]);
  const [g] = comparisonGroups(entries, { [key]: 'b' });
  assert.equal(g.baselineId, 'b');
  assert.deepEqual(
    g.rows.map((r) => r.speed),
    ['baseline', 'no significant difference', '4.00× slower'],
  );
  const moved = comparisonGroups([...entries.slice(0, 2), { ...entries[2], group: ALONE }]);
  assert.deepEqual(
    moved.map((x) => x.rows.map((r) => r.label)),
    [['blurFast', 'blur'], ['blurTyped']],
  );
  const joined = comparisonGroups(
    [entries[0], entry('d', 'blurOther', 10e-3, 'blurOther(y)', 'const y = sawtooth(N)')].map((e) => ({
      ...e,
      group: 'mine',
    })),
  );
  assert.deepEqual(
    joined[0].rows.map((r) => r.speed),
    ['2.00× faster', 'baseline'],
  );
});

test('verdict lines for the Output channel, and none for an entry compared with nothing', () => {
  const entries = [entry('a', 'blur', 20e-3), entry('b', 'blurFast', 5e-3), entry('c', 'render', 1e-3, 'render(doc)')];
  const lines = verdictLines(entries, 'b');
  assert.match(
    lines[0],
    /^compared on same inputs \(x, 100\) · setup: const x = sawtooth\(N\), baseline blur \(20(\.\d)? ms\):$/,
  );
  assert.match(lines[1], /^ {2}`blurFast` is 4\.00× faster than `blur` \(95 % CI/);
  assert.deepEqual(verdictLines(entries, 'c'), []);
});

test('a group is re-timed in one process only from one file with one setup', () => {
  const [a, b] = [entry('a', 'blur', 2e-3), entry('b', 'blurFast', 1e-3)];
  assert.equal(whyNotInterleaved([a, b]), undefined);
  assert.match(whyNotInterleaved([a])!, /at least two/);
  assert.match(whyNotInterleaved([a, { ...b, file: '/w/other.ts' }])!, /different files/);
  assert.match(whyNotInterleaved([a, { ...b, setup: 'const x = 2' }])!, /different setups/);
});

test('meanInterval is the t interval of the mean', () => {
  const { low, high } = meanInterval([1, 2, 3]);
  // mean 2, sd 1, t(2) = 4.303: 2 ± 4.303 / √3
  assert.ok(Math.abs(high - (2 + 4.303 / Math.sqrt(3))) < 1e-9 && low > 0);
});

function record(when: number, hash: string, perLoop: number, kind: HistoryRecord['kind'] = 'timeit'): HistoryRecord {
  const e = entry('x', 'blur', perLoop);
  return {
    id: `${kind}-${when}-${hash}`,
    key: historyKey(e),
    label: e.label,
    file: e.file,
    stmt: e.stmt,
    setup: e.setup,
    contentHash: hash,
    when,
    kind,
    result: e.result,
  };
}

test('the run store keeps the newest 50 per function and kind; the oldest go first', () => {
  let records: HistoryRecord[] = [];
  for (let i = 0; i < 60; i++) records = appendRecord(records, record(i, 'h', 1e-3));
  records = appendRecord(records, { ...record(100, 'h', 1e-3, 'profile'), result: undefined, profileSeconds: 1e-3 });
  assert.equal(records.length, 51);
  assert.deepEqual(
    timingsOf(records, records[0].key).map((r) => r.when),
    Array.from({ length: 50 }, (_, i) => i + 10),
  );
  assert.equal(recordsOf(records, records[0].key).length, 51, 'the profile is listed with the timings');
  assert.equal(recordsOf(records, 'another function').length, 0);
});

test('after an edit the run is compared with the one before it; unchanged code with the last run before the edit', () => {
  let records = [record(1, 'old', 14.2e-3), record(2, 'new', 10e-3)];
  const edited = compareWithPrevious(records, records[1])!;
  assert.equal(edited.edited, true);
  // Two processes: the interval holds the spread between processes (±~14 % at 5 %), not only the runs' ±3 %.
  assert.match(edited.message, /^after your edit: 1\.42× faster \(95 % CI 1\.2\d–1\.6\d\)$/);
  records = appendRecord(records, record(3, 'new', 10.1e-3));
  const again = compareWithPrevious(records, records[2])!;
  assert.equal(again.edited, false);
  assert.equal(again.before.when, 1);
  assert.match(again.message, /^since before your last edit: 1\.4\d× faster/);
  assert.equal(
    compareWithPrevious([record(1, 'same', 1e-3), record(2, 'same', 1e-3)], record(2, 'same', 1e-3)),
    undefined,
    'never edited: nothing to say',
  );
  assert.equal(compareWithPrevious([], record(1, 'a', 1e-3)), undefined);
});

test('records hashed another way (the whole file, before functions were hashed) are not an edit of the function', () => {
  const records = [record(1, 'a1b2c3', 14.2e-3), record(2, 'fn:new', 10e-3)];
  assert.equal(compareWithPrevious(records, records[1]), undefined);
  const now = [...records, record(3, 'fn:newer', 12e-3)];
  assert.equal(compareWithPrevious(now, now[2])!.before.when, 2);
});

test('the spread between processes: the measured default, or what repeated timings of the same code show', () => {
  assert.equal(
    processSpreadOf([record(1, 'fn:a', 1e-3), record(2, 'fn:a', 1.5e-3)], record(1, 'fn:a', 1e-3).key),
    PROCESS_SPREAD,
    'one degree of freedom is not enough',
  );
  const levels = [1, 1.3, 0.8, 1.25, 0.85];
  const noisy = levels.map((f, i) => record(i, 'fn:a', f * 1e-3));
  const spread = processSpreadOf(noisy, noisy[0].key);
  assert.ok(spread > 0.15 && spread < 0.3, `spread ${spread}`);
  const steady = [1, 1.01, 0.99, 1.0].map((f, i) => record(i, 'fn:a', f * 1e-3));
  assert.equal(processSpreadOf(steady, steady[0].key), PROCESS_SPREAD, 'never below the measured default');
});

test('a group timed in one process (Re-time Interleaved) compares runs alone; separate processes include their spread', () => {
  const separate = comparisonGroups([entry('a', 'blur', 20e-3), entry('b', 'blurFast', 10e-3)]);
  const together = comparisonGroups([
    { ...entry('a', 'blur', 20e-3), process: 'p1' },
    { ...entry('b', 'blurFast', 10e-3), process: 'p1' },
  ]);
  const width = (g: typeof separate) => {
    const r = g[0].rows.find((row) => row.ratio)!.ratio!;
    return r.high / r.low;
  };
  assert.ok(width(separate) > width(together) * 1.1, `${width(separate)} vs ${width(together)}`);
  assert.match(
    separate[0].rows.find((r) => r.verdict)!.verdict!,
    /timed in separate processes, their spread included$/,
  );
  assert.doesNotMatch(together[0].rows.find((r) => r.verdict)!.verdict!, /separate processes/);
});

test("memit's bytes per loop beside the time, and against the baseline's when both were measured", () => {
  const memory = (allocatedBytes: number) => ({ allocatedBytes, retainedBytes: 0, line: 'allocated …' });
  const rows = (mine: number, baseline: number) =>
    comparisonGroups([
      { ...entry('a', 'blur', 20e-3), memory: memory(baseline) },
      { ...entry('b', 'blurFast', 5e-3), memory: memory(mine) },
    ])[0].rows;
  const [fast, slow] = rows(8208, 164_160);
  assert.equal(slow.memory, '164 KB/loop');
  assert.equal(slow.memoryVersus, undefined, 'the baseline is not set against itself');
  assert.equal(fast.memory, '8.21 KB/loop');
  assert.equal(fast.memoryVersus, '20.00× less memory');
  assert.equal(rows(170_000, 164_160)[0].memoryVersus, 'same memory (±5 %)');
  assert.equal(rows(400_000, 164_160)[0].memoryVersus, '2.44× more memory');
  assert.equal(rows(0, 164_160)[0].memoryVersus, 'allocates nothing');
  const unmeasured = comparisonGroups([entry('a', 'blur', 20e-3), entry('b', 'blurFast', 5e-3)])[0].rows;
  assert.ok(unmeasured.every((r) => r.memory === undefined && r.memoryVersus === undefined));
});
