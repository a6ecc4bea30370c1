// WCAG contrast for the flame blocks: each label takes black or white, whichever reads better on
// its block, and a block whose best label still falls short of the theme's target (7:1 in the
// high-contrast themes) has its fill moved away from the label colour until it reaches it.
export type Rgb = [number, number, number];

/** #rgb, #rrggbb, #rrggbbaa (alpha ignored) or rgb()/rgba(); undefined for anything else. */
export function parseColor(text: string): Rgb | undefined {
  const s = text.trim();
  let m = /^#([0-9a-f]{3})$/i.exec(s);
  if (m) return [0, 1, 2].map((i) => parseInt(m![1][i] + m![1][i], 16)) as Rgb;
  m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(s);
  if (m) return [0, 2, 4].map((i) => parseInt(m![1].slice(i, i + 2), 16)) as Rgb;
  m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/i.exec(s);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  return undefined;
}

export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** `a` blended over `b` with weight `w` of `a`. */
export function mix(a: Rgb, b: Rgb, w: number): Rgb {
  return [0, 1, 2].map((i) => Math.round(a[i] * w + b[i] * (1 - w))) as Rgb;
}

export const toHex = (c: Rgb): string => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [255, 255, 255];

/** The fill to paint and the label colour on it, with contrast ≥ `minRatio` (4.5 or 7). */
export function readableBlock(fill: Rgb, minRatio: number): { fill: Rgb; text: Rgb } {
  const text = contrast(fill, BLACK) >= contrast(fill, WHITE) ? BLACK : WHITE;
  let adjusted = fill;
  // Move the fill toward the opposite of the text until the ratio holds (at most 20 small steps).
  const away = text === BLACK ? WHITE : BLACK;
  for (let step = 1; contrast(adjusted, text) < minRatio && step <= 20; step++) adjusted = mix(away, fill, step / 20);
  return { fill: adjusted, text };
}

/** Yellow → orange → red by `heat` in 0..1 (the hottest red), for the heat colouring and the Lines tab. */
export function heatColor(heat: number): Rgb {
  const h = Math.max(0, Math.min(1, heat));
  return h < 0.5 ? mix([240, 140, 30], [250, 215, 90], h * 2) : mix([215, 50, 40], [240, 140, 30], (h - 0.5) * 2);
}
