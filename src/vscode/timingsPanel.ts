import * as vscode from 'vscode';
import { groupOf, verdictLines } from '../core/timing/comparisonGroups';
import { historyKey, recordsOf } from '../core/timing/history';
import { addEntry, removeEntry, sameImplementation } from '../core/timing/timingList';
import type { TimingEntry } from '../core/timing/timeitTypes';
import { parseTimingsFromWebview, type TimingsToWebview } from '../core/protocol/timingsMessages';
import { toJson, toMarkdown } from '../core/timing/timingsReport';
import type { RunStore } from './runStore';
import { besideColumn } from './panelPlacement';
import { functionsIn } from './functionLocator';
import { webviewHtml, webviewOptions } from './webviewHtml';

/** This session's timed implementations, their comparison groups and each group's baseline. */
export class TimingStore implements vscode.Disposable {
  private list: TimingEntry[] = [];
  private chosenBaselines: Record<string, string> = {};
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  get entries(): readonly TimingEntry[] {
    return this.list;
  }
  get baselines(): Readonly<Record<string, string>> {
    return this.chosenBaselines;
  }

  /** A re-timed implementation keeps its place: its group and its being the baseline carry over. */
  add(entry: TimingEntry): void {
    const previous = this.list.find((e) => sameImplementation(e, entry));
    const added = previous?.group !== undefined ? { ...entry, group: previous.group } : entry;
    if (previous) {
      this.chosenBaselines = Object.fromEntries(
        Object.entries(this.chosenBaselines).map(([k, id]) => [k, id === previous.id ? entry.id : id]),
      );
    }
    this.list = addEntry(this.list, added);
    this.changed.fire();
  }
  remove(id: string): void {
    this.list = removeEntry(this.list, id);
    this.changed.fire();
  }
  clear(): void {
    this.list = [];
    this.chosenBaselines = {};
    this.changed.fire();
  }
  setBaseline(id: string): void {
    const entry = this.list.find((e) => e.id === id);
    if (!entry) return;
    this.chosenBaselines = { ...this.chosenBaselines, [groupOf(entry)]: id };
    this.changed.fire();
  }
  regroup(id: string, group: string | null): void {
    this.list = this.list.map((e) => (e.id === id ? { ...e, group: group ?? undefined } : e));
    this.changed.fire();
  }
  /** The verdict lines of the entry's group, for the Output channel. */
  verdictLines(id: string): string[] {
    return verdictLines(this.list, id, this.chosenBaselines);
  }
  dispose(): void {
    this.changed.dispose();
  }
}

export interface TimingsPanelDeps {
  store: TimingStore;
  /** The run store: the selected function's History list. */
  runs: RunStore;
  output: vscode.OutputChannel;
  /** Times a group's entries again in one process, runs interleaved. */
  retime: (entries: readonly TimingEntry[]) => Promise<void>;
}

/** The Timings webview: one per window, revealed beside the editor. */
export class TimingsPanel {
  private static current: TimingsPanel | undefined;
  private selectedId: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  static show(context: vscode.ExtensionContext, deps: TimingsPanelDeps, selectedId?: string): void {
    if (TimingsPanel.current) {
      TimingsPanel.current.selectedId = selectedId ?? TimingsPanel.current.selectedId;
      TimingsPanel.current.panel.reveal(TimingsPanel.current.panel.viewColumn, true); // where it is, not a new column
      TimingsPanel.current.post();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      'hotline.timings',
      'Hotline Timings',
      { viewColumn: besideColumn(), preserveFocus: true },
      webviewOptions(context.extensionUri),
    );
    TimingsPanel.current = new TimingsPanel(panel, context, deps, selectedId);
  }

  private get store(): TimingStore {
    return this.deps.store;
  }
  private get history(): RunStore {
    return this.deps.runs;
  }
  private get output(): vscode.OutputChannel {
    return this.deps.output;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    private readonly deps: TimingsPanelDeps,
    selectedId?: string,
  ) {
    const { store, runs: history } = deps;
    this.selectedId = selectedId;
    panel.webview.html = webviewHtml(panel.webview, context.extensionUri, 'timings', 'Hotline Timings');
    this.disposables.push(
      store.onDidChange(() => this.post()),
      history.onDidChange(() => this.post()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('hotline.history')) this.post();
      }),
      panel.webview.onDidReceiveMessage((raw) => this.receive(raw)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private post(): void {
    const selected = this.store.entries.find((e) => e.id === this.selectedId) ?? this.store.entries.at(-1);
    const message: TimingsToWebview = {
      type: 'entries',
      entries: [...this.store.entries],
      ...(this.selectedId ? { selectedId: this.selectedId } : {}),
      baselines: { ...this.store.baselines },
      history: selected ? recordsOf(this.history.records, historyKey(selected)) : [],
      historyEnabled: this.history.enabled,
    };
    void this.panel.webview.postMessage(message);
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseTimingsFromWebview(raw);
    if (!message) {
      this.output.appendLine(`[timings panel] ignored a malformed message: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    switch (message.type) {
      case 'ready':
        return this.post();
      case 'select':
        this.selectedId = message.id;
        return this.post();
      case 'baseline':
        return this.store.setBaseline(message.id);
      case 'regroup':
        return this.store.regroup(message.id, message.group);
      case 'clearHistory':
        return this.history.clear();
      case 'retimeGroup':
        return this.deps.retime(this.store.entries.filter((e) => groupOf(e) === message.group));
      case 'remove':
        return this.store.remove(message.id);
      case 'clear':
        return this.store.clear();
      case 'openSource': {
        const entry = this.store.entries.find((e) => e.id === message.id);
        if (entry) await openTimedFunction(entry);
        return;
      }
      case 'export':
        return this.export(message.format);
    }
  }

  private async export(format: 'markdown' | 'json'): Promise<void> {
    const entries = this.store.entries;
    if (format === 'markdown') {
      const text = toMarkdown(entries, this.store.baselines);
      await vscode.env.clipboard.writeText(text);
      const doc = await vscode.workspace.openTextDocument({
        language: 'markdown',
        content: `# Hotline timings\n\n${text}`,
      });
      await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
      void vscode.window.showInformationMessage('Hotline: timings table copied to the clipboard.');
      return;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder && vscode.Uri.joinPath(folder, 'hotline-timings.json'),
      filters: { JSON: ['json'] },
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(toJson(entries)));
    void vscode.window.showInformationMessage(`Hotline: timings saved to ${vscode.workspace.asRelativePath(target)}.`);
  }

  private dispose(): void {
    TimingsPanel.current = undefined;
    for (const d of this.disposables) d.dispose();
  }
}

/** The timed function's file, at the function's name (the file's top when it is no longer there). */
async function openTimedFunction(entry: TimingEntry): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(entry.file));
  const fn = entry.functionName ? (await functionsIn(document)).find((f) => f.name === entry.functionName) : undefined;
  const at = new vscode.Position(fn?.nameLine ?? 0, 0);
  await vscode.window.showTextDocument(document, {
    viewColumn: vscode.ViewColumn.One,
    selection: new vscode.Range(at, at),
  });
}
