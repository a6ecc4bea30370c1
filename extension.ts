// Hotline's activation: wires the VS Code adapters in src/vscode to the engines in src/core,
// src/engine and the child runner. Nothing here runs user code.
import * as vscode from 'vscode';
import { SerialRunQueue } from './src/core/runQueue';
import { HotlineCodeLensProvider } from './src/vscode/codeLens';
import { SUPPORTED_LANGUAGES } from './src/vscode/functionLocator';
import { readSettings } from './src/vscode/settings';
import { resolveTarget } from './src/vscode/target';
import { TimingHints } from './src/vscode/timingHints';
import { ensureTrusted } from './src/vscode/trust';

let queue: SerialRunQueue | undefined;

export function activate(context: vscode.ExtensionContext) {
  const output = vscode.window.createOutputChannel('Hotline');
  const codeLens = new HotlineCodeLensProvider();
  const hints = new TimingHints();
  queue = new SerialRunQueue(() => readSettings().concurrency);
  const selector = SUPPORTED_LANGUAGES.map((language) => ({ language, scheme: 'file' }));

  context.subscriptions.push(
    output, codeLens, hints,
    vscode.languages.registerCodeLensProvider(selector, codeLens),
    vscode.workspace.onDidGrantWorkspaceTrust(() => codeLens.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('hotline.codeLens')) codeLens.refresh(); }),
    vscode.commands.registerCommand('hotline.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('hotline.timeFunction', async (uri?: unknown, line?: unknown) => {
      if (!ensureTrusted('Time Function')) return;
      const target = await resolveTarget(uri, line);
      if (!target) return;
      void vscode.window.showInformationMessage(`Hotline: ${target.fn.name} (lines ${target.fn.startLine + 1}–${target.fn.endLine + 1}) → ${target.defaultStatement}`);
    }),
    vscode.commands.registerCommand('hotline.profileFunction', async (uri?: unknown, line?: unknown) => {
      if (!ensureTrusted('Profile Function')) return;
      const target = await resolveTarget(uri, line);
      if (!target) return;
      void vscode.window.showInformationMessage(`Hotline: ${target.fn.name} (lines ${target.fn.startLine + 1}–${target.fn.endLine + 1}) → ${target.defaultStatement}`);
    }),
  );
  return { output };
}

export function deactivate() {
  queue?.cancelAll();
}
