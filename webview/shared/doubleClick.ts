// Double-click opens what was under the pointer at the first click. A first click re-roots a chart
// or selects a row, which can move everything under a pointer that did not move: the second click
// then lands on another row, another block or the filter field. So each first click leaves what a
// double-click would open, and a double-click near that spot, soon after, opens it wherever it lands.

/** Longest gap, and farthest pointer travel, between the two clicks of one double-click. */
const DOUBLE_CLICK_MS = 800;
const DOUBLE_CLICK_PX = 8;

let first: { x: number; y: number; at: number; open: () => void } | undefined;

/** Called on a single click (event.detail 1): what a double-click starting with it opens. */
export function rememberClick(e: MouseEvent, open: () => void): void {
  first = { x: e.clientX, y: e.clientY, at: performance.now(), open };
}

document.addEventListener(
  'dblclick',
  (e) => {
    const click = first;
    first = undefined;
    if (!click || performance.now() - click.at > DOUBLE_CLICK_MS) return;
    if (Math.hypot(e.clientX - click.x, e.clientY - click.y) > DOUBLE_CLICK_PX) return;
    e.preventDefault();
    e.stopPropagation();
    click.open();
  },
  true,
);
