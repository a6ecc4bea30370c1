// The Timings panel: the selected timing (IPython line, histogram of its runs, its history across
// edits) and the comparison of the implementations timed this session, grouped by their inputs,
// each against its group's baseline with a 95 % interval (table and log-scale bar chart).
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '../shared/base.css';
import './timings.css';
import {
  ALONE,
  comparisonGroups,
  groupOf,
  inputsKey,
  whyNotInterleaved,
  type ComparisonGroup,
} from '../../src/core/timing/comparisonGroups';
import { formatTime } from '../../src/core/timing/format';
import type { TimingEntry } from '../../src/core/timing/timeitTypes';
import {
  parseTimingsToWebview,
  type TimingsFromWebview,
  type TimingsToWebview,
} from '../../src/core/protocol/timingsMessages';
import { h, vscode } from '../shared/vscodeApi';
import { rememberClick } from '../shared/doubleClick';
import { drawBars, drawHistogram } from './charts';
import { historySection } from './history';

let state: TimingsToWebview = { type: 'entries', entries: [] };
let selectedId: string | undefined;
const post = (m: TimingsFromWebview) => vscode.postMessage(m);
const app = document.getElementById('app')!;

window.addEventListener('message', (event) => {
  const message = parseTimingsToWebview(event.data);
  if (!message) {
    console.warn('Hotline timings: ignored a malformed message', event.data);
    return;
  }
  state = message;
  const entries = message.entries;
  selectedId = message.selectedId ?? (entries.some((e) => e.id === selectedId) ? selectedId : entries.at(-1)?.id);
  render();
});

function button(id: string, label: string, icon: string, onClick: () => void, secondary = true): HTMLElement {
  const b = h('vscode-button', { id, icon, secondary });
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

/** Charts drawn at their container's width; redrawn when the panel is resized. */
const charts: { host: HTMLElement; draw: (width: number) => SVGElement }[] = [];
function chart(host: HTMLElement, draw: (width: number) => SVGElement): HTMLElement {
  charts.push({ host, draw });
  return host;
}
function drawCharts(): void {
  for (const c of charts) c.host.replaceChildren(c.draw(Math.floor(c.host.clientWidth) || 480));
}
let lastWidth = 0;
new ResizeObserver(() => {
  if (app.clientWidth === lastWidth) return;
  lastWidth = app.clientWidth;
  drawCharts();
}).observe(app);

function render(): void {
  charts.length = 0;
  app.replaceChildren(h('h1', {}, 'Timings'));
  const entries = state.entries;
  if (entries.length === 0) {
    app.append(
      h(
        'p',
        { class: 'empty' },
        'Nothing timed yet. Right-click inside a function and choose ',
        h('b', {}, 'Hotline: Time Function'),
        ', or click ⏱ Time above it.',
      ),
    );
    return;
  }
  app.append(
    h(
      'div',
      { class: 'toolbar' },
      button('export-md', 'Export Markdown', 'markdown', () => post({ type: 'export', format: 'markdown' })),
      button('export-json', 'Export JSON', 'json', () => post({ type: 'export', format: 'json' })),
      button('clear', 'Clear', 'clear-all', () => post({ type: 'clear' })),
    ),
  );
  const selected = entries.find((e) => e.id === selectedId) ?? entries[entries.length - 1];
  const groups = comparisonGroups(entries, state.baselines);
  app.append(
    renderSelected(selected, groups),
    renderComparison(groups, selected.id),
    historySection(state.history ?? [], state.historyEnabled ?? true, selected, post),
  );
  drawCharts();
}

function renderSelected(e: TimingEntry, groups: ComparisonGroup[]): HTMLElement {
  const r = e.result;
  const p = r.precision;
  const section = h(
    'section',
    { 'aria-label': `Timing of ${e.label}` },
    h('h2', {}, `${e.label} `, h('span', { class: 'muted' }, `— ${e.stmt}`)),
    h('pre', { id: 'ipython-line' }, e.line),
  );
  if (e.warning) section.append(h('div', { class: 'warning', id: 'cache-warning' }, `⚠ ${e.warning}`));
  section.append(
    h(
      'div',
      { class: 'stats' },
      h('span', {}, 'best ', h('b', {}, formatTime(r.best, p))),
      h('span', {}, 'worst ', h('b', {}, formatTime(r.worst, p))),
      h('span', {}, 'runs ', h('b', {}, String(r.repeat))),
      h('span', {}, 'loops/run ', h('b', {}, r.loops.toLocaleString('en-US'))),
      ...(r.async && r.awaitFloor !== undefined
        ? [h('span', {}, 'await floor ', h('b', {}, formatTime(r.awaitFloor, p)))]
        : []),
      ...(e.setup ? [h('span', { class: 'muted' }, `setup: ${e.setup}`)] : []),
    ),
  );
  section.append(groupControls(e, groups));
  section.append(
    h('h2', {}, 'All runs ', h('span', { class: 'muted' }, '(time per loop)')),
    chart(h('div', { class: 'chart-wrap', id: 'histogram-wrap' }), (width) => drawHistogram(r.timings, p, width)),
  );
  return section;
}

/** "Compare with": the entry's group (default: same inputs), and making it its group's baseline. */
function groupControls(e: TimingEntry, groups: ComparisonGroup[]): HTMLElement {
  const current = groupOf(e);
  const select = h('select', { id: 'group-select', 'aria-label': `Compare ${e.label} with` });
  const option = (value: string, text: string) => h('option', { value, selected: value === current }, text);
  select.append(option(inputsKey(e), 'implementations run on the same inputs (default)'));
  for (const g of groups)
    if (g.key !== ALONE && g.key !== inputsKey(e)) select.append(option(g.key, `the group: ${g.title}`));
  select.append(option(ALONE, 'nothing (list it without a ratio)'));
  select.addEventListener('change', () =>
    post({ type: 'regroup', id: e.id, group: select.value === inputsKey(e) ? null : select.value }),
  );
  const controls = h('div', { class: 'group-controls' }, h('label', { for: 'group-select' }, 'Compare with '), select);
  const group = groups.find((g) => g.rows.some((r) => r.id === e.id));
  if (group?.baselineId && group.baselineId !== e.id)
    controls.append(button('make-baseline', 'Use as Baseline', 'pin', () => post({ type: 'baseline', id: e.id })));
  return controls;
}

function renderComparison(groups: ComparisonGroup[], selected: string): HTMLElement {
  const table = h(
    'table',
    { id: 'timings-table', 'aria-label': 'Comparison of timed implementations' },
    h('colgroup', {}, h('col', { class: 'impl' }), h('col'), h('col'), h('col', { class: 'remove-col' })),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { class: 'impl-head' }, h('div', {}, 'implementation')),
        h('th', { class: 'num' }, 'mean ± std. dev.'),
        h('th', { class: 'num' }, 'vs baseline (95 % CI)'),
        h('th', { 'aria-label': 'remove' }, ''),
      ),
    ),
  );
  for (const g of groups) {
    const body = h('tbody', { class: 'group', 'data-group': g.key });
    const baseline = g.rows.find((r) => r.isBaseline);
    const header = h(
      'th',
      { colspan: 4, scope: 'rowgroup' },
      g.title,
      ...(baseline ? [h('span', { class: 'muted' }, ` · baseline ${baseline.label}`)] : []),
    );
    const members = state.entries.filter((e) => groupOf(e) === g.key);
    if (g.baselineId && !whyNotInterleaved(members)) {
      const retime = button(`retime-${groups.indexOf(g)}`, 'Re-time Interleaved', 'sync', () =>
        post({ type: 'retimeGroup', group: g.key }),
      );
      retime.classList.add('retime');
      retime.title =
        'Time these again in one process, their runs interleaved (A B, B A, …), so drift of the machine falls on all alike';
      header.append(retime);
    }
    body.append(h('tr', { class: 'group-row' }, header));
    for (const r of g.rows) body.append(comparisonRow(r, r.id === selected));
    table.append(body);
  }
  return h(
    'section',
    {},
    h('h2', {}, 'Comparison ', h('span', { class: 'muted' }, '(alternatives on the same inputs, against a baseline)')),
    h('div', { class: 'table-wrap' }, table),
    h('h2', {}, 'Mean time per loop ', h('span', { class: 'muted' }, '(log scale, 95 % intervals)')),
    chart(h('div', { class: 'chart-wrap', id: 'bar-chart-wrap' }), (width) => drawBars(groups, selected, width)),
  );
}

