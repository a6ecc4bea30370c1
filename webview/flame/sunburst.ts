// snakeviz's sunburst: the same layout read as angles (x) and rings (depth).
import { css, fitLabel, paintInChunks } from './canvas';
import { blockStyle, labelOf, outline } from './blocks';
import { state } from './state';

function geometry(width: number, height: number) {
  const levels = Math.max(1, Math.min(state.layout!.maxDepth + 1, state.depth));
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
      ctx.textAlign = 'start';
    },
  );
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
