import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChildMessage } from '../../src/core/protocol/protocol.ts';
import { buildResult } from '../../src/core/timing/timeit.ts';
import { parseTimingsFromWebview } from '../../src/core/protocol/timingsMessages.ts';
import { parseFlameFromWebview } from '../../src/core/protocol/flameMessages.ts';

test('well-formed runner messages are accepted', () => {
  const result = buildResult([0.2, 0.3], 10);
  assert.deepEqual(parseChildMessage(JSON.stringify({ type: 'progress', message: 'run 1 of 7' })), {
    type: 'progress',
    message: 'run 1 of 7',
  });
  assert.equal(
    parseChildMessage(
      JSON.stringify({
        type: 'timeit',
        result,
        transpiler: "TypeScript 5.9.3 (Hotline's)",
        nodeVersion: 'v20',
        loadSeconds: 0.1,
      }),
    )?.type,
    'timeit',
  );
  assert.deepEqual(parseChildMessage(JSON.stringify({ type: 'error', kind: 'exit', message: 'bye' })), {
    type: 'error',
    kind: 'exit',
    message: 'bye',
  });
});

test('anything else written to fd 3 is dropped', () => {
  const result = buildResult([0.2, 0.3], 10);
  for (const bad of [
    'not json',
    '[]',
    'null',
    '42',
    JSON.stringify({ type: 'shell', cmd: 'rm -rf /' }),
    JSON.stringify({ type: 'progress', message: 7 }),
    JSON.stringify({ type: 'error', kind: 'pwned', message: 'x' }),
    JSON.stringify({ type: 'error', kind: 'throw', message: 'x', location: { file: 1 } }),
    JSON.stringify({
      type: 'timeit',
      result: { ...result, timings: [] },
      transpiler: 'x',
      nodeVersion: 'v',
      loadSeconds: 0,
    }),
    JSON.stringify({
      type: 'timeit',
      result: { ...result, loops: 0 },
      transpiler: 'x',
      nodeVersion: 'v',
      loadSeconds: 0,
    }),
    JSON.stringify({
      type: 'timeit',
      result: { ...result, best: -1 },
      transpiler: 'x',
      nodeVersion: 'v',
      loadSeconds: 0,
    }),
    JSON.stringify({
      type: 'timeit',
      result: { ...result, repeat: 5 },
      transpiler: 'x',
      nodeVersion: 'v',
      loadSeconds: 0,
    }),
    JSON.stringify({ type: 'progress', message: 'x'.repeat(70_000) }),
  ])
    assert.equal(parseChildMessage(bad), undefined, bad.slice(0, 80));
});

test('webview messages of the wrong shape are rejected', () => {
  assert.deepEqual(parseTimingsFromWebview({ type: 'remove', id: 'a1' }), { type: 'remove', id: 'a1' });
  assert.deepEqual(parseTimingsFromWebview({ type: 'export', format: 'json' }), { type: 'export', format: 'json' });
  for (const bad of [
    null,
    'ready',
    { type: 'remove' },
    { type: 'remove', id: 5 },
    { type: 'export', format: 'exe' },
    { type: 'eval', code: '1' },
    { type: 'remove', id: 'x'.repeat(300) },
  ]) {
    assert.equal(parseTimingsFromWebview(bad), undefined, JSON.stringify(bad));
  }
});

test("the flame panel's messages: a function by its index in range, a line of the report's function by number", () => {
  const parse = (v: unknown) => parseFlameFromWebview(v, 3, 2);
  assert.deepEqual(parse({ type: 'ready' }), { type: 'ready' });
  assert.deepEqual(parse({ type: 'openSource', func: 2 }), { type: 'openSource', func: 2 });
  assert.deepEqual(parse({ type: 'openSource', func: 1, allocations: true }), {
    type: 'openSource',
    func: 1,
    allocations: true,
  });
  assert.deepEqual(parse({ type: 'openLine', line: 17 }), { type: 'openLine', line: 17 });
  for (const bad of [
    null,
    { type: 'openSource', func: 3 },
    { type: 'openSource', func: 2, allocations: true },
    { type: 'openSource', func: -1 },
    { type: 'openSource', func: '1' },
    { type: 'openSource', file: '/etc/passwd', func: 0.5 },
    { type: 'openLine', line: 0 },
    { type: 'openLine', line: 2.5 },
    { type: 'openLine', line: '17' },
    { type: 'openLine', file: '/etc/passwd' },
  ]) {
    assert.equal(parse(bad), undefined, JSON.stringify(bad));
  }
});
