// Canvas plumbing shared by the chart views: theme colours from CSS variables, a canvas sized in
// CSS pixels × devicePixelRatio, and chunked painting so huge trees never block the page.
export const css = (name: string, fallback: string): string =>
  getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;

export const LABEL_FONT_PX = 11;

/** `text` cut to fit `width` CSS pixels, ending with "…" when cut; '' when not even "x…" fits. */
export function fitLabel(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let lo = 0,
    hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= width) lo = mid;
    else hi = mid - 1;
  }
  return lo >= 1 ? `${text.slice(0, lo)}…` : '';
}

/** Sizes `canvas` to width × height CSS pixels at the screen's pixel ratio and returns a cleared context. */
export function sizeCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D {
  const dpr = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  // A fixed size in CSS pixels: labels never shrink or grow with the panel.
  ctx.font = `${LABEL_FONT_PX}px ${css('--vscode-font-family', 'sans-serif')}`;
  ctx.textBaseline = 'middle';
  return ctx;
}

/**
 * Paints blocks a frame's worth at a time, so even an uncut 100k-node tree never blocks the page:
 * the first chunk is synchronous (a zoom shows at once), the rest follow on animation frames; a
 * newer draw abandons an older one.
 */
const BLOCKS_PER_FRAME = 6000;
const generations = new WeakMap<object, number>();
/** `canvas`: a newer draw on the same canvas abandons an older one (the minimap and chart paint independently). */
export function paintInChunks(canvas: object, count: number, paintOne: (i: number) => void, done: () => void): void {
  const generation = (generations.get(canvas) ?? 0) + 1;
  generations.set(canvas, generation);
  const step = (from: number) => {
    if (generation !== generations.get(canvas)) return;
    const to = Math.min(count, from + BLOCKS_PER_FRAME);
    for (let i = from; i < to; i++) paintOne(i);
    if (to < count) requestAnimationFrame(() => step(to));
    else done();
  };
  step(0);
}
