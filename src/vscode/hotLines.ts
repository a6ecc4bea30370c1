import * as vscode from 'vscode';
import { HEAT_LEVELS } from '../core/lines/heat';
import { DRILL_DOWN_COMMANDS } from '../core/run/runHotLines';
import { SWITCH_HEAT_COMMAND } from '../core/memory/memoryHeat';
import { LineAnnotations } from './lineAnnotations';

export interface HotLine {
  line: number;
  /** 1..HEAT_LEVELS (0 = no background, still gets its figure). */
  level: number;
  /** Short figure shown at the end of the line, e.g. `85.7% · 10,220 hits`. */
  figure: string;
  /** Markdown for the hover: the line's figures expanded, like Cython's "+". */
  hover: string;
}

/** A heat kind's theme colours (package.json contributes.colors) and gutter bar fills. */
export interface HeatPalette {
  /** `hotline.heat` (time) or `hotline.memoryHeat`: levels 1..10 are `<prefix><level>`. */
  prefix: string;
  bar: string;
  figure: string;
  overviewRuler: string;
  /** Gutter icons are images and cannot take theme colours: one fill for dark themes, one with 3:1 on white. */
  gutterDark: string;
  gutterLight: string;
}

export const TIME_HEAT: HeatPalette = {
  prefix: 'hotline.heat',
  bar: 'hotline.heatBar',
  figure: 'hotline.heatGutterForeground',
  overviewRuler: 'hotline.heatOverviewRuler',
  gutterDark: '#E8A317',
  gutterLight: '#A87400',
};

/** Memory's heat: cyan to navy, never mistaken for time's yellow. */
export const MEMORY_HEAT: HeatPalette = {
  prefix: 'hotline.memoryHeat',
  bar: 'hotline.memoryHeatBar',
  figure: 'hotline.memoryHeatGutterForeground',
  overviewRuler: 'hotline.memoryHeatOverviewRuler',
  gutterDark: '#3AA0FF',
  gutterLight: '#0070B0',
};

/**
 * Cython-style hot lines: a whole-line background on a heat scale of theme colours, an overview
 * ruler mark and the line's figure. One decoration type per level, because a decoration type's
 * background is fixed; the figures vary per line through instance render options. One instance
 * per heat kind (time, memory); Switch Heat shows one or the other.
 */
export class HotLines extends LineAnnotations<HotLine> {
  // The fill stays pale (light) or dim (dark) so every token keeps 4.5:1 (7:1 in high contrast, where
  // there is no fill at all): the strong heat is in the left bar, wider when hotter, and the gutter.
  private readonly levels: vscode.TextEditorDecorationType[];
  private readonly figures = vscode.window.createTextEditorDecorationType({
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private visible: boolean;

  constructor(
    private readonly palette: HeatPalette = TIME_HEAT,
    visible = true,
  ) {
    super();
    this.visible = visible;
    this.levels = Array.from({ length: HEAT_LEVELS }, (_, i) =>
      vscode.window.createTextEditorDecorationType({
        isWholeLine: true,
        gutterIconPath: heatBar(i + 1, palette.gutterDark),
        light: { gutterIconPath: heatBar(i + 1, palette.gutterLight) },
        gutterIconSize: 'contain',
        backgroundColor: new vscode.ThemeColor(`${palette.prefix}${i + 1}`),
        borderStyle: 'none none none solid',
        borderWidth: `0 0 0 ${1 + Math.ceil((i + 1) / 2)}px`,
        borderColor: new vscode.ThemeColor(palette.bar),
        overviewRulerColor: new vscode.ThemeColor(palette.overviewRuler),
        overviewRulerLane: vscode.OverviewRulerLane.Right,
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      }),
    );
  }

  protected render(editor: vscode.TextEditor, items: readonly HotLine[]): void {
    const shown = this.visible ? items.filter((h) => h.line < editor.document.lineCount) : [];
    this.levels.forEach((type, i) =>
      editor.setDecorations(
        type,
        shown
          .filter((h) => h.level === i + 1)
          .map((h) => ({
            range: editor.document.lineAt(h.line).range,
            hoverMessage: markdown(h.hover),
          })),
      ),
    );
    editor.setDecorations(
      this.figures,
      shown.map((h) => {
        const end = editor.document.lineAt(h.line).range.end;
        return {
          range: new vscode.Range(end, end),
          renderOptions: {
            after: {
              contentText: h.figure,
              color: new vscode.ThemeColor(this.palette.figure),
              margin: '0 0 0 3em',
            },
          },
        };
      }),
    );
  }

  toggle(): boolean {
    this.visible = !this.visible;
    this.renderAll();
    return this.visible;
  }

  show(): void {
    this.visible = true;
  }

  hide(): void {
    this.visible = false;
    this.renderAll();
  }

  get shown(): boolean {
    return this.visible;
  }

  override dispose(): void {
    super.dispose();
    for (const t of this.levels) t.dispose();
    this.figures.dispose();
  }
}

/**
 * The gutter figure: a bar whose length is the heat level (gutter icons are images, so they cannot
 * take theme colours: one amber for dark themes, a darker one with 3:1 on white for light themes).
 */
function heatBar(level: number, fill: string): vscode.Uri {
  const width = Math.max(2, Math.round((level / HEAT_LEVELS) * 14));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16"><rect x="1" y="5" width="${width}" height="6" rx="1" fill="${fill}" fill-opacity="${(0.45 + (0.55 * level) / HEAT_LEVELS).toFixed(2)}"/></svg>`;
  return vscode.Uri.parse(`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`);
}

function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text);
  md.supportThemeIcons = true;
  // A whole run's hover links to these commands only (core/run/runHotLines.ts); a profiled line's to the other heat.
  md.isTrusted = { enabledCommands: [...DRILL_DOWN_COMMANDS, SWITCH_HEAT_COMMAND] };
  return md;
}
