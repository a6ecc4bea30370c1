// The first proposal for a function that has none remembered: `hotline propose` (the CLI, in a
// child Node.js like every run: it runs each candidate once), so the editor proposes exactly what
// the CLI prints — a statement and a setup that ran, from the project's tests, a JSDoc @example,
// defaults or types.
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import { qualifiedName } from '../core/source/functionSymbols';
import { cliBeside } from './cliChild';
import type { HotlineSettings } from './settings';
import type { Target } from './target';

export interface RunnableProposal {
  statement: string;
  setup: string;
  source: string;
  verified: boolean;
  note?: string;
}

const PROPOSE_TIMEOUT_MS = 60_000;

export function isProposal(v: unknown): v is RunnableProposal {
  const p = v as RunnableProposal;
  return !!p && typeof p.statement === 'string' && typeof p.setup === 'string' && typeof p.source === 'string';
}

/** A proposal that ran once, or undefined (cancelled, nothing ran, or the file is not saved). */
export async function runnableProposal(
  target: Target,
  settings: HotlineSettings,
  runnerPath: string,
  output: vscode.OutputChannel,
): Promise<RunnableProposal | undefined> {
  if (target.document.isUntitled || target.document.isDirty) return undefined;
  const name = qualifiedName(target.fn);
  return vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Hotline: finding a statement for ${name} that runs`,
      cancellable: true,
    },
    (_progress, token) =>
      new Promise<RunnableProposal | undefined>((resolve) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        execFile(
          settings.nodePath,
          [cliBeside(runnerPath), 'propose', target.document.uri.fsPath, name, '--json', '--node', settings.nodePath],
          { timeout: PROPOSE_TIMEOUT_MS, signal: controller.signal, encoding: 'utf8' },
          (error, stdout, stderr) => {
            if (error) {
              if (!controller.signal.aborted) output.appendLine(`propose ${name}: ${error.message}\n${stderr}`);
              return resolve(undefined);
            }
            try {
              const parsed: unknown = JSON.parse(stdout);
              resolve(isProposal(parsed) && parsed.verified ? parsed : undefined);
            } catch {
              resolve(undefined);
            }
          },
        );
      }),
  );
}
