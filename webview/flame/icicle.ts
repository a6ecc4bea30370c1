// Rows of blocks: the icicle (snakeviz: root on top, width = share of the root's time), left heavy
// (the same on the merged tree) and the time-order chart (x = time within the visible range) all
// draw and hit-test through here. Rows are thin; a label shows only where it fits, cut with "…".
import type { FlameLayout } from '../../src/core/flame/flameLayout';
import { fitLabel, paintInChunks } from './canvas';
import { blockStyle, labelOf, outline } from './blocks';

export const ROW_H = 16;

export interface Rows {
  layout: FlameLayout;
  width: number;
  /** Visible x range of the layout (0..1 for the icicle; the brushed range for time order). */
  from: number;
  to: number;
  rowH: number;
  labels: boolean;
}

export const rowsHeight = (layout: FlameLayout, depth: number, rowH = ROW_H): number =>
  Math.min(layout.maxDepth + 1, depth) * rowH + 2;

export function drawRows(ctx: CanvasRenderingContext2D, r: Rows): void {
  const l = r.layout;
  const scale = r.width / (r.to - r.from || 1);
  paintInChunks(
    ctx.canvas,
    l.node.length,
    (i) => {
      if (l.x1[i] <= r.from || l.x0[i] >= r.to) return;
      const x = Math.max(0, (l.x0[i] - r.from) * scale),
        right = Math.min(r.width, (l.x1[i] - r.from) * scale);
      const w = right - x;
      if (w < 0.3) return;
      const y = l.depth[i] * r.rowH;
      const text = blockStyle(ctx, l.node[i]);
      ctx.fillRect(x, y, Math.max(w - 0.5, 0.5), r.rowH - 1);
      outline(ctx, l.node[i], () => ctx.strokeRect(x + 1, y + 1, w - 2, r.rowH - 3));
      if (r.labels && w > 24) {
        const label = fitLabel(ctx, labelOf(l.node[i]), w - 6);
        // on whole device pixels: at a fractional x every stem is split over two pixels and no glyph reaches its colour
        if (label) {
          ctx.fillStyle = text;
          ctx.fillText(label, snap(x + 3), y + r.rowH / 2);
        }
      }
    },
    () => {
      ctx.globalAlpha = 1;
    },
  );
}

const snap = (v: number): number => Math.round(v * (window.devicePixelRatio || 1)) / (window.devicePixelRatio || 1);

export function rowBlockAt(r: Rows, x: number, y: number): number {
  const l = r.layout;
  const depth = Math.floor(y / r.rowH),
    fx = r.from + (x / r.width) * (r.to - r.from);
  for (let i = 0; i < l.node.length; i++) if (l.depth[i] === depth && fx >= l.x0[i] && fx < l.x1[i]) return i;
  return -1;
}
