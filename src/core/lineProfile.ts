// Per-line figures, line_profiler-style, from the two profiling runs:
//  - Hits: exact, from the coverage run (one execution): a line gets the count of the innermost
//    coverage range that contains its first non-blank character.
//  - Time: from the sampling run's positionTicks (SELF time per line), converted to real time
//    with each sample's timeDelta, divided by the number of executions so it describes one
//    execution like Hits does.
//  - Ticks on lines outside the sampled function's own body are a callee TurboFan inlined: they
//    are put on the callee's line but labelled "inlined", never left on the caller's lines.
//  - Callees of a line: V8 records no call site, so a callee is attributed to the lines of the
//    caller whose text calls it by name (`name(`); its total time is added to that line's Time,
//    as line_profiler counts time spent in calls on the calling line.
import { fileOfUrl, scriptMappers, type ScriptMapper } from './sourceMapping';

export interface CoverageRange { startOffset: number; endOffset: number; count: number }
export interface CoverageFunction { functionName: string; ranges: CoverageRange[]; isBlockCoverage: boolean }
export interface ScriptCoverage { scriptId: string; url: string; functions: CoverageFunction[] }

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; scriptId: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
  positionTicks?: { line: number; ticks: number }[];
}
export interface CpuProfile { nodes: CpuProfileNode[]; startTime: number; endTime: number; samples?: number[]; timeDeltas?: number[] }

export interface LineCallee { name: string; micros: number }
export interface LineStat {
  line: number;
  hits: number | null;
  /** Self time on this line (µs per execution). */
  selfMicros: number;
  /** Time of callees inlined into this line's function that landed on this line (µs). */
  inlinedMicros: number;
  /** Time in callees this line calls by name (µs). */
  calleeMicros: number;
  callees: LineCallee[];
}
export interface FileLines { file: string; lines: LineStat[] }

export interface FunctionSummary {
  name: string;
  file: string;
  /** 1-based original lines of the whole function. */
  startLine: number;
  endLine: number;
  /** Exact calls in the coverage run; null when unknown. */
  calls: number | null;
  selfMicros: number;
  totalMicros: number;
}

export interface LineProfile {
  files: FileLines[];
  functions: FunctionSummary[];
  /** Sampled time of one execution (µs), idle excluded. */
  totalMicros: number;
  executions: number;
  samples: number;
  /** Time in ticks that could not be placed on a user line (inlined from elsewhere, unmapped). */
  unattributedMicros: number;
}

interface FunctionExtent { name: string; start: number; end: number; count: number }

function functionExtents(cov: ScriptCoverage | undefined): FunctionExtent[] {
  return (cov?.functions ?? []).filter((f) => f.ranges.length > 0)
    .map((f) => ({ name: f.functionName, start: f.ranges[0].startOffset, end: f.ranges[0].endOffset, count: f.ranges[0].count }));
}

/** Innermost function whose range contains `offset` (the module itself is the outermost). */
function enclosingFunction(extents: FunctionExtent[], offset: number): FunctionExtent | undefined {
  let best: FunctionExtent | undefined;
  for (const f of extents) if (f.start <= offset && offset < f.end && (!best || f.end - f.start < best.end - best.start)) best = f;
  return best;
}

const CLOSERS_ONLY = /^\s*[}\])]+[\s;,)}\]]*$/;

/** Hits per generated line: count of the innermost range containing the line's first code char. */
function hitsOfLine(cov: ScriptCoverage, mapper: ScriptMapper, line: number): number | null {
  const offset = mapper.firstCodeOffset(line);
  // A line of closing brackets is not a statement: its count would just repeat the block's.
  if (offset === undefined || CLOSERS_ONLY.test(mapper.textOf(line))) return null;
  let best: CoverageRange | undefined;
  for (const f of cov.functions) for (const r of f.ranges) {
    if (r.startOffset <= offset && offset < r.endOffset && (!best || r.endOffset - r.startOffset <= best.endOffset - best.startOffset)) best = r;
  }
  return best ? best.count : null;
}

/** Real time per node from samples and timeDeltas (the delta after a sample is its duration). */
export function nodeTimes(profile: CpuProfile): { time: Map<number, number>; samples: number } {
  const time = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const mean = samples.length ? (profile.endTime - profile.startTime) / samples.length : 0;
  for (let i = 0; i < samples.length; i++) {
    const dt = i + 1 < deltas.length ? Math.max(0, deltas[i + 1]) : mean;
    time.set(samples[i], (time.get(samples[i]) ?? 0) + dt);
  }
  return { time, samples: samples.length };
}

