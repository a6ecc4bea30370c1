// Hotline: Profile Run… — pick a package.json script, the current file or the current test file
// (or type a command), run it with every Node process sampled, then: heat on every file as it is
// opened, the Hot Spots view, the whole run's flame panel, and the report in the Output channel.
// The run and the reading of V8's logs happen in a child (`hotline run --json`, dist/cli.js), never
// in the extension host.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { parsePackageJson, runChoices, splitCommandLine, testNameAt, type RunChoice } from '../core/run/runChoices';
import { runHotLineViews } from '../core/run/runHotLines';
import { bySelf, type WholeRunReport } from '../core/run/runReport';
import { fileLineReader, runReportText } from '../core/run/runText';
import { splitLines } from '../core/source/sourceLines';
import { cliBeside, runCliJson } from './cliChild';
import { CpuProfileEditorProvider } from './flamePanel';
import type { Hotline } from './hotline';
import { HOT_SPOTS_VIEW } from './hotSpots';
import { runWithProgress } from './runWithProgress';
import { readSettings } from './settings';
import { ensureTrusted } from './trust';

interface RunJson extends WholeRunReport {
  command: string[];
  exitCode: number;
  stoppedBy: string | null;
  notes: string[];
}

/** A whole run lasts longer than a function's: at least ten minutes, or the timeout setting if longer. */
const MIN_RUN_TIMEOUT_S = 600;

function projectFolder(): vscode.WorkspaceFolder | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  return (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
}

async function pickCommand(folder: vscode.WorkspaceFolder): Promise<RunChoice | undefined> {
  const pkgFile = path.join(folder.uri.fsPath, 'package.json');
  const pkg = parsePackageJson(fs.existsSync(pkgFile) ? fs.readFileSync(pkgFile, 'utf8') : undefined);
  const active = vscode.window.activeTextEditor?.document.uri;
  const relative =
    active?.scheme === 'file' && active.fsPath.startsWith(folder.uri.fsPath + path.sep)
      ? path.relative(folder.uri.fsPath, active.fsPath).split(path.sep).join('/')
      : undefined;
  const typed = { label: '$(terminal) Enter a command…', detail: 'e.g. node server.js --port 3000', command: [] };
  const editor = vscode.window.activeTextEditor;
  const testName =
    editor && relative ? testNameAt(splitLines(editor.document.getText()), editor.selection.active.line) : undefined;
  const picked = await vscode.window.showQuickPick([...runChoices(pkg, relative, testName), typed], {
    title: 'Hotline: Profile Run — every Node.js process of the command is sampled',
    placeHolder: 'What to run (in the project folder)',
    matchOnDetail: true,
  });
  if (!picked || picked !== typed) return picked;
  const text = await vscode.window.showInputBox({
    title: 'Hotline: Profile Run',
    prompt: 'The command to run in the project folder, as in a terminal',
    placeHolder: 'npm test',
    validateInput: (v) => (splitCommandLine(v).length ? undefined : 'Type a command, e.g. npm test'),
  });
  const command = text ? splitCommandLine(text) : [];
  return command.length ? { label: text!, detail: text!, command } : undefined;
}

