import fs from 'node:fs';
import * as vscode from 'vscode';
import { CpuProfileError, DEFAULT_SIZE_LIMIT, parseCpuProfile } from '../core/flame/cpuprofile';
import type { GeneratedLocation } from '../core/flame/profileJob';
import { runProfileJobInChild } from '../core/flame/profileWorkerClient';
import { parseFlameFromWebview, type DiffPayload, type FlameToWebview } from '../core/protocol/flameMessages';
import type { CpuProfile } from '../core/lines/lineProfile';
import { toFlatProfile } from '../core/flame/profileModel';
import type { FlatProfile } from '../core/flame/profileTypes';
import { besideColumn } from './panelPlacement';
import { webviewHtml, webviewOptions } from './webviewHtml';

export interface FlameContent {
  title: string;
  /** The tree, or why there is none (a malformed file). */
  profile?: FlatProfile;
  error?: string;
  /** Raw profile for "Save .cpuprofile" (absent for files already on disk). */
  raw?: CpuProfile;
  /** line_profiler's table of the profiled function, shown in the Lines tab. */
  report?: string;
  /** The file of the report's function: a double-click on a row of the Lines tab opens its line. */
  reportFile?: string;
  /** Diff mode (Compare Profiles): `profile` is the after side, this the before side's times and the changes. */
  diff?: DiffPayload;
  /** The Allocations view: bytes per execution by call path (from memit's heap profile, Profile Function with memory). */
  allocations?: FlatProfile;
  /** Per function: the generated location of a source-mapped frame, opened when its original file is missing. */
  generated?: (GeneratedLocation | null)[];
}

/** File and 1-based position to open for a function: its original source if on disk, else the script that ran. */
function sourceOf(
  c: FlameContent,
  func: number,
  allocations = false,
): { file: string; line: number; column: number } | undefined {
  const f = (allocations ? c.allocations! : c.profile!).functions[func];
  if (f.kind !== 'js') return undefined;
  if (allocations) return f.file.startsWith('/') && fs.existsSync(f.file) ? f : undefined;
  if (f.file.startsWith('/') && fs.existsSync(f.file)) return f;
  const generated = c.generated?.[func];
  return generated && fs.existsSync(generated.file) ? generated : f.file.startsWith('/') ? f : undefined;
}

/**
 * Opens a file at a 1-based position beside the panel, never over it: another group if there is
 * one, else a new one. The panel's own column, not the active group's: a click in a webview does
 * not always make its group the active one before the message arrives.
 */
async function openBeside(panel: vscode.WebviewPanel, file: string, line: number, column: number): Promise<void> {
  const position = new vscode.Position(Math.max(0, line - 1), Math.max(0, column - 1));
  try {
    const here = panel.viewColumn ?? vscode.window.tabGroups.activeTabGroup.viewColumn;
    const other =
      vscode.window.tabGroups.all.find((g) => g.viewColumn !== here)?.viewColumn ?? vscode.ViewColumn.Beside;
    await vscode.window.showTextDocument(vscode.Uri.file(file), {
      viewColumn: other,
      selection: new vscode.Range(position, position),
    });
  } catch (e) {
    void vscode.window.showErrorMessage(`Hotline: cannot open ${file}: ${(e as Error).message}`);
  }
}

/**
 * Puts the flame page into a webview and answers it: open a function's source beside the panel,
 * save the profile. Shared by the panel after "Profile Function" and by the .cpuprofile editor.
 * The content may arrive after the page (a big file is still being read in the worker): whichever
 * of the two comes second sends it. The page is built once; a hidden panel keeps it (retainContextWhenHidden).
 */
