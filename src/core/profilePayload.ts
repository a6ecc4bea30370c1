// Shape checks for what the profiling runs send back (user code shares the child, so the parent
// checks everything before using it).
import type { CpuProfile, ScriptCoverage } from './lineProfile';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function isCoverage(v: unknown): v is ScriptCoverage {
  return isObject(v) && typeof v.url === 'string' && typeof v.scriptId === 'string' && Array.isArray(v.functions)
    && v.functions.every((f) => isObject(f) && typeof f.functionName === 'string' && Array.isArray(f.ranges)
      && f.ranges.every((r) => isObject(r) && isInt(r.startOffset) && isInt(r.endOffset) && isInt(r.count)));
}

export function isCpuProfile(v: unknown): v is CpuProfile {
  return isObject(v) && Array.isArray(v.nodes) && v.nodes.length > 0 && typeof v.startTime === 'number' && typeof v.endTime === 'number'
    && v.nodes.every((n) => isObject(n) && isInt(n.id) && isObject(n.callFrame) && typeof n.callFrame.url === 'string'
      && typeof n.callFrame.functionName === 'string' && isInt(n.callFrame.lineNumber) && isInt(n.callFrame.columnNumber)
      && (n.children === undefined || (Array.isArray(n.children) && n.children.every(isInt)))
      && (n.positionTicks === undefined || (Array.isArray(n.positionTicks) && n.positionTicks.every((p) => isObject(p) && isInt(p.line) && isInt(p.ticks)))))
    && (v.samples === undefined || (Array.isArray(v.samples) && v.samples.every(isInt)))
    && (v.timeDeltas === undefined || (Array.isArray(v.timeDeltas) && v.timeDeltas.every((d) => typeof d === 'number')));
}

export interface CoveragePayload { mode: 'coverage'; executions: number; loadSeconds: number; coverage: ScriptCoverage[]; sources: Record<string, string>; transpiler: string; nodeVersion: string }
export interface SamplingPayload { mode: 'sampling'; executions: number; loadSeconds: number; profile: CpuProfile; transpiler: string; nodeVersion: string }

export function parseProfilePayload(v: unknown): CoveragePayload | SamplingPayload | undefined {
  if (!isObject(v) || !isInt(v.executions) || v.executions < 1 || typeof v.transpiler !== 'string' || typeof v.nodeVersion !== 'string' || typeof v.loadSeconds !== 'number') return undefined;
  if (v.mode === 'coverage' && Array.isArray(v.coverage) && v.coverage.every(isCoverage) && isObject(v.sources) && Object.values(v.sources).every((s) => typeof s === 'string')) {
    return v as unknown as CoveragePayload;
  }
  if (v.mode === 'sampling' && isCpuProfile(v.profile)) return v as unknown as SamplingPayload;
  return undefined;
}
