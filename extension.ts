// Hotline's activation: wiring only. What commands share is made once (src/vscode/hotline.ts);
// each command is one row of src/vscode/commands.ts. Nothing here runs user code; that happens in a
// child process (dist/runner.js).
import * as vscode from 'vscode';
import { registerCommands } from './src/vscode/commands';
import { CpuProfileEditorProvider } from './src/vscode/flamePanel';
import { SUPPORTED_LANGUAGES } from './src/vscode/functionLocator';
import { createHotline } from './src/vscode/hotline';
import { HOT_SPOTS_VIEW } from './src/vscode/hotSpots';
import type { SerialRunQueue } from './src/engine/runQueue';

let queue: SerialRunQueue | undefined;

export function activate(context: vscode.ExtensionContext) {
  const hotline = createHotline(context);
  queue = hotline.queue;
  const selector = SUPPORTED_LANGUAGES.flatMap((language) => [
    { language, scheme: 'file' },
    { language, scheme: 'untitled' },
  ]);
  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider(selector, hotline.codeLens),
    vscode.workspace.onDidGrantWorkspaceTrust(() => hotline.codeLens.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('hotline.codeLens')) hotline.codeLens.refresh();
    }),
    ...registerCommands(hotline),
    vscode.window.registerTreeDataProvider(HOT_SPOTS_VIEW, hotline.hotSpots),
    vscode.window.registerCustomEditorProvider(
      CpuProfileEditorProvider.viewType,
      new CpuProfileEditorProvider(context, hotline.output),
      { webviewOptions: { retainContextWhenHidden: true } },
    ),
  );
  return { output: hotline.output, timings: hotline.timings, hotLines: hotline.hotLines, hotSpots: hotline.hotSpots };
}

export function deactivate() {
  queue?.cancelAll();
}
