// Reading a `.cpuprofile` (Chrome DevTools, `node --cpu-prof`, inspector Profiler.stop) with
// specific reasons for what is wrong with a bad one: empty, truncated, not JSON, wrong shape,
// broken references, or too big to open.
import type { CpuProfile, CpuProfileNode } from '../lines/lineProfile';

export class CpuProfileError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'CpuProfileError';
  }
}

// Profiles are parsed in a worker (src/core/flame/profileJob.ts); V8 cannot hold a string much over 512 MB.
export const DEFAULT_SIZE_LIMIT = 500 * 1024 * 1024;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
const isNumberList = (v: unknown): v is unknown[] | Int32Array => Array.isArray(v) || v instanceof Int32Array;

/** Every sample names a node; a bitmap of the ids when they are dense (11 M samples in a few ms), else the map. */
function allKnown(samples: unknown[] | Int32Array, ids: Map<number, unknown>): boolean {
  let max = 0;
  for (const id of ids.keys()) max = Math.max(max, id);
  if (max > 8 * ids.size + 1_000_000 || ![...ids.keys()].every((id) => id >= 0))
    return samples.every((s) => ids.has(s as number));
  const known = new Uint8Array(max + 1);
  for (const id of ids.keys()) known[id] = 1;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i];
    if (typeof s !== 'number' || !(s >= 0 && s <= max) || !known[s]) return false;
  }
  return true;
}

export function parseCpuProfile(text: string, sizeLimit = DEFAULT_SIZE_LIMIT): CpuProfile {
  if (text.length > sizeLimit)
    throw new CpuProfileError(
      `the file is ${(text.length / 1048576).toFixed(0)} MB; Hotline opens profiles up to ${(sizeLimit / 1048576).toFixed(0)} MB`,
    );
  if (text.trim() === '') throw new CpuProfileError('the file is empty');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const trimmed = text.trimEnd();
    const truncated = trimmed.startsWith('{') && !trimmed.endsWith('}');
    throw new CpuProfileError(
      truncated
        ? 'the file is truncated: its JSON ends before the profile does'
        : `the file is not JSON (${(e as Error).message})`,
    );
  }
  return validateCpuProfile(data);
}

/**
 * Checks an already-parsed profile and orders its nodes. `samples` and `timeDeltas` may be Int32Arrays
 * (the streaming reader, cpuprofileFile.ts); they are then kept as they are and only ever indexed.
 */
