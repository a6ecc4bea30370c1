// "After your edit" for timings, read from the run store's records: every timing of a function
// (and every profile's total) with the hash of the function's code, so a run is compared with the
// one before the edit, and the spread between processes is estimated from repeats of the same code.
import { compareAcrossProcesses, PROCESS_SPREAD, verdictPhrase } from './compare';
import { runKey, type RunRecord } from '../store/runRecords';

/** A timing or a profile total as the run store keeps it (src/core/store/runRecords.ts). */
export type HistoryRecord = RunRecord;

export const historyKey = runKey;

/** Everything timed of one function (timings and profiles), oldest first. */
export function recordsOf(records: readonly HistoryRecord[], key: string): HistoryRecord[] {
  return records
    .filter((r) => r.key === key && (r.kind === 'timeit' || r.kind === 'profile'))
    .sort((a, b) => a.when - b.when);
}

/** Timings of one function, oldest first. */
export function timingsOf(records: readonly HistoryRecord[], key: string): HistoryRecord[] {
  return recordsOf(records, key).filter((r) => r.kind === 'timeit' && r.result);
}

export interface EditComparison {
  /** The run compared with. */
  before: HistoryRecord;
  /** The file changed between the two runs. */
  edited: boolean;
  /** "after your edit: 1.42× faster (95 % CI 1.38–1.46)". */
  message: string;
}

/**
 * `current` against the run before it: the previous timing when the file changed since, otherwise
 * the last timing before the latest edit (so re-timing unchanged code still answers "did my edit help?").
 * Undefined when there is nothing earlier, or no interval can be made.
 */
export function compareWithPrevious(
  records: readonly HistoryRecord[],
  current: HistoryRecord,
): EditComparison | undefined {
  // Records hashed another way (the whole file, before functions were hashed) say nothing of this function's edits.
  const sameScheme = (r: HistoryRecord) => r.contentHash.startsWith('fn:') === current.contentHash.startsWith('fn:');
  const earlier = timingsOf(records, current.key).filter((r) => r.when < current.when && sameScheme(r));
  const previous = earlier.at(-1);
  if (!previous || !current.result) return undefined;
  const edited = previous.contentHash !== current.contentHash;
  const before = edited ? previous : earlier.filter((r) => r.contentHash !== current.contentHash).at(-1);
  if (!before?.result) return undefined;
  const ratio = compareAcrossProcesses(before.result, current.result, processSpreadOf(records, current.key));
  if (!ratio) return undefined;
  const phrase = verdictPhrase(ratio);
  return { before, edited, message: edited ? `after your edit: ${phrase}` : `since before your last edit: ${phrase}` };
}

/**
 * The spread between processes for one function: from its repeated timings of the same code when
 * they show more than the measured default (a noisy machine, a function whose JIT decisions vary),
 * else the default. Log levels of each process, pooled over code versions, less what each
 * process's own runs explain.
 */
export function processSpreadOf(records: readonly HistoryRecord[], key: string): number {
  const byCode = new Map<string, number[][]>();
  for (const r of timingsOf(records, key)) {
    const runs = r.result!.timings.filter((t) => t > 0).map(Math.log);
    if (runs.length < 2) continue;
    byCode.set(r.contentHash, [...(byCode.get(r.contentHash) ?? []), runs]);
  }
  let squares = 0,
    df = 0,
    withinSum = 0,
    processes = 0;
  for (const group of byCode.values()) {
    if (group.length < 2) continue;
    const levels = group.map(meanOf);
    const center = meanOf(levels);
    squares += levels.reduce((a, l) => a + (l - center) ** 2, 0);
    df += group.length - 1;
    for (const runs of group) {
      const m = meanOf(runs);
      withinSum += runs.reduce((a, x) => a + (x - m) ** 2, 0) / (runs.length - 1) / runs.length;
      processes++;
    }
  }
  if (df < 2) return PROCESS_SPREAD;
  const between = Math.sqrt(Math.max(0, squares / df - withinSum / processes));
  return Math.max(PROCESS_SPREAD, between);
}

const meanOf = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
