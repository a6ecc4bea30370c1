import * as vscode from 'vscode';
import {
  functionAtLine,
  listFunctions,
  type LocatedFunction,
  type OutlineKind,
  type OutlineSymbol,
} from '../core/source/functionSymbols';

export const SUPPORTED_LANGUAGES = ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'];

function outlineKind(kind: vscode.SymbolKind): OutlineKind {
  switch (kind) {
    case vscode.SymbolKind.Function:
      return 'function';
    case vscode.SymbolKind.Method:
      return 'method';
    case vscode.SymbolKind.Constructor:
      return 'constructor';
    case vscode.SymbolKind.Class:
      return 'class';
    case vscode.SymbolKind.Variable:
    case vscode.SymbolKind.Constant:
      return 'variable';
    // TypeScript's outline: class fields, object properties, getters and setters are Properties.
    case vscode.SymbolKind.Field:
      return 'field';
    case vscode.SymbolKind.Property:
      return 'accessor';
    default:
      return 'other';
  }
}

function toOutline(symbols: vscode.DocumentSymbol[]): OutlineSymbol[] {
  return symbols.map((s) => ({
    name: s.name,
    kind: outlineKind(s.kind),
    startLine: s.range.start.line,
    endLine: s.range.end.line,
    nameLine: s.selectionRange.start.line,
    children: toOutline(s.children ?? []),
  }));
}

/**
 * Functions of a document from VS Code's document symbols (the language server's outline).
 * The TypeScript server answers nothing for a while after start-up, so retry briefly.
 */
export async function functionsIn(document: vscode.TextDocument, waitMs = 0): Promise<LocatedFunction[]> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
      'vscode.executeDocumentSymbolProvider',
      document.uri,
    );
    if (symbols && symbols.length > 0) {
      return listFunctions(
        toOutline(symbols.filter((s): s is vscode.DocumentSymbol => 'children' in s)),
        (line) => document.lineAt(line).text,
      );
    }
    if (Date.now() >= deadline) return [];
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function functionAt(document: vscode.TextDocument, line: number): Promise<LocatedFunction | undefined> {
  return functionAtLine(await functionsIn(document, 8000), line);
}

/** Text from the function's name line up to its body, for parameter names. */
export function declarationText(document: vscode.TextDocument, fn: LocatedFunction): string {
  const last = Math.min(fn.endLine, fn.nameLine + 10);
  return document.getText(new vscode.Range(fn.nameLine, 0, last, document.lineAt(last).text.length));
}
