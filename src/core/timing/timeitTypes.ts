// Shared shapes of a timing result, produced by the child runner and consumed by the
// extension (inline hint, Output channel, Timings panel) and the CLI. Plain data: JSON-safe.

/** Mirrors IPython's TimeitResult; all times in seconds. */
export interface TimeitResult {
  /** Loops per run (IPython's `number`). */
  loops: number;
  /** Runs (IPython's `repeat`). */
  repeat: number;
  /** Best and worst per-loop time. */
  best: number;
  worst: number;
  /** Per-loop time of every run (IPython's `timings`). */
  timings: number[];
  /** Total time of every run (IPython's `all_runs`). */
  allRuns: number[];
  /** Mean and population standard deviation of `timings`. */
  average: number;
  stdev: number;
  /** Digits for `_format_time`. */
  precision: number;
  /** Seconds spent compiling the generated loop. */
  compileTime: number;
  /** True when the statement returned a thenable and an awaited loop was timed. */
  async: boolean;
  /** For async statements: per-loop cost of awaiting an already-resolved value (the floor). */
  awaitFloor?: number;
}

/** One entry in the session's comparison of implementations. */
export interface TimingEntry {
  id: string;
  /** Short name shown in tables: the function name, or the statement. */
  label: string;
  file: string;
  functionName?: string;
  stmt: string;
  setup: string;
  result: TimeitResult;
  /** The IPython line, e.g. `21.3 ms ± 396 µs per loop (mean ± std. dev. of 7 runs, 10 loops each)`. */
  line: string;
  /** IPython's "slowest run took …" warning, when it applies. */
  warning?: string;
  /** Epoch milliseconds. */
  when: number;
  /** The comparison group the user moved this entry to (default: by its inputs, see comparisonGroups.ts). */
  group?: string;
  /**
   * The child process it was timed in: the entries of one Re-time Interleaved share it and are
   * compared on their runs alone; entries from separate processes also differ by the spread between processes.
   */
  process?: string;
  /** memit's figures for the same statement and setup, measured in a child of its own. */
  memory?: TimingMemory;
}

/** What the Timings panel and the hint show of memit's result. */
export interface TimingMemory {
  allocatedBytes: number;
  retainedBytes: number;
  /** memit's line: `allocated 8.00 MB per loop, retained 0 B · peak heap 54.2 MB · …`. */
  line: string;
}
