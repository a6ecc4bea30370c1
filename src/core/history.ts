// Timing history that survives restarts: every timing of a function (and every profile's total)
// with the content hash of its file, so "after your edit" compares this run with the one before
// the edit. Pure: the VS Code adapter stores the records in workspace storage.
import { compareResults, verdictPhrase } from './compare';
import type { TimeitResult, TimingEntry } from './timeitTypes';

/** Records kept per function (and statement, setup): the oldest go first. */
export const HISTORY_LIMIT = 50;

export interface HistoryRecord {
  /** Same function, statement and setup in the same file: see historyKey. */
  key: string;
  label: string;
  file: string;
  stmt: string;
  setup: string;
  /** Hash of the file's text when it ran: a different hash means the code was edited in between. */
  contentHash: string;
  when: number;
  kind: 'timeit' | 'profile';
  /** Timings: the whole result (its per-run times make the interval). */
  result?: TimeitResult;
  /** Profiles: the statement's time per execution in seconds, from the sampling run. */
  profileSeconds?: number;
}

export const historyKey = (e: Pick<TimingEntry, 'file' | 'label' | 'stmt' | 'setup'>): string =>
  `${e.file}\n${e.label}\n${e.stmt}\n${e.setup}`;

/** Appends `record`, keeping the newest HISTORY_LIMIT of each key (timings and profiles counted apart). */
export function appendRecord(
  records: readonly HistoryRecord[],
  record: HistoryRecord,
  limit = HISTORY_LIMIT,
): HistoryRecord[] {
  const same = (r: HistoryRecord) => r.key === record.key && r.kind === record.kind;
  const kept = records.filter(same);
  const drop = new Set(kept.slice(0, Math.max(0, kept.length + 1 - limit)));
  return [...records.filter((r) => !drop.has(r)), record];
}

/** Everything kept of one function (timings and profiles), oldest first. */
export function recordsOf(records: readonly HistoryRecord[], key: string): HistoryRecord[] {
  return records.filter((r) => r.key === key).sort((a, b) => a.when - b.when);
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
  const earlier = timingsOf(records, current.key).filter((r) => r.when < current.when);
  const previous = earlier.at(-1);
  if (!previous || !current.result) return undefined;
  const edited = previous.contentHash !== current.contentHash;
  const before = edited ? previous : earlier.filter((r) => r.contentHash !== current.contentHash).at(-1);
  if (!before?.result) return undefined;
  const ratio = compareResults(before.result, current.result);
  if (!ratio) return undefined;
  const phrase = verdictPhrase(ratio);
  return { before, edited, message: edited ? `after your edit: ${phrase}` : `since before your last edit: ${phrase}` };
}
