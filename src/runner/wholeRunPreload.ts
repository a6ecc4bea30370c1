// Loaded into every Node process of a whole run (`hotline run`, Profile Run…) by NODE_OPTIONS
// --require. V8 logs only when a process is *started* with --prof (it is refused in NODE_OPTIONS,
// and turning it on at run time breaks workers: shared/notes/REFERENCE.md), so:
//  - `node` found on PATH (npm scripts, npx, shell lines) is the run's shim, which adds the flags;
//  - here, a child the program starts from `process.execPath` (test runners' forks, a spawn of
//    `node`) gets the same flags in front of its arguments;
//  - each process notes its pid and argv, so the report can say which process was which.
// Worker threads need nothing: every isolate of a --prof process writes its own log.
// With HOTLINE_CAPTURE it takes a function's arguments instead (captureInputs.ts).
import childProcess from 'node:child_process';
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import type { CaptureSpec } from '../core/run/capture';
import { installCapture } from './captureInputs';

const runDir = process.env.HOTLINE_WHOLE_RUN_DIR;
const flags: string[] = JSON.parse(process.env.HOTLINE_WHOLE_RUN_FLAGS ?? '[]');

/**
 * A Node.js started by its path (process.execPath, `/usr/bin/node`). One started by name (`node`)
 * goes through PATH, whose first `node` is the run's shim: it has the flags already.
 */
const isNode = (file: unknown): boolean =>
  typeof file === 'string' &&
  path.isAbsolute(file) &&
  (file === process.execPath || /[/\\]node(\.exe)?$/.test(file)) &&
  path.dirname(file) !== path.join(runDir ?? '', 'bin');

/** The run's flags in front of a Node command line that lacks them. */
function withFlags(args: readonly string[] | undefined): string[] {
  const given = args ?? [];
  return given.includes('--prof') ? [...given] : [...flags, ...given];
}

function patch<K extends 'spawn' | 'spawnSync' | 'execFile' | 'execFileSync'>(name: K): void {
  const original = childProcess[name] as (...a: unknown[]) => unknown;
  (childProcess as unknown as Record<string, unknown>)[name] = function (this: unknown, ...a: unknown[]) {
    if (isNode(a[0]) && (a[1] === undefined || Array.isArray(a[1]))) a[1] = withFlags(a[1] as string[] | undefined);
    else if (isNode(a[0]) && a[1] !== null && typeof a[1] === 'object') a.splice(1, 0, withFlags([]));
    return original.apply(this, a);
  };
}

function patchFork(): void {
  const original = childProcess.fork;
  childProcess.fork = function (this: unknown, ...a: unknown[]) {
    // fork passes process.execArgv (which has the flags) unless given execArgv of its own.
    // fork(module, args?, options?): args may be given as undefined (tinypool does)
    const optionsAt = Array.isArray(a[1]) || (a[1] === undefined && a.length > 2) ? 2 : 1;
    const options = a[optionsAt];
    if (options && typeof options === 'object' && Array.isArray((options as { execArgv?: unknown }).execArgv)) {
      const o = options as { execArgv: string[]; execPath?: string };
      if (o.execPath === undefined || isNode(o.execPath)) a[optionsAt] = { ...o, execArgv: withFlags(o.execArgv) };
    }
    return (original as (...b: unknown[]) => childProcess.ChildProcess).apply(this, a);
  } as typeof childProcess.fork;
}

if (runDir && flags.length) {
  for (const name of ['spawn', 'spawnSync', 'execFile', 'execFileSync'] as const) patch(name);
  patchFork();
  syncBuiltinESMExports(); // `import { spawn } from 'node:child_process'` sees the patched ones too
  if (isMainThread) {
    // Node's own options (`node --test`) are part of what the process is; the run's flags are not.
    const own = process.execArgv.filter((a) => !flags.includes(a));
    const argv = [process.argv[0], ...own, ...process.argv.slice(1)];
    const note = { pid: process.pid, ppid: process.ppid, argv, sampled: process.execArgv.includes('--prof') };
    try {
      fs.writeFileSync(path.join(runDir, `process-${process.pid}.json`), JSON.stringify(note));
    } catch {
      // the run's folder is gone (the run was stopped): nothing to note
    }
  }
}

// A capture run (Time / Profile / Explain with inputs from the run): no log, the arguments of the function's first calls.
const capture = process.env.HOTLINE_CAPTURE;
if (capture) {
  try {
    installCapture(JSON.parse(capture) as CaptureSpec);
  } catch {
    // a malformed spec is Hotline's own mistake: the program runs as if nothing were asked
  }
}
