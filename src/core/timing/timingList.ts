// The session's timed implementations, for the comparison table. Timing the same statement of
// the same function again replaces its entry: the table compares implementations, not attempts.
import type { TimingEntry } from './timeitTypes';

export function sameImplementation(a: TimingEntry, b: TimingEntry): boolean {
  return a.file === b.file && a.label === b.label && a.stmt === b.stmt && a.setup === b.setup;
}

export function addEntry(list: readonly TimingEntry[], entry: TimingEntry): TimingEntry[] {
  const index = list.findIndex((e) => sameImplementation(e, entry));
  if (index < 0) return [...list, entry];
  const next = list.slice();
  next[index] = entry;
  return next;
}

export function removeEntry(list: readonly TimingEntry[], id: string): TimingEntry[] {
  return list.filter((e) => e.id !== id);
}
