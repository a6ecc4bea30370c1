// The user's output beyond the kept tail is counted in lines, and the tail starts at a line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TailBuffer } from '../../src/engine/runChild.ts';

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
