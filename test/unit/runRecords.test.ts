// The run store's pure rules: one retention rule, the profile read back for line changes and
// Compare Profiles, and version 1's three stores migrated (or dropped) cleanly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  comparableProfiles,
  lastEditPair,
  migrateState,
  previousProfile,
  readPayload,
  retain,
  RUN_STORE_VERSION,
  runKey,
  type RunRecord,
} from '../../src/core/store/runRecords.ts';
import { changeSinceSnapshot, lineSnapshot } from '../../src/core/lines/lineSnapshot.ts';
import type { FunctionProfile, LineStat } from '../../src/core/lines/lineProfile.ts';

const key = (label: string, stmt = `${label}()`) => runKey({ file: '/p/a.ts', label, stmt, setup: '' });
function run(when: number, kind: RunRecord['kind'], label = 'f', hash = 'fn:1', extra: Partial<RunRecord> = {}) {
  return {
    id: `r${when}`,
    key: key(label),
    kind,
    label,
    file: '/p/a.ts',
    stmt: `${label}()`,
    setup: '',
    contentHash: hash,
    when,
    ...extra,
  } satisfies RunRecord;
}

test('one retention rule: the newest per function, statement and kind, and a bound on all; dropped records are listed', () => {
  let records: RunRecord[] = [];
  const dropped: RunRecord[] = [];
  for (let i = 0; i < 5; i++) {
    const r = retain(records, run(i, 'profile', 'f', 'fn:1', { hasPayload: true }), { perKey: 3, total: 100 });
    records = r.kept;
    dropped.push(...r.dropped);
  }
  assert.deepEqual(
    records.map((r) => r.when),
    [2, 3, 4],
  );
  assert.deepEqual(
    dropped.map((r) => r.id),
    ['r0', 'r1'],
    'their payload files go with them',
  );
  records = retain(records, run(10, 'timeit'), { perKey: 3, total: 100 }).kept;
  assert.equal(records.length, 4, 'another kind of the same function is counted apart');
  const all = retain(records, run(11, 'explain', 'g'), { perKey: 3, total: 4 });
  assert.deepEqual(
    all.dropped.map((r) => r.when),
    [2],
    'over the total, the oldest of any kind goes',
  );
});

test('a new profile is compared with the newest earlier one of the same key; Compare Profiles pairs the last edit', () => {
  const records = [
    run(1, 'profile', 'f', 'fn:1', { hasPayload: true }),
    run(2, 'timeit', 'f', 'fn:2'),
    run(3, 'profile', 'g', 'fn:9', { hasPayload: true }),
    run(4, 'profile', 'f', 'fn:2', { hasPayload: true }),
    run(5, 'profile', 'f', 'fn:2', { hasPayload: true }),
  ];
  assert.equal(previousProfile(records, key('f'))?.when, 5);
  assert.equal(previousProfile(records, key('f'), 5)?.when, 4);
  assert.equal(previousProfile(records, key('h')), undefined);
  assert.deepEqual(
    comparableProfiles(records).map((r) => r.when),
    [5, 4, 3, 1],
  );
  assert.deepEqual(
    lastEditPair(records)?.map((r) => r.when),
    [1, 5],
    'the newest profile and the newest earlier one whose code differs',
  );
  assert.equal(lastEditPair(records.slice(3)), undefined, 'same code: no edit');
});

test("version 1's timing history and profile index migrate; per-file snapshots and unknown states are dropped", () => {
  const v1Timing = { ...run(7, 'timeit'), id: undefined };
  delete (v1Timing as { id?: string }).id;
  const { state, migrated } = migrateState(undefined, {
    history: [v1Timing, { kind: 'bogus' }],
    profiles: [{ id: 'abc-1', label: 'f', file: '/p/a.ts', stmt: 'f()', when: 3, textHash: '0011', executions: 40 }],
  });
  assert.equal(migrated, true);
  assert.equal(state.version, RUN_STORE_VERSION);
  assert.deepEqual(
    state.records.map((r) => [r.kind, r.when, r.contentHash, r.hasPayload ?? false]),
    [
      ['profile', 3, 'file:0011', true],
      ['timeit', 7, 'fn:1', false],
    ],
  );
  assert.equal(state.records[0].id, 'abc-1', "the profile keeps its id: its tree's file is its payload");
  const current = migrateState({ version: RUN_STORE_VERSION, records: [run(1, 'timeit'), { junk: true }] });
  assert.equal(current.migrated, false);
  assert.equal(current.state.records.length, 1, 'a malformed record is dropped');
  assert.deepEqual(migrateState({ version: 99, records: [] }).state.records, []);
  assert.equal(migrateState({ version: 99 }).migrated, true, 'an unknown state is replaced');
  assert.equal(migrateState(undefined).migrated, false, 'a new workspace has nothing to migrate');
});

test('payloads: the current shape, or a version-1 profile file (the bare tree)', () => {
  const tree = { functions: [], parent: [-1], func: [0], self: [0] };
  assert.deepEqual(readPayload(tree)?.tree, tree);
  assert.deepEqual(readPayload({ version: RUN_STORE_VERSION, tree })?.tree, tree);
  assert.equal(readPayload('nonsense'), undefined);
  assert.equal(readPayload({ version: 1 }), undefined);
});

test("a line snapshot gives each line's change only when the function's own code was edited", () => {
  const stat = (line: number, micros: number): LineStat => ({
    line,
    hits: 1,
    micros,
    selfMicros: micros,
    inlinedMicros: 0,
    callees: [],
  });
  const fn = (endLine: number) =>
    ({ name: 'f', file: '/p/a.ts', startLine: 1, endLine, totalMicros: 30 }) as unknown as FunctionProfile;
  const hash = (s: string) => `h:${s.length}:${s}`;
  const before = lineSnapshot('function f() {\n  slow();\n}\n', [stat(2, 30)], [fn(3)], 0.01, hash)!;
  const elsewhere = lineSnapshot('function f() {\n  slow();\n}\nconst x = 1;\n', [stat(2, 29)], [fn(3)], 0.01, hash)!;
  assert.equal(changeSinceSnapshot(before, elsewhere, [stat(2, 29)], fn(3)), undefined, 'an edit outside f');
  const editedLines = [stat(2, 30), stat(3, 10)];
  const edited = lineSnapshot('function f() {\n  slow();\n  fast();\n}\n', editedLines, [fn(4)], 0.01, hash)!;
  const change = changeSinceSnapshot(before, edited, editedLines, fn(4))!;
  assert.deepEqual(change.lines, [{ line: 2, before: 30, beforeSamples: 3000 }], 'the new line has no before');
  assert.equal(change.functionBefore, 30);
  assert.equal(change.functionSamplesBefore, 3000);
  assert.equal(lineSnapshot('x'.repeat(600 * 1024), [], [], 1, hash), undefined, 'a huge file keeps no text');
});