export function validateCpuProfile(data: unknown): CpuProfile {
  // DevTools' "Save profile" can wrap it; trace-event files are a different format.
  if (isObject(data) && isObject(data.profile) && !('nodes' in data)) data = data.profile;
  if (Array.isArray(data) || (isObject(data) && Array.isArray(data.traceEvents)))
    throw new CpuProfileError('this is a Chrome trace-event file, not a .cpuprofile (export a CPU profile instead)');
  if (!isObject(data)) throw new CpuProfileError('the JSON is not a CPU profile object');
  if (!Array.isArray(data.nodes)) throw new CpuProfileError('the profile has no "nodes" array');
  if (data.nodes.length === 0) throw new CpuProfileError('the profile has no nodes');
  if (typeof data.startTime !== 'number' || typeof data.endTime !== 'number')
    throw new CpuProfileError('the profile has no numeric "startTime"/"endTime"');
  if (!Number.isFinite(data.startTime) || !Number.isFinite(data.endTime) || data.startTime > data.endTime) {
    throw new CpuProfileError(
      `the profile ends before it starts (startTime ${data.startTime} > endTime ${data.endTime})`,
    );
  }
  const ids = new Map<number, CpuProfileNode>();
  for (const [i, n] of data.nodes.entries()) {
    if (!isObject(n) || !Number.isInteger(n.id)) throw new CpuProfileError(`node ${i} has no integer "id"`);
    if (!isObject(n.callFrame) || typeof n.callFrame.functionName !== 'string')
      throw new CpuProfileError(`node ${n.id} has no "callFrame" with a functionName`);
    if (ids.has(n.id as number)) throw new CpuProfileError(`node id ${n.id} appears twice`);
    if (
      n.hitCount !== undefined &&
      !(typeof n.hitCount === 'number' && Number.isInteger(n.hitCount) && n.hitCount >= 0)
    ) {
      throw new CpuProfileError(
        `node ${n.id} has a hitCount of ${JSON.stringify(n.hitCount)}; it must be a whole number of samples, 0 or more`,
      );
    }
    const cf = n.callFrame;
    ids.set(n.id as number, {
      id: n.id as number,
      callFrame: {
        functionName: cf.functionName as string,
        scriptId: String(cf.scriptId ?? '0'),
        url: typeof cf.url === 'string' ? cf.url : '',
        lineNumber: Number.isInteger(cf.lineNumber) ? (cf.lineNumber as number) : -1,
        columnNumber: Number.isInteger(cf.columnNumber) ? (cf.columnNumber as number) : -1,
      },
      hitCount: typeof n.hitCount === 'number' ? n.hitCount : undefined,
      children: Array.isArray(n.children) ? (n.children as number[]) : [],
      positionTicks: Array.isArray(n.positionTicks)
        ? (n.positionTicks as { line: number; ticks: number }[])
        : undefined,
    });
  }
  const parents = new Map<number, number>();
  for (const node of ids.values()) {
    for (const c of node.children!) {
      if (!ids.has(c)) throw new CpuProfileError(`node ${node.id} lists child ${c}, which does not exist`);
      if (parents.has(c)) throw new CpuProfileError(`node ${c} has two parents (${parents.get(c)} and ${node.id})`);
      parents.set(c, node.id);
    }
  }
  const roots = [...ids.keys()].filter((id) => !parents.has(id));
  if (roots.length !== 1)
    throw new CpuProfileError(
      roots.length === 0 ? 'the call tree has a cycle (no root node)' : `the call tree has ${roots.length} roots`,
    );
  // Every node must be reachable from the root: otherwise there is a cycle among the rest.
  let reached = 0;
  const stack = [roots[0]];
  while (stack.length) {
    reached++;
    for (const c of ids.get(stack.pop()!)!.children!) stack.push(c); // a spread of 200,000 children would overflow the call stack
  }
  if (reached !== ids.size) throw new CpuProfileError('the call tree has a cycle');
  const samples = data.samples;
  const deltas = data.timeDeltas;
  if (samples !== undefined) {
    if (!isNumberList(samples) || !allKnown(samples, ids))
      throw new CpuProfileError('"samples" refers to nodes that do not exist');
    if (deltas !== undefined && (!isNumberList(deltas) || deltas.length !== samples.length))
      throw new CpuProfileError(
        `"timeDeltas" has ${isNumberList(deltas) ? deltas.length : 'no'} entries for ${samples.length} samples`,
      );
    // A delta is microseconds between samples: a number, and not more than a day (1e308 would
    // make every other sample's width zero and the panel blank).
    // (An Int32Array holds whole numbers under 36 minutes: nothing to check.)
    const bad =
      deltas instanceof Int32Array
        ? -1
        : (deltas as unknown[] | undefined)?.findIndex(
            (d) => typeof d !== 'number' || !Number.isFinite(d) || Math.abs(d) > 86_400e6,
          );
    if (bad !== undefined && bad >= 0)
      throw new CpuProfileError(
        `"timeDeltas" entry ${bad} is ${JSON.stringify((deltas as unknown[])[bad])}, not a time in microseconds`,
      );
  }
  // Pre-order from the root so node 0 is the root, as FlatProfile expects.
  const ordered: CpuProfileNode[] = [];
  const walk = [roots[0]];
  while (walk.length) {
    const n = ids.get(walk.pop()!)!;
    ordered.push(n);
    for (let i = n.children!.length - 1; i >= 0; i--) walk.push(n.children![i]);
  }
  return {
    nodes: ordered,
    startTime: data.startTime,
    endTime: data.endTime,
    samples: samples as number[] | undefined,
    timeDeltas: deltas as number[] | undefined,
  };
}
