// Profile diffs: what changed between two profiles of the same code (before/after an edit, or two
// runs from history). Functions are matched by name and file (line numbers move with edits), call
// trees by their path of functions, and source lines through a diff of the two texts. Times are
// compared per execution of the statement when both profiles know it, so runs of different lengths
// compare fairly.
import { diffArrays } from 'diff';
import type { LineStat } from './lineProfile';
import type { FlatProfile, ProfileFunction } from '../flame/profileTypes';
import { formatTime } from '../timing/format';

/** Divides a profile's times: its number of statement executions (or 1 for a plain .cpuprofile). */
export interface DiffScale {
  before: number;
  after: number;
}

const NO_SCALE: DiffScale = { before: 1, after: 1 };

/** Identity of a function across edits: name and file, and its rank among same-named ones in that file. */
function functionKeys(functions: readonly ProfileFunction[]): string[] {
  const order = functions.map((f, i) => ({ f, i })).sort((a, b) => a.f.line - b.f.line || a.f.column - b.f.column);
  const seen = new Map<string, number>();
  const keys: string[] = new Array(functions.length);
  for (const { f, i } of order) {
    const base = `${f.kind}\u0000${f.name}\u0000${f.file}`;
    const rank = seen.get(base) ?? 0;
    seen.set(base, rank + 1);
    keys[i] = `${base}\u0000${rank}`;
  }
  return keys;
}

export interface FunctionDelta {
  fn: ProfileFunction;
  /** Self and total time per execution (µs) before and after; 0 where the function did not run. */
  selfBefore: number;
  selfAfter: number;
  totalBefore: number;
  totalAfter: number;
  /** selfAfter − selfBefore. */
  deltaSelf: number;
}

/** Self and total (once per stack) time of every function of a profile. */
function perFunction(profile: FlatProfile): { self: number[]; total: number[] } {
  const self = new Array(profile.functions.length).fill(0);
  const total = new Array(profile.functions.length).fill(0);
  const onStack = new Array(profile.functions.length).fill(0);
  const depthFunc: number[] = [];
  const depth: number[] = new Array(profile.parent.length);
  for (let n = 0; n < profile.parent.length; n++) {
    const p = profile.parent[n];
    depth[n] = p < 0 ? 0 : depth[p] + 1;
    // Pre-order: leaving the nodes deeper than this one takes their functions off the stack.
    while (depthFunc.length > depth[n]) onStack[depthFunc.pop()!]--;
    const f = profile.func[n];
    self[f] += profile.self[n];
    if (onStack[f] === 0) total[f] += profile.total[n]; // recursion counts once per stack
    onStack[f]++;
    depthFunc.push(f);
  }
  return { self, total };
}

/** Every function of either profile with its change in self time, biggest change first. */
export function functionDeltas(before: FlatProfile, after: FlatProfile, scale: DiffScale = NO_SCALE): FunctionDelta[] {
  const rows = new Map<string, FunctionDelta>();
  const add = (profile: FlatProfile, which: 'before' | 'after', divide: number) => {
    const keys = functionKeys(profile.functions);
    const { self, total } = perFunction(profile);
    profile.functions.forEach((fn, i) => {
      const row = rows.get(keys[i]) ?? { fn, selfBefore: 0, selfAfter: 0, totalBefore: 0, totalAfter: 0, deltaSelf: 0 };
      if (which === 'after') row.fn = fn; // the current location
      row[which === 'before' ? 'selfBefore' : 'selfAfter'] += self[i] / divide;
      row[which === 'before' ? 'totalBefore' : 'totalAfter'] += total[i] / divide;
      rows.set(keys[i], row);
    });
  };
  add(before, 'before', scale.before);
  add(after, 'after', scale.after);
  for (const row of rows.values()) row.deltaSelf = row.selfAfter - row.selfBefore;
  return [...rows.values()]
    .filter((r) => r.selfBefore || r.selfAfter)
    .sort((a, b) => Math.abs(b.deltaSelf) - Math.abs(a.deltaSelf));
}

/** The after profile's tree with, per node, the before profile's times at the same path of functions. */
export interface DiffTree {
  profile: FlatProfile;
  /** Per node of `profile`: self and total time at the same call path before (per execution, µs). */
  baseSelf: number[];
  baseTotal: number[];
  /** Per node: self and total after, per execution (µs), on the same scale as base*. */
  self: number[];
  total: number[];
}

