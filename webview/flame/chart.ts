// The chart area: draws the current view (icicle, sunburst, time order, left heavy), its mouse and
// keyboard interaction, the tooltip and the breadcrumb.
import { ancestry, layout } from '../../src/core/flame/flameLayout';
import { blockLabel } from '../../src/core/flame/flameTree';
import { h } from '../shared/vscodeApi';
import { rememberClick } from '../shared/doubleClick';
import { labelOf } from './blocks';
import { sizeCanvas } from './canvas';
import { drawRows, ROW_H, rowBlockAt, rowsHeight, type Rows } from './icicle';
import { openSource, rebuildTree, state, t, viewDepth } from './state';
import { diffTooltip } from './diff';
import { drawSunburst, sunburstBlockAt } from './sunburst';
import { createTimeOrder, drawTimeOrder, setRange, timeOrder, timeRows } from './timeOrder';

export const chart = {
  canvas: undefined as unknown as HTMLCanvasElement,
  scroller: undefined as unknown as HTMLElement,
  tooltip: undefined as unknown as HTMLElement,
  stateEl: undefined as unknown as HTMLElement,
  breadcrumb: undefined as unknown as HTMLElement,
  app: undefined as unknown as HTMLElement,
};

/** Called after the root changes (the stats table marks the root's row). */
export const onRootChange: (() => void)[] = [];

const CANVAS_IDS = {
  icicle: 'icicle-canvas',
  sunburst: 'sunburst-canvas',
  timeOrder: 'timeorder-canvas',
  leftHeavy: 'leftheavy-canvas',
  allocations: 'allocations-canvas',
  lines: '',
  changes: '',
};

export function createChart(app: HTMLElement): HTMLElement[] {
  chart.app = app;
  const canvas = (chart.canvas = h('canvas', {
    id: 'icicle-canvas',
    tabindex: 0,
    role: 'img',
    'aria-label': 'Call tree; arrows move, Enter zooms, Escape goes up',
  }));
  chart.tooltip = h('div', { id: 'tooltip', role: 'tooltip' });
  chart.stateEl = h('div', { id: 'flame-state', class: 'visually-hidden', 'aria-live': 'polite' });
  chart.breadcrumb = h('nav', { id: 'breadcrumb', 'aria-label': 'Path to the current root' });
  chart.scroller = h('div', { class: 'chart-scroll', id: 'chart-scroll' }, canvas);
  canvas.addEventListener('mousemove', onHover);
  canvas.addEventListener('mouseleave', () => {
    chart.tooltip.style.display = 'none';
    state.hoverFunc = -1;
    draw();
  });
  canvas.addEventListener('click', onClick);
  canvas.addEventListener('keydown', onKey);
  return [
    chart.breadcrumb,
    h('div', { class: 'chart', id: 'chart' }, createTimeOrder(draw), chart.scroller, chart.tooltip),
    chart.stateEl,
  ];
}

export function setRoot(node: number): void {
  state.root = node;
  state.focusNode = node;
  draw();
  for (const f of onRootChange) f();
}

const chartWidth = () => Math.max(300, chart.app.clientWidth - 4);

/** The rows of the icicle-like views; undefined for the sunburst. */
function rows(width: number): Rows | undefined {
  if (state.view === 'timeOrder') return timeRows(width);
  if (state.view === 'sunburst') return undefined;
  return { layout: state.layout!, width, from: 0, to: 1, rowH: ROW_H, labels: true };
}

export function draw(): void {
  const p = state.profile;
  const canvas = chart.canvas;
  if (!p || !canvas || state.view === 'lines' || state.view === 'changes') return;
  const started = performance.now();
  const tree = state.tree!;
  state.layout = layout(tree, state.children!, { root: state.root, depth: viewDepth(), cutoff: state.cutoff });
  canvas.id = CANVAS_IDS[state.view];
  (timeOrder.minimap.parentElement as HTMLElement).hidden = state.view !== 'timeOrder';
  const width = chartWidth();
  if (state.view === 'timeOrder') drawTimeOrder(canvas, width);
  else if (state.view === 'sunburst') {
    const height = Math.min(width, 520);
    drawSunburst(sizeCanvas(canvas, width, height), width, height);
  } else drawRows(sizeCanvas(canvas, width, rowsHeight(state.layout, state.depth)), rows(width)!);
  renderBreadcrumb();
  const rootName = blockLabel(tree, state.root, p.func);
  const s = chart.stateEl;
  s.dataset.root = rootName;
  s.dataset.view = state.view;
  s.dataset.blocks = String(state.layout.node.length);
  s.dataset.maxDepth = String(state.layout.maxDepth);
  const focusName = state.focusNode >= 0 ? blockLabel(tree, state.focusNode, p.func) : '';
  s.dataset.focus = focusName;
  s.dataset.focusDepth = String(ancestry(tree, Math.max(0, state.focusNode)).length - 1);
  describeVisible(width);
  s.textContent = `${state.view}, root ${rootName}, focus ${focusName}`;
  // The frame's own work (layout and paint of what is in view), for bench/flame/vscode.ts.
  s.dataset.drawMs = (performance.now() - started).toFixed(1);
}

