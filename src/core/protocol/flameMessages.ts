// Messages between the flame panel and the extension. The webview only ever names a function by
// its index; the extension opens the file it recorded itself, never a path the page sends.
import { isTimeline } from '../flame/flameTimeline';
import type { FlatProfile } from '../flame/profileTypes';

/** One function's change in a comparison; `func` indexes the after profile's functions (-1: gone). */
export interface ChangeRow {
  func: number;
  name: string;
  file: string;
  line: number;
  selfBefore: number;
  selfAfter: number;
}

/** The diff mode: the after profile (times per `unit`) with, per node, the before times at the same call path. */
export interface DiffPayload {
  beforeLabel: string;
  afterLabel: string;
  unit: string;
  baseSelf: number[];
  baseTotal: number[];
  changes: ChangeRow[];
}

export type FlameToWebview =
  | {
      type: 'profile';
      title: string;
      profile: FlatProfile;
      canSave: boolean;
      report?: string;
      diff?: DiffPayload;
      /** The Allocations view's profile: bytes per execution by call path (unit 'bytes'). */
      allocations?: FlatProfile;
    }
  | { type: 'error'; title: string; message: string };

export type FlameFromWebview =
  | { type: 'ready' }
  /** `allocations`: `func` indexes the Allocations view's functions. */
  | { type: 'openSource'; func: number; allocations?: boolean }
  /** A row of the Lines tab: a line of the function its report is of (the extension knows the file). */
  | { type: 'openLine'; line: number }
  | { type: 'save' };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumArray = (v: unknown, n: number): v is number[] =>
  Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'number' && Number.isFinite(x));
export function parseFlameFromWebview(
  v: unknown,
  functionCount: number,
  allocationFunctionCount = 0,
): FlameFromWebview | undefined {
  if (!isObject(v)) return undefined;
  if (v.type === 'ready' || v.type === 'save') return { type: v.type };
  const allocations = v.allocations === true;
  const count = allocations ? allocationFunctionCount : functionCount;
  if (v.type === 'openSource' && Number.isInteger(v.func) && (v.func as number) >= 0 && (v.func as number) < count)
    return { type: 'openSource', func: v.func as number, ...(allocations ? { allocations } : {}) };
  if (v.type === 'openLine' && Number.isInteger(v.line) && (v.line as number) >= 1)
    return { type: 'openLine', line: v.line as number };
  return undefined;
}

/**
 * Shape check of a FlatProfile in one pass over its arrays (a 200k-node tree is checked in a few
 * milliseconds): same lengths, finite numbers, parents before children, function indexes in range.
 */
export function isFlatProfile(v: unknown): v is FlatProfile {
  if (!isObject(v) || !Array.isArray(v.functions) || !Array.isArray(v.parent)) return false;
  const { functions, parent, func, self, total, callCounts } = v as unknown as Record<keyof FlatProfile, unknown[]>;
  const n = parent.length;
  if (
    n === 0 ||
    !Array.isArray(func) ||
    !Array.isArray(self) ||
    !Array.isArray(total) ||
    func.length !== n ||
    self.length !== n ||
    total.length !== n
  )
    return false;
  if (!(callCounts === null || (Array.isArray(callCounts) && callCounts.length === functions.length))) return false;
  const unit = (v as { unit?: unknown }).unit;
  if (unit !== undefined && unit !== 'bytes') return false;
  const executions = (v as { perExecution?: unknown }).perExecution;
  if (executions !== undefined && !(Number.isInteger(executions) && (executions as number) >= 1)) return false;
  for (const f of functions) {
    if (!isObject(f) || typeof f.name !== 'string' || typeof f.file !== 'string' || typeof f.line !== 'number')
      return false;
  }
  const fc = functions.length;
  for (let i = 0; i < n; i++) {
    const p = parent[i],
      fn = func[i],
      s = self[i],
      t = total[i];
    if (typeof p !== 'number' || !(p === -1 ? i === 0 : Number.isInteger(p) && p >= 0 && p < i)) return false;
    if (typeof fn !== 'number' || !Number.isInteger(fn) || fn < 0 || fn >= fc) return false;
    if (typeof s !== 'number' || !Number.isFinite(s) || typeof t !== 'number' || !Number.isFinite(t)) return false;
  }
  return (v as { timeline?: unknown }).timeline === undefined || isTimeline((v as { timeline?: unknown }).timeline, n);
}

function isDiffPayload(v: unknown, nodes: number, functions: number): v is DiffPayload {
  return (
    isObject(v) &&
    typeof v.beforeLabel === 'string' &&
    typeof v.afterLabel === 'string' &&
    typeof v.unit === 'string' &&
    isNumArray(v.baseSelf, nodes) &&
    isNumArray(v.baseTotal, nodes) &&
    Array.isArray(v.changes) &&
    v.changes.every(
      (c) =>
        isObject(c) &&
        Number.isInteger(c.func) &&
        (c.func as number) >= -1 &&
        (c.func as number) < functions &&
        typeof c.name === 'string' &&
        typeof c.file === 'string' &&
        typeof c.line === 'number' &&
        Number.isFinite(c.selfBefore) &&
        Number.isFinite(c.selfAfter),
    )
  );
}

export function parseFlameToWebview(v: unknown): FlameToWebview | undefined {
  if (!isObject(v) || typeof v.title !== 'string') return undefined;
  if (v.type === 'error' && typeof v.message === 'string') return { type: 'error', title: v.title, message: v.message };
  if (
    v.type === 'profile' &&
    isFlatProfile(v.profile) &&
    typeof v.canSave === 'boolean' &&
    (v.report === undefined || typeof v.report === 'string')
  ) {
    const { profile } = v;
    if (v.diff !== undefined && !isDiffPayload(v.diff, profile.parent.length, profile.functions.length))
      return undefined;
    if (v.allocations !== undefined && !(isFlatProfile(v.allocations) && v.allocations.unit === 'bytes'))
      return undefined;
    return {
      type: 'profile',
      title: v.title,
      profile,
      canSave: v.canSave,
      ...(v.report !== undefined ? { report: v.report } : {}),
      ...(v.diff !== undefined ? { diff: v.diff as DiffPayload } : {}),
      ...(v.allocations !== undefined ? { allocations: v.allocations as FlatProfile } : {}),
    };
  }
  return undefined;
}
