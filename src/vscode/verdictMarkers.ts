import * as vscode from 'vscode';
import { VERDICT_KINDS, verdictMessage, type Verdict, type VerdictKind } from '../core/verdicts/verdicts';
import { LineAnnotations } from './lineAnnotations';

/** One line's V8 verdicts, drawn over the hot lines. */
export interface VerdictMark {
  line: number;
  verdicts: Verdict[];
}

const LABEL: Record<VerdictKind, string> = {
  deopt: '▼ deopt',
  megamorphic: '◆ megamorphic',
  polymorphic: '◇ polymorphic',
  'elements kind': '▲ elements kind',
  'out of bounds': '⊘ out of bounds',
  'dictionary mode': '▣ dictionary mode',
  'not optimised': '○ not optimised',
};
const COLOR: Record<VerdictKind, string> = {
  deopt: 'hotline.verdictDeopt',
  megamorphic: 'hotline.verdictMegamorphic',
  polymorphic: 'hotline.verdictPolymorphic',
  'elements kind': 'hotline.verdictElementsKind',
  'out of bounds': 'hotline.verdictOutOfBounds',
  'dictionary mode': 'hotline.verdictDictionary',
  'not optimised': 'hotline.verdictNotOptimised',
};

/** Marks a line's verdicts: the exact code underlined in the kind's colour, a label at the end of the line, a ruler mark. */
export class VerdictMarkers extends LineAnnotations<VerdictMark> {
  // A distinct symbol and colour per kind, so the kinds differ without colour too.
  private readonly underline = new Map(
    VERDICT_KINDS.map((kind) => [
      kind,
      vscode.window.createTextEditorDecorationType({
        borderStyle: 'none none dotted none',
        borderWidth: '0 0 2px 0',
        borderColor: new vscode.ThemeColor(COLOR[kind]),
        overviewRulerColor: new vscode.ThemeColor(COLOR[kind]),
        overviewRulerLane: vscode.OverviewRulerLane.Left,
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      }),
    ]),
  );
  private readonly labels = vscode.window.createTextEditorDecorationType({
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });

  protected render(editor: vscode.TextEditor, items: readonly VerdictMark[]): void {
    const doc = editor.document;
    const shown = items.filter((m) => m.line < doc.lineCount);
    for (const kind of VERDICT_KINDS) {
      editor.setDecorations(
        this.underline.get(kind)!,
        shown.flatMap((m) =>
          m.verdicts
            .filter((v) => v.kind === kind)
            .map((v) => ({
              range: codeRange(doc, m.line, v),
              hoverMessage: hover(m.verdicts),
            })),
        ),
      );
    }
    editor.setDecorations(
      this.labels,
      shown.map((m) => {
        const first = m.verdicts[0];
        const more = m.verdicts.length > 1 ? ` (+${m.verdicts.length - 1})` : '';
        const end = doc.lineAt(m.line).range.end;
        return {
          range: new vscode.Range(end, end),
          hoverMessage: hover(m.verdicts),
          renderOptions: {
            after: {
              contentText: `${LABEL[first.kind]} ×${first.count} · ${shortReason(first)}${first.phase === 'statement' ? '' : ` (${first.phase})`}${more}`,
              color: new vscode.ThemeColor(COLOR[first.kind]),
              margin: '0 0 0 2em',
            },
          },
        };
      }),
    );
  }

  override dispose(): void {
    super.dispose();
    for (const t of this.underline.values()) t.dispose();
    this.labels.dispose();
  }
}

/** Verdicts grouped by file and 0-based line, for set(). */
export function marksByFile(verdicts: readonly Verdict[]): Map<string, VerdictMark[]> {
  const files = new Map<string, Map<number, Verdict[]>>();
  for (const v of verdicts) {
    const lines = files.get(v.file) ?? new Map<number, Verdict[]>();
    files.set(v.file, lines);
    lines.set(v.line - 1, [...(lines.get(v.line - 1) ?? []), v]);
  }
  return new Map([...files].map(([file, lines]) => [file, [...lines].map(([line, vs]) => ({ line, verdicts: vs }))]));
}

function shortReason(v: Verdict): string {
  return v.reason.length > 48 ? `${v.reason.slice(0, 47)}…` : v.reason;
}

/** The code the verdict is about (its quoted `code`, found around its column), or the whole line. */
function codeRange(doc: vscode.TextDocument, line: number, v: Verdict): vscode.Range {
  const text = doc.lineAt(line).text;
  const code = v.code.replace(/…$/, '');
  const start = code ? text.lastIndexOf(code, Math.max(0, v.column - 1)) : -1;
  if (v.kind === 'not optimised' || start < 0) return doc.lineAt(line).range;
  return new vscode.Range(line, start, line, start + code.length);
}

function hover(verdicts: readonly Verdict[]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown("**🔎 Hotline — V8's verdict**\n\n");
  for (const v of verdicts) {
    md.appendMarkdown(`**${LABEL[v.kind]}** ×${v.count} — ${verdictMessage(v)}\n\n`);
    if (v.inlinedAt?.length)
      md.appendMarkdown(`_inlined at ${v.inlinedAt.map((p) => `\`${p.fn}\` line ${p.line}`).join(' ← ')}_\n\n`);
  }
  return md;
}
