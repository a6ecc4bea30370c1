// Starts the runner in a child Node process and watches it: validated messages on fd 3, bounded
// capture of the user's stdout/stderr, cancel and timeout, and an end of every process the run
// created (runProcesses.ts) when it ends, however it ends, and when this process exits.
// No vscode import: shared with the CLI.
import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import {
  parseChildMessage,
  type ChildMessage,
  type ErrorKind,
  type RunnerJob,
  type SourceLocation,
} from '../core/protocol/protocol';
import { newRunId, RunProcesses, withRunId } from './runProcesses';

export interface RunChildOptions {
  job: RunnerJob;
  /** `node` on PATH by default; an Electron binary works too (ELECTRON_RUN_AS_NODE). */
  nodePath: string;
  /** dist/runner.js */
  runnerPath: string;
  cwd: string;
  nodeArgs?: string[];
  timeoutMs: number;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  /** Bytes of stdout and of stderr kept (the last ones). */
  captureLimit?: number;
}

export type ChildFailureKind = ErrorKind | 'timeout' | 'cancelled' | 'crashed' | 'spawn';

export type ChildOutcome<T extends ChildMessage> =
  | { ok: true; message: T; stdout: string; stderr: string }
  | {
      ok: false;
      kind: ChildFailureKind;
      message: string;
      detail?: string;
      location?: SourceLocation;
      stdout: string;
      stderr: string;
    };

/** Keeps the last `limit` bytes of a stream, from a line's start, and counts the lines it dropped. */
export class TailBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  private droppedLines = 0;
  private droppedBytes = 0;
  /** The dropped part ended in the middle of a line. */
  private cutMidLine = false;
  constructor(private readonly limit: number) {}
  private drop(bytes: Buffer): void {
    if (!bytes.length) return;
    this.droppedBytes += bytes.length;
    for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) this.droppedLines++;
    this.cutMidLine = bytes[bytes.length - 1] !== 10;
  }
  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.limit && this.chunks.length > 1) {
      const first = this.chunks.shift()!;
      this.size -= first.length;
      this.drop(first);
    }
    if (this.size > this.limit) {
      const only = this.chunks[0];
      this.drop(only.subarray(0, only.length - this.limit));
      this.chunks[0] = only.subarray(only.length - this.limit);
      this.size = this.limit;
    }
  }
  text(): string {
    let body = Buffer.concat(this.chunks).toString('utf8');
    if (!this.droppedBytes) return body;
    let lines = this.droppedLines;
    if (this.cutMidLine) {
      const firstBreak = body.indexOf('\n');
      body = firstBreak >= 0 ? body.slice(firstBreak + 1) : '';
      lines++;
    }
    const kb = Math.round(this.limit / 1024);
    return `[… ${lines.toLocaleString('en-US')} earlier line${lines === 1 ? '' : 's'} not kept (the last ${kb} KB follow)]\n${body}`;
  }
}

/** Runs not yet ended: ended from process.on('exit') should this process go first. */
const live = new Set<RunProcesses>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const run of live) run.endAll(true);
  });
}

/** After the runner exited, how long its stdout/stderr may stay open (held by a process that escaped) before we stop reading. */
const PIPE_GRACE_MS = 2000;

function childEnv(job: RunnerJob, runId: string): NodeJS.ProcessEnv {
  const env = withRunId({ ...process.env, HOTLINE_JOB: JSON.stringify(job), ELECTRON_RUN_AS_NODE: '1' }, runId);
  // A debugger's auto-attach bootloader in NODE_OPTIONS would pause or slow the child.
  if (env.NODE_OPTIONS?.includes('bootloader')) delete env.NODE_OPTIONS;
  delete env.VSCODE_INSPECTOR_OPTIONS;
  return env;
}

