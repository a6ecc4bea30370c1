import * as vscode from 'vscode';
import { proposeStatement, qualifiedName, type LocatedFunction } from '../core/source/functionSymbols';
import { setupWithShared } from '../core/timing/sharedSetup';
import { declarationText, functionAt, SUPPORTED_LANGUAGES } from './functionLocator';

/** The function a Time/Profile command acts on, with what the input boxes propose. */
export interface Target {
  document: vscode.TextDocument;
  fn: LocatedFunction;
  defaultStatement: string;
  /** Why the proposal is not a plain call (a generator is consumed, a getter read). */
  proposalNote?: string;
  /** Key under which the user's last statement and setup for this function are remembered. */
  memoryKey: string;
}

/**
 * Resolves the function from a CodeLens (uri, line), a context-menu click (uri) or the cursor.
 * Says why when there is none, so a command never fails silently.
 */
export async function resolveTarget(uriArg?: unknown, lineArg?: unknown): Promise<Target | undefined> {
  const editor = vscode.window.activeTextEditor;
  const uri = uriArg instanceof vscode.Uri ? uriArg : editor?.document.uri;
  if (!uri) {
    void vscode.window.showWarningMessage(
      'Hotline: open a JavaScript or TypeScript file and put the cursor inside a function.',
    );
    return undefined;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  if (!SUPPORTED_LANGUAGES.includes(document.languageId)) {
    void vscode.window.showWarningMessage(
      `Hotline times and profiles JavaScript and TypeScript; ${vscode.workspace.asRelativePath(uri)} is ${document.languageId}.`,
    );
    return undefined;
  }
  const line =
    typeof lineArg === 'number'
      ? lineArg
      : editor && editor.document.uri.toString() === uri.toString()
        ? editor.selection.active.line
        : 0;
  const fn = await functionAt(document, line);
  if (!fn) {
    void vscode.window.showWarningMessage(
      `Hotline: line ${line + 1} of ${vscode.workspace.asRelativePath(uri)} is not inside a function. Put the cursor inside the function to time or profile.`,
    );
    return undefined;
  }
  const proposal = proposeStatement(fn, declarationText(document, fn));
  return {
    document,
    fn,
    defaultStatement: proposal.stmt,
    proposalNote: proposal.note,
    memoryKey: `hotline.inputs:${uri.toString()}#${qualifiedName(fn)}`,
  };
}

/** `Class.method` or `name`: how tables and the history name a function. */

export interface RunInputs {
  stmt: string;
  setup: string;
}

/**
 * Asks for the statement and the setup (IPython's `%timeit -s setup stmt`), proposing the last
 * ones used for this function, and remembers the answers in workspace state.
 */
export async function askInputs(
  target: Target,
  state: vscode.Memento,
  verb: string,
  proposal?: { statement: string; setup: string; source: string; note?: string },
): Promise<RunInputs | undefined> {
  // The arguments a run really passed were asked for by name: they come before what was typed last time.
  const remembered = proposal?.source === 'run' ? undefined : state.get<RunInputs>(target.memoryKey);
  const fromWhere: Record<string, string> = {
    test: "Proposed from a call in your project's tests (it ran).",
    example: 'Proposed from its JSDoc @example (it ran).',
    default: "Proposed with the parameters' defaults (it ran).",
    types: "Proposed with values built from the parameters' types, sized by N (it ran).",
    run: `The arguments the program really passed${proposal?.note ? ` (${proposal.note})` : ''}.`,
  };
  const proposed = !remembered && proposal ? `${fromWhere[proposal.source] ?? ''} ` : '';
  const file = vscode.workspace.asRelativePath(target.document.uri);
  // -n/-r/-p are timeit's: Profile and Explain accept and drop them, so only Time mentions them.
  const options = verb === 'Time' ? ' Options such as -n 100 -r 7 may come first.' : '';
  const stmt = await vscode.window.showInputBox({
    title: `Hotline: ${verb} ${target.fn.name} (1/2) — statement`,
    prompt: `${proposed}${target.proposalNote ? `${target.proposalNote} ` : ''}Evaluated in the scope of ${file}, like IPython's namespace.${options}`,
    value: remembered?.stmt ?? proposal?.statement ?? target.defaultStatement,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'A statement to run, e.g. ' + target.defaultStatement),
  });
  if (stmt === undefined) return undefined;
  const shared = state.get<string>(sharedSetupKey(target.document.uri)) ?? '';
  const setup = await vscode.window.showInputBox({
    title: `Hotline: ${verb} ${target.fn.name} (2/2) — setup (optional)`,
    prompt: `Runs before each run, in the same scope; its variables are visible to the statement. Shared by every Time, Profile and Explain of ${file}, like IPython's namespace: it is proposed for the file's other functions too (Hotline: Edit Shared Setup).`,
    placeHolder: 'e.g. const x = sawtooth(1024); const steps = 100',
    value: setupWithShared(shared, remembered?.setup ?? proposal?.setup ?? ''),
    ignoreFocusOut: true,
  });
  if (setup === undefined) return undefined;
  const inputs = { stmt: stmt.trim(), setup: setup.trim() };
  await state.update(target.memoryKey, inputs);
  await state.update(sharedSetupKey(target.document.uri), inputs.setup || undefined);
  return inputs;
}

/** Where a file's shared setup is kept (workspace state). */
export const sharedSetupKey = (uri: vscode.Uri): string => `hotline.setup:${uri.toString()}`;

/** "Hotline: Edit Shared Setup": the active file's shared setup, in one place. */
export async function editSharedSetup(state: vscode.Memento, uriArg?: unknown): Promise<void> {
  const uri = uriArg instanceof vscode.Uri ? uriArg : vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showWarningMessage(
      'Hotline: open the JavaScript or TypeScript file whose shared setup to edit.',
    );
    return;
  }
  const file = vscode.workspace.asRelativePath(uri);
  const setup = await vscode.window.showInputBox({
    title: `Hotline: shared setup of ${file}`,
    prompt: `Every Time, Profile and Explain of ${file} starts from it, like IPython's namespace (empty: none).`,
    placeHolder: 'e.g. const x = sawtooth(1024); const steps = 100',
    value: state.get<string>(sharedSetupKey(uri)) ?? '',
    ignoreFocusOut: true,
  });
  if (setup === undefined) return;
  await state.update(sharedSetupKey(uri), setup.trim() || undefined);
  void vscode.window.setStatusBarMessage(
    setup.trim() ? `Hotline: shared setup of ${file} saved` : `Hotline: ${file} has no shared setup`,
    4000,
  );
}