function comparisonRow(r: ComparisonGroup['rows'][number], isSelected: boolean): HTMLElement {
  const remove = h('button', {
    class: 'remove codicon codicon-close',
    title: `Remove ${r.label}`,
    'aria-label': `Remove ${r.label}`,
  });
  remove.addEventListener('click', (ev) => {
    ev.stopPropagation();
    post({ type: 'remove', id: r.id });
  });
  const verdictClass = !r.ratio ? '' : !r.ratio.significant ? ' tie' : r.ratio.ratio >= 1 ? ' faster' : ' slower';
  const tr = h(
    'tr',
    {
      class: `timing-row${isSelected ? ' selected' : ''}`,
      'data-id': r.id,
      tabindex: 0,
      'aria-selected': isSelected ? 'true' : 'false',
    },
    h(
      'td',
      { class: 'impl', title: `${r.stmt}\n${r.file}` },
      h('div', { class: 'label' }, r.label),
      h('div', { class: 'stmt' }, r.stmt),
    ),
    h(
      'td',
      { class: 'num mean', title: `best ${r.best} · ${r.loopsAndRuns} loops × runs` },
      h('div', {}, r.mean),
      h('div', { class: 'muted' }, `± ${r.stdev}`),
      ...(r.memory ? [h('div', { class: 'muted memory', title: 'bytes allocated per loop (memit)' }, r.memory)] : []),
    ),
    h(
      'td',
      { class: `num speed${verdictClass}`, title: r.verdict ?? r.interval },
      h('div', { class: 'ratio' }, r.speed),
      h('div', { class: 'interval muted' }, r.interval),
      ...(r.memoryVersus ? [h('div', { class: 'muted memory' }, r.memoryVersus)] : []),
    ),
    h('td', { class: 'remove-cell' }, remove),
  );
  const select = () => {
    selectedId = r.id;
    post({ type: 'select', id: r.id });
  };
  tr.addEventListener('click', (e) => {
    if (e.detail > 1) return; // selected by the first click already
    // Selecting redraws the details above the table, which can move this row from under the pointer.
    rememberClick(e, () => post({ type: 'openSource', id: r.id }));
    select();
  });
  tr.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      select();
    }
  });
  return tr;
}

post({ type: 'ready' });
