// The timing history in workspace storage (per workspace, survives restarts), bounded per function,
// off with `hotline.history.enabled: false`.
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { qualifiedName, type LocatedFunction } from '../core/source/functionSymbols';
import { appendRecord, type HistoryRecord } from '../core/timing/history';
import { splitLines } from '../core/source/sourceLines';
import type { TimingEntry } from '../core/timing/timeitTypes';
import { functionsIn } from './functionLocator';

const STATE_KEY = 'hotline.history.v1';

export const contentHash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

/**
 * Hash of one function's own code (its lines, line endings and trailing blanks aside): an edit
 * elsewhere in the file, such as a function appended below, is not an edit of this one.
 */
export function functionCodeHash(text: string, fn: Pick<LocatedFunction, 'startLine' | 'endLine'>): string {
  const lines = splitLines(text).slice(fn.startLine, fn.endLine + 1);
  return `fn:${contentHash(lines.map((l) => l.trimEnd()).join('\n'))}`;
}

/** The code hash of the function a timing entry names, read from its file now (the file's hash when it is not found). */
export async function entryCodeHash(entry: Pick<TimingEntry, 'file' | 'label'>): Promise<string> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(entry.file));
  const fn = (await functionsIn(document, 2000)).find((f) => qualifiedName(f) === entry.label);
  return fn ? functionCodeHash(document.getText(), fn) : contentHash(document.getText());
}

export class TimingHistory implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  get enabled(): boolean {
    return vscode.workspace.getConfiguration('hotline').get<boolean>('history.enabled', true);
  }
  get records(): HistoryRecord[] {
    return this.state.get<HistoryRecord[]>(STATE_KEY, []);
  }

  /** Keeps `record` (unless history is off); resolves once it is stored. */
  async add(record: HistoryRecord): Promise<void> {
    if (!this.enabled) return;
    await this.state.update(STATE_KEY, appendRecord(this.records, record));
    this.changed.fire();
  }

  async clear(): Promise<void> {
    await this.state.update(STATE_KEY, undefined);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
