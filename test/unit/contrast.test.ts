// The contrast measure the theme tests rely on, checked on synthetic images of known contrast.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import {
  contrast,
  decodePng,
  flameBlocks,
  luminance,
  measureTextContrast,
  over,
  parseHex,
  rimShare,
  type Pixels,
  type Rgb,
} from '../e2e/contrast.ts';

test('WCAG luminance and contrast: the reference values', () => {
  assert.equal(luminance([255, 255, 255]), 1);
  assert.equal(luminance([0, 0, 0]), 0);
  assert.equal(contrast('#FFFFFF', '#000000'), 21);
  assert.equal(contrast('#000000', '#FFFFFF'), 21, 'symmetric');
  assert.equal(contrast('#767676', '#FFFFFF').toFixed(2), '4.54', 'the lightest grey that passes AA on white');
  assert.equal(contrast('#777777', '#FFFFFF').toFixed(2), '4.48');
  assert.equal(
    contrast('#815c11', '#B5CEA8').toFixed(1),
    '3.6',
    "the issue's figure: Dark Modern numbers on the old hottest line",
  );
});

test('hex colours with alpha composite over their background', () => {
  assert.deepEqual(parseHex('#fa0'), [255, 170, 0, 1]);
  assert.deepEqual(over('#FFFFFF80', [0, 0, 0]), [128, 128, 128]);
  assert.deepEqual(over('#FF000000', '#1F1F1F'), [31, 31, 31]);
  assert.throws(() => parseHex('red'), /not a hex colour/);
});

/** A synthetic "text" box: glyph cores in `text`, each with an anti-aliased rim of blends, on `bg`. */
function textImage(bg: Rgb, text: Rgb, opts: { speck?: Rgb } = {}): Pixels {
  const width = 60;
  const height = 20;
  const data = new Uint8Array(width * height * 4);
  const put = (x: number, y: number, c: Rgb) => data.set([...c, 255], (y * width + x) * 4);
  const blend = (t: number): Rgb => [0, 1, 2].map((i) => Math.round(bg[i] + t * (text[i] - bg[i]))) as unknown as Rgb;
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) put(x, y, bg);
  for (let glyph = 0; glyph < 5; glyph++) {
    const x0 = 4 + glyph * 11;
    for (let y = 4; y < 16; y++) {
      put(x0, y, blend(0.3));
      put(x0 + 1, y, blend(0.7));
      put(x0 + 2, y, y < 8 ? blend(0.97) : text); // nearly-covered edge pixels outnumber the solid core
      put(x0 + 3, y, y < 14 ? blend(0.97) : text);
      put(x0 + 4, y, blend(0.5));
    }
  }
  if (opts.speck) put(58, 1, opts.speck);
  return { width, height, data };
}

test('text contrast from pixels: background is the most common colour, text the most contrasting solid cluster', () => {
  const cases: [string, string][] = [
    ['#1F1F1F', '#CCCCCC'],
    ['#FFFFFF', '#098658'],
    ['#3D1800', '#D16969'],
    ['#000000', '#569CD6'],
    ['#FFFFE0', '#267F99'],
  ];
  for (const [bg, fg] of cases) {
    const m = measureTextContrast(textImage(over(bg, [0, 0, 0]), over(fg, [0, 0, 0])), {
      x: 0,
      y: 0,
      width: 60,
      height: 20,
    })!;
    assert.equal(m.background, bg.toLowerCase());
    assert.equal(m.text, fg.toLowerCase(), `anti-aliased rims are not taken for the text (${bg} / ${fg})`);
    assert.equal(m.ratio.toFixed(3), contrast(fg, bg).toFixed(3));
  }
});

test('a stray pixel of a sharper colour does not count as text, an empty box has no text', () => {
  const img = textImage([31, 31, 31], [106, 153, 85], { speck: [255, 255, 255] });
  const m = measureTextContrast(img, { x: 0, y: 0, width: 60, height: 20 })!;
  assert.equal(m.text, '#6a9955');
  assert.equal(measureTextContrast(img, { x: 0, y: 17, width: 50, height: 3 }), undefined);
  const part = measureTextContrast(img, [
    { x: 10, y: 0, width: 10, height: 20 },
    { x: 20, y: 0, width: 10, height: 20 },
  ])!;
  assert.equal(part.text, '#6a9955', 'boxes are measured on their own pixels, several as one sample');
});

