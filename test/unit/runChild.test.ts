// How a run's end reaches the user: the output beyond the kept tail counted in lines (the tail
// starts at a line), and a crash named by its cause.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crashMessage, TailBuffer } from '../../src/engine/runChild.ts';

test('output past the limit: the last whole lines are kept and the dropped ones counted', () => {
  const tail = new TailBuffer(1024);
  const lines = Array.from({ length: 3003 }, (_, i) => `line ${i}\n`);
  for (let i = 0; i < lines.length; i += 7) tail.push(Buffer.from(lines.slice(i, i + 7).join('')));
  const [notice, ...kept] = tail.text().trimEnd().split('\n');
  const dropped = Number(
    /^\[… ([\d,]+) earlier lines not kept \(the last 1 KB follow\)\]$/.exec(notice)?.[1].replace(/,/g, ''),
  );
  assert.equal(dropped + kept.length, 3003, notice);
  assert.deepEqual(
    kept,
    lines.slice(dropped).map((l) => l.trimEnd()),
    'whole lines, the last ones',
  );
});

test('output within the limit is kept as it is', () => {
  const tail = new TailBuffer(1024);
  tail.push(Buffer.from('a\nb'));
  assert.equal(tail.text(), 'a\nb');
});

test("V8's out-of-memory abort is named as such; other ends by their code or signal", () => {
  const oom =
    '<--- Last few GCs --->\nFATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n';
  assert.match(crashMessage(null, 'SIGABRT', oom), /^the run ran out of memory \(V8's heap limit.*max-old-space-size/);
  assert.equal(crashMessage(null, 'SIGKILL', ''), 'the Node.js process ended without a result (signal SIGKILL)');
  assert.equal(crashMessage(3, null, 'x'), 'the Node.js process ended without a result (exit code 3); see its stderr');
});
