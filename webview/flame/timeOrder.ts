// Time order: a flame chart (x = time, from the profile's samples) with a minimap of the whole run
// above it; dragging on the minimap brushes the visible range, clicking a block zooms to it.
import { timeOrderLayout } from '../../src/core/flame/flameTimeline';
import type { FlameLayout } from '../../src/core/flame/flameLayout';
import type { ViewTree } from '../../src/core/flame/flameTree';
import { h } from '../shared/vscodeApi';
import { css, sizeCanvas } from './canvas';
import { drawRows, ROW_H, rowsHeight, type Rows } from './icicle';
import { state, t } from './state';

const MINIMAP_ROW_H = 2;
let cached: { tree: ViewTree; layout: FlameLayout } | undefined;

export const timeOrder = {
  minimap: undefined as unknown as HTMLCanvasElement,
  rangeLabel: undefined as unknown as HTMLElement,
};

/** The time-order layout of the drawn tree (computed once per tree). */
export function timeLayout(): FlameLayout | undefined {
  const tree = state.tree!,
    timeline = state.profile!.timeline;
  if (!timeline) return undefined;
  if (cached?.tree !== tree) cached = { tree, layout: timeOrderLayout(tree, timeline) };
  return cached.layout;
}

export function createTimeOrder(onRange: () => void): HTMLElement {
  const minimap = (timeOrder.minimap = h('canvas', {
    id: 'minimap',
    'aria-label': 'The whole run; drag to choose the time range shown below',
  }));
  timeOrder.rangeLabel = h('div', { id: 'time-range', class: 'muted' });
  let anchor = -1;
  const fraction = (e: MouseEvent) => {
    const rect = minimap.getBoundingClientRect();
    return Math.max(0, Math.min(1, (e.clientX - rect.left) / rect.width));
  };
  minimap.addEventListener('mousedown', (e) => {
    anchor = fraction(e);
    e.preventDefault();
  });
  window.addEventListener('mousemove', (e) => {
    if (anchor < 0) return;
    const at = fraction(e);
    if (Math.abs(at - anchor) < 0.002) return;
    setRange(Math.min(anchor, at), Math.max(anchor, at));
    onRange();
  });
  window.addEventListener('mouseup', () => {
    anchor = -1;
  });
  return h('div', { id: 'time-order-head', hidden: true }, minimap, timeOrder.rangeLabel);
}

export function setRange(from: number, to: number): void {
  const min = 1e-6;
  state.range = [Math.max(0, from), Math.min(1, Math.max(to, from + min))];
}

/** The rows of the main chart, for drawing and hit-testing. */
export function timeRows(width: number): Rows | undefined {
  const layout = timeLayout();
  return layout && { layout, width, from: state.range[0], to: state.range[1], rowH: ROW_H, labels: true };
}

export function drawTimeOrder(canvas: HTMLCanvasElement, width: number): void {
  const rows = timeRows(width);
  const timeline = state.profile!.timeline;
  if (!rows || !timeline) {
    sizeCanvas(canvas, width, 40).fillText('This profile has no samples in time order (no samples/timeDeltas).', 8, 20);
    timeOrder.rangeLabel.textContent = '';
    return;
  }
  drawRows(sizeCanvas(canvas, width, rowsHeight(rows.layout, state.depth)), rows);
  // The minimap: every block of the run, two pixels a level, the brushed range left clear.
  const miniHeight = Math.min(60, rowsHeight(rows.layout, state.depth, MINIMAP_ROW_H));
  const mini = sizeCanvas(timeOrder.minimap, width, miniHeight);
  drawRows(mini, { ...rows, from: 0, to: 1, rowH: MINIMAP_ROW_H, labels: false });
  mini.globalAlpha = 0.45;
  mini.fillStyle = css('--vscode-editor-background', '#1e1e1e');
  mini.fillRect(0, 0, state.range[0] * width, miniHeight);
  mini.fillRect(state.range[1] * width, 0, width - state.range[1] * width, miniHeight);
  mini.globalAlpha = 1;
  mini.strokeStyle = css('--vscode-focusBorder', '#007fd4');
  mini.lineWidth = 1.5;
  mini.strokeRect(
    state.range[0] * width + 0.75,
    0.75,
    (state.range[1] - state.range[0]) * width - 1.5,
    miniHeight - 1.5,
  );
  const last = timeline.node.length - 1;
  const span = last >= 0 ? timeline.start[last] + timeline.duration[last] - timeline.start[0] : 0;
  const coarse = timeline.bucket ? ` · timeline coarsened to ${t(timeline.bucket)} buckets (a very long profile)` : '';
  timeOrder.rangeLabel.textContent =
    `showing ${t(state.range[0] * span)} – ${t(state.range[1] * span)} of ${t(span)}` +
    ` · drag on the overview to choose a range, click a block to zoom to it${coarse}`;
  timeOrder.rangeLabel.dataset.from = state.range[0].toFixed(6);
  timeOrder.rangeLabel.dataset.to = state.range[1].toFixed(6);
}
