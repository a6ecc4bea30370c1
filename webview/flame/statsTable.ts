// The pstats table, virtualised: only the rows in view are in the DOM. The location comes first so
// a narrow panel still shows it; every cell has its full text on hover. Without a coverage run (or
// for a function the run has no count for) ncalls and percall show "—", with the reason on hover.
import { isNodeInternal } from '../../src/core/flame/flameTree';
import {
  filterStats,
  heaviestNodeOf,
  internalsLast,
  sortStats,
  type StatsColumn,
  type StatsRow,
} from '../../src/core/flame/flameLayout';
import { h } from '../shared/vscodeApi';
import { rememberClick } from '../shared/doubleClick';
import { setRoot } from './chart';
import { openSource, showsBytes, state, t } from './state';

const ROW_H = 22;
let viewport: HTMLElement;
let spacer: HTMLElement;
let visibleRows: StatsRow[] = [];

const NO_COVERAGE = 'unknown: this profile has no coverage run (V8 samples do not count calls)';
const NO_COUNT = 'unknown: the coverage run has no count for this function';

/** What the header may claim about ncalls: exact only when every row has a count. */
function callsNote(): string {
  const executions = state.profile!.perExecution;
  if (showsBytes())
    return `bytes allocated per execution of the statement (averaged over ${(executions ?? 1).toLocaleString('en-US')}), garbage included (V8's sampling heap profiler on mprun's run, where each line of the profiled function is a frame of its own)`;
  const times = executions
    ? `per execution of the statement (times averaged over ${executions.toLocaleString('en-US')}; ncalls from one) · `
    : '';
  if (state.profile!.callCounts === null) return `${times}ncalls unknown: this profile has no coverage run`;
  if (state.rows.some((r) => r.ncalls === null)) return `${times}ncalls from the coverage run; — where it has no count`;
  return `${times}ncalls exact (coverage run)`;
}

export function createStatsTable(): HTMLElement[] {
  // Rows of the profile shown before (the Allocations view's are another function table) are gone
  // until renderStats sorts this one's.
  visibleRows = [];
  const filter = h('vscode-textfield', {
    id: 'stats-filter',
    placeholder: 'Filter rows',
    'aria-label': 'Filter the stats table',
  });
  filter.addEventListener('input', () => {
    state.filter = (filter as unknown as { value: string }).value;
    renderStats();
  });
  viewport = h('div', { id: 'stats-viewport', role: 'rowgroup' });
  spacer = h('div', { id: 'stats-spacer' });
  viewport.append(spacer);
  viewport.addEventListener('scroll', () => renderStatsRows());
  const header = h('div', { class: 'stats-header', role: 'row' });
  const columns: [StatsColumn, string, string][] = showsBytes()
    ? [
        ['location', 'filename:lineno(function)', 'where the function is defined'],
        ['tottime', 'self bytes', 'bytes the function itself allocated'],
        ['cumtime', 'total bytes', 'bytes with what its callees allocated, recursion counted once'],
      ]
    : [
        ['location', 'filename:lineno(function)', 'where the function is defined'],
        ['ncalls', 'ncalls', 'calls (from a coverage run)'],
        ['tottime', 'tottime', 'time in the function itself'],
        ['tottimePercall', 'percall', 'tottime / ncalls'],
        ['cumtime', 'cumtime', 'time with callees, recursion counted once'],
        ['cumtimePercall', 'percall', 'cumtime / ncalls'],
      ];
  for (const [column, label, title] of columns) {
    const b = h('button', { 'data-column': column, role: 'columnheader', title: `${label}: ${title}` }, label);
    b.addEventListener('click', () => {
      state.sort = {
        column,
        descending: state.sort.column === column ? !state.sort.descending : column !== 'location',
      };
      renderStats();
    });
    header.append(b);
  }
  return [
    h(
      'div',
      { class: 'stats-head' },
      h('b', {}, 'Stats'),
      filter,
      h('span', { class: 'muted', id: 'calls-note' }, callsNote()),
    ),
    h(
      'div',
      {
        id: 'stats-table',
        role: 'table',
        'aria-label': showsBytes() ? 'Bytes allocated per function' : 'Per-function statistics',
        ...(showsBytes() ? { class: 'bytes' } : {}),
      },
      header,
      viewport,
    ),
  ];
}

export function renderStats(): void {
  const rows = filterStats(state.rows, state.filter);
  const searched = state.searchQuery.trim() ? rows.filter((r) => state.search.has(r.func)) : rows;
  const sorted = sortStats(searched, state.sort.column, state.sort.descending);
  const functions = state.profile!.functions;
  visibleRows = state.foldInternals ? internalsLast(sorted, (f) => isNodeInternal(functions[f])) : sorted;
  for (const b of document.querySelectorAll<HTMLElement>('.stats-header button')) {
    b.setAttribute(
      'aria-sort',
      b.dataset.column === state.sort.column ? (state.sort.descending ? 'descending' : 'ascending') : 'none',
    );
  }
  spacer.style.height = `${visibleRows.length * ROW_H}px`;
  renderStatsRows();
}

export function renderStatsRows(): void {
  const p = state.profile!;
  const first = Math.max(0, Math.floor(viewport.scrollTop / ROW_H) - 5);
  const last = Math.min(visibleRows.length, first + Math.ceil(viewport.clientHeight / ROW_H) + 10);
  const rootFunc = state.tree ? state.tree.func[state.root] : -1;
  const why = p.callCounts === null ? NO_COVERAGE : NO_COUNT;
  const unknown = () => h('span', { class: 'unknown', title: why }, '—');
  const cell = (text: string) => h('span', { title: text }, text);
  const cells: HTMLElement[] = [];
  for (let i = first; i < last; i++) {
    const r = visibleRows[i];
    const row = h(
      'div',
      { class: `stats-row${r.func === rootFunc ? ' selected' : ''}`, role: 'row', 'data-func': r.func },
      h(
        'span',
        { title: `${p.functions[r.func].file}:${p.functions[r.func].line} (${p.functions[r.func].name})` },
        r.location,
      ),
      ...(showsBytes()
        ? [cell(t(r.tottime)), cell(t(r.cumtime))]
        : [
            r.ncalls === null ? unknown() : cell(r.ncalls.toLocaleString('en-US')),
            cell(t(r.tottime)),
            r.tottimePercall === null ? unknown() : cell(t(r.tottimePercall)),
            cell(t(r.cumtime)),
            r.cumtimePercall === null ? unknown() : cell(t(r.cumtimePercall)),
          ]),
    );
    row.style.top = `${i * ROW_H}px`;
    row.addEventListener('click', (e) => {
      if (e.detail > 1) return; // the first click set the root already
      rememberClick(e, () => openSource(r.func));
      const n = heaviestNodeOf(p, r.func);
      if (n < 0) return;
      const view = state.tree!.viewOf[n];
      state.baseRoot = view;
      setRoot(view);
    });
    cells.push(row);
  }
  spacer.replaceChildren(...cells);
}
