// Messages between the flame panel and the extension. The webview only ever names a function by
// its index; the extension opens the file it recorded itself, never a path the page sends.
import { isTimeline } from './flameTimeline';
import type { FlatProfile } from './profileTypes';

/** One function's change in a comparison; `func` indexes the after profile's functions (-1: gone). */
export interface ChangeRow { func: number; name: string; file: string; line: number; selfBefore: number; selfAfter: number }

/** The diff mode: the after profile (times per `unit`) with, per node, the before times at the same call path. */
export interface DiffPayload { beforeLabel: string; afterLabel: string; unit: string; baseSelf: number[]; baseTotal: number[]; changes: ChangeRow[] }

export type FlameToWebview =
  | { type: 'profile'; title: string; profile: FlatProfile; canSave: boolean; report?: string; diff?: DiffPayload }
  | { type: 'error'; title: string; message: string };

export type FlameFromWebview =
  | { type: 'ready' }
  | { type: 'openSource'; func: number }
  | { type: 'save' };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumArray = (v: unknown, n?: number): v is number[] => Array.isArray(v) && (n === undefined || v.length === n) && v.every((x) => typeof x === 'number' && Number.isFinite(x));

export function parseFlameFromWebview(v: unknown, functionCount: number): FlameFromWebview | undefined {
  if (!isObject(v)) return undefined;
  if (v.type === 'ready' || v.type === 'save') return { type: v.type };
  if (v.type === 'openSource' && Number.isInteger(v.func) && (v.func as number) >= 0 && (v.func as number) < functionCount) return { type: 'openSource', func: v.func as number };
  return undefined;
}

export function isFlatProfile(v: unknown): v is FlatProfile {
  if (!isObject(v) || !Array.isArray(v.functions)) return false;
  const n = Array.isArray(v.parent) ? v.parent.length : -1;
  return n > 0 && isNumArray(v.parent, n) && isNumArray(v.func, n) && isNumArray(v.self, n) && isNumArray(v.total, n)
    && v.functions.every((f) => isObject(f) && typeof f.name === 'string' && typeof f.file === 'string' && typeof f.line === 'number')
    && (v.func as number[]).every((f) => f >= 0 && f < (v.functions as unknown[]).length)
    && (v.callCounts === null || (Array.isArray(v.callCounts) && v.callCounts.length === v.functions.length))
    && (v.timeline === undefined || isTimeline(v.timeline, n));
}

function isDiffPayload(v: unknown, nodes: number, functions: number): v is DiffPayload {
  return isObject(v) && typeof v.beforeLabel === 'string' && typeof v.afterLabel === 'string' && typeof v.unit === 'string'
    && isNumArray(v.baseSelf, nodes) && isNumArray(v.baseTotal, nodes) && Array.isArray(v.changes)
    && v.changes.every((c) => isObject(c) && Number.isInteger(c.func) && (c.func as number) >= -1 && (c.func as number) < functions
      && typeof c.name === 'string' && typeof c.file === 'string' && typeof c.line === 'number'
      && Number.isFinite(c.selfBefore) && Number.isFinite(c.selfAfter));
}

export function parseFlameToWebview(v: unknown): FlameToWebview | undefined {
  if (!isObject(v) || typeof v.title !== 'string') return undefined;
  if (v.type === 'error' && typeof v.message === 'string') return { type: 'error', title: v.title, message: v.message };
  if (v.type === 'profile' && isFlatProfile(v.profile) && typeof v.canSave === 'boolean' && (v.report === undefined || typeof v.report === 'string')) {
    const { profile } = v;
    if (v.diff !== undefined && !isDiffPayload(v.diff, profile.parent.length, profile.functions.length)) return undefined;
    return {
      type: 'profile', title: v.title, profile, canSave: v.canSave,
      ...(v.report !== undefined ? { report: v.report } : {}), ...(v.diff !== undefined ? { diff: v.diff as DiffPayload } : {}),
    };
  }
  return undefined;
}
