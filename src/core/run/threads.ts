// Which V8 log is which thread of which process, and which frames of a whole run's samples count.
import type { MappedFrame } from '../source/sourceResolver';
import type { Frame } from '../v8log/stacks';

/** V8 names each isolate's log `isolate-0x<address>-<pid>-<name>`. */
export function logPid(fileName: string): number | undefined {
  const m = /^isolate-0x[0-9a-f]+-(\d+)-/.exec(fileName);
  return m ? Number(m[1]) : undefined;
}

/** A worker thread's isolate starts from Node's worker entry script; the main thread's does not. */
export function threadKindOf(logText: string): 'main' | 'worker' {
  return logText.includes('node:internal/main/worker_thread') ? 'worker' : 'main';
}

/** What each process noted as it started (wholeRunPreload.ts). */
export interface ProcessNote {
  pid: number;
  ppid: number;
  argv: string[];
  sampled: boolean;
}

export function parseProcessNote(text: string): ProcessNote | undefined {
  try {
    const v = JSON.parse(text) as Partial<ProcessNote>;
    if (typeof v.pid !== 'number' || !Array.isArray(v.argv) || !v.argv.every((a) => typeof a === 'string'))
      return undefined;
    return { pid: v.pid, ppid: Number(v.ppid ?? 0), argv: v.argv, sampled: v.sampled === true };
  } catch {
    return undefined;
  }
}

/** A whole run's sample: every frame, outermost first, but Hotline's own preload's. */
export function wholeRunChain(frames: readonly Frame[], mapFrame: (f: Frame) => MappedFrame): MappedFrame[] {
  const chain: MappedFrame[] = [];
  for (let i = frames.length - 1; i >= 0; i--) {
    const mapped = mapFrame(frames[i]);
    if (!mapped.fn.harness) chain.push(mapped);
  }
  return chain;
}
