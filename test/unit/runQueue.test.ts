import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SerialRunQueue, type ConcurrencyPolicy } from '../../src/engine/runQueue.ts';

const deferred = () => {
  let resolve!: () => void;
  const p = new Promise<void>((r) => (resolve = r));
  return { p, resolve };
};

test('queue policy runs one task at a time, in order, and says who is ahead', async () => {
  const q = new SerialRunQueue(() => 'queue');
  const order: string[] = [];
  const gate = deferred();
  const waits: string[] = [];
  const a = q.enqueue('a', async () => {
    order.push('a start');
    await gate.p;
    order.push('a end');
    return 1;
  });
  await new Promise((r) => setImmediate(r));
  const b = q.enqueue(
    'b',
    async () => {
      order.push('b');
      return 2;
    },
    { onWait: (ahead) => waits.push(ahead) },
  );
  assert.equal(q.running, 'a');
  gate.resolve();
  assert.deepEqual(await Promise.all([a, b]), [1, 2]);
  assert.deepEqual(order, ['a start', 'a end', 'b']);
  assert.deepEqual(waits, ['a']);
  assert.equal(q.running, undefined);
});

test('cancelPrevious aborts the running task before starting the next', async () => {
  let policy: ConcurrencyPolicy = 'cancelPrevious';
  const q = new SerialRunQueue(() => policy);
  const cancelled: string[] = [];
  const a = q.enqueue(
    'a',
    (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
  );
  await new Promise((r) => setImmediate(r));
  const b = q.enqueue('b', async () => 'b done', { onCancelPrevious: (l) => cancelled.push(l) });
  await assert.rejects(a, /cancelled to start b/);
  assert.equal(await b, 'b done');
  assert.deepEqual(cancelled, ['a']);
  policy = 'queue';
});

test('a failing task does not block the queue', async () => {
  const q = new SerialRunQueue(() => 'queue');
  await assert.rejects(
    q.enqueue('bad', async () => {
      throw new Error('boom');
    }),
    /boom/,
  );
  assert.equal(await q.enqueue('good', async () => 'ok'), 'ok');
});

test('an external signal cancels a waiting task before it starts', async () => {
  const q = new SerialRunQueue(() => 'queue');
  const gate = deferred();
  const a = q.enqueue('a', async () => gate.p);
  const external = new AbortController();
  let started = false;
  const b = q.enqueue(
    'b',
    async () => {
      started = true;
    },
    { signal: external.signal },
  );
  external.abort(new Error('user cancelled'));
  gate.resolve();
  await a;
  await assert.rejects(b, /user cancelled/);
  assert.equal(started, false);
});
