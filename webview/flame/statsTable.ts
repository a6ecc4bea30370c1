// The pstats table, virtualised: only the rows in view are in the DOM.
import { filterStats, heaviestNodeOf, sortStats, type StatsColumn, type StatsRow } from '../../src/core/flameLayout';
import { h } from '../shared/vscodeApi';
import { setRoot } from './chart';
import { post, state, t } from './state';

const ROW_H = 22;
let viewport: HTMLElement;
let spacer: HTMLElement;
let visibleRows: StatsRow[] = [];

export function createStatsTable(): HTMLElement[] {
  const filter = h('vscode-textfield', { id: 'stats-filter', placeholder: 'Filter rows', 'aria-label': 'Filter the stats table' });
  filter.addEventListener('input', () => { state.filter = (filter as unknown as { value: string }).value; renderStats(); });
  viewport = h('div', { id: 'stats-viewport', role: 'rowgroup' });
  spacer = h('div', { id: 'stats-spacer' });
  viewport.append(spacer);
  viewport.addEventListener('scroll', () => renderStatsRows());
  const header = h('div', { class: 'stats-header', role: 'row' });
  const columns: [StatsColumn, string][] = [['ncalls', 'ncalls'], ['tottime', 'tottime'], ['tottimePercall', 'percall'], ['cumtime', 'cumtime'],
    ['cumtimePercall', 'percall'], ['location', 'filename:lineno(function)']];
  for (const [column, label] of columns) {
    const b = h('button', { 'data-column': column, role: 'columnheader' }, label);
    b.addEventListener('click', () => {
      state.sort = { column, descending: state.sort.column === column ? !state.sort.descending : column !== 'location' };
      renderStats();
    });
    header.append(b);
  }
  const unknownCalls = state.profile!.callCounts === null;
  return [
    h('div', { class: 'stats-head' }, h('b', {}, 'Stats'), filter,
      h('span', { class: 'muted' }, unknownCalls ? 'ncalls unknown: this profile has no coverage run' : 'ncalls exact (coverage run)')),
    h('div', { id: 'stats-table', role: 'table', 'aria-label': 'Per-function statistics' }, header, viewport),
  ];
}

export function renderStats(): void {
  visibleRows = sortStats(filterStats(state.rows, state.filter), state.sort.column, state.sort.descending);
  for (const b of document.querySelectorAll<HTMLElement>('.stats-header button')) {
    b.setAttribute('aria-sort', b.dataset.column === state.sort.column ? (state.sort.descending ? 'descending' : 'ascending') : 'none');
  }
  spacer.style.height = `${visibleRows.length * ROW_H}px`;
  renderStatsRows();
}

export function renderStatsRows(): void {
  const p = state.profile!;
  const first = Math.max(0, Math.floor(viewport.scrollTop / ROW_H) - 5);
  const last = Math.min(visibleRows.length, first + Math.ceil(viewport.clientHeight / ROW_H) + 10);
  const rootFunc = p.func[state.root];
  const cells: HTMLElement[] = [];
  for (let i = first; i < last; i++) {
    const r = visibleRows[i];
    const unknown = () => h('span', { class: 'unknown', title: 'unknown: no coverage run' }, '?');
    const row = h('div', { class: `stats-row${r.func === rootFunc ? ' selected' : ''}`, role: 'row', 'data-func': r.func, title: r.location },
      r.ncalls === null ? unknown() : h('span', {}, r.ncalls.toLocaleString('en-US')),
      h('span', {}, t(r.tottime)), r.tottimePercall === null ? unknown() : h('span', {}, t(r.tottimePercall)),
      h('span', {}, t(r.cumtime)), r.cumtimePercall === null ? unknown() : h('span', {}, t(r.cumtimePercall)),
      h('span', {}, r.location));
    row.style.top = `${i * ROW_H}px`;
    row.addEventListener('click', () => { const n = heaviestNodeOf(p, r.func); if (n >= 0) { state.baseRoot = n; setRoot(n); } });
    row.addEventListener('dblclick', () => post({ type: 'openSource', func: r.func }));
    cells.push(row);
  }
  spacer.replaceChildren(...cells);
}
