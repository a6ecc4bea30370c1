import * as vscode from 'vscode';
import { GC_MODES, type GcMode } from '../core/protocol/protocol';
import { gcModeOf } from '../engine/timeit';

/** Hotline's settings, read fresh for every run so changes apply without a reload. */
export interface HotlineSettings {
  nodePath: string;
  timeoutMs: number;
  loops: number;
  repeat: number;
  precision: number;
  gcBetweenRuns: GcMode;
  /** Time Function also runs memit (a second child). */
  timeMemory: boolean;
  samplingIntervalMicros: number;
  /** Profile the steady state (warm-up before sampling) rather than the cold start. */
  profileWarmUp: boolean;
  /** Profile also collects V8's verdicts (a third child run). */
  profileExplain: boolean;
  /** Profile also runs mprun on the function (a second child): bytes per line. */
  profileMemory: boolean;
  codeLensEnabled: boolean;
  concurrency: 'queue' | 'cancelPrevious';
}

export function readSettings(scope?: vscode.Uri): HotlineSettings {
  const c = vscode.workspace.getConfiguration('hotline', scope);
  return {
    nodePath: c.get<string>('nodePath', 'node').trim() || 'node',
    timeoutMs: Math.max(1, c.get<number>('timeoutSeconds', 120)) * 1000,
    loops: c.get<number>('timeit.loops', 0),
    repeat: c.get<number>('timeit.repeat', 7),
    precision: c.get<number>('timeit.precision', 3),
    gcBetweenRuns: gcSetting(c.get<unknown>('timeit.gcBetweenRuns')),
    timeMemory: c.get<boolean>('timeit.memory', true),
    samplingIntervalMicros: c.get<number>('profile.samplingInterval', 1000),
    profileWarmUp: c.get<boolean>('profile.warmUp', true),
    profileExplain: c.get<boolean>('profile.explain', false),
    profileMemory: c.get<boolean>('profile.memory', true),
    codeLensEnabled: c.get<boolean>('codeLens.enabled', true),
    concurrency: c.get<'queue' | 'cancelPrevious'>('concurrency', 'queue'),
  };
}

/** What a timing run takes from the settings: Node, IPython's -n/-r/-p, collection between runs, timeout. */
export function timingOptions(s: HotlineSettings) {
  const { nodePath, repeat, precision, gcBetweenRuns, timeoutMs } = s;
  return { nodePath, loops: s.loops || undefined, repeat, precision, gcBetweenRuns, timeoutMs };
}

/** What a profile or explain run takes from the settings: Node, the sampling interval, warm-up, timeout. */
export function profileOptions(s: HotlineSettings) {
  const { nodePath, samplingIntervalMicros, timeoutMs } = s;
  return { nodePath, samplingIntervalMicros, warmUp: s.profileWarmUp, timeoutMs };
}

/** The collection between timed runs; the former boolean setting still reads (true → minor, false → none). */
function gcSetting(v: unknown): GcMode {
  if (typeof v === 'boolean') return gcModeOf(v);
  return GC_MODES.includes(v as GcMode) ? (v as GcMode) : 'minor';
}