export async function profileRun(h: Hotline, given?: unknown): Promise<void> {
  if (!ensureTrusted('Profile Run')) return;
  const folder = projectFolder();
  if (!folder) {
    void vscode.window.showErrorMessage('Hotline: Profile Run needs a folder: open the project folder first.');
    return;
  }
  const choice =
    Array.isArray(given) && given.every((w) => typeof w === 'string') && given.length
      ? { label: given.join(' '), detail: '', command: given as string[] }
      : await pickCommand(folder);
  if (!choice) return;
  const settings = readSettings(folder.uri);
  await vscode.workspace.fs.createDirectory(h.storage);
  const profileFile = path.join(h.storage.fsPath, 'last-run.cpuprofile');
  const args = [
    cliBeside(h.runnerPath),
    'run',
    '--json',
    '-o',
    profileFile,
    '--interval',
    String(settings.samplingIntervalMicros),
    '--timeout',
    String(Math.max(MIN_RUN_TIMEOUT_S, settings.timeoutMs / 1000)),
    ...(settings.nodePath !== 'node' ? ['--node', settings.nodePath] : []),
    '--',
    ...choice.command,
  ];
  h.output.appendLine(`\n▶ Profile Run: ${choice.command.join(' ')}  (in ${folder.uri.fsPath})`);
  const result = await runWithProgress(h.queue, `Profile Run: ${choice.command.join(' ')}`, (signal, report) =>
    runCliJson<RunJson>(settings.nodePath, args, folder.uri.fsPath, signal, report, (text) => h.output.append(text)),
  );
  if (result === 'cancelled' || !result) {
    if (result === 'cancelled') h.output.appendLine('Profile Run cancelled.');
    return;
  }
  if (!result.json || !isRunJson(result.json)) {
    h.output.show(true);
    void vscode.window.showErrorMessage(
      `Hotline: Profile Run failed: ${result.error ?? 'a malformed report'}`,
      'Show Output',
    );
    return;
  }
  h.hotSpots.lastCommand = { command: choice.command, cwd: folder.uri.fsPath };
  await showRun(h, result.json, folder.uri.fsPath, profileFile);
}

/** The CLI's report, checked before it is shown (a malformed one is said, never drawn). */
function isRunJson(v: unknown): v is RunJson {
  const r = v as RunJson;
  const rows = (a: unknown) =>
    Array.isArray(a) &&
    a.every((x: { file?: unknown; line?: unknown; selfMs?: unknown; totalMs?: unknown }) =>
      [typeof x.file, typeof x.line, typeof x.selfMs, typeof x.totalMs].every(
        (t, i) => t === (i ? 'number' : 'string'),
      ),
    );
  return !!r && Array.isArray(r.processes) && rows(r.lines) && rows(r.functions) && Array.isArray(r.notes);
}

async function showRun(h: Hotline, report: RunJson, cwd: string, profileFile: string): Promise<void> {
  h.hotLines.show();
  // The last run's heat goes first: a file this run did not touch must not keep the old figures.
  for (const uri of h.hotSpots.heatFiles.splice(0)) h.hotLines.clear(uri);
  for (const file of new Set(report.lines.filter((l) => l.origin !== 'node').map((l) => l.file))) {
    const views = runHotLineViews(report, file);
    if (!views.length) continue;
    h.hotLines.set(vscode.Uri.file(file), views);
    h.hotSpots.heatFiles.push(vscode.Uri.file(file));
  }
  h.hotSpots.show(report, cwd);
  h.output.appendLine(runReportText(report, { cwd, lineText: fileLineReader() }));
  for (const note of report.notes) h.output.appendLine(`note: ${note}`);
  const ended = report.stoppedBy ? `stopped (${report.stoppedBy})` : `exited with code ${report.exitCode}`;
  h.output.appendLine(`The command ${ended}.`);
  await vscode.commands.executeCommand(`${HOT_SPOTS_VIEW}.focus`);
  if (fs.existsSync(profileFile))
    await vscode.commands.executeCommand(
      'vscode.openWith',
      vscode.Uri.file(profileFile),
      CpuProfileEditorProvider.viewType,
      { preview: false, viewColumn: vscode.ViewColumn.Beside },
    );
  const mine = bySelf(report.lines.filter((l) => l.origin === 'mine'))[0];
  void vscode.window.setStatusBarMessage(
    `Hotline: whole run sampled — ${report.processes.length} thread(s), ${(report.totalMs / 1000).toFixed(2)} s busy${mine ? `; hottest line of yours: ${path.basename(mine.file)}:${mine.line}` : ''}`,
    10_000,
  );
}
