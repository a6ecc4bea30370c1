// The flame panel: snakeviz's icicle and sunburst on a canvas, a breadcrumb, depth/cutoff/search
// controls, and the pstats table (virtualised). Data comes as a FlatProfile from the extension.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import './flame.css';
import { formatTime } from '../../src/core/format';
import { parseFlameToWebview, type FlameFromWebview } from '../../src/core/flameMessages';
import { ancestry, childIndex, filterStats, heaviestNodeOf, layout, searchFunctions, sortStats, statsRows, type ChildIndex, type FlameLayout, type StatsColumn, type StatsRow } from '../../src/core/flameLayout';
import { functionStats } from '../../src/core/profileModel';
import type { FlatProfile } from '../../src/core/profileTypes';
import { h, vscode } from '../shared/vscodeApi';

type View = 'icicle' | 'sunburst' | 'lines';
const ROW_H = 22;
const STATS_ROW_H = 22;

const state = {
  profile: undefined as FlatProfile | undefined,
  children: undefined as ChildIndex | undefined,
  rows: [] as StatsRow[],
  title: '',
  canSave: false,
  report: undefined as string | undefined,
  view: 'icicle' as View,
  baseRoot: 0,
  root: 0,
  depth: 10,
  cutoff: 0.001,
  search: new Set<number>(),
  hoverFunc: -1,
  focusNode: 0,
  sort: { column: 'cumtime' as StatsColumn, descending: true },
  filter: '',
  layout: undefined as FlameLayout | undefined,
};

const post = (m: FlameFromWebview) => vscode.postMessage(m);
const app = document.getElementById('app')!;
const t = (micros: number) => formatTime(micros * 1e-6);

window.addEventListener('message', (event) => {
  const m = parseFlameToWebview(event.data);
  if (!m) { console.warn('Hotline flame: ignored a malformed message'); return; }
  if (m.type === 'error') return renderError(m.title, m.message);
  const started = performance.now();
  state.profile = m.profile;
  state.children = childIndex(m.profile);
  state.rows = statsRows(m.profile, functionStats(m.profile));
  state.title = m.title;
  state.canSave = m.canSave;
  state.report = m.report;
  if (!m.report && state.view === 'lines') state.view = 'icicle';
  state.baseRoot = state.root = state.focusNode = 0;
  renderShell();
  requestAnimationFrame(() => { document.body.dataset.firstPaintMs = String(Math.round(performance.now() - started)); });
});

function renderError(title: string, message: string): void {
  app.replaceChildren(h('div', { class: 'error-view', role: 'alert', id: 'error-view' }, h('h2', {}, `Cannot show ${title}`), h('p', {}, message)));
}

// ── shell ──────────────────────────────────────────────────────────────────
let canvas: HTMLCanvasElement;
let tooltip: HTMLElement;
let stateEl: HTMLElement;
let breadcrumb: HTMLElement;
let viewport: HTMLElement;
let spacer: HTMLElement;

function select(id: string, label: string, options: [string, string][], value: string, onChange: (v: string) => void): HTMLElement {
  const el = h('vscode-single-select', { id, 'aria-label': label });
  for (const [v, text] of options) { const o = h('vscode-option', { value: v }); o.textContent = text; if (v === value) o.setAttribute('selected', ''); el.append(o); }
  el.addEventListener('change', () => onChange((el as unknown as { value: string }).value));
  return h('label', {}, label, el);
}

