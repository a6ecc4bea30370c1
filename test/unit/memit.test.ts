// memit's pure parts: the generated loop (setup once), the ArrayBuffer windows, the sampling
// interval, the result's notes, the one line and the message check.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  arrayBufferBytesPerLoop,
  buildMemitResult,
  formatBytes,
  heapSamplingInterval,
  memitLine,
  memitLoopSource,
  type MemitMeasurements,
} from '../../src/core/memory/index.ts';
import { parseChildMessage } from '../../src/core/protocol/protocol.ts';

test('the memit loop runs its setup once and the statement n times, its value sunk', async () => {
  const source = memitLoopSource({
    setup: 'let made = 0; // a comment',
    stmt: 'made++',
    isExpression: true,
    awaitEach: false,
  });
  const loop = (0, eval)(source)();
  const sink: unknown[] = [];
  loop(5, sink);
  assert.equal(sink[0], 4);
  loop(3, sink);
  assert.equal(sink[0], 7, 'the setup did not run again');
  const awaited = (0, eval)(
    memitLoopSource({ setup: 'const x = await 2', stmt: 'Promise.resolve(x)', isExpression: true, awaitEach: true }),
  );
  const asyncLoop = await awaited();
  await asyncLoop(2, sink);
  assert.equal(sink[0], 2);
});

test('ArrayBuffer bytes: the median of windows with no collection and no shrinking counter', () => {
  const windows = [
    { start: 0, end: 1, executions: 10, delta: 10_000 },
    { start: 2, end: 3, executions: 10, delta: 10_000 },
    { start: 4, end: 5, executions: 10, delta: 2_000 }, // a collection freed buffers in it
    { start: 6, end: 7, executions: 10, delta: -50_000 }, // buffers freed late
    { start: 8, end: 9, executions: 10, delta: 10_500 },
  ];
  assert.deepEqual(arrayBufferBytesPerLoop(windows, [{ start: 4.5, end: 4.6 }]), { bytes: 1000, clean: 3 });
  assert.equal(arrayBufferBytesPerLoop(windows.slice(2, 3), [{ start: 0, end: 10 }]), undefined);
});

test('the heap profiler interval aims at 20,000 samples, a power of two from 64 B to 64 KB', () => {
  assert.equal(heapSamplingInterval(400e6), 16384);
  assert.equal(heapSamplingInterval(0), 64);
  assert.equal(heapSamplingInterval(1e15), 65536);
});

const measured: MemitMeasurements = {
  loops: 1000,
  executions: 1000,
  sampledHeapBytes: 400e6,
  heapSamples: 1000,
  arrayBuffers: { bytes: 800, clean: 150 },
  retained: { before: 5e6, after: 4.9e6, executions: 1000 },
  peakBytes: 54.2e6,
  gcCount: 25,
  gcMs: 5,
};

test('per loop: heap and ArrayBuffers add up, retained is never negative, notes say what is uncertain', () => {
  const r = buildMemitResult(measured);
  assert.equal(r.allocatedBytes, 400_800);
  assert.equal(r.retainedBytes, 0, 'a heap that shrank retains nothing, not a negative figure');
  assert.equal(r.gcCount, 0.025);
  assert.deepEqual(r.notes, []);
  const few = buildMemitResult({ ...measured, heapSamples: 25, arrayBuffers: undefined, keptPerExecution: 8000 });
  assert.match(few.notes.join('\n'), /25 samples .*±20 %/);
  assert.match(few.notes.join('\n'), /keeps what it allocates \(8\.00 KB per loop\)/);
  assert.match(few.notes.join('\n'), /ArrayBuffer memory could not be measured/);
});

test("%memit's one line, in decimal bytes", () => {
  assert.deepEqual([0, 0.4, 812, 999.6, 400_016, 8e6, 54.2e6, 1.87e9].map(formatBytes), [
    '0 B',
    '0 B',
    '812 B',
    '1.00 KB',
    '400 KB',
    '8.00 MB',
    '54.2 MB',
    '1.87 GB',
  ]);
  const r = buildMemitResult({ ...measured, sampledHeapBytes: 8e9, arrayBuffers: undefined, gcCount: 400, gcMs: 1100 });
  assert.equal(memitLine(r), 'allocated 8.00 MB per loop, retained 0 B · peak heap 54.2 MB · 0.4 GC per loop (1.1 ms)');
  const rare = buildMemitResult({ ...measured, gcCount: 1, gcMs: 0.15, executions: 22_000 });
  assert.match(memitLine(rare), /1 GC per 22,000 loops \(6\.82 ns per loop\)$/);
  assert.match(memitLine(buildMemitResult({ ...measured, gcCount: 0 })), /· no GC$/);
});

test("the runner's memit message is checked field by field", () => {
  const result = buildMemitResult(measured);
  const message = { type: 'memit', result, transpiler: 'none', nodeVersion: 'v20', loadSeconds: 0.1 };
  assert.equal(parseChildMessage(JSON.stringify(message))?.type, 'memit');
  for (const broken of [
    { ...result, heapBytes: -1 },
    { ...result, loops: 0 },
    { ...result, notes: [1] },
  ])
    assert.equal(parseChildMessage(JSON.stringify({ ...message, result: broken })), undefined);
});
