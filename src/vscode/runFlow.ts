import path from 'node:path';
import * as vscode from 'vscode';
import { writeScratchModule } from '../engine/scratchFile';
import type { SerialRunQueue } from '../engine/runQueue';
import type { ChildFailureKind } from '../engine/runChild';
import { runWithProgress } from './runWithProgress';
import { readSettings, type HotlineSettings } from './settings';
import { askInputs, resolveTarget, type RunInputs, type Target } from './target';
import { runnableProposal, type RunnableProposal } from './proposal';
import { ensureTrusted } from './trust';

/** What every run command needs from the extension. */
export interface RunDeps {
  context: vscode.ExtensionContext;
  output: vscode.OutputChannel;
  queue: SerialRunQueue;
  runnerPath: string;
  /** Inputs proposed over the remembered ones (the arguments a whole run really passed). */
  preset?: RunnableProposal;
}

export interface PreparedRun {
  target: Target;
  inputs: RunInputs;
  settings: HotlineSettings;
  /** The file the runner loads: the document's, or a temporary copy of an untitled buffer. */
  file: string;
  /** The text that runs (the user may edit on while it does). */
  text: string;
  /** The document a result for `file` belongs to (hot lines of an untitled buffer go to the buffer). */
  documentUri: (file: string) => vscode.Uri;
  /** Removes the temporary copy of an untitled buffer. */
  cleanup: () => void;
}

type Outcome =
  | { ok: true; stdout: string; stderr: string }
  | { ok: false; kind: ChildFailureKind; message: string; detail?: string; stdout: string; stderr: string };

/** Trust, the function under the cursor, the statement and setup, a saved file: or nothing, with a reason shown. */
export async function prepareRun(
  deps: RunDeps,
  action: 'Time' | 'Profile' | 'Explain',
  uri?: unknown,
  line?: unknown,
): Promise<PreparedRun | undefined> {
  if (!ensureTrusted(`${action} Function`)) return undefined;
  const target = await resolveTarget(uri, line);
  if (!target) return undefined;
  const settings = readSettings(target.document.uri);
  // Nothing typed for this function yet: propose a statement and a setup that run.
  const proposal =
    deps.preset ??
    (deps.context.workspaceState.get(target.memoryKey)
      ? undefined
      : await runnableProposal(target, settings, deps.runnerPath, deps.output));
  const inputs = await askInputs(target, deps.context.workspaceState, action, proposal);
  if (!inputs) return undefined;
  if (target.document.isUntitled) {
    // Never saved: run the buffer's text from a temporary file rather than asking for a Save As.
    const scratch = writeScratchModule(
      target.document.getText(),
      target.document.languageId,
      path.basename(target.document.uri.path),
    );
    const documentUri = (file: string) => (file === scratch.file ? target.document.uri : vscode.Uri.file(file));
    return {
      target,
      inputs,
      settings,
      file: scratch.file,
      text: target.document.getText(),
      documentUri,
      cleanup: scratch.dispose,
    };
  }
  if (target.document.isDirty) await target.document.save(); // the child reads the file from disk
  return {
    target,
    inputs,
    settings,
    file: target.document.uri.fsPath,
    text: target.document.getText(),
    documentUri: (file) => vscode.Uri.file(file),
    cleanup: () => {},
  };
}

/**
 * Runs the job under a cancellable progress notification and logs it to the Output channel;
 * returns the successful outcome, or undefined after telling the user why there is none.
 */
export async function executeRun<T extends Outcome>(
  deps: RunDeps,
  run: PreparedRun,
  icon: string,
  verb: 'timing' | 'profiling' | 'explaining',
  job: (signal: AbortSignal, report: (message: string) => void) => Promise<T>,
): Promise<Extract<T, { ok: true }> | undefined> {
  const { target, inputs } = run;
  const name = target.fn.name;
  let outcome: T | 'cancelled';
  try {
    outcome = await runWithProgress(deps.queue, `Hotline: ${verb} ${name}`, job);
  } finally {
    run.cleanup();
  }
  const out = deps.output;
  out.appendLine(
    `[${new Date().toLocaleTimeString()}] ${icon} ${name} — ${vscode.workspace.asRelativePath(target.document.uri)}:${target.fn.nameLine + 1}`,
  );
  if (inputs.setup) out.appendLine(`  setup: ${inputs.setup}`);
  out.appendLine(`  stmt:  ${inputs.stmt}`);
  if (outcome === 'cancelled' || (!outcome.ok && outcome.kind === 'cancelled')) {
    out.appendLine('  cancelled; the child process was stopped.\n');
    void vscode.window.showInformationMessage(`Hotline: ${verb} ${name} was cancelled.`);
    return undefined;
  }
  for (const [stream, text] of [
    ['stdout', outcome.stdout],
    ['stderr', outcome.stderr],
  ] as const) {
    if (!text?.trim()) continue;
    out.appendLine(`  ── your code's ${stream} ──`);
    for (const l of text.trimEnd().split('\n')) out.appendLine(`  │ ${l}`);
  }
  if (!outcome.ok) {
    out.appendLine(`  ✖ ${outcome.message}`);
    if (outcome.detail) for (const l of outcome.detail.trimEnd().split('\n')) out.appendLine(`    ${l}`);
    out.appendLine('');
    const action = { timing: 'time', profiling: 'profile', explaining: 'explain' }[verb];
    void vscode.window
      .showErrorMessage(`Hotline: could not ${action} ${name}: ${outcome.message}`, 'Show Output')
      .then((c) => {
        if (c) out.show(true);
      });
    return undefined;
  }
  return outcome as Extract<T, { ok: true }>;
}
