// Hotline's activation: wires the VS Code adapters in src/vscode to the engines in src/core and
// src/engine. Nothing here runs user code; that happens in a child process (dist/runner.js).
import * as vscode from 'vscode';
import type { TimingEntry } from './src/core/timing/timeitTypes';
import { SerialRunQueue } from './src/engine/runQueue';
import { flameOfRun } from './src/core/flame/profileModel';
import { librarySourceMapper } from './src/core/source/librarySourceMaps';
import { HotlineCodeLensProvider } from './src/vscode/codeLens';
import { CpuProfileEditorProvider, FlamePanel, type FlameContent } from './src/vscode/flamePanel';
import { HotLines } from './src/vscode/hotLines';
import { ProfileMemory } from './src/vscode/profileMemory';
import { ProfileStore } from './src/vscode/profileStore';
import { compareProfiles } from './src/vscode/compareProfilesCommand';
import { diffMessageBody } from './src/core/flame/diffContent';
import { SUPPORTED_LANGUAGES } from './src/vscode/functionLocator';
import { exportAnnotatedHtml, type AnnotationSource } from './src/vscode/annotateExport';
import { explainFunction } from './src/vscode/explainCommand';
import { profileFunction } from './src/vscode/profileCommand';
import { VerdictMarkers } from './src/vscode/verdictMarkers';
import { readSettings } from './src/vscode/settings';
import { timeFunction } from './src/vscode/timeCommand';
import { TimingHints } from './src/vscode/timingHints';
import { TimingsPanel, TimingStore } from './src/vscode/timingsPanel';
import { TimingHistory } from './src/vscode/timingHistory';
import { retimeInterleaved } from './src/vscode/retimeInterleaved';

let queue: SerialRunQueue | undefined;

