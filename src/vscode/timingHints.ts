import * as vscode from 'vscode';
import { LineAnnotations } from './lineAnnotations';

export interface TimingHint {
  line: number;
  /** e.g. `⏱ 21.3 ms ± 396 µs` */
  text: string;
  /** Full IPython line for the hover. */
  detail: string;
}

/** The `⏱ 21.3 ms ± 0.4 ms` hint after a timed function's first line. */
export class TimingHints extends LineAnnotations<TimingHint> {
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });

  protected render(editor: vscode.TextEditor, items: readonly TimingHint[]): void {
    editor.setDecorations(
      this.decoration,
      items
        .filter((h) => h.line < editor.document.lineCount)
        .map((h) => {
          const end = editor.document.lineAt(h.line).range.end;
          const hover = new vscode.MarkdownString()
            .appendMarkdown('**Hotline timing**\n\n')
            .appendCodeblock(h.detail, 'text');
          return {
            range: new vscode.Range(end, end),
            hoverMessage: hover,
            renderOptions: {
              after: {
                contentText: h.text,
                color: new vscode.ThemeColor('hotline.timingHintForeground'),
                margin: '0 0 0 2em',
                fontStyle: 'italic',
              },
            },
          };
        }),
    );
  }

  /** One hint per function: a new timing of the same line replaces the old one. */
  upsert(uri: vscode.Uri, hint: TimingHint): void {
    this.set(uri, [...this.get(uri).filter((h) => h.line !== hint.line), hint]);
  }

  override dispose(): void {
    super.dispose();
    this.decoration.dispose();
  }
}
