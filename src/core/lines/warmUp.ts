// When has a repeated statement reached its steady state? The sampling run repeats the statement
// before it starts sampling, in windows of about WINDOW_MS, for at least WARM_UP_MIN_MS and until
// the time per execution stops falling: the median of the last SETTLE_WINDOWS windows is no more
// than SETTLE_TOLERANCE below the median of the SETTLE_WINDOWS before. (On TypeScript's parser and
// diff's diffLines the time per execution falls for about two seconds, 3-6x, with the share of
// each call moving 20-25 pp; on a busy machine a shorter minimum let noise look like a plateau.) The JIT's work (the interpreter, Maglev, TurboFan, OSR, the
// inline caches of a library) is then done, as it is in a program that has been running a while.
// A statement that never settles (noise, a growing input) stops at the bound, and says so.
// No clock here: the caller measures, this decides (unit-testable).
import { median } from '../timing/timeit';

export const WARM_UP_WINDOW_MS = 200;
export const WARM_UP_MIN_MS = 2000;
export const SETTLE_WINDOWS = 3;
export const SETTLE_TOLERANCE = 0.03;
/** Default bound of the warm-up. */
export const WARM_UP_MAX_MS = 5000;

export interface WarmUpState {
  /** Per-execution milliseconds of each finished window, oldest first. */
  windows: number[];
  executions: number;
  elapsedMs: number;
}

/** The time per execution has stopped falling (see the header). */
export function settled(windows: readonly number[]): boolean {
  if (windows.length < 2 * SETTLE_WINDOWS) return false;
  const last = median(windows.slice(-SETTLE_WINDOWS));
  const before = median(windows.slice(-2 * SETTLE_WINDOWS, -SETTLE_WINDOWS));
  return last >= before * (1 - SETTLE_TOLERANCE);
}

/** What the warm-up did, for the report. */
export interface WarmUpReport {
  executions: number;
  ms: number;
  /** The time per execution settled (false: the bound stopped it). */
  settled: boolean;
  /** Per-execution ms of the first and the last window. */
  firstMs: number;
  lastMs: number;
}

/**
 * A warm-up driven by the statement's loop check: `tick(i, now)` is called with the executions
 * done so far and the clock whenever the loop looks at it; it answers whether to go on.
 */
export class WarmUp {
  private readonly windows: number[] = [];
  private windowStart = 0;
  private windowStartI = 0;
  private start = 0;
  private done: WarmUpReport | undefined;

  constructor(private readonly maxMs: number) {}

  begin(now: number): void {
    this.start = this.windowStart = now;
  }

  tick(i: number, now: number): boolean {
    if (this.done) return false;
    if (now - this.windowStart >= WARM_UP_WINDOW_MS && i > this.windowStartI) {
      this.windows.push((now - this.windowStart) / (i - this.windowStartI));
      this.windowStart = now;
      this.windowStartI = i;
    }
    const isSettled = now - this.start >= Math.min(WARM_UP_MIN_MS, this.maxMs) && settled(this.windows);
    if (isSettled || now - this.start >= this.maxMs) {
      this.done = {
        executions: i,
        ms: now - this.start,
        settled: isSettled,
        firstMs: this.windows[0] ?? (i > 0 ? (now - this.start) / i : 0),
        lastMs: this.windows.at(-1) ?? (i > 0 ? (now - this.start) / i : 0),
      };
      return false;
    }
    return true;
  }

  report(): WarmUpReport | undefined {
    return this.done;
  }
}