/** Runs one job; resolves with the first final message (the expected type or an error). */
export function runChild<T extends ChildMessage>(
  options: RunChildOptions,
  isFinal: (m: ChildMessage) => m is T,
): Promise<ChildOutcome<T>> {
  installExitHook();
  const limit = options.captureLimit ?? 64 * 1024;
  const stdout = new TailBuffer(limit);
  const stderr = new TailBuffer(limit);
  return new Promise((resolve) => {
    let settled = false;
    let final: ChildMessage | undefined;
    const out = () => ({ stdout: stdout.text(), stderr: stderr.text() });
    const runId = newRunId();
    const child = spawn(options.nodePath, [...(options.nodeArgs ?? []), options.runnerPath], {
      cwd: options.cwd,
      env: childEnv(options.job, runId),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      windowsHide: true,
    });
    const processes = child.pid === undefined ? undefined : new RunProcesses(runId, child.pid);
    if (processes) {
      live.add(processes);
      processes.watch();
    }
    /** Ends the runner and everything it started; the run's bookkeeping ends with the runner. */
    let ended = false;
    const endProcesses = (runnerGone: boolean) => {
      if (ended || !processes) return;
      processes.endAll(!runnerGone);
      if (runnerGone) {
        ended = true;
        live.delete(processes);
      }
    };
    const timer = setTimeout(
      () =>
        stop(
          'timeout',
          `timed out after ${formatSeconds(options.timeoutMs)}; the run was stopped and its processes killed (an infinite loop, or raise hotline.timeoutSeconds)`,
        ),
      options.timeoutMs,
    );
    const onAbort = () => stop('cancelled', 'cancelled; the run was stopped and its processes killed');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) queueMicrotask(onAbort);

    function settle(outcome: ChildOutcome<T>) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    }
    // A stopped run resolves once the child has really exited, so "no process left" holds the
    // moment the caller hears about it (with a fallback should the exit event never come).
    let stopped: ChildOutcome<T> | undefined;
    function stop(kind: ChildFailureKind, message: string) {
      if (stopped || settled) return;
      stopped = { ok: false, kind, message, ...out() };
      endProcesses(false);
      setTimeout(() => settle(stopped!), 3000).unref();
    }

    child.stdout!.on('data', (c: Buffer) => stdout.push(c));
    child.stderr!.on('data', (c: Buffer) => stderr.push(c));
    let pending = '';
    (child.stdio[3] as Readable).on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        const message = parseChildMessage(line);
        if (!message) continue; // not ours, or malformed: ignored
        if (message.type === 'progress') options.onProgress?.(message.message);
        else if (!final && (message.type === 'error' || isFinal(message))) final = message;
      }
    });
    child.on('error', (e) => {
      endProcesses(true);
      const notFound = (e as NodeJS.ErrnoException).code === 'ENOENT';
      settle({
        ok: false,
        kind: 'spawn',
        message: notFound
          ? `cannot start Node.js: "${options.nodePath}" was not found (set hotline.nodePath)`
          : `cannot start Node.js (${options.nodePath}): ${e.message}`,
        ...out(),
      });
    });
    // Everything the user's code left behind ends as soon as the runner has: that also closes the
    // runner's stdout/stderr should a descendant hold them, and lets 'close' come.
    child.on('exit', () => {
      endProcesses(true);
      setTimeout(() => {
        for (const stream of [child.stdout, child.stderr, child.stdio[3]]) stream?.destroy();
      }, PIPE_GRACE_MS).unref();
    });
    child.on('close', (code, signal) => {
      endProcesses(true);
      if (stopped) settle({ ...stopped, ...out() });
      else if (final?.type === 'error')
        settle({
          ok: false,
          kind: final.kind,
          message: final.message,
          detail: final.stack,
          location: final.location,
          ...out(),
        });
      else if (final) settle({ ok: true, message: final as T, ...out() });
      else
        settle({
          ok: false,
          kind: 'crashed',
          message: crashMessage(code, signal, stderr.text()),
          ...out(),
        });
    });
  });
}

/** Why the runner ended without a result: V8's out-of-memory abort by name, other ends by code or signal. */
export function crashMessage(code: number | null, signal: NodeJS.Signals | null, stderr: string): string {
  if (
    /JavaScript heap out of memory|Reached heap limit|FATAL ERROR:.*(?:out of memory|Allocation failed)/i.test(stderr)
  ) {
    const limit = /--max-old-space-size=(\d+)/.exec(process.env.NODE_OPTIONS ?? '')?.[1];
    return `the run ran out of memory (V8's heap limit${limit ? ` of ${limit} MB` : ''}): the statement or its setup keeps more alive than Node allows; keep less, or give Node more with NODE_OPTIONS=--max-old-space-size=<MB>`;
  }
  return `the Node.js process ended without a result (${signal ? `signal ${signal}` : `exit code ${code}`})${stderr.trim() ? '; see its stderr' : ''}`;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
