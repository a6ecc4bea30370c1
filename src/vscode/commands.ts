// Every command Hotline contributes, one line each into the module that does it (the table is what
// package.json's `contributes.commands` names). Arguments come from VS Code (a CodeLens passes the
// document and the line; the Explorer passes the clicked file and the selection).
import * as vscode from 'vscode';
import { diffMessageBody } from '../core/flame/diffContent';
import { exportAnnotatedHtml } from './annotateExport';
import { compareProfiles } from './compareProfilesCommand';
import { explainFunction } from './explainCommand';
import { CpuProfileEditorProvider } from './flamePanel';
import type { Hotline } from './hotline';
import { profileFunction, type ProfileCommandDeps } from './profileCommand';
import { profileRun } from './profileRunCommand';
import { isProposal, type RunnableProposal } from './proposal';
import { withRunInputs } from './runInputsCommand';
import { editSharedSetup } from './target';
import { timeFunction } from './timeCommand';

type Command = (h: Hotline, ...args: unknown[]) => unknown;

export const COMMANDS: Record<string, Command> = {
  'hotline.showOutput': (h) => h.output.show(true),
  'hotline.timeFunction': (h, uri, line, preset) =>
    timeFunction({ ...h, publish: h.publishTiming, preset: presetOf(preset) }, uri, line),
  'hotline.showTimings': (h) => h.showTimings(),
  'hotline.clearTimings': (h) => (h.timings.clear(), h.hints.clear()),
  'hotline.clearHistory': (h) => h.runs.clear(),
  'hotline.toggleHotLines': (h) => {
    const current = h.memoryLines.shown ? h.memoryLines : h.hotLines;
    vscode.window.setStatusBarMessage(`Hotline: hot lines ${current.toggle() ? 'shown' : 'hidden'}`, 3000);
  },
  'hotline.switchHeat': (h) => switchHeat(h),
  'hotline.clearHotLines': (h) => (h.hotLines.clear(), h.memoryLines.clear(), h.verdicts.clear()),
  'hotline.clearVerdicts': (h) => h.verdicts.clear(),
  'hotline.profileFunction': (h, uri, line, preset) =>
    profileFunction({ ...h, onProfile: profileShown(h), preset: presetOf(preset) }, uri, line),
  'hotline.explainFunction': (h, uri, line, preset) =>
    explainFunction(
      { ...h, onExplanation: (e) => (h.annotation.explanation = e), preset: presetOf(preset) },
      uri,
      line,
    ),
  'hotline.timeWithRunInputs': (h, node) => withRunInputs(h, 'Time', node),
  'hotline.profileWithRunInputs': (h, node) => withRunInputs(h, 'Profile', node),
  'hotline.explainWithRunInputs': (h, node) => withRunInputs(h, 'Explain', node),
  'hotline.compareProfiles': (h, uri, uris) => compareProfiles(compareDeps(h), uri, uris),
  'hotline.exportAnnotatedHtml': (h) => exportAnnotatedHtml(h.annotation),
  'hotline.showFlame': (h) => showLastFlame(h),
  'hotline.openCpuProfile': (_h, uri) => openCpuProfile(uri),
  'hotline.profileRun': (h, command) => profileRun(h, command),
  'hotline.editSharedSetup': (h, uri) => editSharedSetup(h.context.workspaceState, uri),
};

/** Inputs handed to a command by another (the run's captured arguments): checked, never trusted. */
const presetOf = (v: unknown): RunnableProposal | undefined => (isProposal(v) ? v : undefined);

export function registerCommands(h: Hotline): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, run]) =>
    vscode.commands.registerCommand(id, (...args: unknown[]) => run(h, ...args)),
  );
}

/** A finished profile: kept for Export Annotated HTML and drawn in the flame panel. */
function profileShown(h: Hotline): ProfileCommandDeps['onProfile'] {
  return (outcome, fn, report, run, memory) => {
    h.annotation.profile = {
      lineProfile: outcome.lineProfile,
      fn,
      memory,
      nodeVersion: outcome.nodeVersion,
      transpiler: outcome.transpiler,
    };
    if (outcome.explanation) h.annotation.explanation = outcome.explanation;
    h.lastFlame = {
      title: fn.name,
      report,
      reportFile: run.file,
      raw: outcome.profile,
      profile: run.tree,
      ...(run.allocations ? { allocations: run.allocations } : {}),
    };
    h.showFlame(h.lastFlame);
  };
}

/** Time heat ⇄ memory heat: the same lines, by their share of the time or of the bytes allocated. */
function switchHeat(h: Hotline): void {
  const toMemory = !h.memoryLines.shown;
  if (toMemory) {
    h.hotLines.hide();
    h.memoryLines.show();
    h.memoryLines.renderAll();
  } else {
    h.memoryLines.hide();
    h.hotLines.show();
    h.hotLines.renderAll();
  }
  const none = toMemory && !vscode.window.visibleTextEditors.some((e) => h.memoryLines.get(e.document.uri).length);
  vscode.window.setStatusBarMessage(
    toMemory
      ? `Hotline: lines by memory (bytes allocated)${none ? ' — none here yet: Profile Function measures them (hotline.profile.memory)' : ''}`
      : 'Hotline: lines by time',
    5000,
  );
}

function compareDeps(h: Hotline): Parameters<typeof compareProfiles>[0] {
  return {
    store: h.runs,
    output: h.output,
    extensionUri: h.context.extensionUri,
    show: (content) => {
      const { profile, diff } = diffMessageBody(content);
      h.showFlame({ title: content.title, profile, diff });
    },
  };
}

function showLastFlame(h: Hotline): void {
  if (h.lastFlame) h.showFlame(h.lastFlame);
  else
    void vscode.window.showInformationMessage(
      'Hotline: no profile yet. Profile a function first, or open a .cpuprofile file with "Hotline: Open .cpuprofile in Flame View".',
    );
}

async function openCpuProfile(uri: unknown): Promise<void> {
  const target =
    uri instanceof vscode.Uri
      ? uri
      : (await vscode.window.showOpenDialog({ filters: { 'CPU profile': ['cpuprofile'] }, canSelectMany: false }))?.[0];
  if (target)
    await vscode.commands.executeCommand('vscode.openWith', target, CpuProfileEditorProvider.viewType, {
      preview: false,
    });
}
