// Messages between the Timings panel and the extension, and their validators (both directions
// are checked: a webview is a browser page and the extension trusts nothing it says).
import { isTimeitResult } from './protocol';
import type { HistoryRecord } from '../timing/history';
import { hasRunFields } from '../store/runRecords';
import type { TimingEntry } from '../timing/timeitTypes';

export type TimingsToWebview = {
  type: 'entries';
  entries: TimingEntry[];
  selectedId?: string;
  /** Comparison group key → the entry chosen as its baseline. */
  baselines?: Record<string, string>;
  /** Past timings of the selected entry's function, oldest first. */
  history?: HistoryRecord[];
  historyEnabled?: boolean;
};
export type TimingsFromWebview =
  | { type: 'ready' }
  | { type: 'select'; id: string }
  | { type: 'remove'; id: string }
  | { type: 'clear' }
  | { type: 'export'; format: 'markdown' | 'json' }
  | { type: 'openSource'; id: string }
  | { type: 'baseline'; id: string }
  /** Move an entry to another comparison group (a key, or 'alone'), or back to its default (null). */
  | { type: 'regroup'; id: string; group: string | null }
  | { type: 'clearHistory' }
  /** Time the group's implementations again in one process, runs interleaved. */
  | { type: 'retimeGroup'; group: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;
/** Group keys hold a statement's arguments and setup. */
const isKey = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 20_000;

export function parseTimingsFromWebview(v: unknown): TimingsFromWebview | undefined {
  if (!isObject(v)) return undefined;
  switch (v.type) {
    case 'ready':
    case 'clear':
    case 'clearHistory':
      return { type: v.type };
    case 'select':
    case 'remove':
    case 'openSource':
    case 'baseline':
      return isId(v.id) ? { type: v.type, id: v.id } : undefined;
    case 'retimeGroup':
      return isKey(v.group) ? { type: 'retimeGroup', group: v.group } : undefined;
    case 'regroup':
      return isId(v.id) && (v.group === null || isKey(v.group))
        ? { type: 'regroup', id: v.id, group: v.group }
        : undefined;
    case 'export':
      return v.format === 'markdown' || v.format === 'json' ? { type: 'export', format: v.format } : undefined;
    default:
      return undefined;
  }
}

function isEntry(v: unknown): v is TimingEntry {
  return (
    isObject(v) &&
    isId(v.id) &&
    typeof v.label === 'string' &&
    typeof v.file === 'string' &&
    typeof v.stmt === 'string' &&
    typeof v.setup === 'string' &&
    typeof v.line === 'string' &&
    typeof v.when === 'number' &&
    isTimeitResult(v.result) &&
    (v.warning === undefined || typeof v.warning === 'string') &&
    (v.group === undefined || isKey(v.group)) &&
    (v.memory === undefined || isTimingMemory(v.memory))
  );
}

function isTimingMemory(v: unknown): boolean {
  return (
    isObject(v) &&
    typeof v.line === 'string' &&
    [v.allocatedBytes, v.retainedBytes].every((b) => typeof b === 'number' && Number.isFinite(b) && b >= 0)
  );
}

/** A record of the run store as the History list shows it: a timing (with its result) or a profile total. */
const isHistoryRecord = (v: unknown): v is HistoryRecord =>
  hasRunFields(v) &&
  isKey(v.key) &&
  (v.kind === 'timeit' || v.kind === 'profile') &&
  (v.result === undefined || isTimeitResult(v.result));

const isBaselines = (v: unknown): v is Record<string, string> =>
  isObject(v) && Object.entries(v).every(([k, id]) => isKey(k) && isId(id));

export function parseTimingsToWebview(v: unknown): TimingsToWebview | undefined {
  if (!isObject(v) || v.type !== 'entries' || !Array.isArray(v.entries) || !v.entries.every(isEntry)) return undefined;
  if (v.selectedId !== undefined && !isId(v.selectedId)) return undefined;
  if (v.baselines !== undefined && !isBaselines(v.baselines)) return undefined;
  if (v.history !== undefined && !(Array.isArray(v.history) && v.history.every(isHistoryRecord))) return undefined;
  return {
    type: 'entries',
    entries: v.entries,
    ...(v.selectedId ? { selectedId: v.selectedId } : {}),
    ...(v.baselines ? { baselines: v.baselines } : {}),
    ...(v.history ? { history: v.history } : {}),
    ...(typeof v.historyEnabled === 'boolean' ? { historyEnabled: v.historyEnabled } : {}),
  };
}
