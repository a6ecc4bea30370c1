// Messages from the child runner to its parent, one JSON object per line on fd 3. User code runs
// in that child and could write to fd 3 too, so the parent validates every message and drops
// anything that is not exactly one of these shapes.
import type { TimeitResult } from '../timing/timeitTypes';
import type { MemitResult } from '../memory/memit';
import type { MprunResult } from '../memory/mprun';

export type ErrorKind = 'syntax' | 'notFound' | 'throw' | 'load' | 'exit' | 'unsettled' | 'badInput' | 'internal';

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export type ChildMessage =
  | { type: 'progress'; message: string }
  | { type: 'timeit'; result: TimeitResult; transpiler: string; nodeVersion: string; loadSeconds: number }
  | { type: 'error'; kind: ErrorKind; message: string; stack?: string; location?: SourceLocation }
  | { type: 'profile'; payload: unknown }
  | { type: 'compare'; results: TimeitResult[]; transpiler: string; nodeVersion: string; loadSeconds: number }
  | { type: 'memit'; result: MemitResult; transpiler: string; nodeVersion: string; loadSeconds: number }
  | { type: 'mprun'; result: MprunResult; transpiler: string; nodeVersion: string; loadSeconds: number };

const ERROR_KINDS: ReadonlySet<string> = new Set<ErrorKind>([
  'syntax',
  'notFound',
  'throw',
  'load',
  'exit',
  'unsettled',
  'badInput',
  'internal',
]);
const MAX_TEXT = 1 << 16;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= MAX_TEXT;
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCount = (v: unknown): v is number => isNumber(v) && Number.isInteger(v) && v >= 1;
const isTimes = (v: unknown): v is number[] =>
  Array.isArray(v) && v.length > 0 && v.length <= 100_000 && v.every((t) => isNumber(t) && t >= 0);

export function isTimeitResult(v: unknown): v is TimeitResult {
  return (
    isObject(v) &&
    isCount(v.loops) &&
    isCount(v.repeat) &&
    isTimes(v.timings) &&
    isTimes(v.allRuns) &&
    v.timings.length === v.repeat &&
    v.allRuns.length === v.repeat &&
    [v.best, v.worst, v.average, v.stdev, v.compileTime].every((t) => isNumber(t) && t >= 0) &&
    isCount(v.precision) &&
    typeof v.async === 'boolean' &&
    (v.awaitFloor === undefined || (isNumber(v.awaitFloor) && v.awaitFloor >= 0))
  );
}

const isBytes = (v: unknown): v is number => isNumber(v) && v >= 0;

export function isMemitResult(v: unknown): v is MemitResult {
  return (
    isObject(v) &&
    isCount(v.loops) &&
    isCount(v.executions) &&
    [
      v.allocatedBytes,
      v.heapBytes,
      v.arrayBufferBytes,
      v.retainedBytes,
      v.peakBytes,
      v.gcCount,
      v.gcMs,
      v.heapSamples,
    ].every(isBytes) &&
    Array.isArray(v.notes) &&
    v.notes.length <= 20 &&
    v.notes.every(isText)
  );
}

/** A heap profile tree: names and sizes where they belong, no deeper than V8's stacks go. */
function isHeapNode(v: unknown, depth: number): boolean {
  if (!isObject(v) || depth > 2000 || !isBytes(v.selfSize) || !Array.isArray(v.children)) return false;
  const f = v.callFrame;
  return (
    isObject(f) &&
    isText(f.functionName) &&
    isText(f.url) &&
    isNumber(f.lineNumber) &&
    v.children.every((c) => isHeapNode(c, depth + 1))
  );
}

const isLineBytes = (v: unknown) =>
  isObject(v) && isCount(v.line) && [v.hits, v.allocatedBytes, v.heapBytes, v.arrayBufferBytes].every(isBytes);

function isMprunFunction(v: unknown): boolean {
  return (
    isObject(v) &&
    isText(v.id) &&
    isText(v.name) &&
    isText(v.file) &&
    isCount(v.startLine) &&
    isCount(v.endLine) &&
    isBytes(v.ownBytes) &&
    isBytes(v.totalBytes) &&
    Array.isArray(v.lines) &&
    v.lines.length <= 100_000 &&
    v.lines.every(isLineBytes)
  );
}

export function isMprunResult(v: unknown): v is MprunResult {
  return (
    isObject(v) &&
    isCount(v.executions) &&
    [v.statementBytes, v.outsideStackBytes, v.heapSamples, v.arrayBufferExecutions, v.secondsPerLoop].every(isBytes) &&
    Array.isArray(v.functions) &&
    v.functions.length <= 1000 &&
    v.functions.every(isMprunFunction) &&
    Array.isArray(v.notes) &&
    v.notes.length <= 20 &&
    v.notes.every(isText) &&
    (v.allocations === undefined || isHeapNode(v.allocations, 0))
  );
}

