// mprun's figures: bytes allocated per line of a function, per execution of the statement, with
// what the line's calls allocate credited to the line (lprun's convention for time). The runner
// moves each allocation site into a trampoline named after its line (src/runner/lineTrampolines.ts);
// here V8's sampling heap profile is read by those frames, and the ArrayBuffer bytes each line's
// trampolines saw are added. The report is memory_profiler's %mprun table, with V8's counters in
// place of its RSS increments.
import { formatBytes, type MemitResult } from './memit';
import { fileOfUrl } from '../source/sourceMapping';
import { GENERATED_PREFIX } from '../timing/loopSource';

export const TRAMPOLINE_PREFIX = '__hotline_mprun_';
/** A line trampoline's name, `__hotline_mprun_<file hash>_<fn ordinal>_L<line>_<k>` → the function's id and the line. */
export const TRAMPOLINE_NAME = /^__hotline_mprun_([0-9a-f]{8}_\d+)_L(\d+)_\d+$/;

/** Why mprun has no table for `name`. */
export function notMeasuredReason(name: string): string {
  return `no function named ${name} with a call, \`new\` or literal in it was loaded from your files: a function without one makes nothing on its own lines (what its callees make is on the lines that call them); otherwise check the name (functions in node_modules are not measured: name the function of yours that calls them)`;
}

/** A node of V8's sampling heap profile (HeapProfiler.stopSampling). */
export interface HeapProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
  selfSize: number;
  children: HeapProfileNode[];
}

/** A function the runner instrumented, as its module registers it with the probe. */
export interface MprunTarget {
  /** `<file hash>_<ordinal>`: the id in its trampolines' names. */
  id: string;
  name: string;
  file: string;
  /** 1-based, the function's first and last lines. */
  startLine: number;
  endLine: number;
  /** Lines that hold an allocation site (those mprun can measure). */
  siteLines: number[];
}

export interface LineBytes {
  line: number;
  /** How often the line ran per execution of the statement (its busiest site's calls, as memory_profiler's Occurrences). */
  hits: number;
  /** Bytes per execution of the statement: heap plus ArrayBuffer. */
  allocatedBytes: number;
  heapBytes: number;
  arrayBufferBytes: number;
}

export interface MprunFunction {
  /** The id in its trampolines' names (`<file hash>_<ordinal>`). */
  id: string;
  name: string;
  file: string;
  startLine: number;
  endLine: number;
  /** The lines that hold an allocation site, each with what it allocated. */
  lines: LineBytes[];
  /** Heap bytes the function's own code allocated outside any site (closures, strings built with +, boxed numbers). */
  ownBytes: number;
  /** lines + ownBytes. */
  totalBytes: number;
}

export interface MprunResult {
  executions: number;
  functions: MprunFunction[];
  /** The whole statement's bytes per execution in the measured (instrumented) run: its heap bytes and the lines' ArrayBuffer bytes. */
  statementBytes: number;
  /** Heap bytes per execution allocated outside the statement's call stack (after an `await`, in callbacks): on no line. */
  outsideStackBytes: number;
  heapSamples: number;
  /** Executions the ArrayBuffer pass averaged over (0: not needed). */
  arrayBufferExecutions: number;
  /** Seconds per execution, instrumented. */
  secondsPerLoop: number;
  notes: string[];
  /**
   * The measured run's heap profile at source positions, for the Allocations view: the
   * trampolines' frames are the function's lines (core/flame/allocationProfile.ts).
   */
  allocations?: HeapProfileNode;
}

/** ArrayBuffer bytes one line's trampolines saw, in calls no collection touched. */
export interface LineBufferCount {
  calls: number;
  cleanCalls: number;
  bytes: number;
}

