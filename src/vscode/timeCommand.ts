import * as vscode from 'vscode';
import type { SerialRunQueue } from '../core/runQueue';
import type { TimingEntry } from '../core/timeitTypes';
import { formatTime } from '../core/format';
import { runTimeit, type TimeitOutcome } from '../engine/timeit';
import { runWithProgress } from './runWithProgress';
import { readSettings } from './settings';
import { askInputs, resolveTarget, type Target } from './target';
import type { TimingHints } from './timingHints';
import { ensureTrusted } from './trust';

export interface TimeCommandDeps {
  context: vscode.ExtensionContext;
  output: vscode.OutputChannel;
  queue: SerialRunQueue;
  hints: TimingHints;
  /** Adds the entry to the session's comparison and shows the Timings panel. */
  publish: (entry: TimingEntry) => void;
  runnerPath: string;
}

/** "Hotline: Time Function": IPython's %timeit on the function under the cursor. */
export async function timeFunction(deps: TimeCommandDeps, uri?: unknown, line?: unknown): Promise<TimingEntry | undefined> {
  if (!ensureTrusted('Time Function')) return undefined;
  const target = await resolveTarget(uri, line);
  if (!target) return undefined;
  const inputs = await askInputs(target, deps.context.workspaceState, 'Time');
  if (!inputs) return undefined;
  if (target.document.isDirty) await target.document.save();
  const settings = readSettings(target.document.uri);
  const file = target.document.uri.fsPath;
  const title = `Hotline: timing ${target.fn.name}`;
  const outcome = await runWithProgress(deps.queue, title, (signal, report) => runTimeit({
    file, stmt: inputs.stmt, setup: inputs.setup, nodePath: settings.nodePath, runnerPath: deps.runnerPath,
    loops: settings.loops || undefined, repeat: settings.repeat, precision: settings.precision, gcBetweenRuns: settings.gcBetweenRuns,
    timeoutMs: settings.timeoutMs, signal, onProgress: report,
  }));
  const where = `${vscode.workspace.asRelativePath(target.document.uri)}:${target.fn.nameLine + 1}`;
  deps.output.appendLine(`[${new Date().toLocaleTimeString()}] ⏱ ${target.fn.name} — ${where}`);
  if (inputs.setup) deps.output.appendLine(`  setup: ${inputs.setup}`);
  deps.output.appendLine(`  stmt:  ${inputs.stmt}`);
  if (outcome === 'cancelled' || (!outcome.ok && outcome.kind === 'cancelled')) {
    deps.output.appendLine('  cancelled; the child process was stopped.\n');
    void vscode.window.showInformationMessage(`Hotline: timing ${target.fn.name} was cancelled.`);
    return undefined;
  }
  appendCapturedOutput(deps.output, outcome);
  if (!outcome.ok) return reportFailure(deps.output, target, outcome);
  const { result, line: ipythonLine, warning } = outcome;
  deps.output.appendLine(`  ${ipythonLine}`);
  if (warning) deps.output.appendLine(`  ${warning}`);
  for (const note of outcome.notes) deps.output.appendLine(`  note: ${note}`);
  if (result.async && result.awaitFloor !== undefined) deps.output.appendLine(`  async: each loop awaits; awaiting a resolved value alone costs ${formatTime(result.awaitFloor)} per loop`);
  deps.output.appendLine(`  best ${formatTime(result.best)}, worst ${formatTime(result.worst)}${outcome.transpiler ? ` · ${outcome.transpiler}` : ''}\n`);
  const entry: TimingEntry = {
    id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    label: target.fn.className ? `${target.fn.className}.${target.fn.name}` : target.fn.name,
    file, functionName: target.fn.name, stmt: inputs.stmt, setup: inputs.setup, result, line: ipythonLine, warning, when: Date.now(),
  };
  deps.hints.upsert(target.document.uri, {
    line: target.fn.nameLine,
    text: `⏱ ${formatTime(result.average, result.precision)} ± ${formatTime(result.stdev, result.precision)}`,
    detail: [ipythonLine, warning].filter(Boolean).join('\n'),
  });
  deps.publish(entry);
  return entry;
}

function appendCapturedOutput(output: vscode.OutputChannel, outcome: TimeitOutcome): void {
  for (const [name, text] of [['stdout', outcome.stdout], ['stderr', outcome.stderr]] as const) {
    if (!text?.trim()) continue;
    output.appendLine(`  ── your code's ${name} ──`);
    for (const l of text.trimEnd().split('\n')) output.appendLine(`  │ ${l}`);
  }
}

function reportFailure(output: vscode.OutputChannel, target: Target, outcome: Extract<TimeitOutcome, { ok: false }>): undefined {
  output.appendLine(`  ✖ ${outcome.message}`);
  if (outcome.detail) for (const l of outcome.detail.trimEnd().split('\n')) output.appendLine(`    ${l}`);
  output.appendLine('');
  void vscode.window.showErrorMessage(`Hotline: could not time ${target.fn.name}: ${outcome.message}`, 'Show Output').then((c) => { if (c) output.show(true); });
  return undefined;
}
