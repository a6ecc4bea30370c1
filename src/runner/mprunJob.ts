// The mprun job. The user's functions were loaded with a trampoline around each allocation site,
// named after its line (lineTrampolines.ts). The statement is calibrated and warmed as memit's, then:
//  1. V8's sampling heap profiler over one run, read by the trampolines in each sample's stack;
//  2. ArrayBuffer memory (outside the heap, so no sample sees it): each trampoline reads V8's
//     external-memory counter around its call, for a bounded number of executions; a call during
//     which the heap shrank had a collection in it (which may free buffers) and is left out.
import v8 from 'node:v8';
import type { MprunJob } from '../core/protocol/protocol';
import {
  buildMprunResult,
  notMeasuredReason,
  type LineBufferCount,
  type MprunResult,
  type MprunTarget,
  withoutHarnessFrames,
} from '../core/memory';
import { calibratedLoop, originalPositions, sampleHeap } from './memitJob';
import { PROBE_GLOBAL } from './lineTrampolines';
import type { ScopeEval } from './moduleLoader';

/** More samples than memit's: one line's share of the bytes is what the error is relative to. */
const MPRUN_SAMPLES = 100_000;
/** The ArrayBuffer pass: about this long, at least one execution, at most the run's loops. */
const BUFFER_PASS_SECONDS = 0.3;

/** What the trampolines call; defined before the user's modules load. */
class LineProbe {
  on = false;
  readonly targets: MprunTarget[] = [];
  readonly counts = new Map<string, LineBufferCount & { depth: number; external: number; heap: number }>();
  /** Calls of each site (`<id>:<line>:<k>`): how often its line ran. */
  readonly siteCalls = new Map<string, number>();

  register(functions: MprunTarget[]): void {
    for (const f of functions) if (!this.targets.some((t) => t.id === f.id)) this.targets.push(f);
  }

  enter(key: string, site: string): void {
    this.siteCalls.set(site, (this.siteCalls.get(site) ?? 0) + 1);
    let c = this.counts.get(key);
    if (!c) this.counts.set(key, (c = { calls: 0, cleanCalls: 0, bytes: 0, depth: 0, external: 0, heap: 0 }));
    // A line that calls itself (recursion) is counted at its outermost call.
    if (c.depth++ > 0) return;
    const s = v8.getHeapStatistics();
    c.external = s.external_memory;
    c.heap = s.used_heap_size;
  }

  leave(key: string): void {
    const c = this.counts.get(key)!;
    if (--c.depth > 0) return;
    const s = v8.getHeapStatistics();
    c.calls++;
    if (s.used_heap_size >= c.heap) {
      c.cleanCalls++;
      c.bytes += Math.max(0, s.external_memory - c.external);
    }
  }
}

/** Installs the probe the trampolines look for; call before the user's modules load. */
export function installLineProbe(): LineProbe {
  const probe = new LineProbe();
  Object.defineProperty(globalThis, PROBE_GLOBAL, { value: probe, configurable: true, enumerable: false });
  return probe;
}

export async function mprunStatement(
  job: MprunJob,
  probe: LineProbe,
  scope: ScopeEval,
  progress: (message: string) => void,
): Promise<MprunResult> {
  const { runLoops, loops } = await calibratedLoop(job, scope, progress);
  if (probe.targets.length === 0) throw new MprunTargetError(job.functions);
  progress(`sampling the heap over ${loops.toLocaleString('en-US')} loops`);
  const heap = await sampleHeap(runLoops, loops, MPRUN_SAMPLES);
  const secondsPerLoop = heap.seconds / loops;

  progress('measuring ArrayBuffer memory per line');
  const executions = Math.max(1, Math.min(loops, Math.round(BUFFER_PASS_SECONDS / Math.max(secondsPerLoop, 1e-9))));
  probe.on = true;
  try {
    await runLoops(executions);
  } finally {
    probe.on = false;
  }

  return buildMprunResult({
    targets: probe.targets,
    head: withoutHarnessFrames(originalPositions(heap.head), __filename),
    executions: loops,
    heapSamples: heap.samples,
    buffers: probe.counts,
    siteCalls: probe.siteCalls,
    arrayBufferExecutions: executions,
    secondsPerLoop,
  });
}

/** None of the functions mprun was asked for was found in the files the statement loaded. */
export class MprunTargetError extends Error {
  constructor(readonly functions: string[]) {
    super(notMeasuredReason(functions.join(' or ')));
  }
}