/** `<id>:<line>` → bytes, from the trampolines named in each sample's stack (each line once per sample). */
export function heapBytesBySite(head: HeapProfileNode): Map<string, number> {
  const bySite = new Map<string, number>();
  const walk = (node: HeapProfileNode, sites: readonly string[]) => {
    const m = TRAMPOLINE_NAME.exec(node.callFrame.functionName);
    const here = m && !sites.includes(`${m[1]}:${m[2]}`) ? [...sites, `${m[1]}:${m[2]}`] : sites;
    if (node.selfSize > 0) for (const s of here) bySite.set(s, (bySite.get(s) ?? 0) + node.selfSize);
    for (const child of node.children) walk(child, here);
  };
  walk(head, []);
  return bySite;
}

/** Heap bytes allocated by the function's own frame (no site of its between it and the allocation). */
export function ownHeapBytes(head: HeapProfileNode, target: MprunTarget): number {
  let bytes = 0;
  const walk = (node: HeapProfileNode) => {
    const f = node.callFrame;
    if (
      f.functionName === target.name &&
      fileOfUrl(f.url) === target.file &&
      f.lineNumber + 1 >= target.startLine &&
      f.lineNumber + 1 <= target.endLine
    )
      bytes += node.selfSize;
    node.children.forEach(walk);
  };
  walk(head);
  return bytes;
}

export function totalSelfSize(head: HeapProfileNode): number {
  return head.selfSize + head.children.reduce((sum, c) => sum + totalSelfSize(c), 0);
}

/** The statement's setup, run once before it, as the memory jobs name it. */
export const isSetupFrame = (name: string) => name.startsWith(`${GENERATED_PREFIX}memit_setup_`);
/** The statement's loop, as the memory jobs name it (not its setup's). */
export const isStatementFrame = (name: string) => name.startsWith(`${GENERATED_PREFIX}memit_`) && !isSetupFrame(name);

/**
 * The profile without the runner's own frames (its sampling and probes, in `harnessFile`) where no
 * statement runs under them: they are not the user's bytes.
 */
export function withoutHarnessFrames(head: HeapProfileNode, harnessFile: string): HeapProfileNode {
  const prune = (node: HeapProfileNode): HeapProfileNode => ({
    ...node,
    children: node.children
      .filter((c) => !(c.callFrame.url && fileOfUrl(c.callFrame.url) === harnessFile) || holdsStatement(c))
      .map(prune),
  });
  return prune(head);
}

function holdsStatement(node: HeapProfileNode): boolean {
  return isStatementFrame(node.callFrame.functionName) || node.children.some(holdsStatement);
}

/**
 * The stacks off the statement's: a callee resuming after an `await` (its continuation runs from
 * the microtask queue, under no frame of the statement), timers, callbacks. Each is the first
 * frame of the user's (not Node's own) on a path that does not lead to the statement (the frames
 * above the statement, the runner's, are passed through).
 */
export function offStackRoots(head: HeapProfileNode): HeapProfileNode[] {
  const roots: HeapProfileNode[] = [];
  const visit = (node: HeapProfileNode) => {
    const name = node.callFrame.functionName;
    if (isStatementFrame(name) || isSetupFrame(name)) return; // the setup's bytes are not the statement's
    // Node's own frames (the microtask and timer queues, a profiler's stop) lead to the user's
    const passThrough = !node.callFrame.url || node.callFrame.url.startsWith('node:') || holdsStatement(node);
    if (passThrough) node.children.forEach(visit);
    else roots.push(node);
  };
  head.children.forEach(visit);
  return roots;
}

/** Heap bytes of the stacks off the statement's, and by the first function of each, biggest first. */
export function bytesOutsideStatement(head: HeapProfileNode): { bytes: number; byFunction: [string, number][] } {
  const byFunction = new Map<string, number>();
  let bytes = 0;
  for (const root of offStackRoots(head)) {
    const size = totalSelfSize(root);
    const name = root.callFrame.functionName || '(anonymous)';
    bytes += size;
    if (size) byFunction.set(name, (byFunction.get(name) ?? 0) + size);
  }
  return { bytes, byFunction: [...byFunction].sort((a, b) => b[1] - a[1]) };
}

