// IPython's %timeit semantics, as pure functions over measured run times (seconds):
// autorange, the TimeitResult statistics, the printed line and the "slowest run" warning.
import { formatTime, withThousands } from './format';
import type { TimeitResult } from './timeitTypes';

/** IPython's defaults: 7 runs, 3 significant digits, autorange target 0.2 s, at most 10^9 loops. */
export const DEFAULT_REPEAT = 7;
export const DEFAULT_PRECISION = 3;
export const AUTORANGE_TARGET_SECONDS = 0.2;
export const AUTORANGE_MAX_EXPONENT = 9;

/**
 * IPython's autorange: number = 10^k for k = 0..9 until one run takes >= 0.2 s.
 * `timeRun(loops)` returns the total seconds of one run; these calibration runs are discarded.
 */
export async function autorange(timeRun: (loops: number) => Promise<number> | number): Promise<number> {
  let loops = 1;
  for (let k = 0; k <= AUTORANGE_MAX_EXPONENT; k++) {
    loops = 10 ** k;
    if ((await timeRun(loops)) >= AUTORANGE_TARGET_SECONDS) break;
  }
  return loops;
}

/**
 * Discarded runs of `loops` loops before the timed runs when the loop count is given (-n), as
 * autorange's calibration runs are when it is not: until they add up to autorange's 0.2 s, and at
 * most as many runs as will be timed, so -n still bounds the work (a statement may be costly or
 * have effects outside its timing, e.g. buffered output) to twice what the user asked for.
 */
export async function warmUp(
  timeRun: (loops: number) => Promise<number> | number,
  loops: number,
  maxRuns: number,
): Promise<number> {
  let spent = 0;
  let runs = 0;
  while (spent < AUTORANGE_TARGET_SECONDS && runs < maxRuns) {
    spent += await timeRun(loops);
    runs++;
  }
  return runs;
}

/** Warm runs after autorange stop once a run is no more than SETTLED faster than the best before it… */
export const SETTLED = 0.02;
/** …twice in a row, or after this much time (a statement that never settles is timed as it is). */
export const SETTLE_BUDGET_SECONDS = 3;

/**
 * Discarded runs of the calibrated loop count until the time per run stops falling: autorange
 * leaves the statement fresh from compilation (the last calibration run is often its first
 * optimised one), and V8 may still tier up or inline after it. Returns the runs made.
 */
export async function settle(
  timeRun: (loops: number) => Promise<number> | number,
  loops: number,
  budgetSeconds = SETTLE_BUDGET_SECONDS,
): Promise<number> {
  let best = Infinity;
  let spent = 0;
  let steady = 0;
  let runs = 0;
  while (steady < 2 && spent < budgetSeconds) {
    const t = await timeRun(loops);
    spent += t;
    runs++;
    steady = t >= best * (1 - SETTLED) ? steady + 1 : 0;
    best = Math.min(best, t);
  }
  return runs;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Population standard deviation (divides by n), as IPython's TimeitResult.stdev. */
export function populationStdev(values: readonly number[]): number {
  const m = mean(values);
  return Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / values.length);
}

export function buildResult(
  allRuns: readonly number[],
  loops: number,
  extra: { precision?: number; compileTime?: number; async?: boolean; awaitFloor?: number } = {},
): TimeitResult {
  if (allRuns.length === 0) throw new Error('no runs to summarise');
  const timings = allRuns.map((t) => t / loops);
  return {
    loops,
    repeat: allRuns.length,
    best: Math.min(...timings),
    worst: Math.max(...timings),
    timings,
    allRuns: [...allRuns],
    average: mean(timings),
    stdev: populationStdev(timings),
    precision: extra.precision ?? DEFAULT_PRECISION,
    compileTime: extra.compileTime ?? 0,
    async: extra.async ?? false,
    ...(extra.awaitFloor !== undefined ? { awaitFloor: extra.awaitFloor } : {}),
  };
}

/** `21.3 ms ± 396 µs per loop (mean ± std. dev. of 7 runs, 10 loops each)` */
export function ipythonLine(r: TimeitResult): string {
  const runs = r.repeat === 1 ? 'run' : 'runs';
  const loops = r.loops === 1 ? 'loop' : 'loops';
  return `${formatTime(r.average, r.precision)} \u00b1 ${formatTime(r.stdev, r.precision)} per loop (mean \u00b1 std. dev. of ${r.repeat} ${runs}, ${withThousands(r.loops)} ${loops} each)`;
}

/** IPython's hint that an intermediate result may be cached, with its exact condition. */
export function cachingWarning(r: TimeitResult): string | undefined {
  if (r.worst > 4 * r.best && r.best > 0 && r.worst > 1e-6) {
    return `The slowest run took ${(r.worst / r.best).toFixed(2)} times longer than the fastest. This could mean that an intermediate result is being cached.`;
  }
  return undefined;
}

export interface TimeitOptions {
  loops?: number;
  repeat?: number;
  precision?: number;
}

/**
 * Splits IPython-style options typed before the statement: `-n 100 -r 3 -p 4 blur(x)`.
 * Unknown options are errors rather than silently part of the statement.
 */
export function parseTimeitOptions(text: string): TimeitOptions & { stmt: string } {
  const options: TimeitOptions = {};
  let rest = text.trimStart();
  for (;;) {
    const m = /^-([nrp])\s*(\d+)\s+/.exec(rest) ?? /^-([nrp])\s*(\d+)$/.exec(rest);
    if (!m) break;
    const value = Number(m[2]);
    if (value < 1) throw new Error(`-${m[1]} must be at least 1`);
    if (m[1] === 'n') options.loops = value;
    else if (m[1] === 'r') options.repeat = value;
    else options.precision = value;
    rest = rest.slice(m[0].length);
  }
  const unknown = /^-([a-zA-Z])\b(?!\s*[=(.[])/.exec(rest);
  if (unknown && !/^-\d/.test(rest))
    throw new Error(`unknown option -${unknown[1]} (use -n loops, -r runs, -p precision)`);
  return { ...options, stmt: rest.trim() };
}

export interface SpeedRow {
  id: string;
  label: string;
  average: number;
  /** slowest.average / this.average: 1 for the slowest. */
  speedup: number;
  /** "1.0 (normalized)" for the slowest, "89.2x" for the others, as the seed's timing_table. */
  speed: string;
}

/** Speed of each implementation relative to the slowest, fastest first. */
export function normalizedSpeeds(
  entries: readonly { id: string; label: string; result: { average: number } }[],
): SpeedRow[] {
  if (entries.length === 0) return [];
  const slowest = Math.max(...entries.map((e) => e.result.average));
  return entries
    .map((e) => {
      const speedup = e.result.average > 0 ? slowest / e.result.average : Infinity;
      const isSlowest = e.result.average === slowest;
      return {
        id: e.id,
        label: e.label,
        average: e.result.average,
        speedup,
        speed: isSlowest ? '1.0 (normalized)' : `${formatSpeedup(speedup)}x`,
      };
    })
    .sort((a, b) => a.average - b.average);
}

function formatSpeedup(s: number): string {
  if (!Number.isFinite(s)) return '∞';
  return s >= 1000 ? withThousands(Math.round(s)) : s.toFixed(1);
}
