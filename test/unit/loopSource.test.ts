import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { awaitFloorSource, probeFunctionSource, timingFunctionSource } from '../../src/core/timing/loopSource.ts';

test('every generated loop has a unique source, even for the same statement', () => {
  const spec = { setup: 'const x = 1', stmt: 'f(x)', isExpression: true, awaitEach: false };
  const sources = new Set(Array.from({ length: 50 }, () => timingFunctionSource(spec)));
  assert.equal(sources.size, 50);
  assert.notEqual(probeFunctionSource(spec), probeFunctionSource(spec));
  assert.notEqual(awaitFloorSource(), awaitFloorSource());
});

test('the loop runs setup once and the statement n times, sinking every value into one slot', () => {
  const fn = vm.runInNewContext(
    timingFunctionSource({
      setup: 'let calls = 0; const f = () => ++calls; globalThis.setupRuns = (globalThis.setupRuns ?? 0) + 1',
      stmt: 'f()',
      isExpression: true,
      awaitEach: false,
    }),
  );
  const sink: unknown[] = [undefined];
  let t = 0;
  const seconds = fn(5, () => (t += 1000), sink);
  assert.equal(seconds, 1, 'returns seconds from a millisecond clock');
  assert.equal(sink[0], 5, 'the last value is in the sink');
  assert.deepEqual(Object.keys(sink), ['0'], 'earlier results are not kept alive');
});

test('statements that are not expressions are pasted as statements', () => {
  const src = timingFunctionSource({ setup: '', stmt: 'a.push(1); a.pop()', isExpression: false, awaitEach: false });
  assert.doesNotThrow(() => new vm.Script(src));
  assert.ok(!src.includes('sink[0] = (a.push'));
});

test('a // comment at the end of setup or statement cannot swallow the loop', () => {
  const fn = vm.runInNewContext(
    timingFunctionSource({ setup: 'const y = 2 // two', stmt: 'y * 3 // six', isExpression: true, awaitEach: false }),
  );
  const sink: unknown[] = [undefined];
  fn(1, () => 0, sink);
  assert.equal(sink[0], 6);
});

test('awaited loops and awaiting setups compile to async functions', async () => {
  const fn = vm.runInNewContext(
    timingFunctionSource({
      setup: 'const v = await Promise.resolve(4)',
      stmt: 'Promise.resolve(v)',
      isExpression: true,
      awaitEach: true,
    }),
  );
  const sink: unknown[] = [undefined];
  assert.equal(typeof (await fn(2, () => 0, sink)), 'number');
  assert.deepEqual(sink, [4]);
});
