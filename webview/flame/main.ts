// The flame panel: icicle, sunburst, time order and left heavy views on a canvas, a breadcrumb,
// depth/cutoff/colour/search controls, and the pstats table (virtualised). Data comes as a
// FlatProfile from the extension. Each view lives in its own module; this one takes the
// extension's messages and builds the shell.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import '../shared/base.css';
import './flame.css';
import { parseFlameToWebview } from '../../src/core/protocol/flameMessages';
import { statsRows } from '../../src/core/flame/flameLayout';
import type { FlatProfile } from '../../src/core/flame/profileTypes';
import { functionStats } from '../../src/core/flame/profileModel';
import { h } from '../shared/vscodeApi';
import { chart, createChart, draw, onRootChange, setRoot } from './chart';
import { resetColors } from './colors';
import { createChangesTab } from './diff';
import { createLinesTab, renderLines } from './linesTab';
import { createSearch, refreshMatches } from './search';
import { ALL_DEPTHS, post, rebuildTree, selectTree, state, viewDepth, type ColorMode, type View } from './state';
import { createStatsTable, renderStats, renderStatsRows } from './statsTable';

const app = document.getElementById('app')!;

window.addEventListener('message', (event) => {
  const m = parseFlameToWebview(event.data);
  if (!m) {
    console.warn('Hotline flame: ignored a malformed message');
    return;
  }
  if (m.type === 'error') return renderError(m.title, m.message);
  const started = performance.now();
  state.timeProfile = m.profile;
  state.allocations = m.allocations;
  if (!m.allocations && state.view === 'allocations') state.view = 'icicle';
  showProfile(state.view === 'allocations' ? m.allocations! : m.profile);
  state.title = m.title;
  state.canSave = m.canSave;
  state.report = m.report;
  state.diff = m.diff;
  if (m.diff) state.colorMode = 'change';
  else if (state.colorMode === 'change') state.colorMode = 'file';
  if (!m.diff && state.view === 'changes') state.view = 'icicle';
  // A .cpuprofile from disk is usually a whole program: fold Node's loader and collapse chains so
  // its own code shows on open. A Hotline run (savable, one function) is shown frame by frame.
  state.collapseChains = state.foldInternals = !m.canSave && m.diff?.unit !== 'per execution';
  state.expanded = new Set();
  state.tree = undefined;
  state.root = 0;
  if (!m.report && state.view === 'lines') state.view = 'icicle';
  rebuildTree();
  state.range = [0, 1];
  renderShell();
  requestAnimationFrame(() => {
    document.body.dataset.firstPaintMs = String(Math.round(performance.now() - started));
  });
});

/** The profile the views and the stats table draw: time, or the Allocations view's bytes. */
function showProfile(p: FlatProfile): void {
  state.profile = p;
  state.rows = statsRows(p, functionStats(p));
}

function renderError(title: string, message: string): void {
  app.replaceChildren(
    h(
      'div',
      { class: 'error-view', role: 'alert', id: 'error-view' },
      h('h2', {}, `Cannot show ${title}`),
      h('p', {}, message),
    ),
  );
}

function select(
  id: string,
  label: string,
  options: [string, string][],
  value: string,
  onChange: (v: string) => void,
): HTMLElement {
  const el = h('vscode-single-select', { id, 'aria-label': label });
  for (const [v, text] of options) {
    const o = h('vscode-option', { value: v });
    o.textContent = text;
    if (v === value) o.setAttribute('selected', '');
    el.append(o);
  }
  el.addEventListener('change', () => onChange((el as unknown as { value: string }).value));
  return h('label', {}, label, el);
}

function checkbox(
  id: string,
  label: string,
  checked: boolean,
  title: string,
  onChange: (on: boolean) => void,
): HTMLElement {
  const el = h('vscode-checkbox', { id, checked, title });
  el.textContent = label;
  el.addEventListener('change', () => onChange((el as unknown as { checked: boolean }).checked));
  return el;
}

