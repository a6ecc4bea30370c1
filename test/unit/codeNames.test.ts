// V8 names code `name url:line:col`; the url of a CommonJS script is its path, spaces included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitCodeName } from '../../src/core/v8log/stacks.ts';

test('code names: names with spaces, URLs, and paths with spaces', () => {
  assert.deepEqual(splitCodeName('work /Users/Jane Doe/w.js:1:14'), { name: 'work', url: '/Users/Jane Doe/w.js' });
  assert.deepEqual(splitCodeName(' /tmp/a b/c d/w.js:1:1'), { name: '', url: '/tmp/a b/c d/w.js' });
  assert.deepEqual(splitCodeName('get value /tmp/a b/w.js:3:7'), { name: 'get value', url: '/tmp/a b/w.js' });
  assert.deepEqual(splitCodeName('get value file:///tmp/a%20b/w.mjs:3:7'), {
    name: 'get value',
    url: 'file:///tmp/a%20b/w.mjs',
  });
  assert.deepEqual(splitCodeName('setup node:internal/worker/js_transferable:23:15'), {
    name: 'setup',
    url: 'node:internal/worker/js_transferable',
  });
  assert.deepEqual(splitCodeName('work C:\\Users\\Jane Doe\\w.js:1:14'), {
    name: 'work',
    url: 'C:\\Users\\Jane Doe\\w.js',
  });
  assert.deepEqual(splitCodeName('(program)'), { name: '(program)', url: '' });
});
