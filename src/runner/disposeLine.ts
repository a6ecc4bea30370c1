import { decode, encode, type SourceMapSegment } from '@jridgewell/sourcemap-codec';

/** The parts of a source map this module reads and rewrites. */
export interface RawSourceMap {
  mappings: string;
  [key: string]: unknown;
}

const ADD = /__addDisposableResource\)?\((env_\d+),/;
const DISPOSE = /__disposeResources\)?\((env_\d+)\)/;

/**
 * TypeScript lowers `using` to a try/finally whose `__disposeResources(env_N)` (and the `await` of
 * its result for `await using`) maps to the function's first line, so a dispose's cost read as
 * the function header's. line_profiler puts a `with` block's `__exit__` on the `with` line: here the
 * finally's lines map to the scope's first `using` line instead.
 */
export function disposeOnUsingLine(code: string, map: RawSourceMap): RawSourceMap {
  if (!code.includes('__disposeResources')) return map;
  const lines = code.split('\n');
  const decoded = decode(map.mappings);
  const usingAt = new Map<string, [number, number, number, number]>(); // env_N → original position of its first `using`
  let changed = false;
  lines.forEach((text, i) => {
    const added = ADD.exec(text);
    if (!added || usingAt.has(added[1])) return;
    const segment = lastSegmentAtOrBefore(decoded[i] ?? [], added.index);
    if (segment?.length === 4 || segment?.length === 5) usingAt.set(added[1], [0, segment[1], segment[2], segment[3]]);
  });
  lines.forEach((text, i) => {
    const disposed = DISPOSE.exec(text);
    const at = disposed && usingAt.get(disposed[1]);
    if (!at) return;
    // `const result_1 = __disposeResources(env_1);` is followed by `if (result_1)` / `await result_1;`.
    const result = /const (result_\d+) =/.exec(text)?.[1];
    let last = i;
    while (result && last + 1 < lines.length && new RegExp(`\\b${result}\\b`).test(lines[last + 1])) last++;
    for (let line = i; line <= last; line++) {
      while (decoded.length <= line) decoded.push([]);
      decoded[line] = [[0, at[1], at[2], at[3]]];
    }
    changed = true;
  });
  return changed ? { ...map, mappings: encode(decoded) } : map;
}

function lastSegmentAtOrBefore(segments: SourceMapSegment[], column: number): SourceMapSegment | undefined {
  let found: SourceMapSegment | undefined;
  for (const s of segments) if (s[0] <= column) found = s;
  return found;
}
