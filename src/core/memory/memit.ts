// memit's figures from what the runner measured, and its one line. Bytes are counted with V8's own
// facilities, never RSS (memory_profiler's RSS increments go negative and miss freed garbage):
// - V8 heap: the sampling heap profiler, which keeps objects collected since (minor and major GC),
//   so short-lived garbage counts; unbiased, its error shrinks with the number of samples.
// - ArrayBuffer memory (typed arrays, Buffers) is outside the heap: Node's allocator counts the
//   live bytes, read around short windows of loops with no collection in them (a collection
//   frees buffers, sometimes after its pause, so such windows and the rare shrinking one are left out).
import { formatG, formatTime, withThousands } from '../timing/format';
import { formatRatio } from '../timing/compare';
import { median } from '../timing/timeit';

export interface MemitResult {
  /** Loops per run, as timeit's. */
  loops: number;
  /** Executions of the statement the heap and GC figures average over. */
  executions: number;
  /** Bytes allocated per loop: heapBytes + arrayBufferBytes. */
  allocatedBytes: number;
  heapBytes: number;
  arrayBufferBytes: number;
  /** Bytes per loop still reachable after a full collection (heap and ArrayBuffers). */
  retainedBytes: number;
  /** The largest V8 heap seen while the statement ran (before each collection, and at the end). */
  peakBytes: number;
  /** Collections per loop, and their pause per loop in milliseconds. */
  gcCount: number;
  gcMs: number;
  /** Heap profiler samples behind heapBytes (its relative error is about 1/√samples). */
  heapSamples: number;
  notes: string[];
}

/** A window of loops and how Node's ArrayBuffer counter moved across it (performance.now() ms). */
export interface BufferWindow {
  start: number;
  end: number;
  executions: number;
  delta: number;
}

/** A collection's span on the same clock (PerformanceObserver's gc entries). */
export interface GcSpan {
  start: number;
  end: number;
}

/**
 * ArrayBuffer bytes per loop: the median over windows no collection touched and where the counter
 * did not fall (buffers freed late by a collection's sweeper). Undefined when no window was clean.
 */
export function arrayBufferBytesPerLoop(
  windows: readonly BufferWindow[],
  gcs: readonly GcSpan[],
): { bytes: number; clean: number } | undefined {
  const clean = windows.filter(
    (w) => w.delta >= 0 && w.executions > 0 && !gcs.some((g) => g.end >= w.start && g.start <= w.end),
  );
  if (clean.length === 0) return undefined;
  return { bytes: median(clean.map((w) => w.delta / w.executions)), clean: clean.length };
}

/** Samples wanted from the heap profiler: its relative error is then ≈ 1/√20000 ≈ 0.7 %. */
const WANTED_SAMPLES = 20_000;

/** The heap profiler's mean bytes between samples for about WANTED_SAMPLES over `expectedBytes` (a power of two, 64 B–64 KB). */
export function heapSamplingInterval(expectedBytes: number, wantedSamples = WANTED_SAMPLES): number {
  const ideal = Math.max(1, expectedBytes) / wantedSamples;
  return 2 ** Math.min(16, Math.max(6, Math.round(Math.log2(ideal))));
}

export interface MemitMeasurements {
  loops: number;
  executions: number;
  sampledHeapBytes: number;
  heapSamples: number;
  arrayBuffers?: { bytes: number; clean: number };
  /** Heap + ArrayBuffer bytes after a full collection, before and after `executions` loops. */
  retained: { before: number; after: number; executions: number };
  peakBytes: number;
  gcCount: number;
  gcMs: number;
  /** Set when calibration stopped on a statement that keeps what it makes. */
  keptPerExecution?: number;
}

/** Fewer heap samples than this and the heap figure is only an estimate (error ≥ 10 %). */
const FEW_SAMPLES = 100;

export function buildMemitResult(m: MemitMeasurements): MemitResult {
  const heapBytes = m.sampledHeapBytes / m.executions;
  const arrayBufferBytes = m.arrayBuffers?.bytes ?? 0;
  const notes: string[] = [];
  if (m.heapSamples > 0 && m.heapSamples < FEW_SAMPLES && heapBytes >= 0.5)
    notes.push(
      `the heap figure rests on ${m.heapSamples} samples of V8's heap profiler (about ±${Math.round(100 / Math.sqrt(m.heapSamples))} %)`,
    );
  if (m.keptPerExecution)
    notes.push(
      `the statement keeps what it allocates (${formatBytes(m.keptPerExecution)} per loop): runs were cut to ${m.loops.toLocaleString('en-US')} loops, and the peak heap grows with the loops run`,
    );
  if (!m.arrayBuffers)
    notes.push('ArrayBuffer memory could not be measured: every window of loops had a collection in it');
  return {
    loops: m.loops,
    executions: m.executions,
    allocatedBytes: heapBytes + arrayBufferBytes,
    heapBytes,
    arrayBufferBytes,
    retainedBytes: Math.max(0, m.retained.after - m.retained.before) / m.retained.executions,
    peakBytes: m.peakBytes,
    gcCount: m.gcCount / m.executions,
    gcMs: m.gcMs / m.executions,
    heapSamples: m.heapSamples,
    notes,
  };
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Decimal units, three significant digits: `0 B`, `812 B`, `400 KB`, `8.00 MB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '?';
  const rounded = Math.round(bytes);
  if (Math.abs(rounded) < 1000) return `${rounded} B`;
  let unit = 0;
  let value = bytes;
  while (Math.abs(value) >= 999.5 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toPrecision(3)} ${BYTE_UNITS[unit]}`;
}

/** `allocated 8.00 MB per loop, retained 0 B · peak heap 54.2 MB · 0.4 GC per loop (1.1 ms)`, as %memit's one line. */
export function memitLine(r: MemitResult): string {
  return `allocated ${formatBytes(r.allocatedBytes)} per loop, retained ${formatBytes(r.retainedBytes)} · peak heap ${formatBytes(r.peakBytes)} · ${gcText(r)}`;
}

/** `0.4 GC per loop (1.1 ms)`, or for rare ones `1 GC per 22,000 loops (150 ns per loop)`. */
function gcText(r: Pick<MemitResult, 'gcCount' | 'gcMs'>): string {
  if (r.gcCount === 0) return 'no GC';
  const pause = formatTime(r.gcMs / 1000);
  if (r.gcCount >= 0.1) return `${formatG(r.gcCount, 2)} GC per loop (${pause})`;
  return `1 GC per ${withThousands(Number((1 / r.gcCount).toPrecision(2)))} loops (${pause} per loop)`;
}

/** Within this ratio two statements allocate the same (memit's figures are good to about 1 %). */
const SAME_MEMORY = 1.05;

/** One statement's bytes per loop against a baseline's: `2.00× less memory`, `same memory (±5 %)`, … */
export function memoryVersus(mine: number, baseline: number): string {
  if (Math.max(mine, baseline) < 1) return 'neither allocates';
  const ratio = baseline / Math.max(mine, 1e-9);
  if (ratio > SAME_MEMORY) return mine < 1 ? 'allocates nothing' : `${formatRatio(ratio)}× less memory`;
  if (ratio < 1 / SAME_MEMORY)
    return baseline < 1 ? 'baseline allocates nothing' : `${formatRatio(1 / ratio)}× more memory`;
  return 'same memory (±5 %)';
}
