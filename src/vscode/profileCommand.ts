import * as vscode from 'vscode';
import { qualifiedName, v8Names } from '../core/source/functionSymbols';
import type { ProfileMemory } from './profileMemory';
import { changeSinceEdit, hotLineViews } from '../core/lines/hotLineModel';
import type { FunctionProfile } from '../core/lines/lineProfile';
import { functionReport, samplesNote } from '../core/lines/lineProfilerReport';
import { runProfile, type ProfileOutcome } from '../engine/profile';
import { historyKey } from '../core/timing/history';
import type { HotLines } from './hotLines';
import { contentHash, functionCodeHash, type TimingHistory } from './timingHistory';
import { showVerdicts } from './explainCommand';
import { executeRun, prepareRun, type RunDeps } from './runFlow';
import { profileOptions } from './settings';
import type { VerdictMarkers } from './verdictMarkers';

export interface ProfileCommandDeps extends RunDeps {
  hotLines: HotLines;
  verdicts: VerdictMarkers;
  /** The last profile per file, for each line's change after an edit. */
  memory: ProfileMemory;
  /** Where the profile's summary (the function's time per execution) is kept, with the file's content hash. */
  history?: TimingHistory;
  /** Called with the finished profile (the flame panel, saving as .cpuprofile, the history). */
  onProfile?: (
    outcome: Extract<ProfileOutcome, { ok: true }>,
    fn: FunctionProfile,
    report: string,
    run: ProfiledRun,
  ) => void;
}

/** What ran: the file, the statement and a hash of the file's text then (an edit changes it). */
export interface ProfiledRun {
  file: string;
  stmt: string;
  textHash: string;
}

/** "Hotline: Profile Function": line_profiler's table and Cython-style hot lines. */
export async function profileFunction(
  deps: ProfileCommandDeps,
  uri?: unknown,
  line?: unknown,
): Promise<ProfileOutcome | undefined> {
  const run = await prepareRun(deps, 'Profile', uri, line);
  if (!run) return undefined;
  const { target, settings, inputs, file } = run;
  const outcome = await executeRun(deps, run, '🔥', 'profiling', (signal, report) =>
    runProfile({
      file,
      stmt: inputs.stmt,
      setup: inputs.setup,
      runnerPath: deps.runnerPath,
      ...profileOptions(settings),
      explain: settings.profileExplain,
      signal,
      onProgress: report,
    }),
  );
  if (!outcome) return undefined;
  const out = deps.output;
  const lp = outcome.lineProfile;
  // The function as the editor sees it (its symbol's lines): the profile's function that starts
  // within them, or an empty table when it never ran.
  const nameLine = target.fn.nameLine + 1;
  const names = v8Names(target.fn);
  const own = lp.functions
    .filter((f) => f.file === file && names.includes(f.name))
    .sort((a, b) => Math.abs(a.startLine - nameLine) - Math.abs(b.startLine - nameLine))[0];
  const summary: FunctionProfile = own ?? {
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
  const report = functionReport(
    summary,
    target.document.getText().split('\n'),
    vscode.workspace.asRelativePath(target.document.uri),
    outcome.explanation?.verdicts,
  );
  out.appendLine(
    report
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n'),
  );
  out.appendLine(`  ${samplesNote(lp)} · ${outcome.transpiler} · Node ${outcome.nodeVersion}\n`);
  for (const note of outcome.notes) out.appendLine(`  note: ${note}`);
  if (outcome.explanation) showVerdicts(deps, outcome.explanation, run.documentUri);
  const fileLines = lp.files.find((f) => f.file === file)?.lines ?? [];
  const edit = own
    ? await deps.memory.compareAndRemember(
        target.document.uri,
        run.text,
        fileLines,
        own,
        lp.functions.filter((f) => f.file === file),
        lp.samples > 0 ? lp.totalMicros / lp.samples : 0,
      )
    : undefined;
  if (own && edit?.functionBefore) {
    const change = changeSinceEdit(
      { line: 0, before: edit.functionBefore, beforeSamples: edit.functionSamplesBefore },
      own.totalMicros,
      lp,
    );
    out.appendLine(
      `  after your edit: ${own.name} ${change.hover}; each line shows its change where it is significant\n`,
    );
  }
  deps.hotLines.show();
  for (const f of lp.files) {
    const views = hotLineViews(lp, f.file, f.file === file ? edit?.lines : undefined);
    if (views.length) deps.hotLines.set(run.documentUri(f.file), views);
  }
  if (lp.samples === 0) {
    void vscode.window.showWarningMessage(
      `Hotline: the statement got no samples: it ran ${lp.executions.toLocaleString('en-US')} times but too fast for a ${settings.samplingIntervalMicros} µs interval. Hits are exact; try a bigger input or a smaller hotline.profile.samplingInterval.`,
    );
  } else if (!own || own.samples === 0) {
    void vscode.window.showWarningMessage(
      `Hotline: ${target.fn.name} ${own?.calls ? `ran ${own.calls.toLocaleString('en-US')} times but ` : ''}took none of the statement's ${lp.samples.toLocaleString('en-US')} samples: its time is too small to measure, or the statement does not call it.`,
    );
  }
  const textHash = contentHash(run.text);
  if (lp.samples > 0) {
    const label = qualifiedName(target.fn);
    void deps.history?.add({
      key: historyKey({ file, label, stmt: inputs.stmt, setup: inputs.setup }),
      label,
      file,
      stmt: inputs.stmt,
      setup: inputs.setup,
      contentHash: functionCodeHash(run.text, target.fn),
      when: Date.now(),
      kind: 'profile',
      profileSeconds: summary.totalMicros / 1e6,
    });
  }
  deps.onProfile?.(outcome, summary, report, { file, stmt: inputs.stmt, textHash });
  return outcome;
}
