// Canvas plumbing shared by the chart views: theme colours from CSS variables, a canvas sized in
// CSS pixels × devicePixelRatio, and chunked painting so huge trees never block the page.
export const css = (name: string, fallback: string): string => getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;

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
  ctx.font = `${css('--vscode-font-size', '12px')} ${css('--vscode-font-family', 'sans-serif')}`;
  ctx.textBaseline = 'middle';
  return ctx;
}

/**
 * Paints blocks a frame's worth at a time, so even an uncut 100k-node tree never blocks the page:
 * the first chunk is synchronous (a zoom shows at once), the rest follow on animation frames; a
 * newer draw abandons an older one.
 */
const BLOCKS_PER_FRAME = 6000;
let paintGeneration = 0;
export function paintInChunks(count: number, paintOne: (i: number) => void, done: () => void): void {
  const generation = ++paintGeneration;
  const step = (from: number) => {
    if (generation !== paintGeneration) return;
    const to = Math.min(count, from + BLOCKS_PER_FRAME);
    for (let i = from; i < to; i++) paintOne(i);
    if (to < count) requestAnimationFrame(() => step(to)); else done();
  };
  step(0);
}
