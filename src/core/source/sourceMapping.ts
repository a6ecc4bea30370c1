// Generated line -> original file and line, through the script's inline source map (the runner's
// transpiler appends one, see src/runner/transpile.ts; tsx and vite do too) or the map file it names (tsc's). Profiles have no column, so the first non-blank
// column of the generated line is mapped; if that column has no mapping, the next mapped one on
// the line is used. A generated file without a map maps to itself.
import {
  generatedPositionFor,
  GREATEST_LOWER_BOUND,
  LEAST_UPPER_BOUND,
  originalPositionFor,
  TraceMap,
  traceSegment,
} from '@jridgewell/trace-mapping';
import { lineStartsOf, splitLines } from './sourceLines';

export interface OriginalLine {
  file: string;
  line: number;
}
/** 1-based line and column in an original file. */
export interface OriginalPosition {
  file: string;
  line: number;
  column: number;
}

const INLINE_MAP = /\/\/# sourceMappingURL=data:application\/json;(?:charset=[\w-]+;)?base64,([A-Za-z0-9+/=]+)\s*$/m;

function decodeBase64(b64: string): string {
  if (typeof Buffer !== 'undefined') return Buffer.from(b64, 'base64').toString('utf8');
  return new TextDecoder().decode(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
}

export function fileOfUrl(url: string): string {
  return url.startsWith('file://') ? decodeURIComponent(url.slice('file://'.length)) : url;
}

const MAP_FILE_COMMENT = /\/\/[#@] sourceMappingURL=([^\s'"]+)\s*$/;

/**
 * A script's `sourceMappingURL` (a data: URL, a file: URL, an absolute or a relative path) → the
 * map's JSON and the path its relative sources resolve against; `read` reads a map file.
 */
export function sourceMapOfRef(
  ref: string,
  script: string,
  read: (file: string) => string | undefined,
): { json: string; mapPath: string } | undefined {
  if (ref.startsWith('data:')) {
    const comma = ref.indexOf(',');
    const payload = ref.slice(comma + 1);
    const json = /;base64$/.test(ref.slice(0, comma)) ? decodeBase64(payload) : decodeURIComponent(payload);
    return { json, mapPath: script };
  }
  const folder = script.slice(0, Math.max(script.lastIndexOf('/'), script.lastIndexOf('\\')) + 1);
  const mapPath = ref.startsWith('file://')
    ? fileOfUrl(ref)
    : /^(\/|[A-Za-z]:[\\/])/.test(ref)
      ? decodeURIComponent(ref)
      : `${folder}${decodeURIComponent(ref)}`;
  const json = read(mapPath);
  return json === undefined ? undefined : { json, mapPath };
}

/** The map a script on disk names in its last `sourceMappingURL` comment, parsed with its own path. */
function mapFileOf(file: string, source: string, readFile: (file: string) => string | undefined): TraceMap | undefined {
  if (!file.startsWith('/')) return undefined;
  const ref = MAP_FILE_COMMENT.exec(source.slice(source.lastIndexOf('sourceMappingURL=') - 4))?.[1];
  const found = ref && !ref.startsWith('data:') ? sourceMapOfRef(ref, file, readFile) : undefined;
  return found && new TraceMap(JSON.parse(found.json), found.mapPath);
}

export class ScriptMapper {
  private readonly lines: string[];
  private readonly map: TraceMap | undefined;
  private readonly cache = new Map<number, OriginalLine | null>();
  /** Starting offset (UTF-16) of each generated line. */
  readonly lineStarts: number[];
  readonly file: string;

  /**
   * `readFile`: reads a map file on disk, for a script whose map is not inline (tsc's `lib.js.map`
   * beside `lib.js`); its sources resolve against the map's own path.
   */
  constructor(
    readonly url: string,
    readonly source: string,
    readFile?: (file: string) => string | undefined,
  ) {
    this.file = fileOfUrl(url);
    this.lines = splitLines(source);
    this.lineStarts = lineStartsOf(source);
    const matches = [...source.matchAll(new RegExp(INLINE_MAP.source, 'gm'))];
    const last = matches.at(-1);
    try {
      // An inline map's relative sources (vite's `slugify.ts`) are relative to the script itself.
      if (last)
        this.map = new TraceMap(JSON.parse(decodeBase64(last[1])), this.file.startsWith('/') ? this.file : undefined);
      else if (readFile) this.map = mapFileOf(this.file, source, readFile);
    } catch {
      this.map = undefined;
    }
  }

  /** 1-based generated line of a UTF-16 offset. */
  lineOfOffset(offset: number): number {
    let lo = 0,
      hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  textOf(line: number): string {
    return this.lines[line - 1] ?? '';
  }

  /** Offset of the first non-blank character of a 1-based generated line. */
  firstCodeOffset(line: number): number | undefined {
    const text = this.lines[line - 1];
    if (text === undefined) return undefined;
    const col = text.search(/\S/);
    return col < 0 ? undefined : this.lineStarts[line - 1] + col;
  }

  /** Original position of a 1-based generated line, or null when it maps to nothing. */
  original(line: number): OriginalLine | null {
    const cached = this.cache.get(line);
    if (cached !== undefined) return cached;
    let found: OriginalLine | null = null;
    const text = this.lines[line - 1];
    if (text !== undefined) {
      if (!this.map) found = text.trim() ? { file: this.file, line } : null;
      else {
        for (let col = Math.max(0, text.search(/\S/)); col < text.length && !found; col++) {
          const pos = originalPositionFor(this.map, { line, column: col });
          if (pos.source && pos.line !== null) found = { file: fileOfUrl(pos.source), line: pos.line };
        }
      }
    }
    this.cache.set(line, found);
    return found;
  }

  /**
   * Original position of a UTF-16 offset into the generated source, column-exact: the mapping
   * segment at or before it on its line, else the first one after it on the line.
   */
  originalAt(offset: number): OriginalPosition | null {
    const line = this.lineOfOffset(offset);
    const column = offset - this.lineStarts[line - 1];
    if (!this.map) return this.lines[line - 1] === undefined ? null : { file: this.file, line, column: column + 1 };
    for (const bias of [GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND] as const) {
      const pos = originalPositionFor(this.map, { line, column, bias });
      if (pos.source && pos.line !== null)
        return { file: fileOfUrl(pos.source), line: pos.line, column: pos.column + 1 };
    }
    return this.original(line) && { ...this.original(line)!, column: 1 };
  }

  /**
   * The original position of an offset with its place inside the mapping segment: a transpiler
   * maps tokens, not every character, so an operator (`+` in `a + b`) sits `delta` characters
   * past its segment's start; `generated` is the segment's text up to the offset, which the
   * caller compares with the original text before adding `delta` (a segment is copied text only
   * when the two agree). Null without a map or without a segment at or before the offset.
   */
  segmentAt(offset: number): { position: OriginalPosition; delta: number; generated: string } | null {
    if (!this.map) return null;
    const line = this.lineOfOffset(offset);
    const column = offset - this.lineStarts[line - 1];
    const segment = traceSegment(this.map, line - 1, column);
    if (!segment || segment.length < 4) return null;
    const source = this.map.resolvedSources[segment[1]!];
    if (!source) return null;
    return {
      position: { file: fileOfUrl(source), line: segment[2]! + 1, column: segment[3]! + 1 },
      delta: column - segment[0],
      generated: this.source.slice(this.lineStarts[line - 1] + segment[0], offset),
    };
  }

  /** Files this script was generated from (itself when it has no map). */
  originalFiles(): string[] {
    return this.map ? this.map.resolvedSources.filter((s): s is string => !!s).map(fileOfUrl) : [this.file];
  }

  /**
   * Generated offset of an original 1-based line and 0-based column: the first mapped position
   * at or after it that still maps back to that line (so a TypeScript-only line maps to nothing).
   */
  generatedOffsetOf(file: string, line: number, column: number): number | undefined {
    if (!this.map)
      return file === this.file && this.lineStarts[line - 1] !== undefined
        ? this.lineStarts[line - 1] + column
        : undefined;
    const source = this.map.resolvedSources.find((s) => s && fileOfUrl(s) === file);
    if (!source) return undefined;
    const gen = generatedPositionFor(this.map, { source, line, column, bias: LEAST_UPPER_BOUND });
    if (gen.line === null) return undefined;
    const back = originalPositionFor(this.map, { line: gen.line, column: gen.column });
    if (back.line !== line) return undefined;
    return this.lineStarts[gen.line - 1] + gen.column;
  }

  /** Original text of a file the map embeds (sourcesContent), if any. */
  originalText(file: string): string | undefined {
    if (!this.map) return file === this.file ? this.source : undefined;
    const i = this.map.sources.findIndex((s) => s && fileOfUrl(s) === file);
    return i >= 0 ? (this.map.sourcesContent?.[i] ?? undefined) : undefined;
  }
}

/** One mapper per script URL, built on first use from the scripts' generated sources. */
export function scriptMappers(sources: Record<string, string>): (url: string) => ScriptMapper | undefined {
  const mappers = new Map<string, ScriptMapper>();
  return (url) => {
    if (!sources[url]) return undefined;
    let m = mappers.get(url);
    if (!m) mappers.set(url, (m = new ScriptMapper(url, sources[url])));
    return m;
  };
}
