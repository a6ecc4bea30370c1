// WCAG 2 contrast, and contrast measured from pixels: the colour of text is what the user sees
// on screen, so the theme tests read it back from screenshots rather than from CSS.
// Pure (no Playwright, no DOM): pixels come in as RGBA bytes, however they were decoded.
import zlib from 'node:zlib';

export type Rgb = readonly [number, number, number];

/** `#rgb`, `#rgba`, `#rrggbb` or `#rrggbbaa` → [r, g, b, alpha 0..1]. */
export function parseHex(hex: string): [number, number, number, number] {
  let h = hex.replace(/^#/, '');
  if (h.length === 3 || h.length === 4) h = [...h].map((c) => c + c).join('');
  if (!/^[0-9a-f]{6}([0-9a-f]{2})?$/i.test(h)) throw new Error(`not a hex colour: ${hex}`);
  const byte = (i: number) => parseInt(h.slice(i, i + 2), 16);
  return [byte(0), byte(2), byte(4), h.length === 8 ? byte(6) / 255 : 1];
}

/** A colour with alpha painted over an opaque background, as the browser composites it (8-bit result). */
export function over(colour: string, background: Rgb | string): Rgb {
  const [r, g, b, a] = parseHex(colour);
  const bg = typeof background === 'string' ? parseHex(background) : background;
  const mix = (c: number, under: number) => Math.round(c * a + under * (1 - a));
  return [mix(r, bg[0]), mix(g, bg[1]), mix(b, bg[2])];
}

/** WCAG 2 relative luminance of an sRGB colour. */
export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2 contrast ratio, 1..21, symmetric. */
export function contrast(a: Rgb | string, b: Rgb | string): number {
  const la = luminance(typeof a === 'string' ? over(a, [0, 0, 0]) : a);
  const lb = luminance(typeof b === 'string' ? over(b, [0, 0, 0]) : b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

export const toHex = (c: Rgb) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;

/** RGBA pixels, row by row, 4 bytes each. */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface TextContrast {
  background: string;
  text: string;
  ratio: number;
  /** Pixels of the text colour's cluster (the glyphs' solid cores). */
  textPixels: number;
  /** Pixels that differ from the background at all (glyphs and their anti-aliasing). */
  inkPixels: number;
}

/**
 * Contrast of text drawn in `box`: the background is the most common colour; the text is the
 * colour that contrasts most with it among clusters that have enough pixels. Anti-aliased edges
 * are blends between the two, so they always contrast less than the glyphs' cores and are never
 * picked; `minPixels` keeps a stray speck (a cursor, a neighbour's edge) from counting as text.
 * Undefined when the box holds no ink at all.
 */
export function measureTextContrast(
  pixels: Pixels,
  boxes: Box | readonly Box[],
  opts: { minPixels?: number; minShare?: number } = {},
): TextContrast | undefined {
  const counts = new Map<number, number>();
  // several boxes (all the tokens of one colour on a line) are measured as one sample of pixels
  for (const box of Array.isArray(boxes) ? boxes : [boxes]) {
    const x0 = Math.max(0, Math.floor(box.x));
    const y0 = Math.max(0, Math.floor(box.y));
    const x1 = Math.min(pixels.width, Math.ceil(box.x + box.width));
    const y1 = Math.min(pixels.height, Math.ceil(box.y + box.height));
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const i = (y * pixels.width + x) * 4;
        const key = (pixels.data[i] << 16) | (pixels.data[i + 1] << 8) | pixels.data[i + 2];
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  if (counts.size === 0) return undefined;
  const rgb = (key: number): Rgb => [(key >> 16) & 255, (key >> 8) & 255, key & 255];
  const [bgKey] = [...counts].reduce((a, b) => (b[1] > a[1] ? b : a));
  const background = rgb(bgKey);
  // Cluster colours that are within a small distance of each other (sub-pixel rendering and
  // JPEG-free PNGs still jitter a unit or two), keyed by the most common member.
  const ink = [...counts]
    .filter(([key]) => key !== bgKey && distance(rgb(key), background) > 6)
    .sort((a, b) => b[1] - a[1]);
  const inkPixels = ink.reduce((n, [, c]) => n + c, 0);
  if (inkPixels === 0) return undefined;
  // A cluster's colour is its most contrasting member seen at least twice: thin glyphs have more
  // nearly-covered edge pixels than solid ones, and those sit just inside the cluster.
  const clusters: { seed: Rgb; colour: Rgb; pixels: number }[] = [];
  for (const [key, n] of ink) {
    const c = rgb(key);
    const home = clusters.find((cl) => distance(cl.seed, c) <= 12);
    if (!home) clusters.push({ seed: c, colour: c, pixels: n });
    else {
      home.pixels += n;
      if (n >= 2 && contrast(c, background) > contrast(home.colour, background)) home.colour = c;
    }
  }
  const minPixels = Math.max(opts.minPixels ?? 3, Math.ceil((opts.minShare ?? 0.08) * inkPixels));
  const candidates = clusters.filter((cl) => cl.pixels >= minPixels);
  if (candidates.length === 0) return undefined;
  const best = candidates.reduce((a, b) => (contrast(b.colour, background) > contrast(a.colour, background) ? b : a));
  return {
    background: toHex(background),
    text: toHex(best.colour),
    ratio: contrast(best.colour, background),
    textPixels: best.pixels,
    inkPixels,
  };
}

/**
 * Share of the pixels on the rim of `box` (one pixel outside it) that have the colour `background`:
 * a text box whose rim is not mostly its background straddles two backgrounds (a cell half in a
 * selected row, a label over a chart edge), and its "most common colour" is no background at all.
 */
export function rimShare(pixels: Pixels, box: Box, background: string): number {
  const bg = parseHex(background);
  const x0 = Math.floor(box.x) - 1,
    y0 = Math.floor(box.y) - 1;
  const x1 = Math.ceil(box.x + box.width),
    y1 = Math.ceil(box.y + box.height);
  let same = 0,
    all = 0;
  const visit = (x: number, y: number) => {
    if (x < 0 || y < 0 || x >= pixels.width || y >= pixels.height) return;
    const i = (y * pixels.width + x) * 4;
    all++;
    if (distance([pixels.data[i], pixels.data[i + 1], pixels.data[i + 2]], [bg[0], bg[1], bg[2]]) <= 6) same++;
  };
  for (let x = x0; x <= x1; x++) {
    visit(x, y0);
    visit(x, y1);
  }
  for (let y = y0 + 1; y < y1; y++) {
    visit(x0, y);
    visit(x1, y);
  }
  return all ? same / all : 0;
}

/**
 * The blocks of a flame chart drawn on a canvas, found from its pixels alone (the canvas has no
 * DOM to ask): rows are `rowHeight` px from the top of `box` (the last pixel row is the gap between
 * rows); a block is a run of one fill colour along the row's second pixel row, which labels never
 * reach (they are centred, ~11 px high) so no glyph splits a block, and which a highlight outline
 * covers whole. Blocks end where the colour changes: another fill, the page background, or the
 * blend a sub-pixel gap leaves between two blocks of one colour. Runs narrower than `minWidth` and
 * the page background are no blocks. Each box is inset by `inset` px so an outline stays outside it.
 */
export function flameBlocks(
  pixels: Pixels,
  box: Box,
  opts: { rowHeight: number; background: string; minWidth?: number; inset?: number },
): Box[] {
  const bg = parseHex(opts.background);
  const page: Rgb = [bg[0], bg[1], bg[2]];
  const minWidth = opts.minWidth ?? 8;
  const inset = opts.inset ?? 3;
  const x0 = Math.max(0, Math.round(box.x)),
    x1 = Math.min(pixels.width, Math.round(box.x + box.width));
  const bottom = Math.min(pixels.height, Math.round(box.y + box.height));
  const blocks: Box[] = [];
  for (let top = Math.round(box.y); top + opts.rowHeight <= bottom; top += opts.rowHeight) {
    const at = (x: number): Rgb => {
      const i = ((top + 1) * pixels.width + x) * 4;
      return [pixels.data[i], pixels.data[i + 1], pixels.data[i + 2]];
    };
    let from = x0;
    for (let x = x0 + 1; x <= x1; x++) {
      if (x < x1 && distance(at(x), at(from)) <= 6) continue;
      if (x - from >= minWidth && distance(at(from), page) > 6) {
        blocks.push({
          x: from + inset,
          y: top + inset,
          width: x - from - 2 * inset,
          height: opts.rowHeight - 1 - 2 * inset,
        });
      }
      from = x;
    }
  }
  return blocks;
}

function distance(a: Rgb, b: Rgb): number {
  return Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2]));
}

/**
 * Decodes the PNGs Chromium writes for screenshots (8-bit RGB or RGBA, not interlaced) with
 * node:zlib, so the tests need no image package.
 */
export function decodePng(png: Buffer): Pixels {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colourType, , , interlace] = body.subarray(8, 13);
      channels = colourType === 6 ? 4 : colourType === 2 ? 3 : 0;
      if (depth !== 8 || !channels || interlace)
        throw new Error(`unsupported PNG: depth ${depth}, colour type ${colourType}, interlace ${interlace}`);
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const rows = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = rows.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? rows.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? out[i - channels] : 0;
      const b = prev[i];
      const c = i >= channels ? prev[i - channels] : 0;
      out[i] = (line[i] + unfilter(filter, a, b, c)) & 255;
    }
  }
  const data = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    data.set(rows.subarray(p * channels, p * channels + 3), p * 4);
    data[p * 4 + 3] = channels === 4 ? rows[p * channels + 3] : 255;
  }
  return { width, height, data };
}

function unfilter(filter: number, left: number, up: number, upLeft: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return left;
    case 2:
      return up;
    case 3:
      return (left + up) >> 1;
    case 4: {
      const p = left + up - upLeft;
      const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
      return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
    }
    default:
      throw new Error(`bad PNG filter ${filter}`);
  }
}
