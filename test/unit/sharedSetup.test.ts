// A file's shared setup (IPython's namespace): what a function's setup box proposes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { declaredNames, setupWithShared } from '../../src/core/timing/sharedSetup.ts';

test('the names a setup declares at its top level', () => {
  assert.deepEqual([...declaredNames('const x = sawtooth(N); const steps = 20')], ['x', 'steps']);
  assert.deepEqual([...declaredNames('let [a, b] = f();\nfunction g() {}\nclass C {}')], ['a', 'b', 'g', 'C']);
  assert.deepEqual([...declaredNames('var { p, q: r } = o; async function h() {}')], ['p', 'q', 'r', 'h']);
  assert.deepEqual([...declaredNames('warm(); x.y = 2')], [], 'calls and assignments declare nothing');
});

test("the shared setup is proposed to every function of the file; a proposal's own setup joins it unless they clash", () => {
  const shared = 'const x = sawtooth(N); const steps = 20';
  assert.equal(setupWithShared('', 'const s = "?a=1";'), 'const s = "?a=1";', 'no shared setup: the proposal');
  assert.equal(setupWithShared(shared, ''), shared);
  assert.equal(
    setupWithShared(shared, 'const N = 1000;\nconst x = Array.from({ length: N });\nconst steps = 1024;'),
    shared,
    'the proposal declares x and steps again: the shared setup wins (it would not run twice)',
  );
  assert.equal(
    setupWithShared(shared, 'const q = new Queue();\nq.push(1);'),
    `${shared}; const q = new Queue(); q.push(1);`,
    "a proposal's own names join, on one line (an input box holds no line breaks)",
  );
  assert.equal(setupWithShared(`${shared};`, shared), `${shared};`, 'already there: not repeated');
});
