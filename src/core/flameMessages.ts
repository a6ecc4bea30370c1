// Messages between the flame panel and the extension. The webview only ever names a function by
// its index; the extension opens the file it recorded itself, never a path the page sends.
import type { FlatProfile } from './profileTypes';

export type FlameToWebview =
  | { type: 'profile'; title: string; profile: FlatProfile; canSave: boolean; report?: string }
  | { type: 'error'; title: string; message: string };

export type FlameFromWebview =
  | { type: 'ready' }
  | { type: 'openSource'; func: number }
  | { type: 'save' };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export function parseFlameFromWebview(v: unknown, functionCount: number): FlameFromWebview | undefined {
  if (!isObject(v)) return undefined;
  if (v.type === 'ready' || v.type === 'save') return { type: v.type };
  if (v.type === 'openSource' && Number.isInteger(v.func) && (v.func as number) >= 0 && (v.func as number) < functionCount) return { type: 'openSource', func: v.func as number };
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
  if (n === 0 || !Array.isArray(func) || !Array.isArray(self) || !Array.isArray(total) || func.length !== n || self.length !== n || total.length !== n) return false;
  if (!(callCounts === null || (Array.isArray(callCounts) && callCounts.length === functions.length))) return false;
  for (const f of functions) {
    if (!isObject(f) || typeof f.name !== 'string' || typeof f.file !== 'string' || typeof f.line !== 'number') return false;
  }
  const fc = functions.length;
  for (let i = 0; i < n; i++) {
    const p = parent[i], fn = func[i], s = self[i], t = total[i];
    if (typeof p !== 'number' || !(p === -1 ? i === 0 : Number.isInteger(p) && p >= 0 && p < i)) return false;
    if (typeof fn !== 'number' || !Number.isInteger(fn) || fn < 0 || fn >= fc) return false;
    if (typeof s !== 'number' || !Number.isFinite(s) || typeof t !== 'number' || !Number.isFinite(t)) return false;
  }
  return true;
}

export function parseFlameToWebview(v: unknown): FlameToWebview | undefined {
  if (!isObject(v) || typeof v.title !== 'string') return undefined;
  if (v.type === 'error' && typeof v.message === 'string') return { type: 'error', title: v.title, message: v.message };
  if (v.type === 'profile' && isFlatProfile(v.profile) && typeof v.canSave === 'boolean' && (v.report === undefined || typeof v.report === 'string')) {
    return { type: 'profile', title: v.title, profile: v.profile, canSave: v.canSave, ...(v.report !== undefined ? { report: v.report } : {}) };
  }
  return undefined;
}