/**
 * Names the blocks wide enough to read (with their row) and where the focused block is, on the
 * state element: what a screen reader announces and what the end-to-end tests read.
 */
function describeVisible(width: number): void {
  const r = rows(width);
  const s = chart.stateEl;
  if (!r) {
    s.dataset.visible = '';
    s.dataset.focusBox = '';
    return;
  }
  const l = r.layout,
    scale = width / (r.to - r.from),
    names: string[] = [];
  s.dataset.focusBox = '';
  for (let i = 0; i < l.node.length; i++) {
    const x0 = Math.max(0, (l.x0[i] - r.from) * scale),
      x1 = Math.min(width, (l.x1[i] - r.from) * scale);
    if (x1 - x0 >= 60 && l.node[i] >= 0 && names.length < 400) names.push(`${labelOf(l.node[i])}@${l.depth[i]}`);
    if (l.node[i] === state.focusNode && x1 > x0 && !s.dataset.focusBox)
      s.dataset.focusBox = `${x0},${l.depth[i] * r.rowH},${x1 - x0}`;
  }
  s.dataset.visible = names.join('\n');
}

/** The block index under the mouse in the current layout (the time layout for time order). */
function blockAt(e: MouseEvent): number {
  const rect = chart.canvas.getBoundingClientRect();
  const x = e.clientX - rect.left,
    y = e.clientY - rect.top;
  const r = rows(rect.width);
  return r ? rowBlockAt(r, x, y) : sunburstBlockAt(x, y, rect.width, rect.height);
}

const hitLayout = () => (state.view === 'timeOrder' ? timeRows(1)?.layout : state.layout);

/** A folded "node internals" block opens on click; clicking it again is not needed to fold (the toggle does). */
function expandIfFolded(node: number): boolean {
  const tree = state.tree!;
  if (node < 0 || tree.kind[node] !== 'internals' || tree.members[node] < 2) return false;
  state.expanded.add(tree.head[node]);
  rebuildTree();
  draw();
  return true;
}

function onClick(e: MouseEvent): void {
  if (e.detail > 1) return; // the second click of a double-click: the first one zoomed already
  const b = blockAt(e);
  if (b < 0) return;
  const clicked = hitLayout()!.node[b];
  if (clicked >= 0) rememberClick(e, () => openSource(state.tree!.func[clicked]));
  const l = hitLayout()!;
  if (expandIfFolded(l.node[b])) return;
  if (state.view === 'timeOrder') {
    setRange(l.x0[b], l.x1[b]);
    state.focusNode = l.node[b];
    draw();
    return;
  }
  // The root block (top bar / centre) goes up a level; any other block becomes the root.
  if (b === 0) {
    if (state.tree!.parent[state.root] >= 0) setRoot(state.tree!.parent[state.root]);
    return;
  }
  setRoot(l.node[b] >= 0 ? l.node[b] : l.owner[b]);
}

