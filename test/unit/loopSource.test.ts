import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { awaitFloorSource, probeFunctionSource, timingFunctionSource } from '../../src/core/loopSource.ts';

test('every generated loop has a unique source, even for the same statement', () => {
  const spec = { setup: 'const x = 1', stmt: 'f(x)', isExpression: true, awaitEach: false };
  const sources = new Set(Array.from({ length: 50 }, () => timingFunctionSource(spec)));
  assert.equal(sources.size, 50);
  assert.notEqual(probeFunctionSource(spec), probeFunctionSource(spec));
  assert.notEqual(awaitFloorSource(), awaitFloorSource());
});

test('the loop runs setup once and the statement n times, sinking every value', () => {
  const fn = vm.runInNewContext(timingFunctionSource({ setup: 'let calls = 0; const f = () => ++calls; globalThis.setupRuns = (globalThis.setupRuns ?? 0) + 1', stmt: 'f()', isExpression: true, awaitEach: false }));
  const sink: unknown[] = new Array(1024);
  let t = 0;
  const seconds = fn(5, () => (t += 1000), sink);
  assert.equal(seconds, 1, 'returns seconds from a millisecond clock');
  assert.deepEqual(sink.slice(0, 5), [1, 2, 3, 4, 5]);
});

test('statements that are not expressions are pasted as statements', () => {
  const src = timingFunctionSource({ setup: '', stmt: 'a.push(1); a.pop()', isExpression: false, awaitEach: false });
  assert.doesNotThrow(() => new vm.Script(src));
  assert.ok(!src.includes('sink[__hotline_i & 1023] = (a.push'));
});

test('a // comment at the end of setup or statement cannot swallow the loop', () => {
  const fn = vm.runInNewContext(timingFunctionSource({ setup: 'const y = 2 // two', stmt: 'y * 3 // six', isExpression: true, awaitEach: false }));
  const sink: unknown[] = new Array(1024);
  fn(1, () => 0, sink);
  assert.equal(sink[0], 6);
});

test('awaited loops and awaiting setups compile to async functions', async () => {
  const fn = vm.runInNewContext(timingFunctionSource({ setup: 'const v = await Promise.resolve(4)', stmt: 'Promise.resolve(v)', isExpression: true, awaitEach: true }));
  const sink: unknown[] = new Array(1024);
  assert.equal(typeof (await fn(2, () => 0, sink)), 'number');
  assert.deepEqual(sink.slice(0, 2), [4, 4]);
});
