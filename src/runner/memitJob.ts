// The memit job: the statement warmed to its steady state like timeit's (optimised code allocates
// less: escape analysis, unboxed doubles), then three measurements, each with the facility that
// gets it right (see core/memory/memit.ts): V8's sampling heap profiler over one run, Node's
// ArrayBuffer counter around short windows free of collections, and the heap after full
// collections around one run for what the statement keeps.
import v8 from 'node:v8';
import { findSourceMap } from 'node:module';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import type { MemitJob } from '../core/protocol/protocol';
import {
  arrayBufferBytesPerLoop,
  buildMemitResult,
  heapSamplingInterval,
  memitLoopSource,
  type BufferWindow,
  totalSelfSize,
  type GcSpan,
  type HeapProfileNode,
  type MemitResult,
} from '../core/memory';
import { autorange, settle, warmUp } from '../core/timing/timeit';
import { InspectorSession } from './inspector';
import type { ScopeEval } from './moduleLoader';
import { prepareStatement, StatementError } from './statement';

type MemitLoop = (n: number, sink: unknown[]) => void | Promise<void>;

/** memit's warm-up after calibration: shorter than timeit's, bytes settle sooner than times. */
const MEMIT_SETTLE_SECONDS = 1;
/** Growth of the heap, after a full collection, that marks a statement as keeping what it makes… */
const LEAK_GUARD_BYTES = 256e6;
/** …whose runs are then cut to keep about this much each. */
const KEPT_PER_RUN_BYTES = 32e6;
/** ArrayBuffer windows: about this long each, this many at most, within this budget. */
const WINDOW_SECONDS = 0.0005;
const MAX_WINDOWS = 200;
const MIN_WINDOWS = 20;
const WINDOWS_BUDGET_SECONDS = 0.5;

const heapUsed = () => v8.getHeapStatistics().used_heap_size;
const bufferBytes = () => process.memoryUsage().arrayBuffers;

/** The statement's loop, calibrated and warmed like timeit's, with runs bounded for a statement that keeps what it makes. */
export async function calibratedLoop(
  job: Pick<MemitJob, 'stmt' | 'setup' | 'loops'>,
  scope: ScopeEval,
  progress: (message: string) => void,
): Promise<{ runLoops: (n: number) => Promise<void>; loops: number; sink: unknown[]; keptPerExecution: number }> {
  // The probe says whether the statement is awaited and raises its errors as timeit's do.
  const { awaitEach, isExpression } = await prepareStatement(job.stmt, job.setup, scope);
  const makeLoop = scope(memitLoopSource({ setup: job.setup, stmt: job.stmt, isExpression, awaitEach })) as () =>
    MemitLoop | Promise<MemitLoop>;
  const sink: unknown[] = [undefined];
  (globalThis as Record<symbol, unknown>)[Symbol.for('hotline.sink')] = sink;
  let loop: MemitLoop;
  try {
    loop = await makeLoop();
  } catch (e) {
    throw new StatementError(e, 'setup');
  }
  const guard = new LeakGuard();
  const runLoops = async (n: number) => {
    try {
      await loop(n, sink);
    } catch (e) {
      throw new StatementError(e);
    }
    guard.executions += n;
  };
  // A statement that keeps what it makes would fill the heap while calibrating: a tripped guard ends
  // calibration and warm-up (an infinite time stops both), and runs are then kept to a bounded growth.
  const timeRun = async (n: number) => {
    const t0 = performance.now();
    await runLoops(n);
    const seconds = (performance.now() - t0) / 1000;
    return guard.tripped() ? Infinity : seconds;
  };

  let loops = job.loops;
  if (!loops) {
    progress('calibrating loops per run (10^k until a run takes ≥ 0.2 s)');
    loops = await autorange(timeRun);
    progress(`warming up until the time per run settles (${MEMIT_SETTLE_SECONDS} s at most)`);
    await settle(timeRun, loops, MEMIT_SETTLE_SECONDS);
  } else {
    progress('warming up');
    await warmUp(timeRun, loops, 1);
  }
  if (guard.keptPerExecution > 0) {
    loops = Math.max(1, Math.min(loops, Math.floor(KEPT_PER_RUN_BYTES / guard.keptPerExecution)));
    progress(`the statement keeps memory: runs cut to ${loops.toLocaleString('en-US')} loops`);
  }
  return {
    runLoops,
    loops,
    sink,
    get keptPerExecution() {
      return guard.keptPerExecution;
    },
  };
}

