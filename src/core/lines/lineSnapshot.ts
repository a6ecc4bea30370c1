// What a profile keeps of a file so that, after the user edits a function and profiles it again,
// each line shows its change since the edit ("▼ 38 % · −12.4 µs"): the file's text, each line's
// time, each function's total and code hash, and the time one sample stands for (so a change within
// sampling noise is not shown as one). Lines are matched through the edit by profileDiff.lineDeltas.
import type { LineBefore } from './hotLineModel';
import type { FunctionProfile, LineStat } from './lineProfile';
import { lineDeltas } from './profileDiff';

export interface LineSnapshot {
  text: string[];
  lines: Pick<LineStat, 'line' | 'micros'>[];
  /** Each function's total per execution (µs). */
  functions: Record<string, number>;
  /** Hash of each profiled function's own code: an edit elsewhere in the file is not its edit. */
  codes: Record<string, string>;
  /** Time per execution one sample stands for (total / samples): a line's time back to its sample count. */
  microsPerSample: number;
}

export interface ChangeSinceEdit {
  /** Lines of the profiled function whose time changed since the edit, for the hot lines. */
  lines: LineBefore[];
  /** The function's total per execution before the edit (µs), when it ran then. */
  functionBefore?: number;
  /** Its samples then, for the interval of the change. */
  functionSamplesBefore?: number;
}

/** Files larger than this keep no text (the store is not a file store): their lines get no change. */
export const MAX_SNAPSHOT_TEXT = 512 * 1024;

export function lineSnapshot(
  text: string,
  lines: readonly LineStat[],
  functions: readonly FunctionProfile[],
  microsPerSample: number,
  codeHash: (code: string) => string,
): LineSnapshot | undefined {
  if (text.length > MAX_SNAPSHOT_TEXT) return undefined;
  const current = text.split('\n');
  const codeOf = (f: FunctionProfile) =>
    codeHash(
      current
        .slice(f.startLine - 1, f.endLine)
        .map((l) => l.trimEnd())
        .join('\n'),
    );
  return {
    text: current,
    lines: lines.map((l) => ({ line: l.line, micros: l.micros })),
    functions: Object.fromEntries(functions.map((f) => [f.name, f.totalMicros])),
    codes: Object.fromEntries(functions.map((f) => [f.name, codeOf(f)])),
    microsPerSample,
  };
}

/** `fn`'s change from `previous` to `current`, or undefined when its own code was not edited in between. */
export function changeSinceSnapshot(
  previous: LineSnapshot,
  current: LineSnapshot,
  currentLines: readonly LineStat[],
  fn: FunctionProfile,
): ChangeSinceEdit | undefined {
  const was = previous.codes[fn.name];
  if (was === undefined || was === current.codes[fn.name]) return undefined;
  const inFunction = (line: number) => line >= fn.startLine && line <= fn.endLine;
  const deltas = lineDeltas(previous.text, current.text, previous.lines.map(asStat), currentLines).filter((d) =>
    inFunction(d.line),
  );
  const samplesOf = (micros: number) => (previous.microsPerSample ? micros / previous.microsPerSample : undefined);
  const functionBefore = previous.functions[fn.name];
  return {
    lines: deltas.map((d) => ({ line: d.line, before: d.before, beforeSamples: samplesOf(d.before) })),
    functionBefore,
    functionSamplesBefore: functionBefore === undefined ? undefined : samplesOf(functionBefore),
  };
}

const asStat = (l: Pick<LineStat, 'line' | 'micros'>): LineStat => ({
  line: l.line,
  hits: null,
  micros: l.micros,
  selfMicros: 0,
  inlinedMicros: 0,
  callees: [],
});
