// One store of runs: every timing, profile and explain is a RunRecord of one shape, keyed by file,
// function, statement and setup with the hash of the function's code, bounded by one retention
// rule. Every view reads it: "after your edit" and the History list (timings), each line's change
// since the edit and Compare Profiles (profiles, whose tree and line snapshot live in a payload
// file beside the record). Pure: the VS Code adapter (src/vscode/runStore.ts) persists it.
import type { FlatProfile } from '../flame/profileTypes';
import type { LineSnapshot } from '../lines/lineSnapshot';
import type { TimeitResult, TimingEntry } from '../timing/timeitTypes';

/** Bumped when the stored shape changes; older states are migrated (migrateState) or dropped. */
export const RUN_STORE_VERSION = 2;

/** What produced the record. Whole runs and memory runs join as kinds of their own. */
export type RunKind = 'timeit' | 'profile' | 'explain';

export interface RunRecord {
  /** Unique; names the payload file of a profile. */
  id: string;
  /** Same function, statement and setup in the same file: see runKey. */
  key: string;
  kind: RunKind;
  label: string;
  file: string;
  stmt: string;
  setup: string;
  /**
   * Hash of the function's own code when it ran (`fn:` + hash; migrated records carry their older
   * scheme's prefix): a different hash means the function was edited in between.
   */
  contentHash: string;
  when: number;
  /** Timings: the whole result (its per-run times make the interval). */
  result?: TimeitResult;
  /** Profiles: the statement's time per execution in seconds, from the sampling run. */
  profileSeconds?: number;
  /** Profiles: executions of the statement in the sampling run (trees are compared per execution). */
  executions?: number;
  /** Profiles: a payload (statement tree, line snapshot) is kept on disk under the record's id. */
  hasPayload?: boolean;
  /** Explains: how many verdicts V8 gave on the user's code. */
  verdictCount?: number;
}

/** What a profile keeps on disk beside its record. */
export interface RunPayload {
  version: typeof RUN_STORE_VERSION;
  tree?: FlatProfile;
  snapshot?: LineSnapshot;
}

export interface RunStoreState {
  version: typeof RUN_STORE_VERSION;
  records: RunRecord[];
}

/**
 * The one retention rule: the newest PER_KEY records of each function, statement, setup and kind,
 * and the newest TOTAL in all; a dropped profile's payload file goes with it.
 */
export const RETENTION = { perKey: 50, total: 300 } as const;

export const runKey = (e: Pick<TimingEntry, 'file' | 'label' | 'stmt' | 'setup'>): string =>
  `${e.file}\n${e.label}\n${e.stmt}\n${e.setup}`;

export const newRunId = (when: number, random = Math.random()): string =>
  `${when.toString(36)}-${random.toString(36).slice(2, 8)}`;

/** Appends `record` under the retention rule; `dropped` lists what went (their payloads must go too). */
export function retain(
  records: readonly RunRecord[],
  record: RunRecord,
  rule: { perKey: number; total: number } = RETENTION,
): { kept: RunRecord[]; dropped: RunRecord[] } {
  const all = [...records, record].sort((a, b) => a.when - b.when);
  const dropped = new Set<RunRecord>();
  const sameKey = all.filter((r) => r.key === record.key && r.kind === record.kind);
  for (const r of sameKey.slice(0, Math.max(0, sameKey.length - rule.perKey))) dropped.add(r);
  const left = all.filter((r) => !dropped.has(r));
  for (const r of left.slice(0, Math.max(0, left.length - rule.total))) dropped.add(r);
  return { kept: all.filter((r) => !dropped.has(r)), dropped: [...dropped] };
}

/** The newest profile of the same key with a payload, before `when`: the one a new profile is compared with. */
export function previousProfile(records: readonly RunRecord[], key: string, when = Infinity): RunRecord | undefined {
  return records
    .filter((r) => r.kind === 'profile' && r.key === key && r.hasPayload && r.when < when)
    .sort((a, b) => a.when - b.when)
    .at(-1);
}

/** Profiles that can be drawn (they kept a tree), newest first: what Compare Profiles picks from. */
export function comparableProfiles(records: readonly RunRecord[]): RunRecord[] {
  return records.filter((r) => r.kind === 'profile' && r.hasPayload).sort((a, b) => b.when - a.when);
}