/** Above this share of the statement's bytes (and OUTSIDE_MIN_BYTES), bytes off its stack are said. */
const OUTSIDE_SHARE = 0.05;
const OUTSIDE_MIN_BYTES = 256;

/** A line's ArrayBuffer bytes per execution: the mean of its clean calls, for all its calls. */
export function bufferBytesPerExecution(count: LineBufferCount | undefined, executions: number): number | undefined {
  if (!count || count.calls === 0) return 0;
  if (count.cleanCalls === 0) return undefined;
  return ((count.bytes / count.cleanCalls) * count.calls) / executions;
}

export interface MprunMeasurements {
  targets: readonly MprunTarget[];
  /** V8's heap profile of the measured run, at source positions (a TypeScript function's compiled lines are not its own); also the Allocations view's. */
  head: HeapProfileNode;
  executions: number;
  heapSamples: number;
  buffers: Map<string, LineBufferCount>;
  /** Calls per site (`<id>:<line>:<k>`) over the ArrayBuffer pass's executions. */
  siteCalls: Map<string, number>;
  arrayBufferExecutions: number;
  secondsPerLoop: number;
}

export function buildMprunResult(m: MprunMeasurements): MprunResult {
  const notes: string[] = [];
  const unmeasured: string[] = [];
  const hitsOf = new Map<string, number>();
  for (const [site, calls] of m.siteCalls) {
    const line = site.slice(0, site.lastIndexOf(':'));
    hitsOf.set(line, Math.max(hitsOf.get(line) ?? 0, calls));
  }
  const bySite = heapBytesBySite(m.head);
  const functions = m.targets.map((t): MprunFunction => {
    const lines = t.siteLines.map((line) => {
      const key = `${t.id}:${line}`;
      const hits = (hitsOf.get(key) ?? 0) / Math.max(1, m.arrayBufferExecutions);
      const heapBytes = (bySite.get(key) ?? 0) / m.executions;
      const buffers = m.arrayBufferExecutions
        ? bufferBytesPerExecution(m.buffers.get(key), m.arrayBufferExecutions)
        : 0;
      if (buffers === undefined) unmeasured.push(`${t.name}:${line}`);
      const arrayBufferBytes = buffers ?? 0;
      return { line, hits, heapBytes, arrayBufferBytes, allocatedBytes: heapBytes + arrayBufferBytes };
    });
    const ownBytes = ownHeapBytes(m.head, t) / m.executions;
    return {
      id: t.id,
      name: t.name,
      file: t.file,
      startLine: t.startLine,
      endLine: t.endLine,
      lines,
      ownBytes,
      totalBytes: lines.reduce((sum, l) => sum + l.allocatedBytes, 0) + ownBytes,
    };
  });
  if (unmeasured.length)
    notes.push(
      `ArrayBuffer bytes could not be measured on ${unmeasured.join(', ')}: a collection ran during every call of those lines; their figures are heap bytes only`,
    );
  if (m.heapSamples < 100)
    notes.push(`the heap figures rest on ${m.heapSamples} samples of V8's heap profiler: take them as rough`);
  // ArrayBuffer bytes outside every line are not seen: the lines' are the statement's.
  const statementBytes =
    totalSelfSize(m.head) / m.executions +
    functions.reduce((sum, f) => sum + f.lines.reduce((s, l) => s + l.arrayBufferBytes, 0), 0);
  const outside = bytesOutsideStatement(m.head);
  const outsideBytes = outside.bytes / m.executions;
  if (outsideBytes > Math.max(OUTSIDE_SHARE * statementBytes, OUTSIDE_MIN_BYTES)) {
    const where = outside.byFunction
      .slice(0, 3)
      .map(([name, bytes]) => `${name} ${formatBytes(bytes / m.executions)}`)
      .join(', ');
    notes.push(
      `${formatBytes(outsideBytes)} per execution (${Math.round((100 * outsideBytes) / statementBytes)} % of the statement's) were allocated outside its call stack${where ? ` (${where})` : ''}: ` +
        `code that resumed after an \`await\` runs from the microtask queue, and timers and callbacks from the event loop, where V8's heap profiler sees none of the lines that started them. ` +
        `Those bytes are on no line: an awaited call's line shows what it allocated before its first \`await\` only. memit's total includes them`,
    );
  }
  return {
    executions: m.executions,
    functions,
    statementBytes,
    outsideStackBytes: outsideBytes,
    heapSamples: m.heapSamples,
    arrayBufferExecutions: m.arrayBufferExecutions,
    secondsPerLoop: m.secondsPerLoop,
    notes,
    allocations: m.head,
  };
}

