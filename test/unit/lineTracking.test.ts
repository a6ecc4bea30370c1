import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shiftLines } from '../../src/core/lines/lineTracking.ts';

const items = [
  { line: 2, v: 'a' },
  { line: 5, v: 'b' },
  { line: 9, v: 'c' },
];

test('lines below an insertion shift down, lines above stay', () => {
  const out = shiftLines(items, [{ startLine: 4, endLine: 4, insertedLineBreaks: 2, insertsWholeLinesBefore: true }]);
  assert.deepEqual(
    out.map((i) => i.line),
    [2, 7, 11],
  );
});

test('a whole line inserted right before an annotated line moves it', () => {
  const out = shiftLines(items, [{ startLine: 5, endLine: 5, insertedLineBreaks: 1, insertsWholeLinesBefore: true }]);
  assert.deepEqual(
    out.map((i) => i.v + i.line),
    ['a2', 'b6', 'c10'],
  );
});

test('an edited line is dropped, deleted lines pull the rest up', () => {
  const out = shiftLines(items, [{ startLine: 5, endLine: 7, insertedLineBreaks: 0 }]);
  assert.deepEqual(
    out.map((i) => i.v + i.line),
    ['a2', 'c7'],
  );
});

test('several edits of one event are applied bottom-up', () => {
  const out = shiftLines(items, [
    { startLine: 0, endLine: 0, insertedLineBreaks: 1, insertsWholeLinesBefore: true },
    { startLine: 8, endLine: 8, insertedLineBreaks: 1, insertsWholeLinesBefore: true },
  ]);
  assert.deepEqual(
    out.map((i) => i.line),
    [3, 6, 11],
  );
});