export function activate(context: vscode.ExtensionContext) {
  const output = vscode.window.createOutputChannel('Hotline');
  const codeLens = new HotlineCodeLensProvider();
  const hints = new TimingHints();
  // Every profile's statement tree, for Compare Profiles (newest 30, in this workspace's storage).
  const profiles = new ProfileStore(
    vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'profiles'),
    context.workspaceState,
  );
  const hotLines = new HotLines();
  const verdicts = new VerdictMarkers();
  const timings = new TimingStore();
  const history = new TimingHistory(context.workspaceState);
  queue = new SerialRunQueue(() => readSettings().concurrency);
  const runQueue = queue;
  const runnerPath = vscode.Uri.joinPath(context.extensionUri, 'dist', 'runner.js').fsPath;
  const selector = SUPPORTED_LANGUAGES.flatMap((language) => [
    { language, scheme: 'file' },
    { language, scheme: 'untitled' },
  ]);
  const publishTiming = (entry: TimingEntry) => {
    timings.add(entry);
    showTimings(entry.id);
    return timings.verdictLines(entry.id);
  };
  const retime = (entries: readonly TimingEntry[]) =>
    retimeInterleaved({ output, queue: runQueue, runnerPath, history, publish: publishTiming }, entries);
  const showTimings = (selectedId?: string) =>
    TimingsPanel.show(context, { store: timings, history, output, retime }, selectedId);
  let lastFlame: FlameContent | undefined;
  /** The last profile and the last verdicts, for Export Annotated HTML. */
  const annotation: AnnotationSource = {};

  context.subscriptions.push(
    output,
    codeLens,
    hints,
    hotLines,
    verdicts,
    timings,
    history,
    vscode.languages.registerCodeLensProvider(selector, codeLens),
    vscode.workspace.onDidGrantWorkspaceTrust(() => codeLens.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('hotline.codeLens')) codeLens.refresh();
    }),
    vscode.commands.registerCommand('hotline.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('hotline.timeFunction', (uri?: unknown, line?: unknown) =>
      timeFunction(
        {
          context,
          output,
          queue: runQueue,
          hints,
          runnerPath,
          history,
          publish: publishTiming,
        },
        uri,
        line,
      ),
    ),
    vscode.commands.registerCommand('hotline.showTimings', () => showTimings()),
    vscode.commands.registerCommand('hotline.clearTimings', () => {
      timings.clear();
      hints.clear();
    }),
    vscode.commands.registerCommand('hotline.clearHistory', () => history.clear()),
    vscode.commands.registerCommand('hotline.toggleHotLines', () => {
      const shown = hotLines.toggle();
      void vscode.window.setStatusBarMessage(`Hotline: hot lines ${shown ? 'shown' : 'hidden'}`, 3000);
    }),
    vscode.commands.registerCommand('hotline.clearHotLines', () => {
      hotLines.clear();
      verdicts.clear();
    }),
    vscode.commands.registerCommand('hotline.clearVerdicts', () => verdicts.clear()),
    vscode.commands.registerCommand('hotline.profileFunction', (uri?: unknown, line?: unknown) =>
      profileFunction(
        {
          context,
          output,
          queue: runQueue,
          hotLines,
          verdicts,
          runnerPath,
          history,
          memory: new ProfileMemory(context.workspaceState),
          onProfile: (outcome, fn, report, run) => {
            annotation.profile = {
              lineProfile: outcome.lineProfile,
              fn,
              nodeVersion: outcome.nodeVersion,
              transpiler: outcome.transpiler,
            };
            if (outcome.explanation) annotation.explanation = outcome.explanation;
            const flame: FlameContent = {
              title: fn.name,
              report,
              raw: outcome.profile,
              profile: flameOfRun(outcome.profile, outcome.callCounts, librarySourceMapper()),
            };
            lastFlame = flame;
            void profiles
              .add(
                {
                  label: fn.name,
                  file: run.file,
                  stmt: run.stmt,
                  textHash: run.textHash,
                  when: Date.now(),
                  executions: outcome.lineProfile.executions,
                },
                flame.profile!,
              )
              .catch((e: Error) => output.appendLine(`[history] could not keep the profile: ${e.message}`));
            FlamePanel.show(context, output, flame);
          },
        },
        uri,
        line,
      ),
    ),
    vscode.commands.registerCommand('hotline.explainFunction', (uri?: unknown, line?: unknown) =>
      explainFunction(
        {
          context,
          output,
          queue: runQueue,
          verdicts,
          runnerPath,
          onExplanation: (explanation) => {
            annotation.explanation = explanation;
          },
        },
        uri,
        line,
      ),
    ),
    vscode.commands.registerCommand('hotline.compareProfiles', (uri?: unknown, uris?: unknown) =>
      compareProfiles(
        {
          store: profiles,
          output,
          extensionUri: context.extensionUri,
          show: (content) => {
            const { profile, diff } = diffMessageBody(content);
            FlamePanel.show(context, output, { title: content.title, profile, diff });
          },
        },
        uri,
        uris,
      ),
    ),
    vscode.commands.registerCommand('hotline.exportAnnotatedHtml', () => exportAnnotatedHtml(annotation)),
    vscode.commands.registerCommand('hotline.showFlame', () => {
      if (lastFlame) FlamePanel.show(context, output, lastFlame);
      else
        void vscode.window.showInformationMessage(
          'Hotline: no profile yet. Profile a function first, or open a .cpuprofile file with "Hotline: Open .cpuprofile in Flame View".',
        );
    }),
    vscode.commands.registerCommand('hotline.openCpuProfile', async (uri?: unknown) => {
      const target =
        uri instanceof vscode.Uri
          ? uri
          : (
              await vscode.window.showOpenDialog({ filters: { 'CPU profile': ['cpuprofile'] }, canSelectMany: false })
            )?.[0];
      if (target)
        await vscode.commands.executeCommand('vscode.openWith', target, CpuProfileEditorProvider.viewType, {
          preview: false,
        });
    }),
    vscode.window.registerCustomEditorProvider(
      CpuProfileEditorProvider.viewType,
      new CpuProfileEditorProvider(context, output),
      { webviewOptions: { retainContextWhenHidden: true } },
    ),
  );
  return { output, timings, hotLines };
}

export function deactivate() {
  queue?.cancelAll();
}
