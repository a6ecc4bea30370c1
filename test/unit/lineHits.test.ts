import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blankComments, countedToken } from '../../src/core/lines/lineHits.ts';
import { callStart } from '../../src/core/source/sourceResolver.ts';

test("a line counts the statement that starts executing on it (line_profiler's convention)", () => {
  const col = (code: string) => countedToken(code);
  assert.deepEqual(col('    x = 1;'), { column: 4, block: false });
  assert.deepEqual(col('  } else if (c) {'), { column: 9, block: false }, "the condition's evaluations");
  assert.deepEqual(col('  } else {'), { column: 4, block: true }, "the else block's entries");
  assert.deepEqual(col('  } catch (e) {'), { column: 4, block: true }, 'catch entries');
  assert.deepEqual(col('  } finally {'), { column: 4, block: true }, 'finally entries');
  assert.deepEqual(col('  } while (i < n);'), { column: 4, block: false }, 'a do-while condition');
  assert.deepEqual(
    col('  for (let i = 0; i < n; i++) {'),
    { column: 2, block: false, loop: true },
    'a loop header counts its checks',
  );
  assert.deepEqual(col('  while (queue.length) step();'), { column: 2, block: false, loop: true });
  assert.deepEqual(
    col('export function f(x) {'),
    { column: 7, block: false },
    'calls of f, as in .ts where export is dropped',
  );
  assert.deepEqual(col('export default async function (x) {'), { column: 15, block: false });
  assert.deepEqual(col('export const y = 2;'), { column: 0, block: false });
  assert.equal(col('  });'), undefined, 'closers only');
  assert.equal(col('   '), undefined);
});

test('comments are blanked with their columns kept; strings are not comments', () => {
  const lines = blankComments(
    ['a(); // note', '/* start', '   still */ b();', "const u = 'http://x'; /* c */ d();", ' * @param x'].join('\n'),
  );
  assert.equal(lines[0], 'a();        ');
  assert.equal(lines[1].trim(), '');
  assert.equal(lines[2], '            b();');
  assert.equal(lines[3], "const u = 'http://x';         d();");
  assert.equal(lines[4], ' * @param x', 'a stray JSDoc line outside a comment is left as is');
});

test('a call V8 places at its closing parenthesis is moved to where the call starts', () => {
  const src = 'return xs\n  .map((x) => {\n    return f(x);\n  })\n  .length;';
  const close = src.indexOf('})') + 1;
  assert.equal(callStart(src, close), src.indexOf('map'));
  assert.equal(callStart(src, src.indexOf('f(x)')), src.indexOf('f(x)'), 'a call start stays');
  assert.equal(callStart('a + (b)', 6), 6, 'a parenthesised expression that is no call stays');
  assert.equal(
    callStart(src, src.indexOf('.length')),
    src.indexOf('length'),
    'a member access: the property name carries the mapping',
  );
});