const IDLE = new Set(['(idle)', '(program)', '(garbage collector)', '(root)']);

export function buildLineProfile(input: {
  coverage: ScriptCoverage[];
  sources: Record<string, string>;
  profile: CpuProfile;
  sampledExecutions: number;
  isUserUrl: (url: string) => boolean;
}): LineProfile {
  const k = Math.max(1, input.sampledExecutions);
  const mapperOf = scriptMappers(input.sources);
  const coverageOf = new Map(input.coverage.map((c) => [c.url, c]));
  const files = new Map<string, Map<number, LineStat>>();
  const statOf = (file: string, line: number): LineStat => {
    let lines = files.get(file);
    if (!lines) files.set(file, (lines = new Map()));
    let s = lines.get(line);
    if (!s) lines.set(line, (s = { line, hits: null, selfMicros: 0, inlinedMicros: 0, calleeMicros: 0, callees: [] }));
    return s;
  };

  // Hits from the coverage run, for every mapped line of every user script.
  for (const cov of input.coverage) {
    const mapper = mapperOf(cov.url);
    if (!mapper) continue;
    for (let line = 1; line <= mapper.lineStarts.length; line++) {
      const orig = mapper.original(line);
      if (!orig) continue;
      const hits = hitsOfLine(cov, mapper, line);
      if (hits === null) continue;
      const s = statOf(orig.file, orig.line);
      s.hits = Math.max(s.hits ?? 0, hits);
    }
  }

  // Time from the sampling run.
  const { time, samples } = nodeTimes(input.profile);
  const byId = new Map(input.profile.nodes.map((n) => [n.id, n]));
  let total = 0;
  let unattributed = 0;
  for (const node of input.profile.nodes) {
    const t = time.get(node.id) ?? 0;
    if (!IDLE.has(node.callFrame.functionName)) total += t;
    const url = node.callFrame.url;
    const mapper = input.isUserUrl(url) ? mapperOf(url) : undefined;
    if (!mapper || t === 0) continue;
    const ticks = (node.positionTicks ?? []).reduce((a, p) => a + p.ticks, 0);
    if (ticks === 0) continue;
    const perTick = t / ticks;
    const extents = functionExtents(coverageOf.get(url));
    const startOffset = (mapper.lineStarts[node.callFrame.lineNumber] ?? 0) + node.callFrame.columnNumber;
    const own = enclosingFunction(extents, startOffset);
    for (const p of node.positionTicks ?? []) {
      const micros = p.ticks * perTick;
      const orig = mapper.original(p.line);
      if (!orig) { unattributed += micros; continue; }
      const offset = mapper.firstCodeOffset(p.line) ?? mapper.lineStarts[p.line - 1];
      const inside = !own || (offset >= own.start && offset < own.end && enclosingFunction(extents, offset) === own);
      const s = statOf(orig.file, orig.line);
      if (inside) s.selfMicros += micros;
      else s.inlinedMicros += micros;
    }
  }

  // Functions: self and total (recursion counted once per stack), calls from coverage.
  const functions = summarizeFunctions(input.profile, byId, time, mapperOf, coverageOf, input.isUserUrl);

  // Callees by name on the caller's lines.
  const totals = subtreeTimes(input.profile, byId, time);
  for (const node of input.profile.nodes) {
    const mapper = input.isUserUrl(node.callFrame.url) ? mapperOf(node.callFrame.url) : undefined;
    if (!mapper) continue;
    const fn = functions.find((f) => f.name === (node.callFrame.functionName || '(anonymous)') && f.file === mapper.file && f.startLine <= (mapper.original(node.callFrame.lineNumber + 1)?.line ?? -1) && (mapper.original(node.callFrame.lineNumber + 1)?.line ?? -1) <= f.endLine);
    if (!fn) continue;
    const text = mapper.originalText(fn.file)?.split('\n');
    if (!text) continue;
    for (const childId of node.children ?? []) {
      const child = byId.get(childId)!;
      const name = child.callFrame.functionName;
      if (!name || IDLE.has(name)) continue;
      const micros = totals.get(childId) ?? 0;
      if (micros === 0) continue;
      const pattern = new RegExp(`(^|[^\\w$])${name.replace(/[$]/g, '\\$')}\\s*\\(`);
      for (let line = fn.startLine + 1; line <= fn.endLine; line++) {
        if (!pattern.test(text[line - 1] ?? '')) continue;
        const s = statOf(fn.file, line);
        s.calleeMicros += micros;
        const existing = s.callees.find((c) => c.name === name);
        if (existing) existing.micros += micros; else s.callees.push({ name, micros });
        break;
      }
    }
  }

  const scale = (v: number) => v / k;
  const fileList: FileLines[] = [...files].map(([file, lines]) => ({
    file,
    lines: [...lines.values()].sort((a, b) => a.line - b.line).map((s) => ({
      ...s, selfMicros: scale(s.selfMicros), inlinedMicros: scale(s.inlinedMicros), calleeMicros: scale(s.calleeMicros),
      callees: s.callees.map((c) => ({ name: c.name, micros: scale(c.micros) })).sort((a, b) => b.micros - a.micros),
    })),
  }));
  return {
    files: fileList,
    functions: functions.map((f) => ({ ...f, selfMicros: scale(f.selfMicros), totalMicros: scale(f.totalMicros) })),
    totalMicros: scale(total), executions: k, samples, unattributedMicros: scale(unattributed),
  };
}

