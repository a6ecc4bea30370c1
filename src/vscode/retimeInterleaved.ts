// "Re-time Interleaved" on a comparison group: the group's statements timed again in one child
// process with their runs interleaved (src/runner/compareJob.ts), so drift of the machine falls on
// all of them alike; the new results replace the group's entries.
import * as vscode from 'vscode';
import type { SerialRunQueue } from '../engine/runQueue';
import { whyNotInterleaved } from '../core/timing/comparisonGroups';
import type { TimingEntry } from '../core/timing/timeitTypes';
import { runCompare } from '../engine/compare';
import { runWithProgress } from './runWithProgress';
import { recordAndCompare } from './timeCommand';
import { entryCodeHash, type RunStore } from './runStore';
import { readSettings, timingOptions } from './settings';
import { ensureTrusted } from './trust';

export interface RetimeDeps {
  output: vscode.OutputChannel;
  queue: SerialRunQueue;
  runnerPath: string;
  runs: RunStore;
  /** Replaces an entry with its new timing; returns the verdict lines of its group. */
  publish: (entry: TimingEntry) => string[];
}

export async function retimeInterleaved(deps: RetimeDeps, entries: readonly TimingEntry[]): Promise<void> {
  const why = whyNotInterleaved(entries);
  if (why) {
    void vscode.window.showWarningMessage(`Hotline: cannot re-time these interleaved: ${why}.`);
    return;
  }
  if (!ensureTrusted('Re-time Interleaved')) return;
  const [first] = entries;
  const settings = readSettings(vscode.Uri.file(first.file));
  const names = entries.map((e) => e.label).join(', ');
  const outcome = await runWithProgress(deps.queue, `Hotline: timing ${names} interleaved`, (signal, report) =>
    runCompare({
      file: first.file,
      stmts: entries.map((e) => e.stmt),
      setup: first.setup,
      runnerPath: deps.runnerPath,
      ...timingOptions(settings),
      signal,
      onProgress: report,
    }),
  );
  const out = deps.output;
  out.appendLine(
    `[${new Date().toLocaleTimeString()}] ⏱ ${names} — ${vscode.workspace.asRelativePath(first.file)}, in one process, runs interleaved`,
  );
  if (first.setup) out.appendLine(`  setup: ${first.setup}`);
  if (outcome === 'cancelled' || !outcome.ok) {
    const message = outcome === 'cancelled' ? 'cancelled' : outcome.message;
    out.appendLine(`  ✖ ${message}\n`);
    if (outcome !== 'cancelled')
      void vscode.window.showErrorMessage(`Hotline: could not time ${names} interleaved: ${message}`);
    return;
  }
  const run = `interleaved-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  let verdicts: string[] = [];
  for (const [i, s] of outcome.statements.entries()) {
    out.appendLine(`  ${entries[i].label}: ${s.line}`);
    if (s.warning) out.appendLine(`  ${s.warning}`);
    const entry = {
      ...entries[i],
      id: `${Date.now().toString(36)}-${i}-${Math.random().toString(36).slice(2, 8)}`,
      process: run,
      result: s.result,
      line: s.line,
      warning: s.warning,
      when: Date.now(),
    };
    verdicts = deps.publish(entry);
    await recordAndCompare(deps, entry, await entryCodeHash(entry));
  }
  for (const l of verdicts) out.appendLine(`  ${l}`);
  out.appendLine('');
}
