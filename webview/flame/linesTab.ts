// The Lines tab: line_profiler's table of the profiled function, in place of the chart, each row
// tinted by its share of the function's time (text colour chosen for contrast on the tint).
import { heatColor, mix, parseColor, readableBlock, toHex } from '../../src/core/flame/colorContrast';
import { h } from '../shared/vscodeApi';
import { css } from './canvas';
import { isHighContrast } from './colors';
import { post, state } from './state';

/** Where "% Time" sits in line_profiler's fixed-width rows (widths 6/9/12/8/8, one space apart). */
const PERCENT_COLUMN: [number, number] = [38, 47];

let report: HTMLElement;

export function createLinesTab(): HTMLElement {
  report = h('div', { id: 'line-report', hidden: true });
  renderLines();
  return report;
}

export function renderLines(): void {
  if (!report) return;
  const text = state.report ?? '';
  const background = parseColor(css('--vscode-editor-background', '#1e1e1e')) ?? [30, 30, 30];
  const pre = h('pre', {});
  let inTable = false;
  for (const line of text.split('\n')) {
    const row = h('div', { class: 'report-line' }, line || ' ');
    if (/^=+$/.test(line)) inTable = true;
    else if (!line.trim()) inTable = false; // the notes under the table
    const percent = inTable ? Number(line.slice(...PERCENT_COLUMN).trim()) : NaN;
    const titles: string[] = [];
    if (percent > 0) {
      const tint = mix(heatColor(percent / 100), background, 0.25 + 0.6 * Math.min(1, percent / 50));
      const block = readableBlock(tint, isHighContrast() ? 7 : 4.5);
      row.style.background = toHex(block.fill);
      row.style.color = toHex(block.text);
      titles.push(`${percent}% of this function's time`);
    }
    const lineNumber = inTable ? Number(/^\s*(\d+)\s/.exec(line)?.[1]) : NaN;
    if (lineNumber >= 1) {
      row.dataset.line = String(lineNumber);
      row.classList.add('opens');
      titles.push(`double-click to open line ${lineNumber}`);
      row.addEventListener('dblclick', () => post({ type: 'openLine', line: lineNumber }));
    }
    if (titles.length) row.title = titles.join(' · ');
    pre.append(row);
  }
  report.replaceChildren(
    h(
      'p',
      { class: 'muted', id: 'line-report-note' },
      "% Time = % of function (line_profiler's figure); the editor's hot lines show % of the whole run.",
    ),
    pre,
  );
}
