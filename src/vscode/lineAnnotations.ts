import * as vscode from 'vscode';
import { shiftLines, type LineEdit } from '../core/lines/lineTracking';

/**
 * Line-anchored annotations per document that follow edits and survive editor switches:
 * the shared mechanism under the timing hints and the hot lines. Subclasses render.
 */
export abstract class LineAnnotations<T extends { line: number }> implements vscode.Disposable {
  protected readonly byDocument = new Map<string, T[]>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)),
      vscode.window.onDidChangeVisibleTextEditors(() => this.renderAll()),
    );
  }

  protected abstract render(editor: vscode.TextEditor, items: readonly T[]): void;

  set(uri: vscode.Uri, items: T[]): void {
    this.byDocument.set(uri.toString(), items);
    this.renderAll();
  }

  get(uri: vscode.Uri): readonly T[] {
    return this.byDocument.get(uri.toString()) ?? [];
  }

  clear(uri?: vscode.Uri): void {
    if (uri) this.byDocument.delete(uri.toString());
    else this.byDocument.clear();
    this.renderAll();
  }

  renderAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.render(editor, this.get(editor.document.uri));
  }

  private onEdit(e: vscode.TextDocumentChangeEvent): void {
    const key = e.document.uri.toString();
    const items = this.byDocument.get(key);
    if (!items?.length || e.contentChanges.length === 0) return;
    const edits: LineEdit[] = e.contentChanges.map((c) => ({
      startLine: c.range.start.line,
      endLine: c.range.end.line,
      insertedLineBreaks: (c.text.match(/\n/g) ?? []).length,
      insertsWholeLinesBefore: c.range.isEmpty && c.range.start.character === 0 && c.text.endsWith('\n'),
    }));
    this.byDocument.set(key, shiftLines(items, edits));
    this.renderAll();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