class FlameView implements vscode.Disposable {
  private content: FlameContent | undefined;
  private ready = false;
  private readonly subscription: vscode.Disposable;
  private readonly webview: vscode.Webview;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly output: vscode.OutputChannel,
  ) {
    const webview = (this.webview = panel.webview);
    webview.options = webviewOptions(extensionUri);
    webview.html = webviewHtml(webview, extensionUri, 'flame', 'Hotline Flame');
    this.subscription = webview.onDidReceiveMessage((raw) => this.receive(raw));
  }

  /** New content; `rebuild` starts a fresh page (a new profile run), never done on a tab switch. */
  show(content: FlameContent, rebuild = false): void {
    this.content = content;
    if (rebuild) {
      this.ready = false;
      this.webview.html = webviewHtml(this.webview, this.extensionUri, 'flame', 'Hotline Flame');
    } else if (this.ready) this.send();
  }

  private send(): void {
    const c = this.content!;
    const message: FlameToWebview = c.profile
      ? {
          type: 'profile',
          title: c.title,
          profile: c.profile,
          canSave: !!c.raw,
          ...(c.report ? { report: c.report } : {}),
          ...(c.diff ? { diff: c.diff } : {}),
          ...(c.allocations ? { allocations: c.allocations } : {}),
        }
      : { type: 'error', title: c.title, message: c.error ?? 'no profile' };
    void this.webview.postMessage(message);
  }

  private async receive(raw: unknown): Promise<void> {
    const c = this.content;
    const message = parseFlameFromWebview(
      raw,
      c?.profile?.functions.length ?? 0,
      c?.allocations?.functions.length ?? 0,
    );
    if (!message) {
      this.output.appendLine(`[flame panel] ignored a malformed message: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    if (message.type === 'ready') {
      this.ready = true;
      if (c) this.send();
      return;
    }
    if (!c) return;
    if (message.type === 'openSource') {
      const f = (message.allocations ? c.allocations! : c.profile!).functions[message.func];
      const source = sourceOf(c, message.func, message.allocations);
      if (!source) {
        void vscode.window.showInformationMessage(
          `Hotline: ${f.name} has no source file (${f.kind === 'js' ? f.file : 'built into V8 or Node'}).`,
        );
        return;
      }
      await openBeside(this.panel, source.file, source.line, source.column);
      return;
    }
    if (message.type === 'openLine') {
      if (c.reportFile) await openBeside(this.panel, c.reportFile, message.line, 1);
      return;
    }
    if (message.type === 'save' && c.raw) {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const target = await vscode.window.showSaveDialog({
        defaultUri: folder && vscode.Uri.joinPath(folder, `${c.title.replace(/[^\w.-]+/g, '_')}.cpuprofile`),
        filters: { 'CPU profile': ['cpuprofile'] },
      });
      if (!target) return;
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(JSON.stringify(c.raw)));
      void vscode.window.showInformationMessage(`Hotline: saved ${vscode.workspace.asRelativePath(target)}.`);
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/** The flame panel of the last profile run: one per window, beside the editor. */
export class FlamePanel {
  private static current: FlamePanel | undefined;
  private readonly view: FlameView;
  private shown: FlameContent;

  static show(context: vscode.ExtensionContext, output: vscode.OutputChannel, content: FlameContent): void {
    const current = FlamePanel.current;
    if (current) {
      // The same profile again (Show Flame Panel) keeps the page as it is; a new one gets a fresh page.
      if (current.shown !== content) {
        current.panel.title = `Flame: ${content.title}`;
        current.view.show(content, true);
        current.shown = content;
      }
      current.panel.reveal(current.panel.viewColumn, true); // where it already is: no new column
      return;
    }
    const options = { ...webviewOptions(context.extensionUri), retainContextWhenHidden: true };
    const panel = vscode.window.createWebviewPanel(
      'hotline.flame',
      `Flame: ${content.title}`,
      { viewColumn: besideColumn(), preserveFocus: true },
      options,
    );
    FlamePanel.current = new FlamePanel(panel, context, output, content);
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    output: vscode.OutputChannel,
    content: FlameContent,
  ) {
    this.shown = content;
    this.view = new FlameView(panel, context.extensionUri, output);
    this.view.show(content);
    panel.onDidDispose(() => {
      FlamePanel.current = undefined;
      this.view.dispose();
    });
  }
}

/**
 * Reads a .cpuprofile into flame content, or into a clear error. Files on disk are read, parsed
 * and flattened in a child process (dist/profileWorker.js) so the extension host stays responsive;
 * aborting terminates it. Other schemes (remote, virtual) are read here.
 */
export async function readCpuProfile(
  uri: vscode.Uri,
  extensionUri: vscode.Uri,
  signal?: AbortSignal,
  output?: vscode.OutputChannel,
): Promise<FlameContent | undefined> {
  const title = uri.path.split('/').pop() ?? 'profile';
  if (uri.scheme === 'file') {
    const workerFile = vscode.Uri.joinPath(extensionUri, 'dist', 'profileWorker.js').fsPath;
    const started = performance.now();
    const result = await runProfileJobInChild(workerFile, { type: 'load', file: uri.fsPath }, { signal });
    if (!result) return undefined;
    if (result.type === 'profile') {
      const { readAndParseMs, flattenMs } = result.timings;
      output?.appendLine(
        `[flame] ${title}: ${result.profile.parent.length} nodes; read + checked in ${readAndParseMs.toFixed(0)} ms, ` +
          `flattened in ${flattenMs.toFixed(0)} ms, ${(performance.now() - started).toFixed(0)} ms with the worker's start and hand-over`,
      );
    }
    return result.type === 'profile'
      ? { title, profile: result.profile, generated: result.generated }
      : { title, error: result.reason };
  }
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > DEFAULT_SIZE_LIMIT)
      return {
        title,
        error: `the file is ${(stat.size / 1048576).toFixed(0)} MB; Hotline opens profiles up to ${DEFAULT_SIZE_LIMIT / 1048576} MB.`,
      };
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    return { title, profile: toFlatProfile(parseCpuProfile(text)) };
  } catch (e) {
    return {
      title,
      error: e instanceof CpuProfileError ? `${e.reason}.` : `could not read it: ${(e as Error).message}`,
    };
  }
}

/**
 * `.cpuprofile` files in the flame view ("Open With… → Hotline Flame"; priority option so the
 * built-in viewer stays the default). It runs no code, so it works in untrusted workspaces.
 */
export class CpuProfileEditorProvider implements vscode.CustomReadonlyEditorProvider {
  static readonly viewType = 'hotline.cpuprofile';
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly output: vscode.OutputChannel,
  ) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => {} };
  }

  resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): void {
    // The page loads while the worker reads the file; closing the tab stops the worker.
    const view = new FlameView(panel, this.context.extensionUri, this.output);
    const reading = new AbortController();
    panel.onDidDispose(() => {
      reading.abort();
      view.dispose();
    });
    void readCpuProfile(document.uri, this.context.extensionUri, reading.signal, this.output).then((content) => {
      if (content) view.show(content);
    });
  }
}
