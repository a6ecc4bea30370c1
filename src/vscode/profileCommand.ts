import * as vscode from 'vscode';
import { qualifiedName, v8Names } from '../core/source/functionSymbols';
import { changeSinceEdit, hotLineViews } from '../core/lines/hotLineModel';
import type { FunctionProfile } from '../core/lines/lineProfile';
import { functionReport, samplesNote } from '../core/lines/lineProfilerReport';
import { runProfile, type ProfileOutcome } from '../engine/profile';
import { previousProfile, runKey, type RunPayload } from '../core/store/runRecords';
import { contentHash, functionCodeHash } from '../core/store/codeHash';
import { changeSinceSnapshot, lineSnapshot, type ChangeSinceEdit } from '../core/lines/lineSnapshot';
import { flameOfRun, perExecution } from '../core/flame/profileModel';
import { flameOfAllocations } from '../core/flame/allocationProfile';
import { librarySourceMapper } from '../core/source/librarySourceMaps';
import type { FlatProfile } from '../core/flame/profileTypes';
import type { HotLines } from './hotLines';
import type { RunStore } from './runStore';
import { showVerdicts } from './explainCommand';
import { executeRun, prepareRun, type PreparedRun, type RunDeps } from './runFlow';
import { profileOptions } from './settings';
import type { VerdictMarkers } from './verdictMarkers';
import { runMprun, type MprunOutcome } from '../engine/mprun';
import { memitLine as memitLineOf, memoryLineViews, switchHeatLink, type MprunFunction } from '../core/memory';

export interface ProfileCommandDeps extends RunDeps {
  hotLines: HotLines;
  /** The lines by bytes allocated (mprun), shown instead of the time heat by Switch Heat. */
  memoryLines: HotLines;
  verdicts: VerdictMarkers;
  /** Where every profile is recorded (its total, statement tree and line snapshot), and the one before it read from. */
  runs: RunStore;
  /** Called with the finished profile (the flame panel, saving as .cpuprofile, the history). */
  onProfile?: (
    outcome: Extract<ProfileOutcome, { ok: true }>,
    fn: FunctionProfile,
    report: string,
    run: ProfiledRun,
    memory?: MprunFunction,
  ) => void;
}

/** What ran: the file, the statement, a hash of the file's text then, and the statement's tree for the flame panel. */
export interface ProfiledRun {
  file: string;
  stmt: string;
  textHash: string;
  tree: FlatProfile;
  /** Bytes by call path (mprun's heap profile), when memory was measured too. */
  allocations?: FlatProfile;
}

