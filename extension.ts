// Hotline's activation: wires the VS Code adapters in src/vscode to the engines in src/core and
// src/engine. Nothing here runs user code; that happens in a child process (dist/runner.js).
import * as vscode from 'vscode';
import { SerialRunQueue } from './src/core/runQueue';
import { flameOfRun } from './src/core/profileModel';
import { librarySourceMapper } from './src/core/librarySourceMaps';
import { HotlineCodeLensProvider } from './src/vscode/codeLens';
import { CpuProfileEditorProvider, FlamePanel, type FlameContent } from './src/vscode/flamePanel';
import { HotLines } from './src/vscode/hotLines';
import { SUPPORTED_LANGUAGES } from './src/vscode/functionLocator';
import { exportAnnotatedHtml, type AnnotationSource } from './src/vscode/annotateExport';
import { explainFunction } from './src/vscode/explainCommand';
import { profileFunction } from './src/vscode/profileCommand';
import { VerdictMarkers } from './src/vscode/verdictMarkers';
import { readSettings } from './src/vscode/settings';
import { timeFunction } from './src/vscode/timeCommand';
import { TimingHints } from './src/vscode/timingHints';
import { TimingsPanel, TimingStore } from './src/vscode/timingsPanel';

let queue: SerialRunQueue | undefined;

export function activate(context: vscode.ExtensionContext) {
  const output = vscode.window.createOutputChannel('Hotline');
  const codeLens = new HotlineCodeLensProvider();
  const hints = new TimingHints();
  const hotLines = new HotLines();
  const verdicts = new VerdictMarkers();
  const timings = new TimingStore();
  queue = new SerialRunQueue(() => readSettings().concurrency);
  const runQueue = queue;
  const runnerPath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'runner.js').fsPath;
  const selector = SUPPORTED_LANGUAGES.map((language) => ({ language, scheme: 'file' }));
  const showTimings = (selectedId?: string) => TimingsPanel.show(context, timings, output, selectedId);
  let lastFlame: FlameContent | undefined;
  /** The last profile and the last verdicts, for Export Annotated HTML. */
  const annotation: AnnotationSource = {};

  context.subscriptions.push(
    output, codeLens, hints, hotLines, verdicts, timings,
    vscode.languages.registerCodeLensProvider(selector, codeLens),
    vscode.workspace.onDidGrantWorkspaceTrust(() => codeLens.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('hotline.codeLens')) codeLens.refresh(); }),
    vscode.commands.registerCommand('hotline.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('hotline.timeFunction', (uri?: unknown, line?: unknown) => timeFunction({
      context, output, queue: runQueue, hints, runnerPath,
      publish: (entry) => { timings.add(entry); showTimings(entry.id); },
    }, uri, line)),
    vscode.commands.registerCommand('hotline.showTimings', () => showTimings()),
    vscode.commands.registerCommand('hotline.clearTimings', () => { timings.clear(); hints.clear(); }),
    vscode.commands.registerCommand('hotline.toggleHotLines', () => {
      const shown = hotLines.toggle();
      void vscode.window.setStatusBarMessage(`Hotline: hot lines ${shown ? 'shown' : 'hidden'}`, 3000);
    }),
    vscode.commands.registerCommand('hotline.clearHotLines', () => { hotLines.clear(); verdicts.clear(); }),
    vscode.commands.registerCommand('hotline.clearVerdicts', () => verdicts.clear()),
    vscode.commands.registerCommand('hotline.profileFunction', (uri?: unknown, line?: unknown) => profileFunction({
      context, output, queue: runQueue, hotLines, verdicts, runnerPath,
      onProfile: (outcome, fn, report) => {
        annotation.profile = { lineProfile: outcome.lineProfile, fn, nodeVersion: outcome.nodeVersion, transpiler: outcome.transpiler };
        if (outcome.explanation) annotation.explanation = outcome.explanation;
        const flame: FlameContent = { title: fn.name, report, raw: outcome.profile, profile: flameOfRun(outcome.profile, outcome.callCounts, librarySourceMapper()) };
        lastFlame = flame;
        FlamePanel.show(context, output, flame);
      },
    }, uri, line)),
    vscode.commands.registerCommand('hotline.explainFunction', (uri?: unknown, line?: unknown) => explainFunction({
      context, output, queue: runQueue, verdicts, runnerPath,
      onExplanation: (explanation) => { annotation.explanation = explanation; },
    }, uri, line)),
    vscode.commands.registerCommand('hotline.exportAnnotatedHtml', () => exportAnnotatedHtml(annotation)),
    vscode.commands.registerCommand('hotline.showFlame', () => {
      if (lastFlame) FlamePanel.show(context, output, lastFlame);
      else void vscode.window.showInformationMessage('Hotline: no profile yet. Profile a function first, or open a .cpuprofile file with "Hotline: Open .cpuprofile in Flame View".');
    }),
    vscode.commands.registerCommand('hotline.openCpuProfile', async (uri?: unknown) => {
      const target = uri instanceof vscode.Uri ? uri : (await vscode.window.showOpenDialog({ filters: { 'CPU profile': ['cpuprofile'] }, canSelectMany: false }))?.[0];
      if (target) await vscode.commands.executeCommand('vscode.openWith', target, CpuProfileEditorProvider.viewType, { preview: false });
    }),
    vscode.window.registerCustomEditorProvider(CpuProfileEditorProvider.viewType, new CpuProfileEditorProvider(context, output), { webviewOptions: { retainContextWhenHidden: true } }),
  );
  return { output, timings, hotLines };
}

export function deactivate() {
  queue?.cancelAll();
}
