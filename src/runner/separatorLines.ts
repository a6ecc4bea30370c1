import { decode, encode, type SourceMapSegment } from '@jridgewell/sourcemap-codec';
import { lineStartsOf } from '../core/source/sourceLines';
import type { RawSourceMap } from './disposeLine';

const SEPARATORS = /[\u2028\u2029]/;
const TYPESCRIPT_BREAKS = /\r\n|[\r\n\u2028\u2029]/g;

/**
 * TypeScript counts U+2028 and U+2029 as line breaks (ECMAScript line terminators) on both sides of
 * its source maps; the editor and Hotline's line numbers do not (VS Code shows them inside a line).
 * One in a string put every later line of a .ts file one line off. Re-expressed here in the lines
 * of `\r\n`, `\r` and `\n` only, through the text offset of each segment.
 */
export function mapInEditorLines(code: string, source: string, map: RawSourceMap): RawSourceMap {
  if (!SEPARATORS.test(code) && !SEPARATORS.test(source)) return map;
  const generated = { typescript: typescriptLineStarts(code), editor: lineStartsOf(code) };
  const original = { typescript: typescriptLineStarts(source), editor: lineStartsOf(source) };
  const lines: SourceMapSegment[][] = [];
  decode(map.mappings).forEach((segments, line) => {
    for (const segment of segments) {
      const at = editorPosition(generated, line, segment[0]);
      let moved: SourceMapSegment = [at.column];
      if (segment.length === 4 || segment.length === 5) {
        const from = editorPosition(original, segment[2], segment[3]);
        moved =
          segment.length === 5
            ? [at.column, segment[1], from.line, from.column, segment[4]]
            : [at.column, segment[1], from.line, from.column];
      }
      while (lines.length <= at.line) lines.push([]);
      lines[at.line].push(moved);
    }
  });
  for (const segments of lines) segments.sort((a, b) => a[0] - b[0]);
  return { ...map, mappings: encode(lines) };
}

function typescriptLineStarts(text: string): number[] {
  const starts = [0];
  for (const m of text.matchAll(TYPESCRIPT_BREAKS)) starts.push(m.index + m[0].length);
  return starts;
}

/** 0-based editor line and column of a 0-based TypeScript line and column. */
function editorPosition(
  starts: { typescript: number[]; editor: number[] },
  line: number,
  column: number,
): { line: number; column: number } {
  const offset = (starts.typescript[line] ?? starts.typescript.at(-1)!) + column;
  let lo = 0,
    hi = starts.editor.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts.editor[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, column: offset - starts.editor[lo] };
}
