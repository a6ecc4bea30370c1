// Search: functions whose name or file contains the query. Every view outlines the blocks that
// hold a match and dims the rest, the table keeps only matching rows, and Enter / Shift+Enter (or
// the arrows beside the count) walk the matches: the view roots at a match it cannot show, scrolls
// to one it can, and the time-order view zooms to the match's longest stretch.
import { searchFunctions } from '../../src/core/flame/flameLayout';
import { matchingBlocks } from '../../src/core/flame/flameTree';
import { h } from '../shared/vscodeApi';
import { chart, draw, scrollToDepth, setRoot } from './chart';
import { state } from './state';
import { renderStats } from './statsTable';
import { setRange, timeLayout } from './timeOrder';

let countEl: HTMLElement;

export function createSearch(): HTMLElement {
  const field = h('vscode-textfield', {
    id: 'search',
    placeholder: 'Search functions',
    'aria-label': 'Search functions (Enter: next match, Shift+Enter: previous)',
  });
  countEl = h('span', { id: 'search-count', class: 'muted', 'aria-live': 'polite' });
  field.addEventListener('input', () => {
    state.searchQuery = (field as unknown as { value: string }).value;
    state.search = searchFunctions(state.profile!, state.searchQuery);
    refreshMatches();
    renderStats();
    draw();
  });
  field.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    step(e.shiftKey ? -1 : 1);
  });
  const arrow = (id: string, label: string, text: string, delta: number) => {
    const b = h('button', { id, class: 'icon-button', title: label, 'aria-label': label }, text);
    b.addEventListener('click', () => step(delta));
    return b;
  };
  return h(
    'span',
    { class: 'search' },
    field,
    countEl,
    arrow('search-prev', 'Previous match (Shift+Enter)', '↑', -1),
    arrow('search-next', 'Next match (Enter)', '↓', 1),
  );
}

/** Recomputes the matching blocks of the drawn tree (after a query, toggle or view change). */
export function refreshMatches(): void {
  state.matches = matchingBlocks(state.tree!, state.profile!.func, state.search);
  state.matchSet = new Set(state.matches);
  state.matchIndex = -1;
  showCount();
}

function showCount(): void {
  if (!countEl) return;
  const n = state.matches.length;
  const found = state.matchIndex < 0 ? `${n} match${n === 1 ? '' : 'es'}` : `${state.matchIndex + 1} of ${n}`;
  countEl.textContent = !state.searchQuery.trim() ? '' : n === 0 ? 'no matches' : found;
  countEl.dataset.count = String(n);
}

function step(delta: number): void {
  const n = state.matches.length;
  if (!n || state.view === 'lines' || state.view === 'changes') return;
  state.matchIndex = state.matchIndex < 0 ? (delta > 0 ? 0 : n - 1) : (state.matchIndex + delta + n) % n;
  showCount();
  goTo(state.matches[state.matchIndex]);
}

/** Shows match `node`: zoomed to in time order, else scrolled to when drawn wide enough, else made the root. */
function goTo(node: number): void {
  if (state.view === 'timeOrder') {
    const l = timeLayout();
    if (!l) return;
    let best = -1;
    for (let i = 0; i < l.node.length; i++)
      if (l.node[i] === node && (best < 0 || l.value[i] > l.value[best])) best = i;
    if (best < 0) return;
    const pad = (l.x1[best] - l.x0[best]) * 0.05;
    setRange(l.x0[best] - pad, l.x1[best] + pad);
    state.focusNode = node;
    draw();
    scrollToDepth(l.depth[best]);
    return;
  }
  const l = state.layout!;
  const i = l.node.indexOf(node);
  const width = chart.canvas.getBoundingClientRect().width;
  if (i >= 0 && state.view !== 'sunburst' && (l.x1[i] - l.x0[i]) * width >= 40) {
    state.focusNode = node;
    draw();
    scrollToDepth(l.depth[i]);
    chart.scroller.scrollLeft = 0;
    return;
  }
  setRoot(node);
  chart.scroller.scrollTop = 0;
}