export function diffTree(before: FlatProfile, after: FlatProfile, scale: DiffScale = NO_SCALE): DiffTree {
  const pathKeys = (profile: FlatProfile) => {
    const keys = functionKeys(profile.functions);
    const out: string[] = new Array(profile.parent.length);
    for (let n = 0; n < profile.parent.length; n++) {
      const p = profile.parent[n];
      out[n] = `${p < 0 ? '' : out[p]}\u0001${keys[profile.func[n]]}`;
    }
    return out;
  };
  const beforeAt = new Map<string, { self: number; total: number }>();
  pathKeys(before).forEach((k, n) => {
    const at = beforeAt.get(k) ?? { self: 0, total: 0 };
    at.self += before.self[n] / scale.before;
    at.total += before.total[n] / scale.before;
    beforeAt.set(k, at);
  });
  const afterKeys = pathKeys(after);
  return {
    profile: after,
    baseSelf: afterKeys.map((k) => beforeAt.get(k)?.self ?? 0),
    baseTotal: afterKeys.map((k) => beforeAt.get(k)?.total ?? 0),
    self: after.self.map((v) => v / scale.after),
    total: after.total.map((v) => v / scale.after),
  };
}

/**
 * Change of a block, −1 (all its time gone) … +1 (all of it new), for the diverging colour ramp:
 * (after − before) / max(after, before); 0 when neither has time.
 */
export function relativeChange(before: number, after: number): number {
  const larger = Math.max(before, after);
  return larger > 0 ? (after - before) / larger : 0;
}

export interface LineDelta {
  /** 1-based line in the after text. */
  line: number;
  before: number;
  after: number;
}

/**
 * Each line's time before and after an edit, lines matched through a diff of the two texts (an
 * edited line has no before: its figures described other code). Times per execution of the statement.
 */
export function lineDeltas(
  beforeText: readonly string[],
  afterText: readonly string[],
  before: readonly LineStat[],
  after: readonly LineStat[],
  scale: DiffScale = NO_SCALE,
): LineDelta[] {
  const afterLineOf = new Map<number, number>(); // before line (1-based) → after line
  let b = 1;
  let a = 1;
  for (const part of diffArrays(
    beforeText.map((l) => l.trim()),
    afterText.map((l) => l.trim()),
  )) {
    const count = part.value.length;
    if (part.added) a += count;
    else if (part.removed) b += count;
    else {
      for (let i = 0; i < count; i++) afterLineOf.set(b + i, a + i);
      a += count;
      b += count;
    }
  }
  const beforeMicros = new Map<number, number>();
  for (const s of before) {
    const moved = afterLineOf.get(s.line);
    if (moved !== undefined) beforeMicros.set(moved, s.micros / scale.before);
  }
  return after
    .filter((s) => beforeMicros.has(s.line))
    .map((s) => ({ line: s.line, before: beforeMicros.get(s.line)!, after: s.micros / scale.after }))
    .filter((d) => d.before > 0 || d.after > 0);
}

/** "▼ 38 % · −12.4 µs" (faster), "▲ 2.1× · +3.0 ms" (slower), "= · +0 ns" (no change). */
export function deltaLabel(beforeMicros: number, afterMicros: number): string {
  const delta = afterMicros - beforeMicros;
  const sign = delta < 0 ? '−' : '+';
  const amount = `${sign}${formatTime(Math.abs(delta) * 1e-6)}`;
  if (beforeMicros <= 0) return `▲ new · ${amount}`;
  if (delta === 0) return `= · ${amount}`;
  if (delta < 0) return `▼ ${Math.round((-delta / beforeMicros) * 100)} % · ${amount}`;
  const ratio = afterMicros / beforeMicros;
  return `▲ ${ratio >= 2 ? `${ratio.toFixed(1)}×` : `${Math.round((delta / beforeMicros) * 100)} %`} · ${amount}`;
}

/** The Output channel's summary of a comparison: totals, then the biggest gains and losses per function. */
export function diffReport(
  deltas: readonly FunctionDelta[],
  totals: { before: number; after: number },
  unit: string,
  limit = 10,
): string[] {
  const time = (micros: number) => formatTime(micros * 1e-6);
  const lines = [
    `total ${unit}: ${time(totals.before)} → ${time(totals.after)} (${deltaLabel(totals.before, totals.after)})`,
  ];
  const changed = deltas.filter((d) => d.fn.kind === 'js' && d.deltaSelf !== 0).slice(0, limit);
  if (changed.length === 0) return [...lines, 'no function changed its self time'];
  lines.push(`biggest changes of self time ${unit}:`);
  const labels = changed.map((d) => deltaLabel(d.selfBefore, d.selfAfter));
  const width = Math.max(...labels.map((l) => l.length));
  changed.forEach((d, i) =>
    lines.push(`  ${labels[i].padEnd(width)}  ${d.fn.name}  ${d.fn.file.split('/').pop()}:${d.fn.line}`),
  );
  return lines;
}
