// The last profile of each file (its text and per-line times), kept in workspace state so that
// after the user edits a function and profiles it again, each line shows its change
// ("▼ 38 % · −12.4 µs"), lines matched through the edit (src/core/profileDiff.ts).
import type * as vscode from 'vscode';
import type { LineBefore } from '../core/hotLineModel';
import type { FunctionProfile, LineStat } from '../core/lineProfile';
import { lineDeltas } from '../core/profileDiff';

interface Remembered {
  text: string[];
  lines: Pick<LineStat, 'line' | 'micros'>[];
  functions: Record<string, number>;
}

/** Files larger than this are not remembered (workspace state is not a file store). */
const MAX_TEXT = 512 * 1024;

export interface EditComparison {
  /** Lines of the profiled function whose time changed since the edit, for the hot lines. */
  lines: LineBefore[];
  /** The function's total per execution before the edit (µs), when it ran then. */
  functionBefore?: number;
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
  ): Promise<EditComparison | undefined> {
    const key = `hotline.lastProfile:${uri.toString()}`;
    const previous = this.state.get<Remembered>(key);
    const current = text.split('\n');
    let comparison: EditComparison | undefined;
    if (previous && previous.text.join('\n') !== text) {
      const inFunction = (line: number) => line >= fn.startLine && line <= fn.endLine;
      const deltas = lineDeltas(previous.text, current, previous.lines.map(asStat), lines).filter((d) =>
        inFunction(d.line),
      );
      comparison = {
        lines: deltas.map((d) => ({ line: d.line, before: d.before })),
        functionBefore: previous.functions[fn.name],
      };
    }
    if (text.length <= MAX_TEXT) {
      await this.state.update(key, {
        text: current,
        lines: lines.map((l) => ({ line: l.line, micros: l.micros })),
        functions: Object.fromEntries(functions.map((f) => [f.name, f.totalMicros])),
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
