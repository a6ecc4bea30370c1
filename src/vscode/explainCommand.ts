import * as vscode from 'vscode';
import { byPhase, NOTHING_FOUND, verdictLine, verdictMessage, type Explanation } from '../core/verdicts/verdicts';
import { runExplain } from '../engine/profile';
import { executeRun, prepareRun, type RunDeps } from './runFlow';
import { profileOptions } from './settings';
import { marksByFile, type VerdictMarkers } from './verdictMarkers';
import { qualifiedName } from '../core/source/functionSymbols';
import { functionCodeHash } from '../core/store/codeHash';
import { runKey } from '../core/store/runRecords';
import type { RunStore } from './runStore';

export interface ExplainCommandDeps extends RunDeps {
  verdicts: VerdictMarkers;
  /** Where the explain is recorded (with its verdict count), beside the timings and profiles. */
  runs?: RunStore;
  /** Called with the verdicts (kept for the annotated HTML export). */
  onExplanation?: (explanation: Explanation) => void;
}

/** "Hotline: Explain Function": V8's verdicts (deopts, inline caches, tiers) drawn on the lines. */
export async function explainFunction(
  deps: ExplainCommandDeps,
  uri?: unknown,
  line?: unknown,
): Promise<Explanation | undefined> {
  const run = await prepareRun(deps, 'Explain', uri, line);
  if (!run) return undefined;
  const { settings, inputs, file } = run;
  const outcome = await executeRun(deps, run, '🔎', 'explaining', (signal, report) =>
    runExplain({
      file,
      stmt: inputs.stmt,
      setup: inputs.setup,
      runnerPath: deps.runnerPath,
      ...profileOptions(settings),
      signal,
      onProgress: report,
    }),
  );
  if (!outcome) return undefined;
  showVerdicts(deps, outcome.explanation, run.documentUri);
  const count = outcome.explanation.verdicts.filter((v) => v.phase === 'statement').length;
  const apart = outcome.explanation.verdicts.length - count;
  const more = apart > 0 ? ` (and ${apart} from loading or the setup, listed apart)` : '';
  if (count === 0)
    void vscode.window.showInformationMessage(
      `Hotline: V8 found nothing to report for ${run.target.fn.name}: ${NOTHING_FOUND}${more}.`,
    );
  else
    void vscode.window.setStatusBarMessage(
      `Hotline: ${count} V8 verdict${count === 1 ? '' : 's'} on ${run.target.fn.name}${more}`,
      5000,
    );
  const label = qualifiedName(run.target.fn);
  void deps.runs?.add({
    kind: 'explain',
    key: runKey({ file, label, stmt: inputs.stmt, setup: inputs.setup }),
    label,
    file,
    stmt: inputs.stmt,
    setup: inputs.setup,
    contentHash: functionCodeHash(run.text, run.target.fn),
    when: Date.now(),
    verdictCount: count,
  });
  deps.onExplanation?.(outcome.explanation);
  return outcome.explanation;
}

/** Draws the verdicts in every file they are in and lists them in the Output channel. */
export function showVerdicts(
  deps: Pick<ExplainCommandDeps, 'verdicts' | 'output'>,
  explanation: Explanation,
  documentUri = (file: string) => vscode.Uri.file(file),
): void {
  deps.verdicts.clear();
  for (const [file, marks] of marksByFile(explanation.verdicts)) deps.verdicts.set(documentUri(file), marks);
  const out = deps.output;
  // The statement's findings first; what V8 logged while the module loaded or the setup ran, apart.
  for (const group of byPhase(explanation.verdicts)) {
    if (group.phase === 'statement')
      out.appendLine(
        group.verdicts.length === 0
          ? `  V8's verdicts on the statement: nothing to report (${NOTHING_FOUND})`
          : `  V8's verdicts on the statement (${group.verdicts.length}):`,
      );
    else if (group.verdicts.length > 0) out.appendLine(`  V8's verdicts ${group.heading} (${group.verdicts.length}):`);
    for (const v of group.verdicts) {
      out.appendLine(`    ${verdictLine(v, vscode.workspace.asRelativePath(v.file))}`);
      out.appendLine(`      ${verdictMessage(v)}`);
    }
  }
  out.appendLine('');
}
