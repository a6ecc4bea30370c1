import { test } from 'node:test';
import assert from 'node:assert/strict';
import ts from 'typescript';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { mapInEditorLines } from '../../src/runner/separatorLines.ts';
import { splitLines } from '../../src/core/source/sourceLines.ts';

function transpiled(source: string): { code: string; map: { mappings: string } } {
  const out = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, sourceMap: true },
    fileName: 'f.ts',
  });
  return { code: out.outputText, map: JSON.parse(out.sourceMapText!) };
}

/** Editor line (1-based) each statement of the generated code maps to, keyed by its text. */
function mappedLines(code: string, map: { mappings: string }): Record<string, number | null> {
  const traced = new TraceMap({ version: 3, sources: ['f.ts'], names: [], ...map });
  const result: Record<string, number | null> = {};
  splitLines(code).forEach((text, i) => {
    const column = text.search(/\S/);
    if (column >= 0 && !text.startsWith('//#'))
      result[text.trim()] = originalPositionFor(traced, { line: i + 1, column }).line;
  });
  return result;
}

test('a U+2028 or U+2029 in a string leaves every later line where the editor shows it', () => {
  const source =
    'const a = "x\u2028y";\nconst b: number = 2;\nconst c = "p\u2029q" + `r\u2028s`;\nconst d: number = 4;\n';
  const { code, map } = transpiled(source);
  const inEditorLines = {
    'const a = "x\u2028y";': 1,
    'const b = 2;': 2,
    'const c = "p\u2029q" + `r\u2028s`;': 3,
    'const d = 4;': 4,
  };
  assert.notDeepEqual(
    mappedLines(code, map),
    inEditorLines,
    "TypeScript's own map is off (else this is no longer needed)",
  );
  assert.deepEqual(mappedLines(code, mapInEditorLines(code, source, map)), inEditorLines);
});

test('text without separators keeps its map', () => {
  const { code, map } = transpiled('const a: number = 1;\r\nconst b = 2;\rconst c = 3;\n');
  assert.equal(mapInEditorLines(code, 'const a: number = 1;\r\nconst b = 2;\rconst c = 3;\n', map), map);
});
