// V8's functions and positions (script offsets in the code V8 ran) → the user's original files,
// lines and columns. Shared by line attribution and V8's verdicts, so both speak of the same
// functions and lines.
//  - The source a function ran from: the coverage run's copy (complete, from the inspector; both
//    runs transpile the same file the same way), else its logged script when the URLs agree
//    (script ids are not unique: see v8log/stacks.ts), else the plain JS file on disk. A candidate
//    too short for the function's range, or a TypeScript file's source without its source map, is
//    not the code V8 ran and is passed over.
//  - A function is identified by its script and start offset (its coverage range when the
//    coverage run saw the same source), which also ties it to its exact call count.
import type { ScriptCoverage } from '../lines/lineProfile';
import { fileOfUrl, ScriptMapper, type OriginalPosition } from './sourceMapping';
import type { Frame, V8Function, V8Log } from '../v8log/stacks';

export interface ResolverInput {
  log: V8Log;
  /** Files whose lines get a table and hot lines (the user's own, not node_modules). */
  isUserFile: (file: string) => boolean;
  /** Scripts of the harness itself (the runner), whose samples are not the statement's. */
  isHarnessFile: (file: string) => boolean;
  /** The coverage run: exact Hits, exact calls, and function extents (empty without one). */
  coverage: readonly ScriptCoverage[];
  coverageSources: Record<string, string>;
  /** Text of a file on disk: an original file its source map does not embed, or a script V8 did not log. */
  readText: (file: string) => string | undefined;
}

/** A V8 function with original positions, identified by its script and (coverage) start offset. */
export interface FunctionInfo {
  key: string;
  name: string;
  file: string;
  start: OriginalPosition;
  endLine: number;
  user: boolean;
  harness: boolean;
  calls: number | null;
  /** Coverage start offset (generated), the owner id of its lines' Hits; -1 without coverage. */
  ownerOffset: number;
  scriptFile: string;
}

export interface MappedFrame {
  fn: FunctionInfo;
  pos: OriginalPosition | null;
  inlined: boolean;
  restored?: boolean;
}

export interface CoverageExtent {
  start: number;
  end: number;
  count: number;
  name: string;
}

export function extentsOf(cov: ScriptCoverage | undefined): CoverageExtent[] {
  return (cov?.functions ?? [])
    .filter((f) => f.ranges.length > 0)
    .map((f) => ({
      start: f.ranges[0].startOffset,
      end: f.ranges[0].endOffset,
      count: f.ranges[0].count,
      name: f.functionName,
    }));
}

function innermost(extents: readonly CoverageExtent[], offset: number): CoverageExtent | undefined {
  let best: CoverageExtent | undefined;
  for (const e of extents)
    if (e.start <= offset && offset < e.end && (!best || e.end - e.start <= best.end - best.start)) best = e;
  return best;
}

export class SourceResolver {
  /** Each covered file's function extents, computed once (every function resolved looks its own up). */
  private readonly extentsByFile: Map<string, CoverageExtent[]>;
  private readonly coverageSourceByFile: Map<string, string>;
  private readonly mappers = new Map<string, ScriptMapper | null>();
  private readonly functions = new Map<number, FunctionInfo>();
  private readonly byKey = new Map<string, FunctionInfo>();
  private readonly starts = new Set<string>();
  private readonly positions = new Map<string, OriginalPosition | null>();
  private readonly originalLines = new Map<string, string[] | null>();

  constructor(private readonly input: ResolverInput) {
    this.extentsByFile = new Map(input.coverage.map((c) => [fileOfUrl(c.url), extentsOf(c)]));
    this.coverageSourceByFile = new Map(Object.entries(input.coverageSources).map(([url, s]) => [fileOfUrl(url), s]));
  }

  /** The source V8 ran for a function, with its source map. */
  mapperOf(fn: V8Function): ScriptMapper | null {
    const key = `${fn.scriptId}\u0000${fn.url}`;
    let m = this.mappers.get(key);
    if (m === undefined) {
      const logged = this.input.log.scripts.get(fn.scriptId);
      const file = fileOfUrl(fn.url);
      const candidates = [
        this.coverageSourceByFile.get(file),
        logged && fileOfUrl(logged.url) === file ? logged.source : undefined,
        /\.[cm]?js$/.test(file) && file.startsWith('/') ? this.input.readText(file) : undefined,
      ];
      const fits = (source: string) =>
        source.length >= fn.end && (!/\.[cm]?tsx?$/.test(file) || source.includes('//# sourceMappingURL='));
      const source = candidates.find((c): c is string => c !== undefined && fits(c));
      m = fn.url && source !== undefined ? new ScriptMapper(fn.url, source, this.input.readText) : null;
      this.mappers.set(key, m);
    }
    return m;
  }

