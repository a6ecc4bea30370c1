// Exact Hits per original source line, from V8's precise block coverage, with line_profiler's
// convention for what a line counts: the statement that starts executing on it.
//  - The counted position is the line's first code token, mapped through the source map at column
//    level, so `.ts` (transpiled, perhaps joined onto fewer lines) and `.js` give the same Hits.
//  - Block-boundary lines count what they open: `} else if (c) {` the evaluations of `c`,
//    `} else {` / `} catch (e) {` / `} finally {` the entries of that block.
//  - Blank lines, comment lines and lines of closing brackets have no Hits.
//  - `export` / `export default` in front of a declaration is skipped, so `export function f`
//    counts the calls of `f`, in `.js` as in `.ts`.
//  - A loop header counts its checks, as Python's `for` line does: entries plus iterations (the
//    count of the loop body that starts on the same original line, wherever the transpiler put
//    it: TypeScript's printer moves a brace-less body to the next generated line).
import type { ScriptCoverage } from './lineProfile';
import type { ScriptMapper } from '../source/sourceMapping';
import { lineEndAfter, splitLines } from '../source/sourceLines';

export interface LineHit {
  hits: number;
  /** Start offset (generated) of the innermost function whose code the line starts: its owner. */
  owner: number;
}

export interface CountedToken {
  /** 0-based column of the token whose count the line shows. */
  column: number;
  /** The line opens a block (`else`, `catch`, `finally`): count the block at the next `{`. */
  block: boolean;
  /** The line is a loop header (`for`, `while`). */
  loop?: boolean;
}

/** The token a line's Hits count, or undefined for a line that runs nothing. */
export function countedToken(code: string): CountedToken | undefined {
  const lead = /^[\s})\];,]*/.exec(code)![0].length;
  if (lead >= code.length) return undefined;
  const rest = code.slice(lead);
  const elseIf = /^else\s+(?=if\b)/.exec(rest);
  if (elseIf) return { column: lead + elseIf[0].length, block: false };
  if (/^(else|finally|catch)\b/.test(rest)) return { column: lead, block: true };
  const exported = /^export\s+(default\s+)?(?=\S)/.exec(rest);
  if (exported && /^(async\s+)?(function|class)\b/.test(rest.slice(exported[0].length)))
    return { column: lead + exported[0].length, block: false };
  if (lead === code.search(/\S/) && /^(for|while)\b/.test(rest)) return { column: lead, block: false, loop: true };
  return { column: lead, block: false };
}

/**
 * Generated offset of a counted token. A block opener's count is its block's: the `{` after the
 * keyword, found in the generated code (transpilers do not always map the brace itself).
 */
function countedOffset(mapper: ScriptMapper, file: string, line: number, token: CountedToken): number | undefined {
  const offset = mapper.generatedOffsetOf(file, line, token.column);
  if (offset === undefined || !token.block) return offset;
  const brace = mapper.source.indexOf('{', offset);
  return brace >= 0 ? brace : undefined;
}

/**
 * Each line with comments blanked out (same length, so columns hold). A light scan: strings and
 * template literals are skipped so a `//` inside them is not a comment; regex literals are rare
 * enough in this position to ignore.
 */
export function blankComments(text: string): string[] {
  const out: string[] = [];
  let inBlock = false;
  for (const line of splitLines(text)) {
    let code = '';
    let quote = '';
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (inBlock) {
        if (c === '*' && line[i + 1] === '/') {
          inBlock = false;
          code += '  ';
          i++;
        } else code += ' ';
        continue;
      }
      if (quote) {
        code += c;
        if (c === '\\') {
          code += line[i + 1] ?? '';
          i++;
        } else if (c === quote) quote = '';
        continue;
      }
      if (c === '/' && line[i + 1] === '/') {
        code += ' '.repeat(line.length - i);
        break;
      }
      if (c === '/' && line[i + 1] === '*') {
        inBlock = true;
        code += '  ';
        i++;
        continue;
      }
      if (c === '"' || c === "'" || c === '`') quote = c;
      code += c;
    }
    out.push(code.replace(/\r$/, ''));
  }
  return out;
}

interface Extent {
  start: number;
  end: number;
}

/** Hits of every original line of the files one script was generated from. */
export function lineHits(
  cov: ScriptCoverage,
  mapper: ScriptMapper,
  originalText: (file: string) => string | undefined,
): Map<string, Map<number, LineHit>> {
  const functions: Extent[] = cov.functions
    .filter((f) => f.ranges.length > 0)
    .map((f) => ({ start: f.ranges[0].startOffset, end: f.ranges[0].endOffset }));
  const ranges = cov.functions.flatMap((f) => f.ranges);
  const result = new Map<string, Map<number, LineHit>>();
  for (const file of mapper.originalFiles()) {
    const text = originalText(file);
    if (text === undefined) continue;
    const hits = new Map<number, LineHit>();
    blankComments(text).forEach((code, i) => {
      const token = countedToken(code);
      if (token === undefined) return;
      const offset = countedOffset(mapper, file, i + 1, token);
      if (offset === undefined) return;
      let best: { count: number; size: number } | undefined;
      let body = 0;
      // The loop body: a range starting after the header, on this generated line or the next, at code of this original line.
      const lineEnd = token.loop ? lineEndAfter(mapper.source, lineEndAfter(mapper.source, offset) + 1) : offset;
      const onThisLine = (o: number) => {
        const p = mapper.originalAt(o);
        return p?.file === file && p.line === i + 1;
      };
      for (const r of ranges) {
        const size = r.endOffset - r.startOffset;
        if (r.startOffset <= offset && offset < r.endOffset && (!best || size <= best.size))
          best = { count: r.count, size };
        if (r.startOffset > offset && r.startOffset <= lineEnd && r.count > body && onThisLine(r.startOffset))
          body = r.count;
      }
      let owner: Extent | undefined;
      for (const f of functions)
        if (f.start <= offset && offset < f.end && (!owner || f.end - f.start <= owner.end - owner.start)) owner = f;
      if (best && owner) hits.set(i + 1, { hits: best.count + body, owner: owner.start });
    });
    result.set(file, hits);
  }
  return result;
}
