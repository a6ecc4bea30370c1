// memit end to end against ground truth built into the statements, on every supported Node:
// an array of 50,000 doubles is 400 KB of elements, `new Float64Array(n)` is 8n bytes of ArrayBuffer
// memory, a statement that keeps what it makes retains it, one that makes nothing allocates 0 B.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { runMemit } from '../../src/engine/memit.ts';
import { spawnSync } from 'node:child_process';
import { succeeded as ok, within } from './bytes.ts';
import { ensureBuilt, root, runnerPath, tempProject } from './buildOnce.ts';
import { supportedNodes } from '../supportedNodes.ts';

before(ensureBuilt);

const LIB = `const kept = [];
export const doubles = (n) => new Array(n).fill(1.5);
export const floats = (n) => new Float64Array(n);
export const nothing = (x) => x + 1;
export const keep = (n) => { kept.push(new Array(n).fill(1.5)); };
export const later = async (n) => { await null; return new Float64Array(n); };
`;
let file: string;
before(() => {
  file = path.join(tempProject({ 'package.json': '{"type":"module"}', 'mem.mjs': LIB }), 'mem.mjs');
});

for (const node of supportedNodes) {
  test(`${node.label}: bytes per loop on the heap and in ArrayBuffers, what is kept, and nothing where nothing is made`, async () => {
    const memit = async (stmt: string, setup = '') =>
      ok(await runMemit({ file, stmt, setup, runnerPath, nodePath: node.path, timeoutMs: 120_000 })).result;

    const doubles = await memit('doubles(50000)');
    within(doubles.heapBytes, 400_000, 0.05, 'an array of 50,000 doubles');
    assert.ok(doubles.arrayBufferBytes < 100, `no ArrayBuffer memory: ${doubles.arrayBufferBytes}`);
    assert.ok(doubles.retainedBytes < 1000, `garbage is not retained: ${doubles.retainedBytes}`);
    assert.ok(doubles.gcCount > 0 && doubles.gcMs > 0, 'collections are counted');
    assert.ok(doubles.peakBytes > 400_000);

    const floats = await memit('floats(n)', 'const n = 100_000');
    within(floats.arrayBufferBytes, 800_000, 0.05, 'new Float64Array(100000)');
    within(floats.allocatedBytes, 800_000, 0.05, 'allocated, heap and ArrayBuffers together');

    const kept = await memit('keep(1000)');
    within(kept.retainedBytes, 8_000, 0.1, 'a leak of 1,000 doubles per loop');

    const nothing = await memit('nothing(1)');
    assert.ok(nothing.allocatedBytes < 1, `x + 1 allocates nothing: ${nothing.allocatedBytes}`);
    assert.equal(nothing.gcCount, 0);

    // The setup runs once, outside the loop: its 8 MB are not the statement's.
    const awaited = await memit('later(1000)', 'const big = new Float64Array(1_000_000)');
    within(awaited.arrayBufferBytes, 8_000, 0.05, 'an awaited statement, its setup left out');
  });
}

test('a statement that throws is reported as the statement, with what to do', async () => {
  const o = await runMemit({ file, stmt: 'missing(1)', runnerPath, timeoutMs: 60_000 });
  assert.equal(o.ok, false);
  assert.match(!o.ok ? o.message : '', /missing is not defined/);
});

test('hotline compare --memory: each statement measured by memit, its bytes set against the first', () => {
  const r = spawnSync(
    process.execPath,
    [
      path.join(root, 'dist/cli.js'),
      'compare',
      file,
      'doubles(50000)',
      'doubles(25000)',
      '-r',
      '3',
      '--memory',
      '--json',
    ],
    { encoding: 'utf8', timeout: 180_000 },
  );
  assert.equal(r.status, 0, r.stderr);
  const { memory } = JSON.parse(r.stdout) as { memory: { stmt: string; allocatedBytes: number; versus: string }[] };
  assert.deepEqual(
    memory.map((m) => m.stmt),
    ['doubles(50000)', 'doubles(25000)'],
  );
  within(memory[1].allocatedBytes, 200_000, 0.05, 'half the doubles');
  assert.match(memory[1].versus, /^(1\.9\d|2\.0\d)× less memory$/);
  assert.equal(memory[0].versus, 'baseline');
});
