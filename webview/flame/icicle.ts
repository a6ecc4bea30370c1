// snakeviz's icicle: the root on top, callees below, width = share of the root's time.
import { css, paintInChunks } from './canvas';
import { blockStyle, labelOf, outline } from './blocks';
import { state } from './state';

export const ROW_H = 22;

export function icicleHeight(): number {
  return Math.min(state.layout!.maxDepth + 1, state.depth) * ROW_H + 2;
}

export function drawIcicle(ctx: CanvasRenderingContext2D, width: number): void {
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

export function icicleBlockAt(x: number, y: number, width: number): number {
  const l = state.layout!;
  const depth = Math.floor(y / ROW_H), fx = x / width;
  for (let i = 0; i < l.node.length; i++) if (l.depth[i] === depth && fx >= l.x0[i] && fx < l.x1[i]) return i;
  return -1;
}