function tooltipLines(node: number, value: number): HTMLElement[] {
  const tree = state.tree!,
    p = state.profile!;
  const rootTotal = tree.total[state.root] || 1;
  const whole = tree.total[0] || 1;
  const share = (v: number, of: number) => `${((100 * v) / of).toFixed(1)}%`;
  if (node < 0) {
    const merged = `${t(value)} · ${share(value, rootTotal)} (below the cutoff)`;
    return [h('div', { class: 'name' }, '… small callees merged'), h('div', {}, merged)];
  }
  const f = tree.functions[tree.func[node]];
  const where =
    tree.kind[node] === 'internals'
      ? 'Node.js internals (module loader and runtime); click to expand'
      : f.kind === 'js'
        ? `${f.file}:${f.line}`
        : f.kind;
  const chain =
    tree.kind[node] === 'chain'
      ? [h('div', { class: 'muted' }, `${tree.members[node]} frames, each the only callee of the one before`)]
      : [];
  const timing =
    state.view === 'timeOrder'
      ? [h('div', {}, `this stretch ${t(value)} · whole run: total ${t(tree.total[node])}`)]
      : [
          h(
            'div',
            {},
            `total ${t(tree.total[node])}` +
              ` · ${share(tree.total[node], rootTotal)} of root · ${share(tree.total[node], whole)} of profile`,
          ),
        ];
  return [
    h('div', { class: 'name' }, blockLabel(tree, node, p.func)),
    h('div', { class: 'muted' }, where),
    ...chain,
    ...timing,
    h('div', {}, `self ${t(tree.self[node])} · ${share(tree.self[node], whole)}`),
    ...diffTooltip(node),
    h('div', { class: 'muted' }, 'click: zoom · double-click: open source'),
  ];
}

function onHover(e: MouseEvent): void {
  const b = blockAt(e);
  const tooltip = chart.tooltip;
  if (b < 0) {
    tooltip.style.display = 'none';
    if (state.hoverFunc !== -1) {
      state.hoverFunc = -1;
      draw();
    }
    return;
  }
  const l = hitLayout()!;
  const node = l.node[b];
  tooltip.replaceChildren(...tooltipLines(node, l.value[b]));
  tooltip.style.display = 'block';
  const box = tooltip.parentElement!.getBoundingClientRect();
  tooltip.style.left = `${Math.max(0, Math.min(e.clientX - box.left + 14, box.width - 300))}px`;
  tooltip.style.top = `${e.clientY - box.top + 16}px`;
  const func = node >= 0 ? state.tree!.func[node] : -1;
  if (func !== state.hoverFunc) {
    state.hoverFunc = func;
    draw();
  }
}

function onKey(e: KeyboardEvent): void {
  const tree = state.tree!;
  const c = state.children!;
  const kidsOf = (n: number) => Array.from(c.list.slice(c.start[n], c.start[n + 1]));
  const siblings = (n: number) => (tree.parent[n] >= 0 ? kidsOf(tree.parent[n]) : [n]);
  let next = state.focusNode;
  if (e.key === 'ArrowDown') next = kidsOf(next).sort((a, b) => tree.total[b] - tree.total[a])[0] ?? next;
  else if (e.key === 'ArrowUp') next = next !== state.root && tree.parent[next] >= 0 ? tree.parent[next] : next;
  else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
    const s = siblings(next);
    next = s[(s.indexOf(next) + (e.key === 'ArrowRight' ? 1 : s.length - 1)) % s.length];
  } else if (e.key === 'Enter') {
    if (!expandIfFolded(state.focusNode)) setRoot(state.focusNode);
    e.preventDefault();
    return;
  } else if (e.key === 'Escape') {
    if (tree.parent[state.root] >= 0) setRoot(tree.parent[state.root]);
    e.preventDefault();
    return;
  } else return;
  e.preventDefault();
  state.focusNode = next;
  draw();
  scrollToDepth(depthBelowRoot(next));
}

function depthBelowRoot(node: number): number {
  let d = 0;
  for (let n = node; n >= 0 && n !== state.root; n = state.tree!.parent[n]) d++;
  return d;
}

/** Scrolls the chart so that row `depth` is in view. */
export function scrollToDepth(depth: number): void {
  const y = depth * ROW_H,
    s = chart.scroller;
  if (y < s.scrollTop || y + ROW_H > s.scrollTop + s.clientHeight) s.scrollTop = Math.max(0, y - s.clientHeight / 3);
}

function renderBreadcrumb(): void {
  const tree = state.tree!;
  const path = ancestry(tree, state.root);
  const breadcrumb = chart.breadcrumb;
  breadcrumb.replaceChildren();
  path.forEach((node, i) => {
    if (i) breadcrumb.append(h('span', { class: 'sep' }, '›'));
    const name = blockLabel(tree, node, state.profile!.func);
    if (i === path.length - 1) {
      breadcrumb.append(h('span', { class: 'current' }, name));
      return;
    }
    const b = h('button', { title: `Zoom out to ${name}` }, name);
    b.addEventListener('click', () => setRoot(node));
    breadcrumb.append(b);
  });
}
