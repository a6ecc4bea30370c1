// Messages between the Timings panel and the extension, and their validators (both directions
// are checked: a webview is a browser page and the extension trusts nothing it says).
import { isTimeitResult } from './protocol';
import type { TimingEntry } from './timeitTypes';

export type TimingsToWebview = { type: 'entries'; entries: TimingEntry[]; selectedId?: string };
export type TimingsFromWebview =
  | { type: 'ready' }
  | { type: 'select'; id: string }
  | { type: 'remove'; id: string }
  | { type: 'clear' }
  | { type: 'export'; format: 'markdown' | 'json' }
  | { type: 'openSource'; id: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;

export function parseTimingsFromWebview(v: unknown): TimingsFromWebview | undefined {
  if (!isObject(v)) return undefined;
  switch (v.type) {
    case 'ready': case 'clear': return { type: v.type };
    case 'select': case 'remove': case 'openSource': return isId(v.id) ? { type: v.type, id: v.id } : undefined;
    case 'export': return v.format === 'markdown' || v.format === 'json' ? { type: 'export', format: v.format } : undefined;
    default: return undefined;
  }
}

function isEntry(v: unknown): v is TimingEntry {
  return isObject(v) && isId(v.id) && typeof v.label === 'string' && typeof v.file === 'string' && typeof v.stmt === 'string'
    && typeof v.setup === 'string' && typeof v.line === 'string' && typeof v.when === 'number' && isTimeitResult(v.result)
    && (v.warning === undefined || typeof v.warning === 'string');
}

export function parseTimingsToWebview(v: unknown): TimingsToWebview | undefined {
  if (!isObject(v) || v.type !== 'entries' || !Array.isArray(v.entries) || !v.entries.every(isEntry)) return undefined;
  if (v.selectedId !== undefined && !isId(v.selectedId)) return undefined;
  return { type: 'entries', entries: v.entries, ...(v.selectedId ? { selectedId: v.selectedId } : {}) };
}
