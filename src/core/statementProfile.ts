// The profile a user wants to see of a Hotline run: only the statement's call tree (Hotline's
// runner frames and the profiler's own idle time cut away), with every position mapped to the
// original (TypeScript) files, so it also reads right when saved and opened elsewhere.
import { GENERATED_PREFIX } from './loopSource';
import type { CpuProfile, CpuProfileNode } from './lineProfile';
import { scriptMappers } from './sourceMapping';

export const STATEMENT_NODE_NAME = '(statement)';

export function statementProfile(profile: CpuProfile, sources: Record<string, string>): CpuProfile {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const root = profile.nodes[0];
  const loop = profile.nodes.find((n) => n.callFrame.functionName.startsWith(`${GENERATED_PREFIX}profile_`));
  const gc = (root.children ?? []).map((id) => byId.get(id)!).filter((n) => n.callFrame.functionName === '(garbage collector)');
  if (!loop) return profile;

  const mapperOf = scriptMappers(sources);
  const keep = new Set<number>([root.id]);
  const stack = [loop.id, ...gc.map((n) => n.id)];
  while (stack.length) {
    const id = stack.pop()!;
    keep.add(id);
    stack.push(...(byId.get(id)!.children ?? []));
  }
  const mapNode = (n: CpuProfileNode): CpuProfileNode => {
    if (n.id === root.id) return { ...n, children: [loop.id, ...gc.map((g) => g.id)] };
    if (n.id === loop.id) return { ...n, callFrame: { ...n.callFrame, functionName: STATEMENT_NODE_NAME, url: '', lineNumber: -1, columnNumber: -1 }, positionTicks: undefined };
    const mapper = mapperOf(n.callFrame.url);
    const start = mapper?.original(n.callFrame.lineNumber + 1);
    if (!mapper || !start) return n;
    const ticks = new Map<number, number>();
    for (const p of n.positionTicks ?? []) {
      const o = mapper.original(p.line);
      if (o && o.file === start.file) ticks.set(o.line, (ticks.get(o.line) ?? 0) + p.ticks);
    }
    return {
      ...n,
      callFrame: { ...n.callFrame, url: `file://${start.file}`, lineNumber: start.line - 1, columnNumber: n.callFrame.columnNumber },
      positionTicks: [...ticks].map(([line, t]) => ({ line, ticks: t })),
    };
  };
  const nodes = profile.nodes.filter((n) => keep.has(n.id)).map(mapNode);

  // Keep the kept samples' real durations: a sample lasts until the next one.
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const mean = samples.length ? (profile.endTime - profile.startTime) / samples.length : 0;
  const keptSamples: number[] = [];
  const durations: number[] = [];
  for (let i = 0; i < samples.length; i++) {
    if (!keep.has(samples[i]) || samples[i] === root.id) continue;
    keptSamples.push(samples[i]);
    durations.push(i + 1 < deltas.length ? Math.max(0, deltas[i + 1]) : mean);
  }
  const timeDeltas = keptSamples.map((_, i) => (i === 0 ? 0 : durations[i - 1]));
  const total = durations.reduce((a, b) => a + b, 0);
  return { nodes, startTime: profile.startTime, endTime: profile.startTime + total, samples: keptSamples, timeDeltas };
}