/** A minimal PNG writer for the round trip: every row uses a different filter, as encoders do. */
function encodePng(img: Pixels, channels: 3 | 4): Buffer {
  const { width, height } = img;
  const stride = width * channels;
  const rows = Buffer.alloc(stride * height);
  for (let p = 0; p < width * height; p++)
    for (let c = 0; c < channels; c++) rows[p * channels + c] = img.data[p * 4 + c];
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const filter = y % 5;
    raw[y * (stride + 1)] = filter;
    for (let i = 0; i < stride; i++) {
      const x = rows[y * stride + i];
      const a = i >= channels ? rows[y * stride + i - channels] : 0;
      const b = y > 0 ? rows[(y - 1) * stride + i] : 0;
      const c = i >= channels && y > 0 ? rows[(y - 1) * stride + i - channels] : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      raw[y * (stride + 1) + 1 + i] = (x - predictor) & 255;
    }
  }
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(body.length);
    return Buffer.concat([head, Buffer.from(type, 'latin1'), body, Buffer.alloc(4)]); // the decoder does not check CRCs
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, channels === 4 ? 6 : 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

test('PNG decoding (RGB and RGBA, all five row filters) gives back the pixels', () => {
  const img = textImage([255, 255, 224], [38, 127, 153]);
  for (const channels of [3, 4] as const) {
    const back = decodePng(encodePng(img, channels));
    assert.equal(back.width, img.width);
    assert.equal(back.height, img.height);
    assert.deepEqual(Buffer.from(back.data), Buffer.from(img.data));
  }
  assert.throws(() => decodePng(Buffer.from('GIF89a........')), /not a PNG/);
});

/** A synthetic flame canvas: rows of 16 px (15 of fill, 1 of gap), blocks with 6×8 px "glyphs" and an outlined block. */
function flameImage(): Pixels {
  const width = 200;
  const height = 40;
  const data = new Uint8Array(width * height * 4);
  const put = (x: number, y: number, c: Rgb) => data.set([...c, 255], (y * width + x) * 4);
  const fill = (x0: number, y0: number, w: number, h: number, c: Rgb) => {
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) put(x, y, c);
  };
  fill(0, 0, width, height, [31, 31, 31]); // the page
  const glyphs = (x0: number, top: number, c: Rgb) => {
    for (let g = 0; g < 3; g++) fill(x0 + 3 + g * 8, top + 4, 3, 8, c);
  };
  // row 0: one block with a black label and a 2 px highlight outline
  fill(0, 0, 180, 15, [200, 200, 200]);
  glyphs(0, 0, [0, 0, 0]);
  for (let x = 0; x < 180; x++) {
    put(x, 0, [0, 127, 212]);
    put(x, 1, [0, 127, 212]);
    put(x, 13, [0, 127, 212]);
    put(x, 14, [0, 127, 212]);
  }
  for (let y = 0; y < 15; y++) {
    put(0, y, [0, 127, 212]);
    put(1, y, [0, 127, 212]);
    put(178, y, [0, 127, 212]);
    put(179, y, [0, 127, 212]);
  }
  // row 1: an orange block with a dark label, a blend column, an orange block of the same file with no label, a gap, a blue one
  fill(0, 16, 90, 15, [209, 134, 22]);
  glyphs(0, 16, [40, 20, 0]);
  fill(90, 16, 1, 15, [120, 83, 27]);
  fill(91, 16, 40, 15, [209, 134, 22]);
  fill(140, 16, 50, 15, [55, 148, 255]);
  glyphs(140, 16, [0, 0, 0]);
  return { width, height, data };
}

test('flame blocks are found from the pixels: rows, runs of one fill split by gaps, outlines kept outside the boxes', () => {
  const img = flameImage();
  const blocks = flameBlocks(img, { x: 0, y: 0, width: 200, height: 40 }, { rowHeight: 16, background: '#1f1f1f' });
  assert.deepEqual(
    blocks.map((b) => [b.x, b.y, b.width, b.height]),
    [
      [3, 3, 174, 9], // the outline is the block's colour along its top: one block, the outline outside the box
      [3, 19, 84, 9],
      [94, 19, 34, 9],
      [143, 19, 44, 9],
    ],
  );
  const measured = blocks.map((b) => measureTextContrast(img, b));
  assert.equal(measured[0]!.text, '#000000', 'the label, not the outline');
  assert.equal(measured[0]!.background, '#c8c8c8');
  assert.equal(measured[1]!.ratio.toFixed(2), contrast('#281400', '#d18616').toFixed(2));
  assert.equal(measured[2], undefined, 'a block with no label has no glyph pixels');
  assert.equal(measured[3]!.background, '#3794ff');
});

test('the rim of a text box tells whether its background is uniform', () => {
  const img = flameImage();
  assert.equal(rimShare(img, { x: 142, y: 20, width: 21, height: 8 }, '#3794ff'), 1);
  assert.ok(rimShare(img, { x: 180, y: 19, width: 19, height: 9 }, '#3794ff') < 0.8, 'a box over the end of its block');
});
