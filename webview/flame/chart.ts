// The chart area: draws the current view, and its mouse and keyboard interaction and breadcrumb.
import { ancestry, layout } from '../../src/core/flameLayout';
import { h } from '../shared/vscodeApi';
import { sizeCanvas } from './canvas';
import { drawIcicle, icicleBlockAt, icicleHeight } from './icicle';
import { post, state, t } from './state';
import { drawSunburst, sunburstBlockAt } from './sunburst';

export const chart = {
  canvas: undefined as unknown as HTMLCanvasElement,
  tooltip: undefined as unknown as HTMLElement,
  stateEl: undefined as unknown as HTMLElement,
  breadcrumb: undefined as unknown as HTMLElement,
  app: undefined as unknown as HTMLElement,
};

/** Called after the root changes (the stats table marks the root's row). */
export const onRootChange: (() => void)[] = [];

export function createChart(app: HTMLElement): HTMLElement[] {
  chart.app = app;
  const canvas = chart.canvas = h('canvas', { id: 'icicle-canvas', tabindex: 0, role: 'img', 'aria-label': 'Call tree; arrows move, Enter zooms, Escape goes up' });
  chart.tooltip = h('div', { id: 'tooltip', role: 'tooltip' });
  chart.stateEl = h('div', { id: 'flame-state', class: 'visually-hidden', 'aria-live': 'polite' });
  chart.breadcrumb = h('nav', { id: 'breadcrumb', 'aria-label': 'Path to the current root' });
  canvas.addEventListener('mousemove', onHover);
  canvas.addEventListener('mouseleave', () => { chart.tooltip.style.display = 'none'; state.hoverFunc = -1; draw(); });
  canvas.addEventListener('click', onClick);
  canvas.addEventListener('dblclick', (e) => {
    const b = blockAt(e);
    if (b >= 0 && state.layout!.node[b] >= 0) post({ type: 'openSource', func: state.profile!.func[state.layout!.node[b]] });
  });
  canvas.addEventListener('keydown', onKey);
  return [chart.breadcrumb, h('div', { class: 'chart', id: 'chart' }, canvas, chart.tooltip), chart.stateEl];
}

export function setRoot(node: number): void {
  state.root = node;
  state.focusNode = node;
  draw();
  for (const f of onRootChange) f();
}

export function draw(): void {
  const p = state.profile;
  const canvas = chart.canvas;
  if (!p || !canvas || state.view === 'lines') return;
  state.layout = layout(p, state.children!, { root: state.root, depth: state.depth, cutoff: state.cutoff });
  canvas.id = state.view === 'icicle' ? 'icicle-canvas' : 'sunburst-canvas';
  const width = Math.max(300, chart.app.clientWidth - 4);
  const height = state.view === 'icicle' ? icicleHeight() : Math.min(width, 520);
  const ctx = sizeCanvas(canvas, width, height);
  if (state.view === 'icicle') drawIcicle(ctx, width); else drawSunburst(ctx, width, height);
  renderBreadcrumb();
  const rootName = p.functions[p.func[state.root]].name;
  const s = chart.stateEl;
  s.dataset.root = rootName;
  s.dataset.view = state.view;
  s.dataset.blocks = String(state.layout.node.length);
  s.textContent = `${state.view}, root ${rootName}, focus ${p.functions[p.func[state.focusNode]]?.name ?? ''}`;
}

function blockAt(e: MouseEvent): number {
  const rect = chart.canvas.getBoundingClientRect();
  const x = e.clientX - rect.left, y = e.clientY - rect.top;
  return state.view === 'icicle' ? icicleBlockAt(x, y, rect.width) : sunburstBlockAt(x, y, rect.width, rect.height);
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
  const tooltip = chart.tooltip;
  if (b < 0) { tooltip.style.display = 'none'; if (state.hoverFunc !== -1) { state.hoverFunc = -1; draw(); } return; }
  const node = l.node[b];
  const rootTotal = p.total[state.root] || 1;
  const whole = p.total[0] || 1;
  if (node < 0) {
    const share = `${(100 * l.value[b] / rootTotal).toFixed(1)}%`;
    tooltip.replaceChildren(h('div', { class: 'name' }, '… small callees merged'), h('div', {}, `${t(l.value[b])} · ${share} (below the cutoff)`));
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
  const rect = chart.canvas.getBoundingClientRect();
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
  const breadcrumb = chart.breadcrumb;
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
