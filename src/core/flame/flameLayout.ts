// Geometry of the flame views, computed without a DOM: one icicle layout (x0..x1 as a fraction
// of the current root's total, depth from the root) serves both views — the sunburst reads x as
// an angle and depth as a ring. Nodes narrower than the cutoff are merged into one "…" block per
// parent, as snakeviz does, so a 100k-node tree draws a few thousand blocks at most.
import type { FlatProfile, FunctionStats } from './profileTypes';

/** Children of every node in CSR form: children of i are list[start[i] .. start[i + 1]). */
export interface ChildIndex {
  start: Int32Array;
  list: Int32Array;
}

export function childIndex(p: FlatProfile): ChildIndex {
  const n = p.parent.length;
  const start = new Int32Array(n + 1);
  for (let i = 1; i < n; i++) start[p.parent[i] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const list = new Int32Array(Math.max(0, n - 1));
  for (let i = 1; i < n; i++) list[fill[p.parent[i]]++] = i;
  return { start, list };
}

export interface LayoutOptions {
  root: number;
  /** Levels drawn below the root (snakeviz: 3, 5, 10, 15, 20; default 10). */
  depth: number;
  /** Minimum width as a fraction of the root (1/1000 default, 1/100, 0 = none). */
  cutoff: number;
}

export interface FlameLayout {
  /** Node index of each block, or -1 for a merged "…" block. */
  node: number[];
  /** For merged blocks: the parent whose small children they stand for; else the node itself. */
  owner: number[];
  x0: number[];
  x1: number[];
  depth: number[];
  /** Total time (µs) of each block. */
  value: number[];
  maxDepth: number;
}

export function layout(p: FlatProfile, children: ChildIndex, opts: LayoutOptions): FlameLayout {
  const out: FlameLayout = { node: [], owner: [], x0: [], x1: [], depth: [], value: [], maxDepth: 0 };
  const rootTotal = p.total[opts.root];
  if (!(rootTotal > 0)) {
    out.node.push(opts.root);
    out.owner.push(opts.root);
    out.x0.push(0);
    out.x1.push(1);
    out.depth.push(0);
    out.value.push(0);
    return out;
  }
  const minValue = opts.cutoff * rootTotal;
  const stack: [number, number, number][] = [[opts.root, 0, 0]];
  while (stack.length) {
    const [node, x, d] = stack.pop()!;
    const w = p.total[node] / rootTotal;
    out.node.push(node);
    out.owner.push(node);
    out.x0.push(x);
    out.x1.push(x + w);
    out.depth.push(d);
    out.value.push(p.total[node]);
    if (d > out.maxDepth) out.maxDepth = d;
    if (d + 1 >= opts.depth) continue;
    let cx = x;
    let merged = 0;
    const pending: [number, number, number][] = [];
    for (let k = children.start[node]; k < children.start[node + 1]; k++) {
      const c = children.list[k];
      const v = p.total[c];
      if (v <= 0) continue;
      if (v < minValue) {
        merged += v;
        continue;
      }
      pending.push([c, cx, d + 1]);
      cx += v / rootTotal;
    }
    if (merged > 0 && merged >= minValue / 4) {
      out.node.push(-1);
      out.owner.push(node);
      out.x0.push(cx);
      out.x1.push(cx + merged / rootTotal);
      out.depth.push(d + 1);
      out.value.push(merged);
    }
    for (let i = pending.length - 1; i >= 0; i--) stack.push(pending[i]);
  }
  return out;
}

/** The path from the profile's root to `node`, root first (the breadcrumb). */
export function ancestry(p: FlatProfile, node: number): number[] {
  const path: number[] = [];
  for (let i = node; i >= 0; i = p.parent[i]) path.push(i);
  return path.reverse();
}

/** Functions whose name or file contains `query` (case-insensitive). */
export function searchFunctions(p: FlatProfile, query: string): Set<number> {
  const q = query.trim().toLowerCase();
  const out = new Set<number>();
  if (!q) return out;
  p.functions.forEach((f, i) => {
    if (f.name.toLowerCase().includes(q) || f.file.toLowerCase().includes(q)) out.add(i);
  });
  return out;
}

/** The node of `func` with the largest total: where a table row click puts the root. */
export function heaviestNodeOf(p: FlatProfile, func: number): number {
  let best = -1;
  for (let i = 0; i < p.func.length; i++) if (p.func[i] === func && (best < 0 || p.total[i] > p.total[best])) best = i;
  return best;
}

export type StatsColumn = 'ncalls' | 'tottime' | 'tottimePercall' | 'cumtime' | 'cumtimePercall' | 'location';

export interface StatsRow extends FunctionStats {
  tottimePercall: number | null;
  cumtimePercall: number | null;
  location: string;
}

/** `filename:lineno(function)`, as pstats prints it. */
export function locationOf(p: FlatProfile, func: number): string {
  const f = p.functions[func];
  if (f.kind !== 'js') return `~:0(${f.name})`;
  const file = f.file.split('/').pop() || f.file;
  return `${file}:${f.line}(${f.name})`;
}

export function statsRows(p: FlatProfile, stats: FunctionStats[]): StatsRow[] {
  return stats.map((s) => ({
    ...s,
    tottimePercall: s.ncalls ? s.tottime / s.ncalls : null,
    cumtimePercall: s.ncalls ? s.cumtime / s.ncalls : null,
    location: locationOf(p, s.func),
  }));
}

/** Sorted copy; unknown (null) values sort last either way. */
export function sortStats(rows: readonly StatsRow[], column: StatsColumn, descending: boolean): StatsRow[] {
  const sign = descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const va = a[column],
      vb = b[column];
    if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
    if (typeof va === 'string') return sign * va.localeCompare(vb as string, 'en', { numeric: true });
    return sign * ((va as number) - (vb as number));
  });
}

/**
 * With Node's internals folded, their rows go after the rest in any order: the loader's frames
 * (run_main_module, Module._load) hold every other function and would otherwise top cumtime.
 */
export function internalsLast(rows: readonly StatsRow[], isInternal: (func: number) => boolean): StatsRow[] {
  return [...rows.filter((r) => !isInternal(r.func)), ...rows.filter((r) => isInternal(r.func))];
}

export function filterStats(rows: readonly StatsRow[], text: string): StatsRow[] {
  const q = text.trim().toLowerCase();
  return q ? rows.filter((r) => r.location.toLowerCase().includes(q)) : [...rows];
}
