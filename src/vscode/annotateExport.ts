import * as vscode from 'vscode';
import path from 'node:path';
import { annotateHtml } from '../core/verdicts/annotateHtml';
import type { FunctionProfile, LineProfile } from '../core/lines/lineProfile';
import type { Explanation } from '../core/verdicts/verdicts';
import type { MprunFunction } from '../core/memory';

/** What the export draws from: the last profile (its function) and the last V8 verdicts. */
export interface AnnotationSource {
  profile?: {
    lineProfile: LineProfile;
    fn: FunctionProfile;
    /** mprun's bytes per line of the function, when Profile measured memory too. */
    memory?: MprunFunction;
    nodeVersion: string;
    transpiler: string;
  };
  explanation?: Explanation;
}

/** "Hotline: Export Annotated HTML": the last profiled function as a cython -a style page, saved and opened. */
export async function exportAnnotatedHtml(source: AnnotationSource): Promise<vscode.Uri | undefined> {
  const last = source.profile;
  if (!last) {
    void vscode.window.showInformationMessage(
      "Hotline: no profile yet. Profile a function first (with Explain for V8's verdicts), then export it.",
    );
    return undefined;
  }
  const { fn } = last;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(fn.file));
  const displayFile = vscode.workspace.asRelativePath(document.uri);
  const verdicts = source.explanation?.verdicts ?? [];
  const html = annotateHtml({
    title: `Hotline: ${fn.name} — ${displayFile}`,
    profile: last.lineProfile,
    functions: [{ fn, source: document.getText().split('\n'), displayFile, memory: last.memory }],
    verdicts,
    producedBy: `Node ${last.nodeVersion} · ${last.transpiler}${verdicts.length || source.explanation ? '' : ' · no V8 verdicts (run Explain Function or set hotline.profile.explain)'}`,
  });
  const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri ?? vscode.Uri.file(path.dirname(fn.file));
  const target = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(folder, `${fn.name}.hotline.html`),
    filters: { HTML: ['html'] },
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(html));
  const choice = await vscode.window.showInformationMessage(
    `Hotline: wrote ${vscode.workspace.asRelativePath(target)}`,
    'Open in Browser',
  );
  if (choice) await vscode.env.openExternal(target);
  return target;
}
