import * as vscode from 'vscode';
import { addEntry, removeEntry } from '../core/timingList';
import type { TimingEntry } from '../core/timeitTypes';
import { parseTimingsFromWebview, type TimingsToWebview } from '../core/timingsMessages';
import { toJson, toMarkdown } from '../core/timingsReport';
import { besideColumn } from './panelPlacement';
import { webviewHtml, webviewOptions } from './webviewHtml';

/** This session's timed implementations. */
export class TimingStore implements vscode.Disposable {
  private list: TimingEntry[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  get entries(): readonly TimingEntry[] { return this.list; }
  add(entry: TimingEntry): void { this.list = addEntry(this.list, entry); this.changed.fire(); }
  remove(id: string): void { this.list = removeEntry(this.list, id); this.changed.fire(); }
  clear(): void { this.list = []; this.changed.fire(); }
  dispose(): void { this.changed.dispose(); }
}

/** The Timings webview: one per window, revealed beside the editor. */
export class TimingsPanel {
  private static current: TimingsPanel | undefined;
  private selectedId: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  static show(context: vscode.ExtensionContext, store: TimingStore, output: vscode.OutputChannel, selectedId?: string): void {
    if (TimingsPanel.current) {
      TimingsPanel.current.selectedId = selectedId ?? TimingsPanel.current.selectedId;
      TimingsPanel.current.panel.reveal(TimingsPanel.current.panel.viewColumn, true); // where it is, not a new column
      TimingsPanel.current.post();
      return;
    }
    const panel = vscode.window.createWebviewPanel('hotline.timings', 'Hotline Timings', { viewColumn: besideColumn(), preserveFocus: true }, webviewOptions(context.extensionUri));
    TimingsPanel.current = new TimingsPanel(panel, context, store, output, selectedId);
  }

  private constructor(private readonly panel: vscode.WebviewPanel, context: vscode.ExtensionContext, private readonly store: TimingStore, private readonly output: vscode.OutputChannel, selectedId?: string) {
    this.selectedId = selectedId;
    panel.webview.html = webviewHtml(panel.webview, context.extensionUri, 'timings', 'Hotline Timings');
    this.disposables.push(
      store.onDidChange(() => this.post()),
      panel.webview.onDidReceiveMessage((raw) => this.receive(raw)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  private post(): void {
    const message: TimingsToWebview = { type: 'entries', entries: [...this.store.entries], ...(this.selectedId ? { selectedId: this.selectedId } : {}) };
    void this.panel.webview.postMessage(message);
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseTimingsFromWebview(raw);
    if (!message) {
      this.output.appendLine(`[timings panel] ignored a malformed message: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    switch (message.type) {
      case 'ready': return this.post();
      case 'select': this.selectedId = message.id; return;
      case 'remove': return this.store.remove(message.id);
      case 'clear': return this.store.clear();
      case 'openSource': {
        const entry = this.store.entries.find((e) => e.id === message.id);
        if (entry) await vscode.window.showTextDocument(vscode.Uri.file(entry.file), { viewColumn: vscode.ViewColumn.One });
        return;
      }
      case 'export': return this.export(message.format);
    }
  }

  private async export(format: 'markdown' | 'json'): Promise<void> {
    const entries = this.store.entries;
    if (format === 'markdown') {
      const text = toMarkdown(entries);
      await vscode.env.clipboard.writeText(text);
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: `# Hotline timings\n\n${text}` });
      await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
      void vscode.window.showInformationMessage('Hotline: timings table copied to the clipboard.');
      return;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({ defaultUri: folder && vscode.Uri.joinPath(folder, 'hotline-timings.json'), filters: { JSON: ['json'] } });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(toJson(entries)));
    void vscode.window.showInformationMessage(`Hotline: timings saved to ${vscode.workspace.asRelativePath(target)}.`);
  }

  private dispose(): void {
    TimingsPanel.current = undefined;
    for (const d of this.disposables) d.dispose();
  }
}
