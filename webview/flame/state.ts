// The flame panel's state, shared by every view module, and the one way out to the extension.
import {
  childIndex,
  type ChildIndex,
  type FlameLayout,
  type StatsColumn,
  type StatsRow,
} from '../../src/core/flame/flameLayout';
import { buildViewTree, leftHeavy, type ViewTree } from '../../src/core/flame/flameTree';
import { formatG, formatTime } from '../../src/core/timing/format';
import { formatBytes } from '../../src/core/memory/memit';
import type { DiffPayload, FlameFromWebview } from '../../src/core/protocol/flameMessages';
import type { FlatProfile } from '../../src/core/flame/profileTypes';
import { vscode } from '../shared/vscodeApi';

export type View = 'icicle' | 'sunburst' | 'timeOrder' | 'leftHeavy' | 'lines' | 'changes' | 'allocations';
export type ColorMode = 'file' | 'function' | 'package' | 'heat' | 'change';
/** Depth shown when the control says "all". */
export const ALL_DEPTHS = 1_000_000;
export const SUNBURST_DEPTH = 10;

/** The depth of the view on screen (the sunburst keeps its own). */
export const viewDepth = (): number => (state.view === 'sunburst' ? state.sunburstDepth : state.depth);

export const state = {
  /** The profile as parsed: the stats table and the function table (the Allocations view swaps in `allocations`). */
  profile: undefined as FlatProfile | undefined,
  /** The time profile, kept while the Allocations view shows the bytes… */
  timeProfile: undefined as FlatProfile | undefined,
  /** …and the bytes by call path, when the profile came with memory measured. */
  allocations: undefined as FlatProfile | undefined,
  /** The tree the current view draws (chains collapsed, internals folded; merged for left heavy). */
  tree: undefined as ViewTree | undefined,
  children: undefined as ChildIndex | undefined,
  rows: [] as StatsRow[],
  title: '',
  canSave: false,
  report: undefined as string | undefined,
  /** Diff mode: the before profile's times at the after tree's call paths, and the per-function changes. */
  diff: undefined as DiffPayload | undefined,
  view: 'icicle' as View,
  collapseChains: true,
  foldInternals: true,
  /** Heads (original nodes) of folded blocks the user opened. */
  expanded: new Set<number>(),
  colorMode: 'file' as ColorMode,
  baseRoot: 0,
  /** Root and keyboard focus: nodes of `tree`. */
  root: 0,
  /** Depth of the row views (icicle, left heavy, time order)… */
  depth: ALL_DEPTHS,
  /** …and of the sunburst: snakeviz's default 10, so a deep profile (tsc: 267 levels) keeps rings wide enough to read. */
  sunburstDepth: SUNBURST_DEPTH,
  cutoff: 0.001,
  /** Functions the search matches, the blocks holding them (heaviest first) and the current one. */
  searchQuery: '',
  search: new Set<number>(),
  matches: [] as number[],
  matchSet: new Set<number>(),
  matchIndex: -1,
  hoverFunc: -1,
  focusNode: 0,
  /** Visible time range of the time-order view, as fractions of the profile's span. */
  range: [0, 1] as [number, number],
  sort: { column: 'cumtime' as StatsColumn, descending: true },
  filter: '',
  layout: undefined as FlameLayout | undefined,
};

let baseTree: ViewTree | undefined;
let heavyTree: ViewTree | undefined;

/** Rebuilds the drawn tree after the profile or a toggle changed, keeping the root where it can. */
export function rebuildTree(): void {
  const p = state.profile!;
  const rootOrigin = state.tree ? state.tree.origin[state.root] : 0;
  baseTree = buildViewTree(p, {
    collapseChains: state.collapseChains,
    foldInternals: state.foldInternals,
    expanded: state.expanded,
  });
  heavyTree = undefined;
  selectTree(rootOrigin);
}

/** Points `state.tree` at the tree of the current view; `rootOrigin` is an original node to keep as root. */
export function selectTree(rootOrigin = state.tree ? state.tree.origin[state.root] : 0): void {
  if (state.view === 'leftHeavy') heavyTree ??= leftHeavy(baseTree!);
  const next = state.view === 'leftHeavy' ? heavyTree! : baseTree!;
  if (next !== state.tree) {
    state.tree = next;
    state.children = childIndex(next);
    state.root = state.focusNode = next.viewOf[rootOrigin];
    state.baseRoot = 0;
  }
}

export const post = (m: FlameFromWebview): void => vscode.postMessage(m);

/** Opens a function of the profile on screen (the Allocations view's functions are its own). */
export const openSource = (func: number): void =>
  post({ type: 'openSource', func, ...(showsBytes() ? { allocations: true } : {}) });

/** The profile on screen counts bytes (the Allocations view), not microseconds. */
export const showsBytes = (): boolean => state.profile?.unit === 'bytes';
/**
 * Profile times are microseconds; formatTime takes seconds. Rounded to its 3 digits first, so that
 * 999.6 ms reads `1 s`, not IPython's `1e+03 ms`.
 */
export const t = (micros: number): string =>
  showsBytes() ? formatBytes(micros) : formatTime(Number(formatG(micros * 1e-6, 3)));