/** The newest profile and the newest earlier one of the same function whose code differs: before and after an edit. */
export function lastEditPair(records: readonly RunRecord[]): [RunRecord, RunRecord] | undefined {
  const [after, ...older] = comparableProfiles(records);
  const before =
    after && older.find((p) => p.file === after.file && p.label === after.label && p.contentHash !== after.contentHash);
  return after && before ? [before, after] : undefined;
}

/** The records the History list shows: timings and profiles (explains have no time). */
export const timedRecords = (records: readonly RunRecord[]): RunRecord[] =>
  records.filter((r) => r.kind === 'timeit' || r.kind === 'profile');

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * The stored state, whatever version wrote it: the current shape as is; version 1 (three stores:
 * the timing history, the profile index, a last profile per file) migrated — timings and profile
 * totals kept, profile trees kept under their ids (their files are the payloads), the per-file last
 * profiles dropped (line changes start again from the next profile); anything else dropped.
 */
export function migrateState(
  stored: unknown,
  legacy: { history?: unknown; profiles?: unknown } = {},
): { state: RunStoreState; migrated: boolean } {
  if (isObject(stored) && stored.version === RUN_STORE_VERSION && Array.isArray(stored.records))
    return { state: { version: RUN_STORE_VERSION, records: stored.records.filter(isRunRecord) }, migrated: false };
  const records: RunRecord[] = [];
  if (Array.isArray(legacy.history))
    for (const [i, r] of legacy.history.entries()) {
      if (!isObject(r) || (r.kind !== 'timeit' && r.kind !== 'profile')) continue;
      const record = { ...r, id: `v1-${i}-${String(r.when)}` };
      if (isRunRecord(record)) records.push(record);
    }
  if (Array.isArray(legacy.profiles))
    for (const p of legacy.profiles) {
      if (!isObject(p) || typeof p.id !== 'string' || typeof p.label !== 'string' || typeof p.file !== 'string')
        continue;
      if (typeof p.stmt !== 'string' || typeof p.when !== 'number' || typeof p.textHash !== 'string') continue;
      records.push({
        id: p.id,
        key: runKey({ file: p.file, label: p.label, stmt: p.stmt, setup: '' }),
        kind: 'profile',
        label: p.label,
        file: p.file,
        stmt: p.stmt,
        setup: '',
        contentHash: `file:${p.textHash}`,
        when: p.when,
        ...(typeof p.executions === 'number' ? { executions: p.executions } : {}),
        hasPayload: true,
      });
    }
  const migrated = records.length > 0 || stored !== undefined;
  let kept: RunRecord[] = [];
  for (const r of records.sort((a, b) => a.when - b.when)) kept = retain(kept, r).kept;
  return { state: { version: RUN_STORE_VERSION, records: kept }, migrated };
}

/** A stored payload, or a version-1 profile file (the bare tree). */
export function readPayload(raw: unknown): RunPayload | undefined {
  if (!isObject(raw)) return undefined;
  if (raw.version === RUN_STORE_VERSION) return raw as unknown as RunPayload;
  if (Array.isArray(raw.functions) && Array.isArray(raw.parent))
    return { version: RUN_STORE_VERSION, tree: raw as unknown as FlatProfile };
  return undefined;
}

export const isRunRecord = (v: unknown): v is RunRecord => hasRunFields(v) && typeof v.id === 'string';

/** A record's fields but its id (what a view needs of it). */
export function hasRunFields(v: unknown): v is Omit<RunRecord, 'id'> & Record<string, unknown> {
  return (
    isObject(v) &&
    typeof v.key === 'string' &&
    (v.kind === 'timeit' || v.kind === 'profile' || v.kind === 'explain') &&
    typeof v.label === 'string' &&
    typeof v.file === 'string' &&
    typeof v.stmt === 'string' &&
    typeof v.setup === 'string' &&
    typeof v.contentHash === 'string' &&
    typeof v.when === 'number' &&
    (v.profileSeconds === undefined || typeof v.profileSeconds === 'number') &&
    (v.executions === undefined || typeof v.executions === 'number') &&
    (v.verdictCount === undefined || typeof v.verdictCount === 'number')
  );
}
