import { test } from 'node:test';
import assert from 'node:assert/strict';
import ts from 'typescript';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { disposeOnUsingLine } from '../../src/runner/disposeLine.ts';

const source = [
  'export async function f(n: number) {', // 1
  '  const t = n + 1;', // 2
  '  await using a = open();', // 3
  '  using b = open();', // 4
  '  return t;', // 5
  '}', // 6
  'declare function open(): any;', // 7
  '',
].join('\n');

function lowered(): { code: string; map: { mappings: string } } {
  const out = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, sourceMap: true },
    fileName: 'f.ts',
  });
  return { code: out.outputText, map: JSON.parse(out.sourceMapText!) };
}

/** Original line of every generated line that mentions `pattern`. */
function originalLinesOf(code: string, map: { mappings: string }, pattern: RegExp): (number | null)[] {
  const traced = new TraceMap({ version: 3, sources: ['f.ts'], names: [], ...map });
  return code
    .split('\n')
    .map((text, i) => [text, i] as const)
    .filter(([text]) => pattern.test(text))
    .map(([text, i]) => originalPositionFor(traced, { line: i + 1, column: text.search(/\S/) + 1 }).line);
}

test("the lowered dispose of `using` maps to the scope's first using line, not the function's first", () => {
  const { code, map } = lowered();
  const disposeLines = /__disposeResources\(env_|\bresult_1\b/;
  assert.ok(
    originalLinesOf(code, map, disposeLines).some((line) => line !== 3),
    "tsc's own map does not put the dispose on the using line (else this rewrite is no longer needed)",
  );
  const rewritten = disposeOnUsingLine(code, map);
  assert.deepEqual(originalLinesOf(code, rewritten, disposeLines), [3, 3, 3], 'the call, its if and its await');
  assert.deepEqual(originalLinesOf(code, rewritten, /const t = /), [2], 'other lines keep their mapping');
  assert.deepEqual(originalLinesOf(code, rewritten, /const b = /), [4]);
});

test('code without using is left as it is', () => {
  const map = { mappings: 'AAAA;AACA' };
  assert.equal(disposeOnUsingLine('const a = 1;\nconst b = 2;\n', map), map);
});
