// The time-order view's data: the samples as runs (built once, in toFlatProfile) and the flame chart
// laid out from them (x = time, y = stack depth), where a frame that stays on the stack across
// consecutive runs is one block, as in Chrome DevTools' and speedscope's time-order charts.
import type { FlameLayout } from './flameLayout';
import type { ViewTree } from './flameTree';
import type { Timeline } from './profileTypes';

/** Above this many runs the timeline is coarsened to buckets (a screen has a few thousand pixels). */
export const MAX_RUNS = 200_000;

/**
 * Runs of `samples` (node ids, mapped to flat indices by `indexOf`) with V8's timeDeltas: sample i
 * lasts until sample i + 1 (the last one lasts `lastDuration`), exactly as the self times count them.
 */
export function buildTimeline(
  samples: readonly number[],
  deltas: readonly number[],
  lastDuration: number,
  indexOf: (id: number) => number,
  maxRuns = MAX_RUNS,
): Timeline {
  const count = samples.length;
  const durationOf = (i: number) => (i + 1 < deltas.length ? Math.max(0, deltas[i + 1]) : lastDuration);
  let runs = 0;
  for (let i = 0; i < count; i++) if (i === 0 || samples[i] !== samples[i - 1]) runs++;
  const out: Timeline = { node: [], start: [], duration: [] };
  const push = (node: number, start: number, duration: number) => {
    const last = out.node.length - 1;
    if (last >= 0 && out.node[last] === node) out.duration[last] = start + duration - out.start[last];
    else {
      out.node.push(node);
      out.start.push(start);
      out.duration.push(duration);
    }
  };
  let time = deltas.length ? Math.max(0, deltas[0]) : 0;
  if (runs <= maxRuns) {
    for (let i = 0; i < count; i++) {
      const d = durationOf(i);
      push(indexOf(samples[i]), time, d);
      time += d;
    }
    return out;
  }
  // Coarsen: each bucket goes to the node with the longest single stretch in it.
  let span = time;
  for (let i = 0; i < count; i++) span += durationOf(i);
  const bucket = Math.max(1, (span - time) / (maxRuns / 2));
  out.bucket = bucket;
  const origin = time;
  let current = -1,
    best = -1,
    bestLength = -1,
    stretchNode = -1,
    stretchLength = 0;
  const flush = () => {
    if (current >= 0) push(best, origin + current * bucket, bucket);
  };
  for (let i = 0; i < count; i++) {
    const b = Math.floor((time - origin) / bucket);
    const node = indexOf(samples[i]);
    if (b !== current) {
      flush();
      current = b;
      best = node;
      bestLength = -1;
      stretchNode = -1;
    }
    stretchLength = node === stretchNode ? stretchLength + durationOf(i) : durationOf(i);
    stretchNode = node;
    if (stretchLength > bestLength) {
      best = node;
      bestLength = stretchLength;
    }
    time += durationOf(i);
  }
  flush();
  return out;
}

/** Checks a timeline from a message: parallel arrays, nodes in range, times finite and ≥ 0. */
export function isTimeline(v: unknown, nodeCount: number): v is Timeline {
  if (typeof v !== 'object' || v === null) return false;
  const t = v as Record<string, unknown>;
  const nums = (a: unknown): a is number[] =>
    Array.isArray(a) && a.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0);
  if (!nums(t.node) || !nums(t.start) || !nums(t.duration)) return false;
  return (
    t.start.length === t.node.length &&
    t.duration.length === t.node.length &&
    t.node.every((n) => Number.isInteger(n) && n < nodeCount) &&
    (t.bucket === undefined || (typeof t.bucket === 'number' && t.bucket > 0))
  );
}

/**
 * The flame chart: blocks with x0..x1 as fractions of the timeline's span and depth from the root.
 * One pass with the stack that is open: a run closes the frames it does not share with the run
 * before and opens its own, so the work is proportional to the stack changes, not the depth.
 */
export function timeOrderLayout(tree: ViewTree, timeline: Timeline): FlameLayout {
  const out: FlameLayout = { node: [], owner: [], x0: [], x1: [], depth: [], value: [], maxDepth: 0 };
  const runs = timeline.node.length;
  if (!runs) return out;
  const begin = timeline.start[0];
  const end = timeline.start[runs - 1] + timeline.duration[runs - 1];
  const span = end - begin || 1;
  const depthOf = new Int32Array(tree.parent.length);
  for (let v = 1; v < tree.parent.length; v++) depthOf[v] = depthOf[tree.parent[v]] + 1;
  const openNode: number[] = [];
  const openStart: number[] = [];
  const close = (toDepth: number, at: number) => {
    while (openNode.length > toDepth) {
      const d = openNode.length - 1;
      const node = openNode.pop()!,
        start = openStart.pop()!;
      out.node.push(node);
      out.owner.push(node);
      out.depth.push(d);
      out.value.push(at - start);
      out.x0.push((start - begin) / span);
      out.x1.push((at - begin) / span);
      if (d > out.maxDepth) out.maxDepth = d;
    }
  };
  const path: number[] = [];
  for (let r = 0; r < runs; r++) {
    const at = timeline.start[r];
    path.length = 0;
    let v = tree.viewOf[timeline.node[r]];
    while (v >= 0 && openNode[depthOf[v]] !== v) {
      path.push(v);
      v = tree.parent[v];
    }
    close(v >= 0 ? depthOf[v] + 1 : 0, at);
    for (let k = path.length - 1; k >= 0; k--) {
      openNode.push(path[k]);
      openStart.push(at);
    }
  }
  close(0, end);
  return out;
}
