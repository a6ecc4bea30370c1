// Original locations of library frames (issue #12 item 5): a profiled script on disk that ships a
// source map (`//# sourceMappingURL=` to a file or a data URL, or a `.map` beside it) maps each
// function's generated start to its original file, line, column and, when the map names it, its
// original name, the way VS Code's js-debug shows them. One parsed map per script, cached and bounded.
import fs from 'node:fs';
import path from 'node:path';
import { GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND, originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { fileOfUrl, sourceMapOfRef } from './sourceMapping';

export interface MappedLocation {
  file: string;
  line: number;
  column: number;
  name?: string;
}

export interface LibraryMapperOptions {
  /** Parsed maps kept at once (least recently used dropped first). */
  maxScripts?: number;
  /** Scripts or maps bigger than this are not read (bytes). */
  maxFileBytes?: number;
}

const MAP_COMMENT = /[#@]\s*sourceMappingURL=(\S+)\s*(?:\*\/)?\s*$/;

function readSmall(file: string, maxBytes: number): string | undefined {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() && stat.size <= maxBytes ? fs.readFileSync(file, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** The map's JSON and the path its relative sources resolve against, or undefined. */
function findMap(script: string, maxBytes: number): { json: string; mapPath: string } | undefined {
  const text = readSmall(script, maxBytes);
  if (text === undefined) return undefined;
  // The comment is on one of the last lines; only the last one counts.
  const tail = text.slice(text.lastIndexOf('sourceMappingURL=') - 4);
  const ref = MAP_COMMENT.exec(tail)?.[1];
  const read = (file: string) => readSmall(file, maxBytes);
  return (
    (ref ? sourceMapOfRef(ref, script, read) : undefined) ??
    sourceMapOfRef(`${path.basename(script)}.map`, script, read)
  );
}

/**
 * A `mapLocation` for toFlatProfile: 0-based generated line/column of a frame in `url` -> its
 * original location, or undefined when the script is not on disk or has no usable map.
 */
export function librarySourceMapper(
  options: LibraryMapperOptions = {},
): (url: string, line0: number, column0: number) => MappedLocation | undefined {
  const maxScripts = options.maxScripts ?? 64;
  const maxBytes = options.maxFileBytes ?? 32 * 1048576;
  const maps = new Map<string, TraceMap | null>();
  const mapOf = (file: string): TraceMap | null => {
    const cached = maps.get(file);
    if (cached !== undefined) {
      maps.delete(file); // re-insert: Map order is the recency order
      maps.set(file, cached);
      return cached;
    }
    let map: TraceMap | null = null;
    const found = findMap(file, maxBytes);
    if (found) {
      try {
        map = new TraceMap(JSON.parse(found.json), found.mapPath);
      } catch {
        map = null; // a broken map: show the generated location
      }
    }
    maps.set(file, map);
    if (maps.size > maxScripts) maps.delete(maps.keys().next().value!);
    return map;
  };
  return (url, line0, column0) => {
    const file = fileOfUrl(url);
    if (!path.isAbsolute(file)) return undefined;
    const map = mapOf(file);
    if (!map) return undefined;
    for (const bias of [GREATEST_LOWER_BOUND, LEAST_UPPER_BOUND] as const) {
      const pos = originalPositionFor(map, { line: line0 + 1, column: Math.max(0, column0), bias });
      if (pos.source && pos.line !== null) {
        return {
          file: fileOfUrl(pos.source),
          line: pos.line,
          column: pos.column + 1,
          ...(pos.name ? { name: pos.name } : {}),
        };
      }
    }
    return undefined;
  };
}
