// The tree the flame views draw, derived from a FlatProfile without losing it: chains of
// single-child frames collapse into one block, and Node's module loader and other internals fold
// into one "node internals" block, so a real program's own code is visible on open. The result is
// itself a FlatProfile (layout, ancestry and search work on it unchanged) plus the way back to
// the original nodes. leftHeavy() merges it further into speedscope's "left heavy" view.
import type { FlatProfile, ProfileFunction } from './profileTypes';

export type BlockKind = 'frame' | 'chain' | 'internals';

export interface ViewTree extends FlatProfile {
  /** Per view node: the original node whose callees it shows (the deepest frame it stands for). */
  origin: number[];
  /** Per view node: the first original node it stands for (head of a chain or of a folded block). */
  head: number[];
  /** Per view node: how many original frames it stands for. */
  members: number[];
  kind: BlockKind[];
  /** Per original node: the view node that holds it. */
  viewOf: Int32Array;
}

export interface TreeOptions {
  /** Merge a frame into its parent when the parent has no other callee and (almost) no self time. */
  collapseChains: boolean;
  /** Fold Node's internal frames (node:internal/…, the CommonJS/ESM loader) into one block. */
  foldInternals: boolean;
  /** Original head nodes of folded blocks the user expanded. */
  expanded?: ReadonlySet<number>;
}

/** A parent's self time up to this share of its total still lets its only callee join its chain. */
const CHAIN_SELF_SHARE = 0.01;

/** Node's own JavaScript: `node:…` modules and the loader functions user code is required through. */
export function isNodeInternal(f: ProfileFunction): boolean {
  if (f.kind !== 'js') return false;
  return f.file.startsWith('node:') || f.file.startsWith('internal/') || /^(internal|evalmachine)\b/.test(f.file);
}

/** A view tree with no nodes yet over `base`'s function table, mapping `originals` original nodes. */
function emptyViewTree(base: FlatProfile, originals: number): ViewTree {
  const lists = { parent: [], func: [], self: [], total: [], origin: [], head: [], members: [], kind: [] };
  return { ...base, ...lists, viewOf: new Int32Array(originals) };
}

export function buildViewTree(p: FlatProfile, opts: TreeOptions): ViewTree {
  const n = p.parent.length;
  const out = emptyViewTree(p, n);
  const internal = p.functions.map(isNodeInternal);
  const childCount = new Int32Array(n);
  for (let i = 1; i < n; i++) childCount[p.parent[i]]++;
  // An internal frame under an expanded head (or under an unfolded internal frame) stays unfolded.
  const unfolded = new Uint8Array(n);
  const add = (i: number, parentView: number, kind: BlockKind) => {
    out.parent.push(parentView);
    out.func.push(p.func[i]);
    out.self.push(p.self[i]);
    out.total.push(p.total[i]);
    out.origin.push(i);
    out.head.push(i);
    out.members.push(1);
    out.kind.push(kind);
    return out.parent.length - 1;
  };
  for (let i = 0; i < n; i++) {
    const parent = p.parent[i];
    if (parent < 0) {
      out.viewOf[i] = add(i, -1, 'frame');
      continue;
    }
    const pv = out.viewOf[parent];
    const isInternal = opts.foldInternals && internal[p.func[i]];
    if (isInternal) unfolded[i] = opts.expanded?.has(i) || (unfolded[parent] && internal[p.func[parent]]) ? 1 : 0;
    if (isInternal && !unfolded[i]) {
      if (out.kind[pv] === 'internals') {
        absorb(out, pv, i, p, false);
        out.viewOf[i] = pv;
      } else out.viewOf[i] = add(i, pv, 'internals');
      continue;
    }
    const chainable =
      opts.collapseChains &&
      pv > 0 &&
      out.kind[pv] !== 'internals' &&
      out.origin[pv] === parent &&
      childCount[parent] === 1 &&
      p.self[parent] <= CHAIN_SELF_SHARE * p.total[parent];
    if (chainable) {
      absorb(out, pv, i, p, true);
      out.viewOf[i] = pv;
      continue;
    }
    out.viewOf[i] = add(i, pv, 'frame');
  }
  return out;
}