/** "Hotline: Profile Function": line_profiler's table and Cython-style hot lines. */
export async function profileFunction(
  deps: ProfileCommandDeps,
  uri?: unknown,
  line?: unknown,
): Promise<ProfileOutcome | undefined> {
  const run = await prepareRun(deps, 'Profile', uri, line);
  if (!run) return undefined;
  const { settings, inputs, file } = run;
  const outcome = await executeRun(deps, run, '🔥', 'profiling', async (signal, report) => {
    const request = { file, stmt: inputs.stmt, setup: inputs.setup, runnerPath: deps.runnerPath, signal };
    const profile = await runProfile({
      ...request,
      ...profileOptions(settings),
      explain: settings.profileExplain,
      onProgress: report,
    });
    if (!profile.ok || !settings.profileMemory || signal.aborted) return { ...profile, mprun: undefined };
    // A child of its own, after the sampling: the trampolines never run beside the time sampler.
    const { nodePath, timeoutMs } = settings;
    const mprun = await runMprun({
      ...request,
      nodePath,
      timeoutMs,
      functions: [run.target.fn.name],
      onProgress: (m) => report(`memory: ${m}`),
    });
    return { ...profile, mprun };
  });
  if (!outcome) return undefined;
  const own = profiledFunction(run, outcome);
  const summary = own ?? neverRan(run);
  const memory = memoryOf(run, outcome.mprun);
  // The statement's memory first, so the line table and its notes end the entry, as before.
  reportMemory(deps, run, outcome.mprun, memory);
  const report = writeReport(deps, run, outcome, summary, memory);
  const lp = outcome.lineProfile;
  const fileLines = lp.files.find((f) => f.file === file)?.lines ?? [];
  const key = runKey({ file, label: qualifiedName(run.target.fn), stmt: inputs.stmt, setup: inputs.setup });
  const microsPerSample = lp.samples > 0 ? lp.totalMicros / lp.samples : 0;
  const fileFunctions = lp.functions.filter((f) => f.file === file);
  const snapshot = lineSnapshot(run.text, fileLines, fileFunctions, microsPerSample, contentHash);
  const edit = own && snapshot ? await changeSinceLastProfile(deps.runs, key, snapshot, fileLines, own) : undefined;
  if (own && edit?.functionBefore) {
    const before = { line: 0, before: edit.functionBefore, beforeSamples: edit.functionSamplesBefore };
    const change = changeSinceEdit(before, own.totalMicros, lp);
    deps.output.appendLine(
      `  after your edit: ${own.name} ${change.hover}; each line shows its change where it is significant\n`,
    );
  }
  if (!deps.memoryLines.shown) deps.hotLines.show();
  const footer = memory ? switchHeatLink('memory') : '';
  for (const f of lp.files) {
    const views = hotLineViews(lp, f.file, f.file === file ? edit?.lines : undefined, footer);
    if (views.length) deps.hotLines.set(run.documentUri(f.file), views);
  }
  warnIfUnmeasured(run, lp, own);
  const tree = flameOfRun(outcome.profile, outcome.callCounts, librarySourceMapper());
  if (lp.samples > 0)
    recordProfile(deps, run, key, summary, lp.executions, { tree, ...(snapshot ? { snapshot } : {}) });
  // The panel reads per execution of the statement, as the line table does; the record keeps totals.
  const shown = perExecution(tree, lp.executions);
  deps.onProfile?.(
    outcome,
    summary,
    report,
    { file, stmt: inputs.stmt, textHash: contentHash(run.text), tree: shown, ...allocationsOf(outcome.mprun) },
    memory,
  );
  return outcome;
}

/** The Allocations view's profile: mprun's heap profile, the function's lines as frames of their own. */
function allocationsOf(mprun: MprunOutcome | undefined): { allocations?: FlatProfile } {
  if (!mprun?.ok || !mprun.result.allocations) return {};
  const { allocations, executions, functions } = mprun.result;
  const owners = new Map(functions.map((f) => [f.id, f]));
  return { allocations: flameOfAllocations(allocations, executions, owners) };
}

/** mprun's table of the function the editor sees (the one of its name that starts nearest its name line). */
function memoryOf(run: PreparedRun, mprun: MprunOutcome | undefined): MprunFunction | undefined {
  if (!mprun?.ok) return undefined;
  const nameLine = run.target.fn.nameLine + 1;
  return mprun.result.functions
    .filter((f) => f.file === run.file)
    .sort((a, b) => Math.abs(a.startLine - nameLine) - Math.abs(b.startLine - nameLine))[0];
}

/** The memory heat on the function's lines, mprun's notes, or why memory could not be measured. */
function reportMemory(
  deps: ProfileCommandDeps,
  run: PreparedRun,
  mprun: MprunOutcome | undefined,
  memory: MprunFunction | undefined,
): void {
  // No figures this time: the memory heat of an earlier profile would no longer match the code.
  if (!memory) deps.memoryLines.clear(run.documentUri(run.file));
  if (!mprun) return;
  const out = deps.output;
  if (!mprun.ok) {
    if (mprun.kind !== 'cancelled') out.appendLine(`  memory per line could not be measured: ${mprun.message}`);
    return;
  }
  const { result, memit } = mprun;
  out.appendLine(`  memory (memit, the statement): ${memitLineOf(memit)}`);
  // The profile's own entry says how long loading took already.
  for (const note of mprun.notes.filter((n) => !n.startsWith('loading '))) out.appendLine(`  memory note: ${note}`);
  if (!memory) return;
  deps.memoryLines.set(run.documentUri(memory.file), memoryLineViews(memory, result.statementBytes, result.executions));
}

type Profiled = Extract<ProfileOutcome, { ok: true }>;

/**
 * The function as the editor sees it (its symbol's lines): the profile's function of that name
 * that starts nearest its name line, or undefined when it never ran.
 */
