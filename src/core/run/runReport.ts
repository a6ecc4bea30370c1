// A whole run's report: every sampled thread of every process (one line profile each, built by
// lines/attribution.ts from its own V8 log) merged into the hottest lines and functions of the
// run. A line's total is line_profiler's Time (callees included, at the call site, once per stack
// in recursion); its self is the line alone. Threads add up: the run's time is the busy time of all
// of them, so two processes busy for 1 s each make 2 s. Idle samples (the event loop waiting) count nowhere.
import type { FileLines, FunctionProfile, LineProfile } from '../lines/lineProfile';

/** Where code comes from: the project's own, a dependency, Node itself. */
export type Origin = 'mine' | 'dependency' | 'node';

export function originOf(file: string): Origin {
  if (!file.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(file)) return 'node';
  return /[\\/]node_modules[\\/]/.test(file) ? 'dependency' : 'mine';
}

export interface RunThread {
  pid: number;
  /** The process's main thread, or one of its worker threads. */
  thread: 'main' | 'worker';
  /** The process's command line as it noted it (empty when it could not). */
  argv: string[];
  samples: number;
  busyMs: number;
  gcMs: number;
}

export interface RunLine {
  /** Absolute path of the original source (through the script's source map), or a node: URL. */
  file: string;
  /** 1-based. */
  line: number;
  /** The function whose code the line is. */
  function: string;
  selfMs: number;
  totalMs: number;
  origin: Origin;
  /** pids whose threads spent time here. */
  pids: number[];
}

export interface RunFunction {
  name: string;
  file: string;
  line: number;
  selfMs: number;
  totalMs: number;
  origin: Origin;
  pids: number[];
}

export interface WholeRunReport {
  processes: RunThread[];
  lines: RunLine[];
  functions: RunFunction[];
  /** Busy time of every thread, summed. */
  totalMs: number;
}

export interface ThreadProfile {
  thread: RunThread;
  lineProfile: LineProfile;
}

function addTo<T extends { selfMs: number; totalMs: number; pids: number[] }>(
  map: Map<string, T>,
  key: string,
  make: () => T,
  selfMs: number,
  totalMs: number,
  pid: number,
): void {
  let entry = map.get(key);
  if (!entry) map.set(key, (entry = make()));
  entry.selfMs += selfMs;
  entry.totalMs += totalMs;
  if (!entry.pids.includes(pid)) entry.pids.push(pid);
}

/** Lines as the editor shows them: per file and line, the function whose frames spent most there. */
function addLines(lines: Map<string, RunLine>, files: readonly FileLines[], pid: number): void {
  for (const { file, lines: stats } of files)
    for (const s of stats) {
      if (s.micros <= 0) continue;
      const make = () => ({
        file,
        line: s.line,
        function: s.owner?.name ?? '',
        selfMs: 0,
        totalMs: 0,
        origin: originOf(file),
        pids: [],
      });
      addTo(lines, `${file}\u0000${s.line}`, make, s.selfMicros / 1000, s.micros / 1000, pid);
    }
}

function addFunctions(functions: Map<string, RunFunction>, profiles: readonly FunctionProfile[], pid: number): void {
  for (const f of profiles) {
    if (f.totalMicros <= 0) continue;
    const make = () => ({
      name: f.name,
      file: f.file,
      line: f.startLine,
      selfMs: 0,
      totalMs: 0,
      origin: originOf(f.file),
      pids: [],
    });
    addTo(
      functions,
      `${f.file}\u0000${f.startLine}\u0000${f.name}`,
      make,
      f.selfMicros / 1000,
      f.totalMicros / 1000,
      pid,
    );
  }
}

const byTotal = <T extends { selfMs: number; totalMs: number }>(a: T, b: T) =>
  b.totalMs - a.totalMs || b.selfMs - a.selfMs;

export function summarizeRun(threads: readonly ThreadProfile[]): WholeRunReport {
  const lines = new Map<string, RunLine>();
  const functions = new Map<string, RunFunction>();
  for (const { thread, lineProfile } of threads) {
    addLines(lines, lineProfile.files, thread.pid);
    addFunctions(functions, lineProfile.functions, thread.pid);
  }
  return {
    processes: threads.map((t) => t.thread),
    lines: [...lines.values()].sort(byTotal),
    functions: [...functions.values()].sort(byTotal),
    totalMs: threads.reduce((sum, t) => sum + t.thread.busyMs, 0),
  };
}

/** Lines by self time, the ones that do the work (a total ranks every caller up the stack first). */
export const bySelf = <T extends { selfMs: number; totalMs: number }>(rows: readonly T[]): T[] =>
  [...rows].sort((a, b) => b.selfMs - a.selfMs || b.totalMs - a.totalMs);
