// Runs a user's command unchanged (`npm test`, `node app.js`) in its own process group with
// Hotline's preload in NODE_OPTIONS: it stops when the command exits, after `durationMs`, on cancel
// (the program gets SIGINT first, so it can finish), on timeout, or when a log reaches its cap; and
// no process of the run is left behind (runProcesses.ts). Shared by whole runs and input capture.
// No vscode import: shared with the CLI.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { newRunId, RunProcesses, withRunId } from './runProcesses';

export interface CommandRequest {
  command: string;
  args: string[];
  cwd: string;
  /** dist/run-preload.js */
  preloadPath: string;
  /** Stop the program after this long (it gets SIGINT), keeping what it did. */
  durationMs?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** 'inherit': the program's output goes where Hotline's goes (the CLI); 'pipe': to onOutput. */
  stdio: 'inherit' | 'pipe';
  onOutput?: (text: string, stream: 'stdout' | 'stderr') => void;
  onProgress?: (message: string) => void;
  /** A log past this size stops the run (V8 cannot rotate its log; a string past ~512 MB cannot be read). */
  maxLogBytes?: number;
}

export const DEFAULT_MAX_LOG_BYTES = 400 * 1024 * 1024;
/** After SIGINT, how long the program may take to finish before its processes are killed. */
const GRACE_MS = 5000;
const LOG_WATCH_MS = 1000;
/** After the command exits, how long what it left running in its group has to end after SIGINT. */
const LEFT_RUNNING_GRACE_MS = 2000;

/** Whether any process of the group is still there. */
function groupAlive(pid: number | undefined): boolean {
  if (!pid || process.platform === 'win32') return false;
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** V8's per-isolate logs in a folder. */
export function logFiles(logs: string): string[] {
  try {
    return fs
      .readdirSync(logs)
      .filter((f) => f.startsWith('isolate-') && f.endsWith('.log'))
      .map((f) => path.join(logs, f));
  } catch {
    return [];
  }
}

export type Ran =
  | {
      ok: true;
      exitCode: number | null;
      exitSignal: NodeJS.Signals | null;
      stoppedBy?: 'duration' | 'cancelled' | 'timeout' | 'log cap';
      notes: string[];
      wallMs: number;
    }
  | { ok: false; kind: 'spawn' | 'cancelled'; message: string };

/**
 * Runs the command with Hotline's preload in NODE_OPTIONS and `env` added (a `bin` folder first on
 * PATH when given); `logs`: a folder whose files are capped at `maxLogBytes`.
 */
export function runUnchanged(
  req: CommandRequest,
  run: { env: Record<string, string>; bin?: string; logs?: string },
): Promise<Ran> {
  const runId = newRunId();
  const nodeOptions = [process.env.NODE_OPTIONS, `--require ${JSON.stringify(req.preloadPath)}`]
    .filter(Boolean)
    .join(' ');
  // A run started from inside a `node --test` process (Hotline's own tests) must not tell the
  // command's `node --test` that it is a test file's child: it would run no files.
  const { NODE_TEST_CONTEXT: _, ...outer } = process.env;
  const env = withRunId(
    {
      ...outer,
      ...(run.bin ? { PATH: `${run.bin}${path.delimiter}${process.env.PATH ?? ''}` } : {}),
      NODE_OPTIONS: nodeOptions,
      ...run.env,
    },
    runId,
  );
  const started = Date.now();
  return new Promise((resolve) => {
    if (req.signal?.aborted)
      return resolve({ ok: false, kind: 'cancelled', message: 'cancelled before the run started' });
    const child = spawn(req.command, req.args, {
      cwd: req.cwd,
      env,
      stdio: req.stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32', // its own process group: stopped and killed as a whole
    });
    child.stdout?.on('data', (d: Buffer) => req.onOutput?.(d.toString(), 'stdout'));
    child.stderr?.on('data', (d: Buffer) => req.onOutput?.(d.toString(), 'stderr'));
    const processes = child.pid ? new RunProcesses(runId, child.pid) : undefined;
    processes?.watch();
    let stoppedBy: Extract<Ran, { ok: true }>['stoppedBy'];
    const notes: string[] = [];
    let killTimer: NodeJS.Timeout | undefined;
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal);
      } catch {
        // the group is gone
      }
    };
    const stop = (why: NonNullable<typeof stoppedBy>) => {
      if (stoppedBy) return;
      stoppedBy = why;
      req.onProgress?.(`stopping the run (${why}): the program gets SIGINT, then ${GRACE_MS / 1000} s to finish`);
      signalGroup('SIGINT');
      killTimer = setTimeout(() => processes?.endAll(true), GRACE_MS);
    };
    const timers = [
      req.durationMs ? setTimeout(() => stop('duration'), req.durationMs) : undefined,
      setTimeout(() => stop('timeout'), req.timeoutMs ?? 600_000),
      setInterval(() => {
        if (!run.logs) return;
        const cap = req.maxLogBytes ?? DEFAULT_MAX_LOG_BYTES;
        const big = logFiles(run.logs).find((f) => (fs.statSync(f, { throwIfNoEntry: false })?.size ?? 0) > cap);
        if (!big) return;
        notes.push(
          `stopped after ${((Date.now() - started) / 1000).toFixed(1)} s: a V8 log reached ${Math.round(cap / 2 ** 20)} MB (use --duration, or a larger --interval)`,
        );
        stop('log cap');
      }, LOG_WATCH_MS),
    ];
    const onAbort = () => stop('cancelled');
    req.signal?.addEventListener('abort', onAbort);
    const finish = (result: Ran) => {
      for (const t of timers) clearTimeout(t);
      clearTimeout(killTimer);
      req.signal?.removeEventListener('abort', onAbort);
      resolve(result);
    };
    child.on('error', (e) => {
      processes?.endAll(false);
      finish({ ok: false, kind: 'spawn', message: `could not start ${req.command}: ${e.message}` });
    });
    child.on('exit', (exitCode, exitSignal) => {
      const wallMs = Date.now() - started;
      // What the command left running (a server it spawned, a test runner's workers) gets SIGINT and
      // a moment to write its log, then is killed with everything else of the run.
      signalGroup('SIGINT');
      const deadline = Date.now() + LEFT_RUNNING_GRACE_MS;
      const settle = () => {
        if (groupAlive(child.pid) && Date.now() < deadline) return void setTimeout(settle, 50);
        processes?.endAll(false);
        if (stoppedBy === 'timeout')
          notes.push(`stopped by the timeout (${Math.round((req.timeoutMs ?? 600_000) / 1000)} s)`);
        finish({ ok: true, exitCode, exitSignal, stoppedBy, notes, wallMs });
      };
      settle();
    });
  });
}