function isLocation(v: unknown): v is SourceLocation {
  return isObject(v) && isText(v.file) && isNumber(v.line) && isNumber(v.column);
}

/** The message, or undefined when `line` is not a well-formed message. */
export function parseChildMessage(line: string): ChildMessage | undefined {
  if (line.length > 64 * 1024 * 1024) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(v)) return undefined;
  switch (v.type) {
    case 'progress':
      return isText(v.message) ? { type: 'progress', message: v.message } : undefined;
    case 'timeit':
    case 'memit':
    case 'mprun': {
      const valid =
        v.type === 'timeit'
          ? isTimeitResult(v.result)
          : v.type === 'memit'
            ? isMemitResult(v.result)
            : isMprunResult(v.result);
      return valid && isText(v.transpiler) && isText(v.nodeVersion) && isNumber(v.loadSeconds)
        ? ({
            type: v.type,
            result: v.result,
            transpiler: v.transpiler,
            nodeVersion: v.nodeVersion,
            loadSeconds: v.loadSeconds,
          } as ChildMessage)
        : undefined;
    }
    case 'error':
      if (!(typeof v.kind === 'string' && ERROR_KINDS.has(v.kind) && isText(v.message))) return undefined;
      if (v.stack !== undefined && !isText(v.stack)) return undefined;
      if (v.location !== undefined && !isLocation(v.location)) return undefined;
      return {
        type: 'error',
        kind: v.kind as ErrorKind,
        message: v.message,
        ...(v.stack ? { stack: v.stack } : {}),
        ...(v.location ? { location: v.location } : {}),
      };
    case 'profile':
      return 'payload' in v ? { type: 'profile', payload: v.payload } : undefined;
    case 'compare':
      return Array.isArray(v.results) &&
        v.results.length >= 1 &&
        v.results.length <= MAX_COMPARED &&
        v.results.every(isTimeitResult) &&
        isText(v.transpiler) &&
        isText(v.nodeVersion) &&
        isNumber(v.loadSeconds)
        ? {
            type: 'compare',
            results: v.results,
            transpiler: v.transpiler,
            nodeVersion: v.nodeVersion,
            loadSeconds: v.loadSeconds,
          }
        : undefined;
    default:
      return undefined;
  }
}

/** What the parent asks the runner to do; passed in the HOTLINE_JOB environment variable. */
export interface TimeitJob {
  kind: 'timeit';
  /** Absolute path of the module whose scope the statement runs in. */
  file: string;
  setup: string;
  stmt: string;
  /** Loops per run; absent = autorange. */
  loops?: number;
  repeat: number;
  precision: number;
  /** The collection before each run: see GcMode. */
  gcBetweenRuns: GcMode;
  /** The user's project (nearest package.json): its own TypeScript and tsconfig are used. */
  projectDir: string;
}

/** memit: the statement's memory per loop (see core/memory/memit.ts). */
export interface MemitJob {
  kind: 'memit';
  file: string;
  setup: string;
  stmt: string;
  /** Loops per run; absent = autorange, as timeit's. */
  loops?: number;
  projectDir: string;
}

/** mprun: bytes per line of the named functions (see core/memory/mprun.ts). */
export interface MprunJob extends Omit<MemitJob, 'kind'> {
  kind: 'mprun';
  functions: string[];
}

/** One of the two profiling runs: exact counts (coverage) or time (sampling); see REFERENCE.md. */
export interface ProfileJob {
  kind: 'profile';
  mode: 'coverage' | 'sampling';
  file: string;
  setup: string;
  stmt: string;
  projectDir: string;
  /** Sampling run: profiler interval and how long to keep repeating the statement. */
  samplingIntervalMicros: number;
  minDurationMs: number;
  /**
   * Sampling run: longest warm-up before sampling starts (the statement repeats until its time per
   * execution stops falling, see warmUp.ts); 0 or absent samples from the first execution (cold).
   */
  warmUpMaxMs?: number;
}

/** Several statements of one module timed in one child, their runs interleaved (A B C, B C A, …). */
export interface CompareJob extends Omit<TimeitJob, 'kind' | 'stmt'> {
  kind: 'compare';
  stmts: string[];
}

/** At most this many statements in one comparison. */
export const MAX_COMPARED = 20;

export type RunnerJob = TimeitJob | ProfileJob | CompareJob | MemitJob | MprunJob;

/**
 * What is collected before each timed run. `minor` (default): the young generation only, so each
 * run starts with an empty nursery and V8 keeps its optimised code; `major`: a full collection,
 * which clears V8's weak references and discards optimised code that embeds them ("weak objects"
 * deopts: library code then runs cold every run); `none`: nothing.
 */
export type GcMode = 'minor' | 'major' | 'none';
export const GC_MODES: readonly GcMode[] = ['minor', 'major', 'none'];
