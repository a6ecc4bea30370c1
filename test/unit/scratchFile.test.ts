import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { usesModuleSyntax, writeScratchModule } from '../../src/engine/scratchFile.ts';

test('an untitled buffer becomes a module file named after it, in a package of the right type', () => {
  const ts = writeScratchModule('export const f = (n: number) => n;\n', 'typescript', 'Untitled-1');
  try {
    assert.equal(path.basename(ts.file), 'Untitled-1.ts');
    assert.equal(fs.readFileSync(ts.file, 'utf8'), 'export const f = (n: number) => n;\n');
    assert.equal(JSON.parse(fs.readFileSync(path.join(path.dirname(ts.file), 'package.json'), 'utf8')).type, 'module');
  } finally {
    ts.dispose();
  }
  assert.equal(fs.existsSync(path.dirname(ts.file)), false, 'dispose removes the folder');
  const js = writeScratchModule('function f() { return require("node:os"); }\n', 'javascriptreact', 'Untitled-2');
  assert.equal(path.extname(js.file), '.jsx');
  assert.equal(JSON.parse(fs.readFileSync(path.join(path.dirname(js.file), 'package.json'), 'utf8')).type, 'commonjs');
  js.dispose();
  js.dispose();
});

test('module syntax is an import or export statement, not the words in a string', () => {
  assert.equal(usesModuleSyntax("import fs from 'node:fs';"), true);
  assert.equal(usesModuleSyntax('  export function f() {}'), true);
  assert.equal(usesModuleSyntax("const s = 'export default';\nimportant();"), false);
});
