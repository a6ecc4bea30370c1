// Shape checks for what the profiling runs send back (user code shares the child, so the parent
// checks everything before using it).
import type { ScriptCoverage } from '../lines/lineProfile';
import type { WarmUpReport } from '../lines/warmUp';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function isCoverage(v: unknown): v is ScriptCoverage {
  return (
    isObject(v) &&
    typeof v.url === 'string' &&
    typeof v.scriptId === 'string' &&
    Array.isArray(v.functions) &&
    v.functions.every(
      (f) =>
        isObject(f) &&
        typeof f.functionName === 'string' &&
        Array.isArray(f.ranges) &&
        f.ranges.every((r) => isObject(r) && isInt(r.startOffset) && isInt(r.endOffset) && isInt(r.count)),
    )
  );
}

export interface CoveragePayload {
  mode: 'coverage';
  executions: number;
  loadSeconds: number;
  coverage: ScriptCoverage[];
  sources: Record<string, string>;
  transpiler: string;
  nodeVersion: string;
  /** Names of the user's functions that ran while loading the module or in the setup (not counted in Hits). */
  ranBeforeStatement: string[];
}
/** The sampling run's own report; its samples are in V8's log, which the parent reads. */
export interface SamplingPayload {
  mode: 'sampling';
  executions: number;
  loadSeconds: number;
  markers: { begin: string; end: string };
  /** The warm-up before the sampled repetitions; absent for a cold profile. */
  warmUp?: WarmUpReport;
  transpiler: string;
  nodeVersion: string;
}

export function parseProfilePayload(v: unknown): CoveragePayload | SamplingPayload | undefined {
  if (
    !isObject(v) ||
    !isInt(v.executions) ||
    v.executions < 1 ||
    typeof v.transpiler !== 'string' ||
    typeof v.nodeVersion !== 'string' ||
    typeof v.loadSeconds !== 'number'
  )
    return undefined;
  if (
    v.mode === 'coverage' &&
    Array.isArray(v.coverage) &&
    v.coverage.every(isCoverage) &&
    isObject(v.sources) &&
    Object.values(v.sources).every((s) => typeof s === 'string') &&
    Array.isArray(v.ranBeforeStatement) &&
    v.ranBeforeStatement.every((n) => typeof n === 'string')
  ) {
    return v as unknown as CoveragePayload;
  }
  const markerName = (m: unknown) => typeof m === 'string' && /^[\w$]+$/.test(m);
  const isWarmUp = (w: unknown) =>
    w === undefined ||
    (isObject(w) &&
      isInt(w.executions) &&
      ['ms', 'firstMs', 'lastMs'].every((k) => typeof w[k] === 'number' && Number.isFinite(w[k])) &&
      typeof w.settled === 'boolean');
  if (
    v.mode === 'sampling' &&
    isObject(v.markers) &&
    markerName(v.markers.begin) &&
    markerName(v.markers.end) &&
    isWarmUp(v.warmUp)
  )
    return v as unknown as SamplingPayload;
  return undefined;
}
