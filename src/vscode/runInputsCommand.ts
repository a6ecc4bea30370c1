// Time / Profile / Explain "with Inputs from the Run": on a function of the last whole run (a Hot
// Spots row, or the function under the cursor), the run's command again with the arguments of the
// function's first calls captured (`hotline capture --json`, in a child), then the usual command
// with those arguments proposed as its statement and setup. Where nothing could be kept (a callback
// argument…), it says which and offers the function's own proposal instead.
import path from 'node:path';
import * as vscode from 'vscode';
import type { CapturedCall } from '../core/run/capture';
import { qualifiedName } from '../core/source/functionSymbols';
import { cliBeside, runCliJson } from './cliChild';
import type { Hotline } from './hotline';
import type { RunnableProposal } from './proposal';
import { runWithProgress } from './runWithProgress';
import { readSettings } from './settings';
import { resolveTarget } from './target';
import { ensureTrusted } from './trust';

type Action = 'Time' | 'Profile' | 'Explain';

interface CaptureJson {
  function: { name: string; line: number };
  calls: CapturedCall[];
  proposal?: { statement: string; setup: string; call: CapturedCall };
}

/** A Hot Spots row (file and 1-based line), or the cursor. */
function placeOf(node: unknown): { uri: vscode.Uri; line: number } | undefined {
  const row = (node as { row?: { file?: unknown; line?: unknown } } | undefined)?.row;
  if (row && typeof row.file === 'string' && typeof row.line === 'number' && path.isAbsolute(row.file))
    return { uri: vscode.Uri.file(row.file), line: Math.max(0, row.line - 1) };
  const editor = vscode.window.activeTextEditor;
  return editor ? { uri: editor.document.uri, line: editor.selection.active.line } : undefined;
}

/** The usual command, with the captured inputs proposed (or its own proposal when `preset` is absent). */
const runAction = (action: Action, uri: vscode.Uri, line: number, preset?: RunnableProposal) =>
  vscode.commands.executeCommand(`hotline.${action.toLowerCase()}Function`, uri, line, preset);

export async function withRunInputs(h: Hotline, action: Action, node?: unknown): Promise<void> {
  if (!ensureTrusted(`${action} with Inputs from the Run`)) return;
  const last = h.hotSpots.lastCommand;
  if (!last) {
    void vscode.window.showInformationMessage(
      'Hotline: profile a run first (Hotline: Profile Run…): its command is re-run to capture the inputs.',
    );
    return;
  }
  const place = placeOf(node);
  const target = place && (await resolveTarget(place.uri, place.line));
  if (!place || !target) return;
  const name = qualifiedName(target.fn);
  const settings = readSettings(target.document.uri);
  const inputsDir = vscode.Uri.joinPath(h.storage, 'inputs', name.replace(/[^\w.-]/g, '_')).fsPath;
  const args = [
    cliBeside(h.runnerPath),
    'capture',
    '--json',
    '--inputs',
    inputsDir,
    target.document.uri.fsPath,
    name,
    '--',
    ...last.command,
  ];
  h.output.appendLine(`\n▶ capturing the arguments of ${name} while ${last.command.join(' ')} runs`);
  const result = await runWithProgress(h.queue, `Capturing the inputs of ${name}`, (signal, report) =>
    runCliJson<CaptureJson>(settings.nodePath, args, last.cwd, signal, report, (t) => h.output.append(t)),
  );
  if (result === 'cancelled') return;
  const captured = result.json;
  for (const c of captured?.calls ?? [])
    if (c.problems.length) h.output.appendLine(`  call ${c.index} (pid ${c.pid}): ${c.problems.join('; ')}`);
  if (!captured?.proposal) {
    const why = !captured
      ? (result.error ?? 'the capture failed')
      : captured.calls.length
        ? `no call could be kept whole: ${captured.calls[0].problems.join('; ')}`
        : `${name} was not called while the command ran`;
    const fallback = `${action} with a proposal of its own`;
    const choice = await vscode.window.showWarningMessage(`Hotline: ${why}.`, fallback, 'Show Output');
    if (choice === fallback) await runAction(action, target.document.uri, target.fn.startLine);
    else if (choice) h.output.show(true);
    return;
  }
  const { call } = captured.proposal;
  const lost = call.problems.length ? `; ${call.problems.join('; ')}` : '';
  h.output.appendLine(`  replaying call ${call.index} of pid ${call.pid}${lost}`);
  const preset: RunnableProposal = {
    statement: captured.proposal.statement,
    setup: captured.proposal.setup,
    source: 'run',
    verified: true,
    note: `call ${call.index} of ${captured.calls.length} captured from ${last.command.join(' ')}${lost}`,
  };
  await runAction(action, target.document.uri, target.fn.startLine, preset);
}
