import * as vscode from 'vscode';
import { hotLineViews } from '../core/hotLineModel';
import type { FunctionSummary } from '../core/lineProfile';
import { functionReport, lineMicros } from '../core/lineProfilerReport';
import { runProfile, type ProfileOutcome } from '../engine/profile';
import type { HotLines } from './hotLines';
import { executeRun, prepareRun, type RunDeps } from './runFlow';

export interface ProfileCommandDeps extends RunDeps {
  hotLines: HotLines;
  /** Called with the finished profile (the flame panel, saving as .cpuprofile). */
  onProfile?: (outcome: Extract<ProfileOutcome, { ok: true }>, title: string, report: string) => void;
}

/** "Hotline: Profile Function": line_profiler's table and Cython-style hot lines. */
export async function profileFunction(deps: ProfileCommandDeps, uri?: unknown, line?: unknown): Promise<ProfileOutcome | undefined> {
  const run = await prepareRun(deps, 'Profile', uri, line);
  if (!run) return undefined;
  const { target, settings, inputs, file } = run;
  const outcome = await executeRun(deps, run, '🔥', 'profiling', (signal, report) => runProfile({
    file, stmt: inputs.stmt, setup: inputs.setup, nodePath: settings.nodePath, runnerPath: deps.runnerPath,
    samplingIntervalMicros: settings.samplingIntervalMicros, exactAttribution: settings.exactAttribution,
    timeoutMs: settings.timeoutMs, signal, onProgress: report,
  }));
  if (!outcome) return undefined;
  const out = deps.output;
  const lp = outcome.lineProfile;
  // The report covers the function as the editor sees it (its symbol's lines).
  const own = lp.functions.find((f) => f.file === file && f.name === target.fn.name);
  const fnLines = lp.files.find((f) => f.file === file)?.lines.filter((l) => l.line >= target.fn.startLine + 1 && l.line <= target.fn.endLine + 1) ?? [];
  const summary: FunctionSummary = {
    name: target.fn.name, file, startLine: target.fn.nameLine + 1, endLine: target.fn.endLine + 1, calls: own?.calls ?? null, selfMicros: own?.selfMicros ?? 0,
    totalMicros: own?.totalMicros ?? fnLines.reduce((a, l) => a + lineMicros(l), 0),
  };
  const report = functionReport(lp, summary, target.document.getText().split('\n'), vscode.workspace.asRelativePath(target.document.uri));
  out.appendLine(report.split('\n').map((l) => `  ${l}`).join('\n'));
  out.appendLine(`  ${lp.samples.toLocaleString('en-US')} samples over ${lp.executions.toLocaleString('en-US')} executions (Time per execution); Hits exact from one execution · ${outcome.transpiler} · Node ${outcome.nodeVersion}${settings.exactAttribution ? ' · exact attribution (--no-use-osr --no-turbo-inlining): timings distorted' : ''}\n`);
  for (const note of outcome.notes) out.appendLine(`  note: ${note}`);
  deps.hotLines.show();
  for (const f of lp.files) {
    const views = hotLineViews(lp, f.file);
    if (views.length) deps.hotLines.set(vscode.Uri.file(f.file), views);
  }
  if (!lp.files.some((f) => f.file === file && f.lines.some((l) => lineMicros(l) > 0))) {
    void vscode.window.showWarningMessage(`Hotline: ${target.fn.name} got no samples: it ran ${lp.executions.toLocaleString('en-US')} times but too fast for a ${settings.samplingIntervalMicros} µs interval. Hits are exact; try a bigger input or a smaller hotline.profile.samplingInterval.`);
  }
  deps.onProfile?.(outcome, target.fn.name, report);
  return outcome;
}
