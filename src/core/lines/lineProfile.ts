// The shapes of a line profile (line_profiler's table per function, the editor's hot lines) and
// of the V8 data it is built from (precise coverage, Chrome .cpuprofile). Built by attribution.ts:
// Hits from the coverage run (lineHits.ts), Time from V8's own samples with call sites (v8log/).
export { fileOfUrl } from '../source/sourceMapping';
import type { WarmUpReport } from './warmUp';

export interface CoverageRange {
  startOffset: number;
  endOffset: number;
  count: number;
}
export interface CoverageFunction {
  functionName: string;
  ranges: CoverageRange[];
  isBlockCoverage: boolean;
}
export interface ScriptCoverage {
  scriptId: string;
  url: string;
  functions: CoverageFunction[];
}

export interface CpuProfileNode {
  id: number;
  callFrame: { functionName: string; scriptId: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
  positionTicks?: { line: number; ticks: number }[];
}
export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface LineCallee {
  name: string;
  /** Where the callee is defined (original file and 1-based line). */
  file: string;
  line: number;
  /** 1-based column of the call site on the calling line (two calls on one line stay apart). */
  column: number;
  micros: number;
  /** TurboFan inlined this call: its frame was restored from V8's inlining table. */
  inlined: boolean;
}
export interface LineStat {
  line: number;
  hits: number | null;
  /** line_profiler's Time: executing this line, including everything it calls (µs per execution). */
  micros: number;
  /** Part of `micros` spent on the line itself, not in callees. */
  selfMicros: number;
  /** Part of `micros` spent in callees TurboFan inlined at this line. */
  inlinedMicros: number;
  /** The calls this line made, by call site, largest first. */
  callees: LineCallee[];
  /**
   * The function whose code the line is (the innermost one: a nested closure's lines are the
   * closure's, not the enclosing function's), by name and first line; absent when unknown.
   */
  owner?: LineOwner;
}
export interface LineOwner {
  name: string;
  /** 1-based original line where the function starts. */
  line: number;
}
export interface FileLines {
  file: string;
  lines: LineStat[];
}

export interface FunctionSummary {
  name: string;
  file: string;
  /** 1-based original lines of the whole function. */
  startLine: number;
  endLine: number;
  /** Exact calls in the coverage run; null when unknown. */
  calls: number | null;
  selfMicros: number;
  /** Time with the function on the stack, once per stack: the sum of its lines unless it recurses. */
  totalMicros: number;
}

/** A function's own line_profiler table: the lines whose code is its own (not a nested function's). */
export interface FunctionProfile extends FunctionSummary {
  samples: number;
  /** Some sample had it on the stack twice: its lines overlap (each is still ≤ its total). */
  recursive: boolean;
  /**
   * Time in builtins it called whose calling line V8 did not record (frameless builtins): part of
   * its total, shared out over its lines by their own time.
   */
  unplacedMicros: number;
  lines: LineStat[];
}

export interface LineProfile {
  /** Per file, per line, what the editor paints (the function that spent most time on the line). */
  files: FileLines[];
  functions: FunctionProfile[];
  /** Sampled time of one execution of the statement (µs). */
  totalMicros: number;
  /** Part of it spent collecting garbage: V8 samples no stack then, so it is on no line. */
  gcMicros: number;
  executions: number;
  samples: number;
  /** The warm-up before sampling (steady-state profile); null for the cold start; absent before the engine sets it. */
  warmUp?: WarmUpReport | null;
}

/** Real time per node from samples and timeDeltas (the delta after a sample is its duration). */
/**
 * nodeTimes for the usual profile whose node ids are small whole numbers: sums in a typed array
 * instead of a Map (11 M samples in tens of milliseconds); undefined when a sample falls outside.
 */
function denseNodeTimes(profile: CpuProfile, mean: number): Map<number, number> | undefined {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let max = 0;
  for (const n of profile.nodes) max = Math.max(max, n.id);
  if (!Number.isInteger(max) || max > 8 * profile.nodes.length + 1_000_000) return undefined;
  const sum = new Float64Array(max + 1);
  const seen = new Uint8Array(max + 1);
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i];
    if (!(id >= 0 && id <= max && Number.isInteger(id))) return undefined;
    sum[id] += i + 1 < deltas.length ? Math.max(0, deltas[i + 1]) : mean;
    seen[id] = 1;
  }
  const time = new Map<number, number>();
  for (let id = 0; id <= max; id++) if (seen[id]) time.set(id, sum[id]);
  return time;
}

export function nodeTimes(profile: CpuProfile): { time: Map<number, number>; samples: number } {
  const time = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const mean = samples.length ? (profile.endTime - profile.startTime) / samples.length : 0;
  const dense = denseNodeTimes(profile, mean);
  if (dense) return { time: dense, samples: samples.length };
  for (let i = 0; i < samples.length; i++) {
    const dt = i + 1 < deltas.length ? Math.max(0, deltas[i + 1]) : mean;
    time.set(samples[i], (time.get(samples[i]) ?? 0) + dt);
  }
  return { time, samples: samples.length };
}
