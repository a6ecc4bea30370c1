import * as vscode from 'vscode';
import { formatTime } from '../core/timing/format';
import { qualifiedName } from '../core/source/functionSymbols';
import { compareWithPrevious } from '../core/timing/history';
import { runKey } from '../core/store/runRecords';
import type { TimingEntry } from '../core/timing/timeitTypes';
import { runTimeit } from '../engine/timeit';
import { runMemit } from '../engine/memit';
import { formatBytes } from '../core/memory';
import { executeRun, prepareRun, type RunDeps } from './runFlow';
import { timingOptions } from './settings';
import { functionCodeHash } from '../core/store/codeHash';
import type { RunStore } from './runStore';
import type { TimingHints } from './timingHints';

export interface TimeCommandDeps extends RunDeps {
  hints: TimingHints;
  /** Adds the entry to the session's comparison and shows the Timings panel; returns the verdict lines of its group. */
  publish: (entry: TimingEntry) => string[];
  /** Where every timing is recorded, and the one before the edit read from. */
  runs: RunStore;
}

/** "Hotline: Time Function": IPython's %timeit on the function under the cursor. */
export async function timeFunction(
  deps: TimeCommandDeps,
  uri?: unknown,
  line?: unknown,
): Promise<TimingEntry | undefined> {
  const run = await prepareRun(deps, 'Time', uri, line);
  if (!run) return undefined;
  const { target, inputs, settings, file } = run;
  const outcome = await executeRun(deps, run, '⏱', 'timing', async (signal, report) => {
    const request = { file, stmt: inputs.stmt, setup: inputs.setup, runnerPath: deps.runnerPath, signal };
    const options = timingOptions(settings);
    const timing = await runTimeit({ ...request, ...options, onProgress: report });
    if (!timing.ok || !settings.timeMemory || signal.aborted) return { ...timing, memit: undefined };
    // A child of its own, after the timing: memit's heap profiler never runs beside the timed loops.
    const { nodePath, timeoutMs } = options;
    const memit = await runMemit({ ...request, nodePath, timeoutMs, onProgress: (m) => report(`memory: ${m}`) });
    return { ...timing, memit };
  });
  if (!outcome) return undefined;
  const { result, line: ipythonLine, warning, memit } = outcome;
  deps.output.appendLine(`  ${ipythonLine}`);
  if (warning) deps.output.appendLine(`  ${warning}`);
  const memory = memit?.ok
    ? { allocatedBytes: memit.result.allocatedBytes, retainedBytes: memit.result.retainedBytes, line: memit.line }
    : undefined;
  if (memit?.ok) {
    deps.output.appendLine(`  memory: ${memit.line}`);
    for (const note of memit.notes) deps.output.appendLine(`  memory note: ${note}`);
  } else if (memit && memit.kind !== 'cancelled')
    deps.output.appendLine(`  memory could not be measured: ${memit.message}`);
  for (const note of outcome.notes) deps.output.appendLine(`  note: ${note}`);
  if (result.async && result.awaitFloor !== undefined)
    deps.output.appendLine(
      `  async: each loop awaits; awaiting a resolved value alone costs ${formatTime(result.awaitFloor)} per loop`,
    );
  deps.output.appendLine(
    `  best ${formatTime(result.best)}, worst ${formatTime(result.worst)} · ${outcome.transpiler} · Node ${outcome.nodeVersion}`,
  );
  const entry: TimingEntry = {
    id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    label: qualifiedName(target.fn),
    file,
    functionName: target.fn.name,
    stmt: inputs.stmt,
    setup: inputs.setup,
    result,
    line: ipythonLine,
    warning,
    when: Date.now(),
    ...(memory ? { memory } : {}),
  };
  const perLoop = memory ? ` · ${formatBytes(memory.allocatedBytes)}/loop` : '';
  deps.hints.upsert(target.document.uri, {
    line: target.fn.nameLine,
    text: `⏱ ${formatTime(result.average, result.precision)} ± ${formatTime(result.stdev, result.precision)}${perLoop}`,
    detail: [ipythonLine, warning, memory?.line].filter(Boolean).join('\n'),
  });
  for (const l of deps.publish(entry)) deps.output.appendLine(`  ${l}`);
  await recordAndCompare(deps, entry, functionCodeHash(run.text, target.fn));
  deps.output.appendLine('');
  return entry;
}

/** Records the timing in the run store and says how it compares with the run before the last edit. */
export async function recordAndCompare(
  deps: Pick<TimeCommandDeps, 'runs' | 'output'>,
  entry: TimingEntry,
  hash: string,
): Promise<void> {
  const record = await deps.runs.add({
    key: runKey(entry),
    label: entry.label,
    file: entry.file,
    stmt: entry.stmt,
    setup: entry.setup,
    contentHash: hash,
    when: entry.when,
    kind: 'timeit',
    result: entry.result,
  });
  const edit = compareWithPrevious(deps.runs.records, record);
  if (!edit) return;
  const before = `${formatTime(edit.before.result!.average, entry.result.precision)} at ${new Date(edit.before.when).toLocaleTimeString()}`;
  deps.output.appendLine(`  ${edit.message} (vs ${before})`);
  if (edit.edited) void vscode.window.showInformationMessage(`Hotline: ${entry.label} ${edit.message}`);
}
