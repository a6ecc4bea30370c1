// The comparison's messages: the runner's 'compare' result and the Timings panel's new requests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseChildMessage } from '../../src/core/protocol/protocol.ts';
import { buildResult } from '../../src/core/timing/timeit.ts';
import { parseTimingsFromWebview, parseTimingsToWebview } from '../../src/core/protocol/timingsMessages.ts';

const result = buildResult([0.2, 0.3], 10);
const compare = (results: unknown) =>
  JSON.stringify({ type: 'compare', results, transpiler: 'esbuild', nodeVersion: 'v20', loadSeconds: 0.1 });

test('a compare result carries one well-formed timing per statement', () => {
  assert.equal(parseChildMessage(compare([result, result]))?.type, 'compare');
  for (const bad of [
    compare([]),
    compare(result),
    compare([result, { ...result, loops: 0 }]),
    compare(Array(21).fill(result)),
  ]) {
    assert.equal(parseChildMessage(bad), undefined, bad.slice(0, 60));
  }
});

test('the panel asks for a baseline, a regrouping, a cleared history and an interleaved re-timing; nothing else', () => {
  assert.deepEqual(parseTimingsFromWebview({ type: 'baseline', id: 'a' }), { type: 'baseline', id: 'a' });
  assert.deepEqual(parseTimingsFromWebview({ type: 'regroup', id: 'a', group: null }), {
    type: 'regroup',
    id: 'a',
    group: null,
  });
  assert.deepEqual(parseTimingsFromWebview({ type: 'regroup', id: 'a', group: 'alone' }), {
    type: 'regroup',
    id: 'a',
    group: 'alone',
  });
  assert.deepEqual(parseTimingsFromWebview({ type: 'clearHistory' }), { type: 'clearHistory' });
  assert.deepEqual(parseTimingsFromWebview({ type: 'retimeGroup', group: 'args(x) setup{}' }), {
    type: 'retimeGroup',
    group: 'args(x) setup{}',
  });
  for (const bad of [
    { type: 'baseline' },
    { type: 'regroup', id: 'a', group: 3 },
    { type: 'regroup', id: 'a' },
    { type: 'retimeGroup', group: '' },
  ]) {
    assert.equal(parseTimingsFromWebview(bad), undefined, JSON.stringify(bad));
  }
});

test('entries with baselines and history reach the panel only when well-formed', () => {
  const entry = { id: 'a', label: 'blur', file: '/w/b.ts', stmt: 'blur(x)', setup: '', line: 'l', when: 1, result };
  const record = {
    key: 'k',
    label: 'blur',
    file: '/w/b.ts',
    stmt: 'blur(x)',
    setup: '',
    contentHash: 'abc',
    when: 1,
    kind: 'timeit',
    result,
  };
  const ok = parseTimingsToWebview({
    type: 'entries',
    entries: [entry],
    baselines: { k: 'a' },
    history: [record],
    historyEnabled: true,
  });
  assert.equal(ok?.history?.length, 1);
  assert.deepEqual(ok?.baselines, { k: 'a' });
  assert.equal(parseTimingsToWebview({ type: 'entries', entries: [entry], baselines: { k: 7 } }), undefined);
  assert.equal(
    parseTimingsToWebview({ type: 'entries', entries: [entry], history: [{ ...record, kind: 'shell' }] }),
    undefined,
  );
  assert.equal(parseTimingsToWebview({ type: 'entries', entries: [{ ...entry, group: 5 }] }), undefined);
});