function button(id: string, label: string, icon: string, onClick: () => void): HTMLElement {
  const b = h('vscode-button', { id, icon, secondary: true });
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

function renderShell(): void {
  const tabs = h('div', { class: 'tabs', role: 'tablist' });
  const views: [View, string][] = [['icicle', 'Icicle'], ['sunburst', 'Sunburst'], ...(state.report ? [['lines', 'Lines (line_profiler)'] as [View, string]] : [])];
  for (const [view, label] of views) {
    const tab = h('button', { class: 'tab', role: 'tab', id: `tab-${view}`, 'aria-selected': String(state.view === view) }, label);
    tab.addEventListener('click', () => { state.view = view; for (const b of tabs.querySelectorAll('.tab')) b.setAttribute('aria-selected', String(b.id === `tab-${view}`)); showView(); });
    tabs.append(tab);
  }
  const search = h('vscode-textfield', { id: 'search', placeholder: 'Search functions', 'aria-label': 'Search functions' });
  search.addEventListener('input', () => { state.search = searchFunctions(state.profile!, (search as unknown as { value: string }).value); draw(); });
  const filter = h('vscode-textfield', { id: 'stats-filter', placeholder: 'Filter rows', 'aria-label': 'Filter the stats table' });
  filter.addEventListener('input', () => { state.filter = (filter as unknown as { value: string }).value; renderStats(); });
  canvas = h('canvas', { id: 'icicle-canvas', tabindex: 0, role: 'img', 'aria-label': 'Call tree; arrows move, Enter zooms, Escape goes up' }) as HTMLCanvasElement;
  tooltip = h('div', { id: 'tooltip', role: 'tooltip' });
  stateEl = h('div', { id: 'flame-state', class: 'visually-hidden', 'aria-live': 'polite' });
  breadcrumb = h('nav', { id: 'breadcrumb', 'aria-label': 'Path to the current root' });
  viewport = h('div', { id: 'stats-viewport', role: 'rowgroup' });
  spacer = h('div', { id: 'stats-spacer' });
  viewport.append(spacer);
  viewport.addEventListener('scroll', () => renderStatsRows());
  const header = h('div', { class: 'stats-header', role: 'row' });
  const columns: [StatsColumn, string][] = [['ncalls', 'ncalls'], ['tottime', 'tottime'], ['tottimePercall', 'percall'], ['cumtime', 'cumtime'], ['cumtimePercall', 'percall'], ['location', 'filename:lineno(function)']];
  for (const [column, label] of columns) {
    const b = h('button', { 'data-column': column, role: 'columnheader' }, label);
    b.addEventListener('click', () => {
      state.sort = { column, descending: state.sort.column === column ? !state.sort.descending : column !== 'location' };
      renderStats();
    });
    header.append(b);
  }
  const unknownCalls = state.profile!.callCounts === null;
  app.replaceChildren(
    h('h1', {}, state.title),
    tabs,
    h('div', { class: 'toolbar' },
      select('depth', 'Depth', [['3', '3'], ['5', '5'], ['10', '10'], ['15', '15'], ['20', '20']], String(state.depth), (v) => { state.depth = Number(v); draw(); }),
      select('cutoff', 'Cutoff', [['0.001', '1 / 1000'], ['0.01', '1 / 100'], ['0', 'None']], String(state.cutoff), (v) => { state.cutoff = Number(v); draw(); }),
      search,
      button('reset-zoom', 'Reset Zoom', 'zoom-out', () => setRoot(state.baseRoot)),
      button('reset-root', 'Reset Root', 'debug-restart', () => { state.baseRoot = 0; setRoot(0); }),
      ...(state.canSave ? [button('save', 'Save .cpuprofile', 'save', () => post({ type: 'save' }))] : []),
    ),
    breadcrumb,
    h('div', { class: 'chart', id: 'chart' }, canvas, tooltip),
    h('pre', { id: 'line-report', hidden: true }, state.report ?? ''),
    stateEl,
    h('div', { class: 'stats-head' }, h('b', {}, 'Stats'), filter,
      h('span', { class: 'muted' }, unknownCalls ? 'ncalls unknown: this profile has no coverage run' : 'ncalls exact (coverage run)')),
    h('div', { id: 'stats-table', role: 'table', 'aria-label': 'Per-function statistics' }, header, viewport),
  );
  canvas.addEventListener('mousemove', onHover);
  canvas.addEventListener('mouseleave', () => { tooltip.style.display = 'none'; state.hoverFunc = -1; draw(); });
  canvas.addEventListener('click', onClick);
  canvas.addEventListener('dblclick', (e) => { const b = blockAt(e); if (b >= 0 && state.layout!.node[b] >= 0) post({ type: 'openSource', func: state.profile!.func[state.layout!.node[b]] }); });
  canvas.addEventListener('keydown', onKey);
  new ResizeObserver(() => draw()).observe(app);
  showView();
  renderStats();
}

/** The Lines tab shows line_profiler's table in place of the chart. */
function showView(): void {
  const lines = state.view === 'lines';
  document.getElementById('chart')!.hidden = lines;
  document.getElementById('line-report')!.hidden = !lines;
  breadcrumb.hidden = lines;
  if (lines) stateEl.dataset.view = 'lines'; else draw();
}

function setRoot(node: number): void {
  state.root = node;
  state.focusNode = node;
  draw();
}

// ── drawing ────────────────────────────────────────────────────────────────
const css = (name: string, fallback: string) => getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
const PALETTE = ['--vscode-charts-orange', '--vscode-charts-yellow', '--vscode-charts-red', '--vscode-charts-blue', '--vscode-charts-green', '--vscode-charts-purple'];
const FALLBACK = ['#d18616', '#cca700', '#f14c4c', '#3794ff', '#89d185', '#b180d7'];

function colorOf(func: number): string {
  const f = state.profile!.functions[func];
  if (f.kind !== 'js') return css('--vscode-descriptionForeground', '#888');
  let hash = 0;
  for (const ch of f.file) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  const i = Math.abs(hash) % PALETTE.length;
  return css(PALETTE[i], FALLBACK[i]);
}

function draw(): void {
  const p = state.profile;
  if (!p || !canvas || state.view === 'lines') return;
  state.layout = layout(p, state.children!, { root: state.root, depth: state.depth, cutoff: state.cutoff });
  canvas.id = state.view === 'icicle' ? 'icicle-canvas' : 'sunburst-canvas';
  const width = Math.max(300, app.clientWidth - 4);
  const height = state.view === 'icicle' ? (Math.min(state.layout.maxDepth + 1, state.depth) * ROW_H) + 2 : Math.min(width, 520);
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.font = `${css('--vscode-font-size', '12px')} ${css('--vscode-font-family', 'sans-serif')}`;
  ctx.textBaseline = 'middle';
  if (state.view === 'icicle') drawIcicle(ctx, width); else drawSunburst(ctx, width, height);
  renderBreadcrumb();
  const rootName = p.functions[p.func[state.root]].name;
  stateEl.dataset.root = rootName;
  stateEl.dataset.view = state.view;
  stateEl.dataset.blocks = String(state.layout.node.length);
  stateEl.textContent = `${state.view}, root ${rootName}, focus ${p.functions[p.func[state.focusNode]]?.name ?? ''}`;
}

function blockStyle(ctx: CanvasRenderingContext2D, i: number): void {
  const l = state.layout!;
  const node = l.node[i];
  const func = node >= 0 ? state.profile!.func[node] : -1;
  ctx.fillStyle = node < 0 ? css('--vscode-disabledForeground', '#8888') : colorOf(func);
  const dim = state.search.size > 0 && !state.search.has(func);
  ctx.globalAlpha = dim ? 0.25 : node < 0 ? 0.35 : 0.85;
}

function outline(ctx: CanvasRenderingContext2D, i: number, draw: () => void): void {
  const node = state.layout!.node[i];
  const func = node >= 0 ? state.profile!.func[node] : -1;
  const highlighted = func >= 0 && (func === state.hoverFunc || state.search.has(func));
  if (!highlighted && node !== state.focusNode) return;
  ctx.globalAlpha = 1;
  ctx.lineWidth = node === state.focusNode ? 2 : 1.5;
  ctx.strokeStyle = css('--vscode-focusBorder', '#007fd4');
  draw();
}

function labelOf(i: number): string {
  const node = state.layout!.node[i];
  return node < 0 ? '…' : state.profile!.functions[state.profile!.func[node]].name;
}

/**
 * Paints blocks a frame's worth at a time, so even an uncut 100k-node tree never blocks the page:
 * the first chunk is synchronous (a zoom shows at once), the rest follow on animation frames; a
 * newer draw abandons an older one.
 */
const BLOCKS_PER_FRAME = 6000;
let paintGeneration = 0;
function paintInChunks(count: number, paintOne: (i: number) => void, done: () => void): void {
  const generation = ++paintGeneration;
  const step = (from: number) => {
    if (generation !== paintGeneration) return;
    const to = Math.min(count, from + BLOCKS_PER_FRAME);
    for (let i = from; i < to; i++) paintOne(i);
    if (to < count) requestAnimationFrame(() => step(to)); else done();
  };
  step(0);
}

function drawIcicle(ctx: CanvasRenderingContext2D, width: number): void {
  const l = state.layout!;
  const fg = css('--vscode-editor-background', '#1e1e1e');
  paintInChunks(l.node.length, (i) => {
    const x = l.x0[i] * width, w = Math.max(1, (l.x1[i] - l.x0[i]) * width), y = l.depth[i] * ROW_H;
    blockStyle(ctx, i);
    ctx.fillRect(x + 0.5, y + 0.5, w - 1, ROW_H - 1);
    outline(ctx, i, () => ctx.strokeRect(x + 1, y + 1, w - 2, ROW_H - 2));
    if (w > 36) {
      ctx.globalAlpha = 1;
      ctx.fillStyle = fg;
      ctx.save();
      ctx.beginPath(); ctx.rect(x, y, w - 4, ROW_H); ctx.clip();
      ctx.fillText(labelOf(i), x + 4, y + ROW_H / 2 + 1);
      ctx.restore();
    }
  }, () => { ctx.globalAlpha = 1; });
}

function sunburstGeometry(width: number, height: number) {
  const levels = Math.max(1, Math.min(state.layout!.maxDepth + 1, state.depth));
  const radius = Math.min(width, height) / 2 - 4;
  const ring = radius / (levels + 0.5);
  return { cx: width / 2, cy: height / 2, ring, center: ring * 1.5 };
}

function drawSunburst(ctx: CanvasRenderingContext2D, width: number, height: number): void {
  const l = state.layout!;
  const g = sunburstGeometry(width, height);
  const background = css('--vscode-editor-background', '#1e1e1e');
  paintInChunks(l.node.length, (i) => {
    const a0 = l.x0[i] * 2 * Math.PI - Math.PI / 2, a1 = l.x1[i] * 2 * Math.PI - Math.PI / 2;
    const path = () => {
      ctx.beginPath();
      if (l.depth[i] === 0) ctx.arc(g.cx, g.cy, g.center, 0, 2 * Math.PI);
      else {
        const r0 = g.center + (l.depth[i] - 1) * g.ring, r1 = r0 + g.ring;
        ctx.arc(g.cx, g.cy, r1, a0, a1);
        ctx.arc(g.cx, g.cy, r0, a1, a0, true);
        ctx.closePath();
      }
    };
    blockStyle(ctx, i);
    path(); ctx.fill();
    ctx.globalAlpha = 1;
    ctx.strokeStyle = background;
    ctx.lineWidth = 0.5;
    ctx.stroke();
    outline(ctx, i, () => { path(); ctx.stroke(); });
  }, () => {
    ctx.globalAlpha = 1;
    ctx.fillStyle = background;
    ctx.textAlign = 'center';
    ctx.fillText(labelOf(0).slice(0, 18), g.cx, g.cy);
    ctx.textAlign = 'start';
  });
}

// ── interaction ────────────────────────────────────────────────────────────
function blockAt(e: MouseEvent): number {
  const l = state.layout!;
  const rect = canvas.getBoundingClientRect();
  const x = e.clientX - rect.left, y = e.clientY - rect.top;
  if (state.view === 'icicle') {
    const depth = Math.floor(y / ROW_H), fx = x / rect.width;
    for (let i = 0; i < l.node.length; i++) if (l.depth[i] === depth && fx >= l.x0[i] && fx < l.x1[i]) return i;
    return -1;
  }
  const g = sunburstGeometry(rect.width, rect.height);
  const dx = x - g.cx, dy = y - g.cy, r = Math.hypot(dx, dy);
  const depth = r <= g.center ? 0 : Math.floor((r - g.center) / g.ring) + 1;
  const fx = ((Math.atan2(dy, dx) + Math.PI / 2 + 2 * Math.PI) % (2 * Math.PI)) / (2 * Math.PI);
  for (let i = 0; i < l.node.length; i++) if (l.depth[i] === depth && (depth === 0 || (fx >= l.x0[i] && fx < l.x1[i]))) return i;
  return -1;
}

function onClick(e: MouseEvent): void {
  const b = blockAt(e);
  if (b < 0) return;
  const l = state.layout!;
  // The root block (top bar / centre) goes up a level; any other block becomes the root.
  if (b === 0) { if (state.profile!.parent[state.root] >= 0) setRoot(state.profile!.parent[state.root]); return; }
  setRoot(l.node[b] >= 0 ? l.node[b] : l.owner[b]);
}

function onHover(e: MouseEvent): void {
  const b = blockAt(e);
  const l = state.layout!;
  const p = state.profile!;
  if (b < 0) { tooltip.style.display = 'none'; if (state.hoverFunc !== -1) { state.hoverFunc = -1; draw(); } return; }
  const node = l.node[b];
  const rootTotal = p.total[state.root] || 1;
  const whole = p.total[0] || 1;
  if (node < 0) {
    tooltip.replaceChildren(h('div', { class: 'name' }, '… small callees merged'), h('div', {}, `${t(l.value[b])} · ${(100 * l.value[b] / rootTotal).toFixed(1)}% (below the cutoff)`));
  } else {
    const f = p.functions[p.func[node]];
    tooltip.replaceChildren(
      h('div', { class: 'name' }, f.name),
      h('div', { class: 'muted' }, f.kind === 'js' ? `${f.file}:${f.line}` : f.kind),
      h('div', {}, `total ${t(p.total[node])} · ${(100 * p.total[node] / rootTotal).toFixed(1)}% of root · ${(100 * p.total[node] / whole).toFixed(1)}% of profile`),
      h('div', {}, `self ${t(p.self[node])} · ${(100 * p.self[node] / whole).toFixed(1)}%`),
      h('div', { class: 'muted' }, 'click: zoom · double-click: open source'),
    );
  }
  tooltip.style.display = 'block';
  const rect = canvas.getBoundingClientRect();
  tooltip.style.left = `${Math.min(e.clientX - rect.left + 14, rect.width - 300)}px`;
  tooltip.style.top = `${e.clientY - rect.top + 16}px`;
  const func = node >= 0 ? p.func[node] : -1;
  if (func !== state.hoverFunc) { state.hoverFunc = func; draw(); }
}

function onKey(e: KeyboardEvent): void {
  const p = state.profile!;
  const c = state.children!;
  const kids = (n: number) => Array.from(c.list.slice(c.start[n], c.start[n + 1])).sort((a, b) => p.total[b] - p.total[a]);
  const siblings = (n: number) => (p.parent[n] >= 0 ? Array.from(c.list.slice(c.start[p.parent[n]], c.start[p.parent[n] + 1])) : [n]);
  let next = state.focusNode;
  if (e.key === 'ArrowDown') next = kids(next)[0] ?? next;
  else if (e.key === 'ArrowUp') next = next !== state.root && p.parent[next] >= 0 ? p.parent[next] : next;
  else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
    const s = siblings(next);
    next = s[(s.indexOf(next) + (e.key === 'ArrowRight' ? 1 : s.length - 1)) % s.length];
  } else if (e.key === 'Enter') { setRoot(state.focusNode); e.preventDefault(); return; }
  else if (e.key === 'Escape') { if (p.parent[state.root] >= 0) setRoot(p.parent[state.root]); e.preventDefault(); return; }
  else return;
  e.preventDefault();
  state.focusNode = next;
  draw();
}