function button(id: string, label: string, icon: string, onClick: () => void): HTMLElement {
  const b = h('vscode-button', { id, icon, secondary: true });
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

/** Rebuilds the tree after a toggle and redraws everything that depends on it. */
function retree(): void {
  rebuildTree();
  refreshMatches();
  draw();
  renderStatsRows();
}

function renderShell(): void {
  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const views: [View, string][] = [
    ['icicle', 'Icicle'],
    ['sunburst', 'Sunburst'],
    ['timeOrder', 'Time Order'],
    ['leftHeavy', 'Left Heavy'],
    ...(state.allocations ? [['allocations', 'Allocations'] as [View, string]] : []),
    ...(state.report ? [['lines', 'Lines (line_profiler)'] as [View, string]] : []),
    ...(state.diff ? [['changes', 'Changes'] as [View, string]] : []),
  ];
  for (const [view, label] of views) {
    const tab = h(
      'button',
      { class: 'tab', role: 'tab', id: `tab-${view}`, 'aria-selected': String(state.view === view) },
      label,
    );
    tab.addEventListener('click', () => {
      // The Allocations view draws another profile (bytes): the shell is built again around it.
      const bytes = view === 'allocations';
      if (bytes !== (state.profile === state.allocations)) {
        state.view = view;
        showProfile(bytes ? state.allocations! : state.timeProfile!);
        state.tree = undefined;
        state.root = state.baseRoot = state.focusNode = 0;
        state.hoverFunc = -1;
        state.range = [0, 1];
        state.expanded = new Set();
        rebuildTree();
        renderShell();
        return;
      }
      state.view = view;
      for (const b of tabs.querySelectorAll('.tab')) b.setAttribute('aria-selected', String(b.id === `tab-${view}`));
      const depth = document.getElementById('depth') as unknown as { value: string } | null;
      if (depth) depth.value = String(viewDepth());
      showView();
    });
    tabs.append(tab);
  }
  onRootChange.length = 0;
  onRootChange.push(renderStatsRows);
  const depths: [string, string][] = [
    ['3', '3'],
    ['5', '5'],
    ['10', '10'],
    ['15', '15'],
    ['20', '20'],
    [String(ALL_DEPTHS), 'all'],
  ];
  app.replaceChildren(
    h('h1', {}, state.title),
    tabs,
    h(
      'div',
      { class: 'toolbar', id: 'chart-controls' },
      select('depth', 'Depth', depths, String(viewDepth()), (v) => {
        if (state.view === 'sunburst') state.sunburstDepth = Number(v);
        else state.depth = Number(v);
        draw();
      }),
      select(
        'cutoff',
        'Cutoff',
        [
          ['0.001', '1 / 1000'],
          ['0.01', '1 / 100'],
          ['0', 'None'],
        ],
        String(state.cutoff),
        (v) => {
          state.cutoff = Number(v);
          draw();
        },
      ),
      select(
        'color-by',
        'Colour',
        [
          ...(state.diff ? [['change', 'by change (before → after)'] as [string, string]] : []),
          ['file', 'by file'],
          ['function', 'by function'],
          ['package', 'by package'],
          ['heat', 'by heat (self time)'],
        ],
        state.colorMode,
        (v) => {
          state.colorMode = v as ColorMode;
          draw();
        },
      ),
      createSearch(),
    ),
    h(
      'div',
      { class: 'toolbar', id: 'tree-controls' },
      checkbox(
        'collapse-chains',
        'Collapse chains',
        state.collapseChains,
        'One block for a run of frames that each call only the next',
        (on) => {
          state.collapseChains = on;
          retree();
        },
      ),
      checkbox(
        'fold-internals',
        'Fold node internals',
        state.foldInternals,
        "Node's module loader and node:internal frames as one block (click it to open)",
        (on) => {
          state.foldInternals = on;
          state.expanded.clear();
          retree();
          renderStats(); // folded internals go to the table's end
        },
      ),
      button('reset-zoom', 'Reset Zoom', 'zoom-out', () => {
        state.range = [0, 1];
        setRoot(state.baseRoot);
      }),
      button('reset-root', 'Reset Root', 'debug-restart', () => {
        state.baseRoot = 0;
        state.range = [0, 1];
        setRoot(0);
      }),
      ...(state.canSave ? [button('save', 'Save .cpuprofile', 'save', () => post({ type: 'save' }))] : []),
    ),
    ...createChart(app),
    createLinesTab(),
    createChangesTab(),
    ...createStatsTable(),
  );
  refreshMatches();
  observeOnce();
  // The table's rows first: the view's own redraw repaints only the rows it already has.
  renderStats();
  showView();
}

let observing = false;
/** Redraws on resize and theme change, set up with the first shell (later shells reuse the page). */
function observeOnce(): void {
  if (observing) return;
  observing = true;
  new ResizeObserver(() => draw()).observe(app);
  // A theme switch changes the body's classes and the --vscode-* colours: resolve them again.
  const onTheme = () => {
    resetColors();
    draw();
    renderLines();
  };
  new MutationObserver(onTheme).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}

/** The Lines tab shows line_profiler's table in place of the chart (and none of the chart's controls). */
function showView(): void {
  // The Lines and Changes tabs are tables in place of the chart (and none of the chart's controls).
  const table = state.view === 'lines' || state.view === 'changes';
  document.getElementById('chart')!.hidden = table;
  document.getElementById('chart-controls')!.hidden = table;
  document.getElementById('tree-controls')!.hidden = table;
  document.getElementById('line-report')!.hidden = state.view !== 'lines';
  document.getElementById('changes')!.hidden = state.view !== 'changes';
  // Time order shows the whole run whatever the root; the root's path would mislead there.
  chart.breadcrumb.hidden = table || state.view === 'timeOrder';
  if (table) {
    chart.stateEl.dataset.view = state.view;
    return;
  }
  selectTree();
  refreshMatches();
  draw();
  renderStatsRows();
}

post({ type: 'ready' });
