import * as vscode from 'vscode';
import { functionsIn } from './functionLocator';
import { readSettings } from './settings';

/** "⏱ Time" and "🔥 Profile" above each function, only where Hotline may run code. */
export class HotlineCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  /** Whether the last whole run (Profile Run…) ran the function declared on these 1-based lines (its start to its name): it then gets a lens to time it on the run’s inputs. */
  ranInLastRun: (file: string, startLine: number, endLine: number) => boolean = () => false;

  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!vscode.workspace.isTrusted || !readSettings(document.uri).codeLensEnabled) return [];
    const functions = await functionsIn(document, 4000);
    return functions.flatMap((fn) => {
      const range = new vscode.Range(fn.nameLine, 0, fn.nameLine, 0);
      const args = [document.uri, fn.nameLine];
      return [
        new vscode.CodeLens(range, {
          title: '⏱ Time',
          tooltip: `Time ${fn.name} (IPython %timeit)`,
          command: 'hotline.timeFunction',
          arguments: args,
        }),
        new vscode.CodeLens(range, {
          title: '🔥 Profile',
          tooltip: `Profile ${fn.name} line by line`,
          command: 'hotline.profileFunction',
          arguments: args,
        }),
        new vscode.CodeLens(range, {
          title: '🔎 Explain',
          tooltip: `Why is ${fn.name} slow? V8's deopts, inline caches and tiers on its lines`,
          command: 'hotline.explainFunction',
          arguments: args,
        }),
        ...(document.uri.scheme === 'file' && this.ranInLastRun(document.uri.fsPath, fn.startLine + 1, fn.nameLine + 1)
          ? [
              new vscode.CodeLens(range, {
                title: '⏱ on the run’s inputs',
                tooltip: `Time ${fn.name} on the arguments the last Profile Run passed it (its command runs again to capture them)`,
                command: 'hotline.timeWithRunInputs',
                arguments: [{ row: { file: document.uri.fsPath, line: fn.nameLine + 1 } }],
              }),
            ]
          : []),
      ];
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