/** Within this of memit's total, the measured run allocated as the unchanged code does. */
export const SAME_TOTAL_TOLERANCE = 0.1;

/**
 * Said when the instrumented statement allocated more or less than memit measured on the
 * unchanged code (escape analysis across a trampoline, boxed doubles at a call boundary).
 */
export function instrumentationNote(result: MprunResult, memit: MemitResult): string | undefined {
  const measured = result.statementBytes;
  const real = memit.allocatedBytes;
  const diff = measured - real;
  if (Math.abs(diff) <= Math.max(SAME_TOTAL_TOLERANCE * real, 64)) return undefined;
  return (
    `with each line measured apart the statement allocated ${formatBytes(measured)} per execution, the unchanged code ${formatBytes(real)} (memit): ` +
    `moving each line's allocations into a frame of its own changed how V8 optimises ${formatBytes(Math.abs(diff))} of them ` +
    `(objects that never leave the function, numbers kept unboxed, arrays that learn their element kind), so a line's figure may be off by up to that much`
  );
}

const WIDTHS = [6, 9, 12, 9];

function row(cells: string[], contents: string): string {
  return `${cells.map((c, i) => c.padStart(WIDTHS[i])).join(' ')}  ${contents}`;
}

/** Runs per execution: whole numbers as they are, an average to 3 digits. */
export function formatHits(hits: number): string {
  return Number.isInteger(hits) ? hits.toLocaleString('en-US') : hits.toPrecision(3);
}

/** memory_profiler's %mprun table for one function, with bytes allocated in place of RSS increments. */
export function mprunReport(
  fn: MprunFunction,
  sourceLines: readonly string[],
  displayFile = fn.file,
  executions?: number,
): string {
  const byLine = new Map(fn.lines.map((l) => [l.line, l]));
  const header = row(['Line #', 'Hits', 'Allocated', '% Alloc'], 'Line Contents');
  const out = [
    `Allocated per execution: ${formatBytes(fn.totalBytes)}${executions ? ` (averaged over ${executions.toLocaleString('en-US')})` : ''}`,
    `File: ${displayFile}`,
    `Function: ${fn.name} at line ${fn.startLine}`,
    '',
    header,
    '='.repeat(header.length),
  ];
  for (let line = fn.startLine; line <= fn.endLine; line++) {
    const stat = byLine.get(line);
    const text = sourceLines[line - 1] ?? '';
    // A line that never ran is left blank, as memory_profiler leaves it: it did not allocate 0 B, it did not run.
    if (!stat || stat.hits === 0) {
      out.push(row(['' + line, stat ? '0' : '', '', ''], text));
      continue;
    }
    const share = fn.totalBytes > 0 ? ((100 * stat.allocatedBytes) / fn.totalBytes).toFixed(1) : '0.0';
    out.push(row(['' + line, formatHits(stat.hits), formatBytes(stat.allocatedBytes), share], text));
  }
  if (fn.ownBytes > 0)
    out.push(
      '',
      `${formatBytes(fn.ownBytes)} per execution came from ${fn.name}'s own code between its lines' calls and literals (closures, strings joined with +, numbers boxed for a call, an array's elements made again when they change kind): on no line`,
    );
  return out.join('\n');
}