function renderBreadcrumb(): void {
  const p = state.profile!;
  const path = ancestry(p, state.root);
  breadcrumb.replaceChildren();
  path.forEach((node, i) => {
    if (i) breadcrumb.append(h('span', { class: 'sep' }, '›'));
    const name = p.functions[p.func[node]].name;
    if (i === path.length - 1) { breadcrumb.append(h('span', { class: 'current' }, name)); return; }
    const b = h('button', { title: `Zoom out to ${name}` }, name);
    b.addEventListener('click', () => setRoot(node));
    breadcrumb.append(b);
  });
}

// ── stats table (virtualised) ──────────────────────────────────────────────
let visibleRows: StatsRow[] = [];

function renderStats(): void {
  visibleRows = sortStats(filterStats(state.rows, state.filter), state.sort.column, state.sort.descending);
  for (const b of document.querySelectorAll<HTMLElement>('.stats-header button')) {
    b.setAttribute('aria-sort', b.dataset.column === state.sort.column ? (state.sort.descending ? 'descending' : 'ascending') : 'none');
  }
  spacer.style.height = `${visibleRows.length * STATS_ROW_H}px`;
  renderStatsRows();
}

function renderStatsRows(): void {
  const p = state.profile!;
  const first = Math.max(0, Math.floor(viewport.scrollTop / STATS_ROW_H) - 5);
  const last = Math.min(visibleRows.length, first + Math.ceil(viewport.clientHeight / STATS_ROW_H) + 10);
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
    row.style.top = `${i * STATS_ROW_H}px`;
    row.addEventListener('click', () => { const n = heaviestNodeOf(p, r.func); if (n >= 0) { state.baseRoot = n; setRoot(n); renderStatsRows(); } });
    row.addEventListener('dblclick', () => post({ type: 'openSource', func: r.func }));
    cells.push(row);
  }
  spacer.replaceChildren(...cells);
}

post({ type: 'ready' });
