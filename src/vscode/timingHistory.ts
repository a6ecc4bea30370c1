// The timing history in workspace storage (per workspace, survives restarts), bounded per function,
// off with `hotline.history.enabled: false`.
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { appendRecord, type HistoryRecord } from '../core/history';

const STATE_KEY = 'hotline.history.v1';

export const contentHash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

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
