// V8 names code `name url:line:col`; the url of a CommonJS script is its path, spaces included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitCodeName } from '../../src/core/v8log/stacks.ts';

test('code names: names with spaces, URLs, and paths with spaces', () => {
  assert.deepEqual(splitCodeName('work /Users/Jane Doe/w.js:1:14'), { name: 'work', url: '/Users/Jane Doe/w.js' });
  assert.deepEqual(splitCodeName(' /tmp/a b/c d/w.js:1:1'), { name: '', url: '/tmp/a b/c d/w.js' });
  // vitest's module runner compiles each module wrapped on its first line, with a negative column offset
  assert.deepEqual(splitCodeName(' /tmp/vt/src/slugify.ts:1:-208'), { name: '', url: '/tmp/vt/src/slugify.ts' });
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

test("an error's location is the first user frame, never a piece of a node:internal path", async () => {
  const { firstUserFrame } = await import('../../src/runner/userErrors.ts');
  const stack = [
    'TypeError [ERR_UNKNOWN_FILE_EXTENSION]: Unknown file extension ".ts" for /tmp/wk/w.ts',
    '    at Object.getFileProtocolModuleFormat [as file:] (node:internal/modules/esm/get_format:189:9)',
    '    at defaultGetFormat (node:internal/modules/esm/get_format:232:36)',
    '    at viaWorker (/Users/Jane Doe/wk/main.ts:4:15)',
  ].join('\n');
  assert.deepEqual(firstUserFrame(stack, '/opt/hotline/dist'), {
    file: '/Users/Jane Doe/wk/main.ts',
    line: 4,
    column: 15,
  });
  assert.equal(firstUserFrame(stack.split('\n').slice(0, 3).join('\n'), '/opt/hotline/dist'), undefined);
});

test("mprun's line trampolines are not the user's frames: the error is at the line that made the call", async () => {
  const { cleanStack, firstUserFrame } = await import('../../src/runner/userErrors.ts');
  const stack = [
    'RangeError: Invalid array length',
    '    at __hotline_mprun_0123abcd_0_L3_0 (file:///p/lines.mjs:31:1314)',
    '    at lines (file:///p/lines.mjs:3:45)',
    '    at __hotline_memit_3_x (<statement>:4:9)',
  ].join('\n');
  assert.deepEqual(firstUserFrame(stack, '/opt/hotline/dist'), { file: '/p/lines.mjs', line: 3, column: 45 });
  assert.equal(
    cleanStack(stack, '/opt/hotline/dist'),
    [
      'RangeError: Invalid array length',
      '    at lines (file:///p/lines.mjs:3:45)',
      '    at <statement> (<statement>:4:9)',
    ].join('\n'),
  );
});
