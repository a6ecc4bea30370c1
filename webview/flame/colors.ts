// Block colours: one theme chart colour per file; V8's pseudo-frames in a muted tone.
import { css } from './canvas';
import { state } from './state';

const PALETTE = ['--vscode-charts-orange', '--vscode-charts-yellow', '--vscode-charts-red', '--vscode-charts-blue', '--vscode-charts-green', '--vscode-charts-purple'];
const FALLBACK = ['#d18616', '#cca700', '#f14c4c', '#3794ff', '#89d185', '#b180d7'];

export function colorOf(func: number): string {
  const f = state.profile!.functions[func];
  if (f.kind !== 'js') return css('--vscode-descriptionForeground', '#888');
  let hash = 0;
  for (const ch of f.file) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  const i = Math.abs(hash) % PALETTE.length;
  return css(PALETTE[i], FALLBACK[i]);
}
