// What every chart view draws the same way: a block's fill, its highlight outline and its label.
import { blockLabel } from '../../src/core/flame/flameTree';
import { css } from './canvas';
import { colorsOf } from './colors';
import { state } from './state';

/** Sets the fill of the block of tree node `node` and returns its label colour. */
export function blockStyle(ctx: CanvasRenderingContext2D, node: number): string {
  const colors = colorsOf(node);
  ctx.fillStyle = colors.fill;
  // Search dims what does not match; everything else is opaque so the label contrast holds.
  ctx.globalAlpha = state.matchSet.size > 0 && !state.matchSet.has(node) ? 0.3 : 1;
  return colors.text;
}

/** Strokes the block's outline when it is hovered (every instance of the function), a search match or the keyboard focus. */
export function outline(ctx: CanvasRenderingContext2D, node: number, stroke: () => void): void {
  const func = node >= 0 ? state.tree!.func[node] : -1;
  const highlighted = func >= 0 && (func === state.hoverFunc || state.matchSet.has(node));
  if (!highlighted && node !== state.focusNode) return;
  ctx.globalAlpha = 1;
  ctx.lineWidth = node === state.focusNode ? 2 : 1.5;
  ctx.strokeStyle = css('--vscode-focusBorder', '#007fd4');
  stroke();
}

/** The label of the block of tree node `node` (-1: a merged block of small callees). */
export function labelOf(node: number): string {
  return node < 0 ? '…' : blockLabel(state.tree!, node, state.profile!.func);
}