function profiledFunction(run: PreparedRun, outcome: Profiled): FunctionProfile | undefined {
  const nameLine = run.target.fn.nameLine + 1;
  const names = v8Names(run.target.fn);
  return outcome.lineProfile.functions
    .filter((f) => f.file === run.file && names.includes(f.name))
    .sort((a, b) => Math.abs(a.startLine - nameLine) - Math.abs(b.startLine - nameLine))[0];
}

/** An empty table for a function that never ran during the statement. */
function neverRan({ target, file }: PreparedRun): FunctionProfile {
  return {
    name: target.fn.name,
    file,
    startLine: target.fn.nameLine + 1,
    endLine: target.fn.endLine + 1,
    calls: 0,
    selfMicros: 0,
    totalMicros: 0,
    samples: 0,
    recursive: false,
    unplacedMicros: 0,
    lines: [],
  };
}

/** line_profiler's table, the sampling note and V8's verdicts in the Output channel; returns the table. */
function writeReport(
  deps: ProfileCommandDeps,
  run: PreparedRun,
  outcome: Profiled,
  summary: FunctionProfile,
  memory?: MprunFunction,
): string {
  const out = deps.output;
  const report = functionReport(
    summary,
    run.target.document.getText().split('\n'),
    vscode.workspace.asRelativePath(run.target.document.uri),
    outcome.explanation?.verdicts,
    memory,
  );
  out.appendLine(
    report
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
  );
  out.appendLine(`  ${samplesNote(outcome.lineProfile)} · ${outcome.transpiler} · Node ${outcome.nodeVersion}\n`);
  for (const note of outcome.notes) out.appendLine(`  note: ${note}`);
  if (outcome.explanation) showVerdicts(deps, outcome.explanation, run.documentUri);
  return report;
}

/** A profile without the samples to say anything is said to be one (a 0 would read as "free"). */
function warnIfUnmeasured(run: PreparedRun, lp: Profiled['lineProfile'], own: FunctionProfile | undefined): void {
  if (lp.samples === 0) {
    void vscode.window.showWarningMessage(
      `Hotline: the statement got no samples: it ran ${lp.executions.toLocaleString('en-US')} times but too fast for a ${run.settings.samplingIntervalMicros} µs interval. Hits are exact; try a bigger input or a smaller hotline.profile.samplingInterval.`,
    );
  } else if (!own || own.samples === 0) {
    void vscode.window.showWarningMessage(
      `Hotline: ${run.target.fn.name} ${own?.calls ? `ran ${own.calls.toLocaleString('en-US')} times but ` : ''}took none of the statement's ${lp.samples.toLocaleString('en-US')} samples: its time is too small to measure, or the statement does not call it.`,
    );
  }
}

/** The profile as a record of the run store: its total, its tree (Compare Profiles) and its line snapshot. */
function recordProfile(
  deps: ProfileCommandDeps,
  run: PreparedRun,
  key: string,
  summary: FunctionProfile,
  executions: number,
  payload: Omit<RunPayload, 'version'>,
): void {
  const { target, inputs, file } = run;
  const fields = {
    kind: 'profile' as const,
    key,
    label: qualifiedName(target.fn),
    file,
    stmt: inputs.stmt,
    setup: inputs.setup,
    contentHash: functionCodeHash(run.text, target.fn),
    when: Date.now(),
    profileSeconds: summary.totalMicros / 1e6,
    executions,
  };
  void deps.runs
    .add(fields, payload)
    .catch((e: Error) => deps.output.appendLine(`[history] could not keep the profile: ${e.message}`));
}

/** The change of `fn` since the last profile of the same function, statement and setup, if its code was edited. */
async function changeSinceLastProfile(
  runs: RunStore,
  key: string,
  snapshot: NonNullable<ReturnType<typeof lineSnapshot>>,
  lines: Parameters<typeof changeSinceSnapshot>[2],
  fn: FunctionProfile,
): Promise<ChangeSinceEdit | undefined> {
  const previous = previousProfile(runs.records, key);
  const before = previous && (await runs.payload(previous))?.snapshot;
  return before && changeSinceSnapshot(before, snapshot, lines, fn);
}
