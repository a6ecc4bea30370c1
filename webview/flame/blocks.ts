// What every chart view draws the same way: a block's fill, its highlight outline and its label.
import { css } from './canvas';
import { colorOf } from './colors';
import { state } from './state';

export function blockStyle(ctx: CanvasRenderingContext2D, i: number): void {
  const l = state.layout!;
  const node = l.node[i];
  const func = node >= 0 ? state.profile!.func[node] : -1;
  ctx.fillStyle = node < 0 ? css('--vscode-disabledForeground', '#8888') : colorOf(func);
  const dim = state.search.size > 0 && !state.search.has(func);
  ctx.globalAlpha = dim ? 0.25 : node < 0 ? 0.35 : 0.85;
}

/** Strokes the block's outline when it is hovered, a search match or the keyboard focus. */
export function outline(ctx: CanvasRenderingContext2D, i: number, stroke: () => void): void {
  const node = state.layout!.node[i];
  const func = node >= 0 ? state.profile!.func[node] : -1;
  const highlighted = func >= 0 && (func === state.hoverFunc || state.search.has(func));
  if (!highlighted && node !== state.focusNode) return;
  ctx.globalAlpha = 1;
  ctx.lineWidth = node === state.focusNode ? 2 : 1.5;
  ctx.strokeStyle = css('--vscode-focusBorder', '#007fd4');
  stroke();
}

export function labelOf(i: number): string {
  const node = state.layout!.node[i];
  return node < 0 ? '…' : state.profile!.functions[state.profile!.func[node]].name;
}
