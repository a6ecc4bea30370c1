import * as vscode from 'vscode';
import { CpuProfileError, DEFAULT_SIZE_LIMIT, parseCpuProfile } from '../core/cpuprofile';
import { parseFlameFromWebview, type DiffPayload, type FlameToWebview } from '../core/flameMessages';
import type { CpuProfile } from '../core/lineProfile';
import { toFlatProfile } from '../core/profileModel';
import type { FlatProfile } from '../core/profileTypes';
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
  /** Diff mode (Compare Profiles): `profile` is the after side, this the before side's times and the changes. */
  diff?: DiffPayload;
}

/**
 * Puts the flame page into a webview and answers it: open a function's source beside the panel,
 * save the profile. Shared by the panel after "Profile Function" and by the .cpuprofile editor.
 */
function attachFlame(webview: vscode.Webview, extensionUri: vscode.Uri, content: () => FlameContent, output: vscode.OutputChannel): vscode.Disposable {
  webview.options = webviewOptions(extensionUri);
  webview.html = webviewHtml(webview, extensionUri, 'flame', 'Hotline Flame');
  const send = () => {
    const c = content();
    const message: FlameToWebview = c.profile
      ? { type: 'profile', title: c.title, profile: c.profile, canSave: !!c.raw, ...(c.report ? { report: c.report } : {}), ...(c.diff ? { diff: c.diff } : {}) }
      : { type: 'error', title: c.title, message: c.error ?? 'no profile' };
    void webview.postMessage(message);
  };
  return webview.onDidReceiveMessage(async (raw) => {
    const c = content();
    const message = parseFlameFromWebview(raw, c.profile?.functions.length ?? 0);
    if (!message) {
      output.appendLine(`[flame panel] ignored a malformed message: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    if (message.type === 'ready') return send();
    if (message.type === 'openSource') {
      const f = c.profile!.functions[message.func];
      if (f.kind !== 'js' || !f.file.startsWith('/')) {
        void vscode.window.showInformationMessage(`Hotline: ${f.name} has no source file (${f.kind === 'js' ? f.file : 'built into V8 or Node'}).`);
        return;
      }
      const position = new vscode.Position(Math.max(0, f.line - 1), Math.max(0, f.column - 1));
      try {
        // Beside the panel, never over it: another group if there is one, else a new one beside.
        const here = vscode.window.tabGroups.activeTabGroup.viewColumn;
        const other = vscode.window.tabGroups.all.find((g) => g.viewColumn !== here)?.viewColumn ?? vscode.ViewColumn.Beside;
        await vscode.window.showTextDocument(vscode.Uri.file(f.file), { viewColumn: other, selection: new vscode.Range(position, position) });
      } catch (e) {
        void vscode.window.showErrorMessage(`Hotline: cannot open ${f.file}: ${(e as Error).message}`);
      }
      return;
    }
    if (message.type === 'save' && c.raw) {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const target = await vscode.window.showSaveDialog({ defaultUri: folder && vscode.Uri.joinPath(folder, `${c.title.replace(/[^\w.-]+/g, '_')}.cpuprofile`), filters: { 'CPU profile': ['cpuprofile'] } });
      if (!target) return;
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(JSON.stringify(c.raw)));
      void vscode.window.showInformationMessage(`Hotline: saved ${vscode.workspace.asRelativePath(target)}.`);
    }
  });
}

/** The flame panel of the last profile run: one per window, beside the editor. */
export class FlamePanel {
  private static current: FlamePanel | undefined;
  private content: FlameContent;
  private readonly disposables: vscode.Disposable[] = [];

  static show(context: vscode.ExtensionContext, output: vscode.OutputChannel, content: FlameContent): void {
    if (FlamePanel.current) {
      FlamePanel.current.content = content;
      FlamePanel.current.panel.title = `Flame: ${content.title}`;
      FlamePanel.current.panel.webview.html = webviewHtml(FlamePanel.current.panel.webview, context.extensionUri, 'flame', 'Hotline Flame');
      FlamePanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel('hotline.flame', `Flame: ${content.title}`, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(context.extensionUri));
    FlamePanel.current = new FlamePanel(panel, context, output, content);
  }

  private constructor(private readonly panel: vscode.WebviewPanel, context: vscode.ExtensionContext, output: vscode.OutputChannel, content: FlameContent) {
    this.content = content;
    this.disposables.push(attachFlame(panel.webview, context.extensionUri, () => this.content, output), panel.onDidDispose(() => this.dispose()));
  }

  private dispose(): void {
    FlamePanel.current = undefined;
    for (const d of this.disposables) d.dispose();
  }
}

/** Reads a .cpuprofile into flame content, or into a clear error. */
export async function readCpuProfile(uri: vscode.Uri): Promise<FlameContent> {
  const title = uri.path.split('/').pop() ?? 'profile';
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > DEFAULT_SIZE_LIMIT) return { title, error: `the file is ${(stat.size / 1048576).toFixed(0)} MB; Hotline opens profiles up to ${DEFAULT_SIZE_LIMIT / 1048576} MB` };
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    return { title, profile: toFlatProfile(parseCpuProfile(text)) };
  } catch (e) {
    return { title, error: e instanceof CpuProfileError ? `${e.reason}.` : `could not read it: ${(e as Error).message}` };
  }
}

/**
 * `.cpuprofile` files in the flame view ("Open With… → Hotline Flame"; priority option so the
 * built-in viewer stays the default). It runs no code, so it works in untrusted workspaces.
 */
export class CpuProfileEditorProvider implements vscode.CustomReadonlyEditorProvider {
  static readonly viewType = 'hotline.cpuprofile';
  constructor(private readonly context: vscode.ExtensionContext, private readonly output: vscode.OutputChannel) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => {} };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    const content = await readCpuProfile(document.uri);
    const subscription = attachFlame(panel.webview, this.context.extensionUri, () => content, this.output);
    panel.onDidDispose(() => subscription.dispose());
  }
}