  function(fn: V8Function): FunctionInfo {
    let info = this.functions.get(fn.id);
    if (info) return info;
    const mapper = this.mapperOf(fn);
    const scriptFile = fileOfUrl(fn.url);
    const extents = this.extentsByFile.get(scriptFile);
    const sameSource = extents && this.coverageSourceByFile.get(scriptFile) === mapper?.source;
    const extent = sameSource && fn.start >= 0 ? innermost(extents, fn.start) : undefined;
    const startOffset = extent?.start ?? fn.start;
    const start = mapper && startOffset >= 0 ? mapper.originalAt(startOffset) : null;
    const end =
      mapper && (extent?.end ?? fn.end) > 0 ? mapper.originalAt(Math.max(0, (extent?.end ?? fn.end) - 1)) : null;
    const file = start?.file ?? (scriptFile || '(native)');
    const key = `${scriptFile}#${startOffset}#${fn.name}`;
    info = this.byKey.get(key) ?? {
      key,
      name: fn.name || extent?.name || '(anonymous)',
      file,
      start: start ?? { file, line: 0, column: 0 },
      endLine: end && end.file === file ? end.line : (start?.line ?? 0),
      user: !!mapper && !!start && this.input.isUserFile(file),
      harness: !!scriptFile && this.input.isHarnessFile(scriptFile),
      calls: extent ? extent.count : null,
      ownerOffset: extent?.start ?? -1,
      scriptFile,
    };
    this.byKey.set(key, info);
    this.starts.add(`${scriptFile}#${startOffset}`);
    this.functions.set(fn.id, info);
    return info;
  }

  /** Whether a function starting at this generated offset of this script has been resolved. */
  seen(scriptFile: string, startOffset: number): boolean {
    return this.starts.has(`${scriptFile}#${startOffset}`);
  }

  /** Original position of an offset in a function's script; null when unknown or in another file than the function's. */
  position(fn: V8Function, offset: number): OriginalPosition | null {
    const cacheKey = `${fn.scriptId}:${fn.url}:${offset}`;
    let pos = this.positions.get(cacheKey);
    if (pos === undefined) {
      const mapper = offset >= 0 ? this.mapperOf(fn) : null;
      pos = mapper ? mapper.originalAt(offset) : null;
      this.positions.set(cacheKey, pos);
    }
    return pos && pos.file === this.function(fn).file ? pos : null;
  }

  /**
   * The exact original position of an offset (a deopt's or an inline cache's): `position`, plus
   * the offset's place inside its source-map segment when the original text there is the same.
   */
  exactPosition(fn: V8Function, offset: number): OriginalPosition | null {
    const pos = this.position(fn, offset);
    const segment = pos && offset >= 0 ? this.mapperOf(fn)?.segmentAt(offset) : null;
    if (!pos || !segment || segment.delta <= 0) return pos;
    const { position: start, delta, generated } = segment;
    if (start.file !== pos.file || start.line !== pos.line) return pos;
    let lines = this.originalLines.get(start.file);
    if (lines === undefined)
      this.originalLines.set(start.file, (lines = this.input.readText(start.file)?.split('\n') ?? null));
    const original = lines?.[start.line - 1];
    const copied = original?.slice(start.column - 1, start.column - 1 + delta) === generated;
    return copied ? { ...start, column: start.column + delta } : pos;
  }

  /** Exact original position of a 1-based generated line and column of a function's script. */
  exactPositionAtLine(fn: V8Function, line: number, column: number): OriginalPosition | null {
    const start = this.mapperOf(fn)?.lineStarts[line - 1];
    return start === undefined ? null : this.exactPosition(fn, start + Math.max(0, column - 1));
  }

  /** Original position of a 1-based generated line and column of a function's script. */
  positionAtLine(fn: V8Function, line: number, column: number): OriginalPosition | null {
    const mapper = this.mapperOf(fn);
    const start = mapper?.lineStarts[line - 1];
    return start === undefined ? null : this.position(fn, start + Math.max(0, column - 1));
  }

  /** A frame; a position at the end of a call is moved to the call's start (see callStart). */
  frame(f: Frame): MappedFrame {
    const mapper = f.offset >= 0 ? this.mapperOf(f.fn) : null;
    const offset = mapper ? callStart(mapper.source, f.offset) : f.offset;
    return {
      fn: this.function(f.fn),
      pos: this.position(f.fn, offset),
      inlined: f.inlined,
      ...(f.restored ? { restored: true } : {}),
    };
  }
}

/**
 * V8 sometimes places a call, or the code just after it returns, at the `)` closing its arguments
 * (calls TurboFan reduced, such as a callback inlined through Array.prototype.map): on a multi-line
 * call that is a line of closing brackets. It belongs where the call starts, the callee's name
 * (`map` in `.map(…)`).
 */
export function callStart(source: string, offset: number): number {
  // `.reduce`: transpilers map the property name, not the dot before it (which would map back
  // to the token before, often on the line above).
  if (source[offset] === '.' && /[\w$]/.test(source[offset + 1] ?? '')) return offset + 1;
  if (source[offset] !== ')') return offset;
  let depth = 0;
  for (let i = offset; i >= 0; i--) {
    const c = source[i];
    if (c === ')' || c === ']' || c === '}') depth++;
    else if (c === '(' || c === '[' || c === '{') depth--;
    if (depth === 0) {
      let j = i;
      while (j > 0 && /\s/.test(source[j - 1])) j--;
      let k = j;
      while (k > 0 && /[\w$]/.test(source[k - 1])) k--;
      return k < j ? k : offset;
    }
  }
  return offset;
}