export async function memitStatement(
  job: MemitJob,
  scope: ScopeEval,
  progress: (message: string) => void,
): Promise<MemitResult> {
  const calibrated = await calibratedLoop(job, scope, progress);
  const { runLoops, loops } = calibrated;
  progress(`sampling the heap over ${loops.toLocaleString('en-US')} loops`);
  const heap = await sampleHeap(runLoops, loops);
  progress('measuring ArrayBuffer memory');
  const arrayBuffers = await measureArrayBuffers(runLoops, loops, heap.seconds / loops);
  progress('measuring what the statement keeps after a full collection');
  const retained = await measureRetained(runLoops, loops, calibrated.sink);
  return buildMemitResult({
    loops,
    executions: heap.executions,
    sampledHeapBytes: heap.bytes,
    heapSamples: heap.samples,
    arrayBuffers,
    retained,
    peakBytes: Math.max(heap.peakBytes, retained.peakBytes),
    gcCount: heap.gcCount,
    gcMs: heap.gcMs,
    keptPerExecution: calibrated.keptPerExecution,
  });
}

/**
 * The profile with only what the Allocations view reads, each function at its place in the
 * source (TypeScript is compiled with a source map; V8 reports the compiled position).
 */
export function originalPositions(node: HeapProfileNode): HeapProfileNode {
  const { functionName, url, lineNumber } = node.callFrame;
  let at = { url, lineNumber, columnNumber: node.callFrame.columnNumber ?? 0 };
  if (url && lineNumber >= 0) {
    try {
      const entry = findSourceMap(url)?.findEntry(lineNumber, at.columnNumber) as
        { originalSource?: string; originalLine?: number; originalColumn?: number } | undefined;
      if (entry?.originalSource && entry.originalLine !== undefined)
        at = { url: entry.originalSource, lineNumber: entry.originalLine, columnNumber: entry.originalColumn ?? 0 };
    } catch {
      // no map: the compiled position
    }
  }
  return {
    callFrame: { functionName, ...at },
    selfSize: node.selfSize,
    children: node.children.map(originalPositions),
  };
}

/**
 * The heap bytes of one run from V8's sampling heap profiler (garbage included), with
 * the collections that happened meanwhile from v8.GCProfiler (count, pause, heap before each).
 */
export async function sampleHeap(runLoops: (n: number) => Promise<void>, loops: number, wantedSamples?: number) {
  // One run measured from the heap's growth and what collections freed sets the sampling interval.
  const estimate = new v8.GCProfiler();
  estimate.start();
  const before = heapUsed();
  await runLoops(loops);
  const after = heapUsed();
  const freed = (estimate.stop()?.statistics ?? []).reduce(
    (sum, s) => sum + s.beforeGC.heapStatistics.usedHeapSize - s.afterGC.heapStatistics.usedHeapSize,
    0,
  );
  const interval = heapSamplingInterval(Math.max(0, after - before + freed), wantedSamples);

  const session = new InspectorSession();
  const gcs = new v8.GCProfiler();
  try {
    await session.post('HeapProfiler.enable');
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: interval,
      includeObjectsCollectedByMajorGC: true,
      includeObjectsCollectedByMinorGC: true,
    });
    gcs.start();
    const t0 = performance.now();
    await runLoops(loops);
    const seconds = (performance.now() - t0) / 1000;
    const statistics = gcs.stop()?.statistics ?? [];
    const { profile } = await session.post<{ profile: { head: HeapProfileNode; samples?: unknown[] } }>(
      'HeapProfiler.stopSampling',
    );
    return {
      head: profile.head,
      executions: loops,
      seconds,
      bytes: totalSelfSize(profile.head),
      samples: profile.samples?.length ?? 0,
      gcCount: statistics.length,
      gcMs: statistics.reduce((sum, s) => sum + s.cost, 0) / 1000,
      peakBytes: Math.max(heapUsed(), ...statistics.map((s) => s.beforeGC.heapStatistics.usedHeapSize)),
    };
  } finally {
    gcs.stop();
    session.disconnect();
  }
}

