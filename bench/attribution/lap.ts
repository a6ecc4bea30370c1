// The stopwatch of the instrumented fixture copies: each heavy line is timed with
// performance.now() around it and its time is added under the line's code (a snippet that
// workloads.ts and truth.ts map back to the line number in the original fixture).
import { performance } from 'node:perf_hooks';

// One map per process, even when this file is loaded twice (as ESM by an .mjs copy, as CommonJS by the rest).
const key = Symbol.for('hotline.bench.laps');
const holder = globalThis as typeof globalThis & { [key]?: Map<string, number> };
const spent: Map<string, number> = (holder[key] ??= new Map());

/** Adds the milliseconds since `since` to `code` and returns a fresh start for the next line. */
export function lap(code: string, since: number): number {
  const now = performance.now();
  spent.set(code, (spent.get(code) ?? 0) + now - since);
  return performance.now();
}

export const now = (): number => performance.now();

/** The times gathered since the last call, then starts afresh. */
export function takeLaps(): Map<string, number> {
  const taken = new Map(spent);
  spent.clear();
  return taken;
}
