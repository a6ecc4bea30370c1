// The Timings panel: the selected timing (IPython line, histogram of its runs) and the comparison
// of every implementation timed this session (normalised table and log-scale bar chart).
import '@vscode-elements/elements/dist/vscode-button/index.js';
import './timings.css';
import { formatTime } from '../../src/core/format';
import type { TimingEntry } from '../../src/core/timeitTypes';
import { parseTimingsToWebview, type TimingsFromWebview } from '../../src/core/timingsMessages';
import { comparisonRows, histogram, logScaleBars } from '../../src/core/timingsReport';
import { h, svg, vscode } from '../shared/vscodeApi';

let entries: TimingEntry[] = [];
let selectedId: string | undefined;
const post = (m: TimingsFromWebview) => vscode.postMessage(m);
const app = document.getElementById('app')!;

window.addEventListener('message', (event) => {
  const message = parseTimingsToWebview(event.data);
  if (!message) {
    console.warn('Hotline timings: ignored a malformed message', event.data);
    return;
  }
  entries = message.entries;
  selectedId = message.selectedId ?? (entries.some((e) => e.id === selectedId) ? selectedId : entries.at(-1)?.id);
  render();
});

function button(id: string, label: string, icon: string, onClick: () => void, secondary = true): HTMLElement {
  const b = h('vscode-button', { id, icon, secondary });
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

function render(): void {
  app.replaceChildren();
  app.append(h('h1', {}, 'Timings'));
  if (entries.length === 0) {
    app.append(h('p', { class: 'empty' }, 'Nothing timed yet. Right-click inside a function and choose ', h('b', {}, 'Hotline: Time Function'), ', or click ⏱ Time above it.'));
    return;
  }
  app.append(h('div', { class: 'toolbar' },
    button('export-md', 'Export Markdown', 'markdown', () => post({ type: 'export', format: 'markdown' })),
    button('export-json', 'Export JSON', 'json', () => post({ type: 'export', format: 'json' })),
    button('clear', 'Clear', 'clear-all', () => post({ type: 'clear' })),
  ));
  const selected = entries.find((e) => e.id === selectedId) ?? entries[entries.length - 1];
  app.append(renderSelected(selected), renderComparison(selected.id));
}

function renderSelected(e: TimingEntry): HTMLElement {
  const r = e.result;
  const p = r.precision;
  const section = h('section', { 'aria-label': `Timing of ${e.label}` },
    h('h2', {}, `${e.label} `, h('span', { class: 'muted' }, `— ${e.stmt}`)),
    h('pre', { id: 'ipython-line' }, e.line),
  );
  if (e.warning) section.append(h('div', { class: 'warning', id: 'cache-warning' }, `⚠ ${e.warning}`));
  section.append(h('div', { class: 'stats' },
    h('span', {}, 'best ', h('b', {}, formatTime(r.best, p))),
    h('span', {}, 'worst ', h('b', {}, formatTime(r.worst, p))),
    h('span', {}, 'runs ', h('b', {}, String(r.repeat))),
    h('span', {}, 'loops/run ', h('b', {}, r.loops.toLocaleString('en-US'))),
    ...(r.async && r.awaitFloor !== undefined ? [h('span', {}, 'await floor ', h('b', {}, formatTime(r.awaitFloor, p)))] : []),
    ...(e.setup ? [h('span', { class: 'muted' }, `setup: ${e.setup}`)] : []),
  ));
  section.append(h('h2', {}, 'All runs ', h('span', { class: 'muted' }, '(time per loop)')), renderHistogram(r.timings, p));
  return section;
}

function renderHistogram(values: number[], precision: number): SVGElement {
  const bins = histogram(values);
  const width = 560, height = 170, left = 34, bottom = 34, top = 8, right = 12;
  const maxCount = Math.max(...bins.map((b) => b.count));
  const plotW = width - left - right, plotH = height - top - bottom;
  const chart = svg('svg', { id: 'histogram', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': `Histogram of ${values.length} runs` });
  chart.append(svg('line', { class: 'axis', x1: left, y1: top + plotH, x2: left + plotW, y2: top + plotH }));
  chart.append(svg('line', { class: 'axis', x1: left, y1: top, x2: left, y2: top + plotH }));
  const barW = plotW / bins.length;
  bins.forEach((b, i) => {
    const barH = maxCount ? (b.count / maxCount) * plotH : 0;
    const rect = svg('rect', { x: left + i * barW + 1, y: top + plotH - barH, width: Math.max(1, barW - 2), height: barH });
    rect.append(svg('title', {}, `${formatTime(b.from, precision)} – ${formatTime(b.to, precision)}: ${b.count} run${b.count === 1 ? '' : 's'}`));
    chart.append(rect);
  });
  for (const count of [0, maxCount]) chart.append(svg('text', { x: left - 6, y: top + plotH - (count / maxCount) * plotH + 4, 'text-anchor': 'end' }, String(count)));
  const first = bins[0], last = bins[bins.length - 1];
  chart.append(svg('text', { x: left, y: height - 14, 'text-anchor': 'start' }, formatTime(first.from, precision)));
  chart.append(svg('text', { x: left + plotW, y: height - 14, 'text-anchor': 'end' }, formatTime(last.to, precision)));
  chart.append(svg('text', { x: left + plotW / 2, y: height - 2, 'text-anchor': 'middle', class: 'muted' }, 'time per loop'));
  return chart;
}

function renderComparison(selected: string): HTMLElement {
  const rows = comparisonRows(entries);
  const table = h('table', { id: 'timings-table', 'aria-label': 'Comparison of timed implementations' },
    h('thead', {}, h('tr', {},
      h('th', {}, 'implementation'), h('th', { class: 'num' }, 'mean ± std. dev.'),
      h('th', { class: 'num' }, 'loops × runs'), h('th', { class: 'num' }, 'speed'), h('th', { 'aria-label': 'remove' }, ''))));
  const body = h('tbody');
  for (const r of rows) {
    const remove = h('button', { class: 'remove codicon codicon-close', title: `Remove ${r.label}`, 'aria-label': `Remove ${r.label}` });
    remove.addEventListener('click', (ev) => { ev.stopPropagation(); post({ type: 'remove', id: r.id }); });
    const tr = h('tr', { class: `timing-row${r.id === selected ? ' selected' : ''}`, 'data-id': r.id, tabindex: 0, 'aria-selected': r.id === selected ? 'true' : 'false' },
      h('td', { title: `${r.stmt}\n${r.file}` }, h('div', { class: 'label' }, r.label), h('div', { class: 'stmt' }, r.stmt)),
      h('td', { class: 'num mean', title: `best ${r.best}` }, `${r.mean} ± ${r.stdev}`),
      h('td', { class: 'num loops' }, r.loopsAndRuns), h('td', { class: 'num speed' }, r.speed), h('td', {}, remove));
    const select = () => { selectedId = r.id; post({ type: 'select', id: r.id }); render(); };
    tr.addEventListener('click', select);
    tr.addEventListener('dblclick', () => post({ type: 'openSource', id: r.id }));
    tr.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); select(); } });
    body.append(tr);
  }
  table.append(body);
  return h('section', {}, h('h2', {}, 'Comparison ', h('span', { class: 'muted' }, '(speed normalised to the slowest)')), h('div', { class: 'table-wrap' }, table),
    h('h2', {}, 'Mean time per loop ', h('span', { class: 'muted' }, '(log scale)')), h('div', { class: 'chart-wrap' }, renderBars(rows, selected)));
}