function subtreeTimes(profile: CpuProfile, byId: Map<number, CpuProfileNode>, time: Map<number, number>): Map<number, number> {
  const totals = new Map<number, number>();
  const visit = (id: number): number => {
    const node = byId.get(id)!;
    let t = time.get(id) ?? 0;
    for (const c of node.children ?? []) t += visit(c);
    totals.set(id, t);
    return t;
  };
  if (profile.nodes.length) visit(profile.nodes[0].id);
  return totals;
}

function summarizeFunctions(profile: CpuProfile, byId: Map<number, CpuProfileNode>, time: Map<number, number>, mapperOf: (url: string) => ScriptMapper | undefined,
  coverageOf: Map<string, ScriptCoverage>, isUserUrl: (url: string) => boolean): FunctionSummary[] {
  const out = new Map<string, FunctionSummary>();
  const keyOf = (n: CpuProfileNode) => `${n.callFrame.url}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}:${n.callFrame.functionName}`;
  const summaryOf = (n: CpuProfileNode): FunctionSummary | undefined => {
    if (!isUserUrl(n.callFrame.url)) return undefined;
    const key = keyOf(n);
    let s = out.get(key);
    if (s) return s;
    const mapper = mapperOf(n.callFrame.url);
    if (!mapper) return undefined;
    const extents = functionExtents(coverageOf.get(n.callFrame.url));
    const start = (mapper.lineStarts[n.callFrame.lineNumber] ?? 0) + n.callFrame.columnNumber;
    const own = enclosingFunction(extents, start);
    const first = mapper.original(n.callFrame.lineNumber + 1);
    const last = own ? mapper.original(mapper.lineOfOffset(Math.max(own.start, own.end - 1))) : first;
    s = {
      name: n.callFrame.functionName || '(anonymous)', file: first?.file ?? mapper.file,
      startLine: first?.line ?? n.callFrame.lineNumber + 1, endLine: Math.max(last?.line ?? 0, first?.line ?? 0),
      calls: own && own.start <= start ? own.count : null, selfMicros: 0, totalMicros: 0,
    };
    out.set(key, s);
    return s;
  };
  const onStack = new Map<string, number>();
  const walk = (id: number): number => {
    const node = byId.get(id)!;
    const key = keyOf(node);
    const outermost = !onStack.get(key);
    onStack.set(key, (onStack.get(key) ?? 0) + 1);
    let t = time.get(id) ?? 0;
    for (const c of node.children ?? []) t += walk(c);
    onStack.set(key, onStack.get(key)! - 1);
    const s = summaryOf(node);
    if (s) {
      s.selfMicros += time.get(id) ?? 0;
      if (outermost) s.totalMicros += t; // recursion: only the outermost frame counts
    }
    return t;
  };
  if (profile.nodes.length) walk(profile.nodes[0].id);
  return [...out.values()];
}

export { fileOfUrl };

/** Exact calls of the function a profile call frame stands for, from the coverage run; null if not covered. */
export function coverageCallCount(coverage: readonly ScriptCoverage[], mapperOf: (url: string) => ScriptMapper | undefined, cf: CpuProfileNode['callFrame']): number | null {
  const cov = coverage.find((c) => c.url === cf.url);
  const mapper = mapperOf(cf.url);
  if (!cov || !mapper || cf.lineNumber < 0) return null;
  const offset = (mapper.lineStarts[cf.lineNumber] ?? 0) + cf.columnNumber;
  const extents = functionExtents(cov);
  const exact = extents.find((f) => f.start === offset);
  return (exact ?? enclosingFunction(extents, offset))?.count ?? null;
}
