// The shared, JSON-safe shape of a CPU profile once parsed: a flat call tree (pre-order, parent
// before child) over a deduplicated function table. Built by src/core/flame/profileModel.ts from a
// `.cpuprofile`, rendered by the flame panel (webview/flame) and summarised by the stats table.
// Arrays, not node objects, so 100k-node trees stay cheap to send to a webview and to lay out.

export interface ProfileFunction {
  /** Display name; V8's empty names become "(anonymous)". */
  name: string;
  /** File path (or URL as V8 reported it, if it is not a file), already source-mapped when possible. */
  file: string;
  /** 1-based line and column of the function's start, source-mapped when possible; 0 when unknown. */
  line: number;
  column: number;
  /** V8 pseudo-functions: (root), (program), (idle), (garbage collector). */
  kind: 'js' | 'native' | 'program' | 'idle' | 'gc' | 'root';
}

export interface FlatProfile {
  /** Function table; call-tree nodes point into it. */
  functions: ProfileFunction[];
  /** Per call-tree node, pre-order, node 0 is the root: parent index (-1 for the root). */
  parent: number[];
  /** Per node: index into `functions`. */
  func: number[];
  /** Per node: self time in microseconds (from samples and timeDeltas). */
  self: number[];
  /** Per node: total (self + descendants) time in microseconds. */
  total: number[];
  /** Wall duration of the profile in microseconds and number of samples. */
  duration: number;
  samples: number;
  /**
   * Exact call count per function from a precise-coverage run, or null when no coverage run
   * was made: then ncalls is unknown and must be shown as such, never estimated.
   */
  callCounts: (number | null)[] | null;
  /** What ran when (the time-order view), when the profile has samples; absent otherwise. */
  timeline?: Timeline;
  /**
   * A Hotline profile of a statement: self and total are per execution, averaged over this many
   * executions (the timeline stays in real time); ncalls then come from one execution (coverage).
   */
  perExecution?: number;
  /**
   * 'bytes': the Allocations view's profile (core/flame/allocationProfile.ts), whose self and total
   * are bytes allocated per execution, not microseconds.
   */
  unit?: 'bytes';
}

/**
 * The samples in time order, run-length encoded: consecutive samples on the same node are one run
 * (start and duration in microseconds from the profile's start). Kept small for huge profiles: past
 * a limit of runs, time is cut into equal buckets, each given to the node that ran longest in it.
 */
export interface Timeline {
  node: number[];
  start: number[];
  duration: number[];
  /** Bucket width in microseconds when the timeline was coarsened; absent when every run is exact. */
  bucket?: number;
}

/** One row of the snakeviz/pstats-style stats table (times in microseconds). */
export interface FunctionStats {
  func: number;
  /** Exact calls from coverage; null = unknown. */
  ncalls: number | null;
  tottime: number;
  /** cumtime counts each function once per stack, so recursion is not double counted. */
  cumtime: number;
}