function renderBars(rows: ReturnType<typeof comparisonRows>, selected: string): SVGElement {
  const { lengths, decadeFrom, decadeTo } = logScaleBars(rows.map((r) => r.average));
  const labelW = 130, valueW = 90, rowH = 24, top = 6, axisH = 22, plotW = 420;
  const width = labelW + plotW + valueW, height = top + rows.length * rowH + axisH;
  const chart = svg('svg', { id: 'bar-chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'Mean time per loop, log scale' });
  for (let d = decadeFrom; d <= decadeTo; d++) {
    const x = labelW + ((d - decadeFrom) / (decadeTo - decadeFrom)) * plotW;
    chart.append(svg('line', { class: 'grid', x1: x, y1: top, x2: x, y2: top + rows.length * rowH }));
    chart.append(svg('text', { x, y: height - 6, 'text-anchor': 'middle' }, formatTime(10 ** d)));
  }
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    chart.append(svg('text', { x: labelW - 8, y: y + rowH / 2 + 4, 'text-anchor': 'end' }, r.label));
    const rect = svg('rect', { x: labelW, y: y + 4, width: Math.max(2, lengths[i] * plotW), height: rowH - 8, rx: 2, class: `${i === 0 ? 'fastest' : ''}${r.id === selected ? ' selected' : ''}` });
    rect.append(svg('title', {}, `${r.label}: ${r.mean} ± ${r.stdev} (${r.speed})`));
    chart.append(rect);
    chart.append(svg('text', { x: labelW + Math.max(2, lengths[i] * plotW) + 6, y: y + rowH / 2 + 4 }, r.mean));
  });
  return chart;
}

post({ type: 'ready' });