/**
 * Node's ArrayBuffer counter around short windows of loops, and the collections' spans to leave
 * some out; windows shrink while most of them hold a collection (large buffers bring one often).
 * At most `loops` executions in all, so a statement that keeps its buffers stays bounded.
 */
async function measureArrayBuffers(runLoops: (n: number) => Promise<void>, loops: number, secondsPerLoop: number) {
  let perWindow = Math.max(1, Math.min(loops, Math.floor(WINDOW_SECONDS / Math.max(secondsPerLoop, 1e-9))));
  for (;;) {
    const gcs: GcSpan[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) gcs.push({ start: e.startTime, end: e.startTime + e.duration });
    });
    observer.observe({ entryTypes: ['gc'] });
    const windows: BufferWindow[] = [];
    const began = performance.now();
    try {
      while (
        windows.length < MAX_WINDOWS &&
        (windows.length + 1) * perWindow <= Math.max(loops, MIN_WINDOWS) &&
        performance.now() - began < WINDOWS_BUDGET_SECONDS * 1000
      ) {
        const start = performance.now();
        const before = bufferBytes();
        await runLoops(perWindow);
        const delta = bufferBytes() - before;
        windows.push({ start, end: performance.now(), executions: perWindow, delta });
      }
      // Observers are told of collections asynchronously.
      await new Promise((resolve) => setTimeout(resolve, 20));
    } finally {
      observer.disconnect();
    }
    const measured = arrayBufferBytesPerLoop(windows, gcs);
    if (perWindow === 1 || (measured && measured.clean * 2 >= windows.length)) return measured;
    perWindow = Math.max(1, perWindow >> 2);
  }
}

/**
 * Heap and ArrayBuffer bytes after full collections, around one run; the smaller of two tries
 * (code compiled again after a collection is not the statement's).
 */
async function measureRetained(runLoops: (n: number) => Promise<void>, loops: number, sink: unknown[]) {
  const gc = globalThis.gc;
  if (!gc) throw new Error('the runner was started without --expose-gc');
  const settled = async () => {
    sink[0] = undefined;
    gc();
    // ArrayBuffers are freed by a sweeper that may finish after the pause.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    return heapUsed() + bufferBytes();
  };
  let best: { before: number; after: number; executions: number } | undefined;
  let peakBytes = 0;
  for (let attempt = 0; attempt < 2; attempt++) {
    const before = await settled();
    await runLoops(loops);
    peakBytes = Math.max(peakBytes, heapUsed());
    const after = await settled();
    if (!best || after - before < best.after - best.before) best = { before, after, executions: loops };
  }
  return { ...best!, peakBytes };
}

/** Watches the heap and ArrayBuffer memory for a statement that keeps what it makes. */
class LeakGuard {
  executions = 0;
  /** Bytes kept per execution, once the guard has tripped. */
  keptPerExecution = 0;
  private readonly baseline = heapUsed() + bufferBytes();

  tripped(): boolean {
    if (this.keptPerExecution > 0) return true;
    if (heapUsed() + bufferBytes() - this.baseline < LEAK_GUARD_BYTES) return false;
    globalThis.gc?.();
    const kept = heapUsed() + bufferBytes() - this.baseline;
    if (kept < LEAK_GUARD_BYTES / 2) return false;
    this.keptPerExecution = kept / Math.max(1, this.executions);
    return true;
  }
}
