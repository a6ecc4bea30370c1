// A parsed CPU profile -> FlatProfile (see profileTypes.ts) and the per-function stats of the
// snakeviz/pstats table.
import { callFrameKey } from '../lines/attribution';
import { nodeTimes, type CpuProfile, type CpuProfileNode } from '../lines/lineProfile';
import { buildTimeline } from './flameTimeline';
import type { FlatProfile, FunctionStats, ProfileFunction } from './profileTypes';
import { fileOfUrl } from '../source/sourceMapping';

export interface FlatProfileOptions {
  /** Maps a 0-based generated position to the original (TypeScript) one, and its original name if the map has one. */
  mapLocation?: (
    url: string,
    line0: number,
    column0: number,
  ) => { file: string; line: number; column: number; name?: string } | undefined;
  /** Exact calls of a function from a coverage run; absent = ncalls unknown. */
  callCount?: (callFrame: CpuProfileNode['callFrame']) => number | null;
}

function kindOf(name: string, url: string): ProfileFunction['kind'] {
  switch (name) {
    case '(root)':
      return 'root';
    case '(program)':
      return 'program';
    case '(idle)':
      return 'idle';
    case '(garbage collector)':
      return 'gc';
    default:
      return url ? 'js' : 'native';
  }
}

export function toFlatProfile(profile: CpuProfile, options: FlatProfileOptions = {}): FlatProfile {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const root = profile.nodes.find((n) => !parentOf.has(n.id)) ?? profile.nodes[0];

  // Self time per node: real sample durations, or hitCount × mean interval for profiles without samples.
  let selfOf: Map<number, number>;
  let samples: number;
  if (profile.samples?.length) ({ time: selfOf, samples } = nodeTimes(profile));
  else {
    const hits = profile.nodes.reduce((a, n) => a + (n.hitCount ?? 0), 0);
    const per = hits ? (profile.endTime - profile.startTime) / hits : 0;
    selfOf = new Map(profile.nodes.map((n) => [n.id, (n.hitCount ?? 0) * per]));
    samples = hits;
  }

  const functions: ProfileFunction[] = [];
  const functionIndex = new Map<string, number>();
  const counts: (number | null)[] = [];
  const funcOf = (n: CpuProfileNode): number => {
    const cf = n.callFrame;
    const key = `${cf.functionName}\u0000${cf.url}\u0000${cf.lineNumber}\u0000${cf.columnNumber}`;
    let i = functionIndex.get(key);
    if (i === undefined) {
      const mapped =
        cf.url && cf.lineNumber >= 0 ? options.mapLocation?.(cf.url, cf.lineNumber, cf.columnNumber) : undefined;
      i = functions.length;
      functions.push({
        name: mapped?.name ?? (cf.functionName || '(anonymous)'),
        file: mapped?.file ?? fileOfUrl(cf.url),
        line: mapped?.line ?? (cf.lineNumber >= 0 ? cf.lineNumber + 1 : 0),
        column: mapped?.column ?? (cf.columnNumber >= 0 ? cf.columnNumber + 1 : 0),
        kind: kindOf(cf.functionName, cf.url),
      });
      counts.push(options.callCount ? options.callCount(cf) : null);
      functionIndex.set(key, i);
    }
    return i;
  };

  const parent: number[] = [],
    func: number[] = [],
    self: number[] = [],
    total: number[] = [];
  // Iterative pre-order walk (deep recursion must not overflow the stack), then totals bottom-up.
  const stack: [number, number][] = [[root.id, -1]];
  const indexOfId = new Map<number, number>();
  while (stack.length) {
    const [id, p] = stack.pop()!;
    const n = byId.get(id)!;
    const index = parent.length;
    indexOfId.set(id, index);
    parent.push(p);
    func.push(funcOf(n));
    self.push(selfOf.get(id) ?? 0);
    total.push(0);
    const children = n.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], index]);
  }
  for (let i = parent.length - 1; i >= 0; i--) {
    total[i] += self[i];
    if (parent[i] >= 0) total[parent[i]] += total[i];
  }
  const meanInterval = samples ? (profile.endTime - profile.startTime) / samples : 0;
  return {
    functions,
    parent,
    func,
    self,
    total,
    duration: profile.endTime - profile.startTime,
    samples,
    callCounts: options.callCount ? counts : null,
    ...(profile.samples?.length
      ? {
          timeline: buildTimeline(
            profile.samples,
            profile.timeDeltas ?? [],
            meanInterval,
            (id) => indexOfId.get(id) ?? 0,
          ),
        }
      : {}),
  };
}

/**
 * pstats-style rows: tottime = self time, cumtime = time with callees, counting a function once
 * per stack so recursion is not double counted; ncalls from coverage or null (unknown).
 */
export function functionStats(p: FlatProfile): FunctionStats[] {
  const n = p.parent.length;
  const tottime = new Float64Array(p.functions.length);
  const cumtime = new Float64Array(p.functions.length);
  const seen = new Uint8Array(p.functions.length);
  // Depth-first order is the array order; track how many times each function is on the stack.
  const onStack = new Int32Array(p.functions.length);
  const path: number[] = [];
  for (let i = 0; i < n; i++) {
    while (path.length && path[path.length - 1] !== p.parent[i]) onStack[p.func[path.pop()!]]--;
    const f = p.func[i];
    seen[f] = 1;
    tottime[f] += p.self[i];
    if (onStack[f] === 0) cumtime[f] += p.total[i];
    onStack[f]++;
    path.push(i);
  }
  const rows: FunctionStats[] = [];
  for (let f = 0; f < p.functions.length; f++) {
    if (!seen[f] || p.functions[f].kind === 'root') continue;
    rows.push({ func: f, ncalls: p.callCounts ? p.callCounts[f] : null, tottime: tottime[f], cumtime: cumtime[f] });
  }
  return rows;
}

/**
 * The flame view of a Hotline profiling run: its statement profile (already source-mapped, inlined
 * frames restored) with exact call counts from the coverage run; `mapLocation` maps library frames
 * through their own source maps (librarySourceMaps.ts).
 */
export function flameOfRun(
  profile: CpuProfile,
  callCounts: ReadonlyMap<string, number | null>,
  mapLocation?: FlatProfileOptions['mapLocation'],
): FlatProfile {
  return toFlatProfile(profile, { callCount: (cf) => callCounts.get(callFrameKey(cf)) ?? null, mapLocation });
}

/** The tree's self and total times divided by the statement's executions, for every view and the stats. */
export function perExecution(p: FlatProfile, executions: number): FlatProfile {
  if (!(executions >= 1)) return p;
  const each = (times: number[]) => times.map((t) => t / executions);
  return { ...p, self: each(p.self), total: each(p.total), perExecution: executions };
}