/** Adds original `node` to block `view`; a chain then shows the callees (and opens the source) of its last frame. */
function absorb(t: ViewTree, view: number, node: number, p: FlatProfile, chain: boolean): void {
  t.self[view] += p.self[node];
  t.members[view]++;
  if (chain) {
    t.origin[view] = node;
    t.func[view] = p.func[node];
    t.kind[view] = 'chain';
  }
}

/** What a block is called: its function, a chain's first and last frame, or "node internals". */
export function blockLabel(t: ViewTree, view: number, originalFunc: readonly number[]): string {
  const name = (node: number) => t.functions[originalFunc[node]].name;
  if (t.kind[view] === 'internals')
    return t.members[view] === 1 ? name(t.head[view]) : `node internals (${t.members[view]} frames)`;
  if (t.kind[view] === 'chain') return `${name(t.head[view])} › … › ${name(t.origin[view])} (${t.members[view]})`;
  return t.functions[t.func[view]].name;
}

/**
 * speedscope's "left heavy": callees with the same function under the same merged parent become
 * one block, and siblings are ordered heaviest first, so similar stacks line up on the left.
 */
export function leftHeavy(t: ViewTree): ViewTree {
  const n = t.parent.length;
  const children: number[][] = Array.from({ length: n }, () => []);
  for (let i = 1; i < n; i++) children[t.parent[i]].push(i);
  const out = emptyViewTree(t, t.viewOf.length);
  const mergedOf = new Int32Array(n);
  // A group is the set of view nodes merged into one block; emitted pre-order, heaviest child first.
  const stack: { group: number[]; parent: number }[] = [{ group: [0], parent: -1 }];
  while (stack.length) {
    const { group, parent } = stack.pop()!;
    const first = group[0];
    const index = out.parent.length;
    let self = 0,
      total = 0;
    for (const v of group) {
      self += t.self[v];
      total += t.total[v];
      mergedOf[v] = index;
    }
    out.parent.push(parent);
    out.func.push(t.func[first]);
    out.self.push(self);
    out.total.push(total);
    out.origin.push(t.origin[first]);
    out.head.push(t.head[first]);
    out.members.push(t.members[first]);
    out.kind.push(t.kind[first]);
    const byKey = new Map<string, number[]>();
    for (const v of group)
      for (const c of children[v]) {
        const key = `${t.func[c]}:${t.kind[c]}:${t.members[c]}`;
        const g = byKey.get(key);
        if (g) g.push(c);
        else byKey.set(key, [c]);
      }
    const groups = [...byKey.values()].map((g) => ({ g, total: g.reduce((a, v) => a + t.total[v], 0) }));
    groups.sort((a, b) => b.total - a.total);
    for (let k = groups.length - 1; k >= 0; k--) stack.push({ group: groups[k].g, parent: index });
  }
  for (let i = 0; i < t.viewOf.length; i++) out.viewOf[i] = mergedOf[t.viewOf[i]];
  return out;
}

/**
 * Blocks of `t` that hold a frame of one of `funcs` (search matches, inner frames of chains and
 * folded blocks included), heaviest first: the order Enter walks through them.
 */
export function matchingBlocks(t: ViewTree, originalFunc: readonly number[], funcs: ReadonlySet<number>): number[] {
  if (!funcs.size) return [];
  const hit = new Uint8Array(t.parent.length);
  for (let i = 0; i < originalFunc.length; i++) if (funcs.has(originalFunc[i])) hit[t.viewOf[i]] = 1;
  const out: number[] = [];
  for (let v = 0; v < hit.length; v++) if (hit[v]) out.push(v);
  return out.sort((a, b) => t.total[b] - t.total[a] || a - b);
}

/** The package a file belongs to (for colouring by package): its npm package, `node`, or its folder. */
export function packageOf(file: string): string {
  if (file.startsWith('node:') || file.startsWith('internal/')) return 'node';
  const m = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
  if (m) return m[1];
  const slash = file.lastIndexOf('/');
  return slash > 0 ? file.slice(0, slash) : file;
}
