// snakeviz's sunburst: the same layout read as angles (x) and rings (depth).
import { css, fitLabel, paintInChunks } from './canvas';
import { blockStyle, labelOf, outline } from './blocks';
import { state, viewDepth } from './state';

function geometry(width: number, height: number) {
  const levels = Math.max(1, Math.min(state.layout!.maxDepth + 1, viewDepth()));
  const radius = Math.min(width, height) / 2 - 4;
  const ring = radius / (levels + 0.5);
  return { cx: width / 2, cy: height / 2, ring, center: ring * 1.5 };
}

export function drawSunburst(ctx: CanvasRenderingContext2D, width: number, height: number): void {
  const l = state.layout!;
  const g = geometry(width, height);
  const background = css('--vscode-editor-background', '#1e1e1e');
  paintInChunks(
    ctx.canvas,
    l.node.length,
    (i) => {
      const a0 = l.x0[i] * 2 * Math.PI - Math.PI / 2,
        a1 = l.x1[i] * 2 * Math.PI - Math.PI / 2;
      const path = () => {
        ctx.beginPath();
        if (l.depth[i] === 0) ctx.arc(g.cx, g.cy, g.center, 0, 2 * Math.PI);
        else {
          const r0 = g.center + (l.depth[i] - 1) * g.ring,
            r1 = r0 + g.ring;
          ctx.arc(g.cx, g.cy, r1, a0, a1);
          ctx.arc(g.cx, g.cy, r0, a1, a0, true);
          ctx.closePath();
        }
      };
      blockStyle(ctx, l.node[i]);
      path();
      ctx.fill();
      ctx.globalAlpha = 1;
      ctx.strokeStyle = background;
      ctx.lineWidth = 0.5;
      ctx.stroke();
      outline(ctx, l.node[i], () => {
        path();
        ctx.stroke();
      });
    },
    () => {
      ctx.globalAlpha = 1;
      ctx.fillStyle = blockStyle(ctx, l.node[0]);
      ctx.globalAlpha = 1;
      ctx.textAlign = 'center';
      ctx.fillText(fitLabel(ctx, labelOf(l.node[0]), g.center * 2 - 6), g.cx, g.cy);
      const labelled: string[] = [];
      for (let i = 1; i < l.node.length; i++) {
        const label = arcLabel(ctx, g, i);
        if (label) labelled.push(label);
      }
      ctx.textAlign = 'start';
      // What the rings say, for a screen reader and the end-to-end tests.
      const stateEl = document.getElementById('flame-state');
      if (stateEl) stateEl.dataset.arcLabels = labelled.join('\n');
    },
  );
}

/** Arcs narrower than this (at mid-ring, in px) keep no label. */
const MIN_LABEL_WIDTH = 36;

/**
 * The label of arc `i`, written straight across the middle of its ring along the arc (upright on
 * both halves), on arcs wide enough; the ring's height bounds the font.
 */
function arcLabel(ctx: CanvasRenderingContext2D, g: ReturnType<typeof geometry>, i: number): string | undefined {
  const l = state.layout!;
  if (l.depth[i] < 1 || g.ring < 12) return undefined;
  const sweep = (l.x1[i] - l.x0[i]) * 2 * Math.PI;
  const mid = g.center + (l.depth[i] - 0.5) * g.ring;
  const width = 2 * mid * Math.sin(Math.min(sweep, Math.PI) / 2) - 6;
  if (width < MIN_LABEL_WIDTH) return undefined;
  const label = fitLabel(ctx, labelOf(l.node[i]), width);
  if (!label) return undefined;
  const angle = ((l.x0[i] + l.x1[i]) / 2) * 2 * Math.PI - Math.PI / 2;
  ctx.save();
  ctx.translate(g.cx + mid * Math.cos(angle), g.cy + mid * Math.sin(angle));
  // Tangent to the ring, turned over on the lower half so no label reads upside down.
  const tangent = angle + Math.PI / 2;
  ctx.rotate(Math.sin(angle) > 0 ? tangent - Math.PI : tangent);
  ctx.fillStyle = blockStyle(ctx, l.node[i]); // its label colour; search dims it with the block
  ctx.fillText(label, 0, 0);
  ctx.restore();
  return label;
}

export function sunburstBlockAt(x: number, y: number, width: number, height: number): number {
  const l = state.layout!;
  const g = geometry(width, height);
  const dx = x - g.cx,
    dy = y - g.cy,
    r = Math.hypot(dx, dy);
  const depth = r <= g.center ? 0 : Math.floor((r - g.center) / g.ring) + 1;
  const fx = ((Math.atan2(dy, dx) + Math.PI / 2 + 2 * Math.PI) % (2 * Math.PI)) / (2 * Math.PI);
  for (let i = 0; i < l.node.length; i++)
    if (l.depth[i] === depth && (depth === 0 || (fx >= l.x0[i] && fx < l.x1[i]))) return i;
  return -1;
}
