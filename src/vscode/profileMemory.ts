// The last profile of each file (its text and per-line times), kept in workspace state so that
// after the user edits a function and profiles it again, each line shows its change
// ("▼ 38 % · −12.4 µs"), lines matched through the edit (src/core/lines/profileDiff.ts), with the sample
// counts behind each figure so that a change within sampling noise is not shown as one.
import type * as vscode from 'vscode';
import type { LineBefore } from '../core/lines/hotLineModel';
import type { FunctionProfile, LineStat } from '../core/lines/lineProfile';
import { lineDeltas } from '../core/lines/profileDiff';
import { contentHash } from './timingHistory';

interface Remembered {
  text: string[];
  lines: Pick<LineStat, 'line' | 'micros'>[];
  functions: Record<string, number>;
  /** Hash of each profiled function's own code: an edit elsewhere in the file is not its edit. */
  codes?: Record<string, string>;
  /** Time per execution one sample stands for (total / samples): a line's time back to its sample count. */
  microsPerSample?: number;
}

/** Files larger than this are not remembered (workspace state is not a file store). */
const MAX_TEXT = 512 * 1024;

export interface EditComparison {
  /** Lines of the profiled function whose time changed since the edit, for the hot lines. */
  lines: LineBefore[];
  /** The function's total per execution before the edit (µs), when it ran then. */
  functionBefore?: number;
  /** Its samples then, for the interval of the change (absent in profiles remembered before intervals). */
  functionSamplesBefore?: number;
}

export class ProfileMemory {
  constructor(private readonly state: vscode.Memento) {}

  /**
   * Compares with the previous profile of `uri` if its text has changed since (an edit), then
   * remembers this one. Undefined on the first profile or when nothing was edited.
   */
  async compareAndRemember(
    uri: vscode.Uri,
    text: string,
    lines: readonly LineStat[],
    fn: FunctionProfile,
    functions: readonly FunctionProfile[],
    microsPerSample: number,
  ): Promise<EditComparison | undefined> {
    const key = `hotline.lastProfile:${uri.toString()}`;
    const previous = this.state.get<Remembered>(key);
    const current = text.split('\n');
    const codeOf = (f: FunctionProfile) =>
      contentHash(
        current
          .slice(f.startLine - 1, f.endLine)
          .map((l) => l.trimEnd())
          .join('\n'),
      );
    const edited = previous?.codes
      ? previous.codes[fn.name] !== undefined && previous.codes[fn.name] !== codeOf(fn)
      : !!previous && previous.text.join('\n') !== text;
    let comparison: EditComparison | undefined;
    if (previous && edited) {
      const inFunction = (line: number) => line >= fn.startLine && line <= fn.endLine;
      const deltas = lineDeltas(previous.text, current, previous.lines.map(asStat), lines).filter((d) =>
        inFunction(d.line),
      );
      const samplesOf = (micros: number) => (previous.microsPerSample ? micros / previous.microsPerSample : undefined);
      const functionBefore = previous.functions[fn.name];
      comparison = {
        lines: deltas.map((d) => ({ line: d.line, before: d.before, beforeSamples: samplesOf(d.before) })),
        functionBefore,
        functionSamplesBefore: functionBefore === undefined ? undefined : samplesOf(functionBefore),
      };
    }
    if (text.length <= MAX_TEXT) {
      await this.state.update(key, {
        text: current,
        lines: lines.map((l) => ({ line: l.line, micros: l.micros })),
        functions: Object.fromEntries(functions.map((f) => [f.name, f.totalMicros])),
        codes: Object.fromEntries(functions.map((f) => [f.name, codeOf(f)])),
        microsPerSample,
      } satisfies Remembered);
    }
    return comparison;
  }
}

const asStat = (l: Pick<LineStat, 'line' | 'micros'>): LineStat => ({
  line: l.line,
  hits: null,
  micros: l.micros,
  selfMicros: 0,
  inlinedMicros: 0,
  callees: [],
});
