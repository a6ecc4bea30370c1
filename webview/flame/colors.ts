// Block colours: by file, function, package or heat (self time), from the theme's chart colours;
// V8's pseudo-frames and folded Node internals in a neutral tone. Every fill is made opaque over
// the editor background and paired with a label colour that meets the theme's contrast target.
import { heatColor, mix, parseColor, readableBlock, toHex, type Rgb } from '../../src/core/flame/colorContrast';
import { packageOf } from '../../src/core/flame/flameTree';
import { css } from './canvas';
import { changeOf } from './diff';
import { state } from './state';

const PALETTE = [
  '--vscode-charts-orange',
  '--vscode-charts-yellow',
  '--vscode-charts-red',
  '--vscode-charts-blue',
  '--vscode-charts-green',
  '--vscode-charts-purple',
];
const FALLBACK = ['#d18616', '#cca700', '#f14c4c', '#3794ff', '#89d185', '#b180d7'];

export interface BlockColors {
  fill: string;
  text: string;
}
let cache = new Map<string, BlockColors>();
let maxSelf = 0;
let maxSelfTree: unknown;

/** Forgets resolved colours (the theme changed). */
export function resetColors(): void {
  cache = new Map();
}

export const isHighContrast = (): boolean =>
  document.body.classList.contains('vscode-high-contrast') ||
  document.body.classList.contains('vscode-high-contrast-light');

const rgbOf = (name: string, fallback: string): Rgb => parseColor(css(name, fallback)) ?? parseColor(fallback)!;

function hashed(key: string): Rgb {
  let hash = 0;
  for (const ch of key) hash = (hash * 31 + ch.charCodeAt(0)) | 0;
  const i = Math.abs(hash) % PALETTE.length;
  return rgbOf(PALETTE[i], FALLBACK[i]);
}

function resolved(key: string, base: () => Rgb, weight: number): BlockColors {
  let c = cache.get(key);
  if (!c) {
    const background = rgbOf('--vscode-editor-background', '#1e1e1e');
    const block = readableBlock(mix(base(), background, weight), isHighContrast() ? 7 : 4.5);
    c = { fill: toHex(block.fill), text: toHex(block.text) };
    cache.set(key, c);
  }
  return c;
}

/** A neutral block: between the editor's background and foreground, never louder than the code. */
const neutral = (): BlockColors => resolved('neutral', () => rgbOf('--vscode-foreground', '#cccccc'), 0.22);

/** Colours of the block for `node` of the drawn tree, or of a merged "…" block (node -1). */
export function colorsOf(node: number): BlockColors {
  const tree = state.tree!;
  if (node < 0) return neutral();
  const f = tree.functions[tree.func[node]];
  if (f.kind !== 'js' || tree.kind[node] === 'internals') return neutral();
  switch (state.colorMode) {
    case 'function':
      return resolved(`fn:${f.name}:${f.file}`, () => hashed(`${f.name}\u0000${f.file}`), 0.85);
    case 'package': {
      const pkg = packageOf(f.file);
      return resolved(`pkg:${pkg}`, () => hashed(pkg), 0.85);
    }
    case 'heat': {
      if (maxSelfTree !== tree) {
        maxSelf = tree.self.reduce((a, b) => Math.max(a, b), 1);
        maxSelfTree = tree;
      }
      const level = Math.round(10 * Math.sqrt(tree.self[node] / maxSelf));
      return resolved(`heat:${level}`, () => heatColor(level / 10), 0.9);
    }
    case 'change': {
      // Eleven steps from all gone (blue) through unchanged (neutral) to all new (orange).
      const step = Math.round(changeOf(node) * 5);
      if (step === 0) return neutral();
      const toward =
        step < 0 ? rgbOf('--vscode-hotline-diffFaster', '#3794ff') : rgbOf('--vscode-hotline-diffSlower', '#d18616');
      return resolved(`change:${step}`, () => toward, 0.3 + 0.12 * Math.abs(step));
    }
    default:
      return resolved(`file:${f.file}`, () => hashed(f.file), 0.85);
  }
}
