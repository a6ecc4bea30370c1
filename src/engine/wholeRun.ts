// A whole run: the user's command (`node app.js`, `npm test`, `npx vitest run`) run unchanged, with
// every Node process it starts sampled by V8's own log, like lprun's sampling run:
//  - a `node` shim first on PATH starts each `node` (npm scripts, npx, #!/usr/bin/env node) with
//    the flags, and a preload in NODE_OPTIONS gives them to children started from
//    process.execPath (runner/wholeRunPreload.ts); each isolate (worker threads too) writes its log;
//  - it runs and stops as commandRun.ts says (a log at its cap stops it, said in the notes);
//  - each log becomes one thread's line profile (lines/attribution.ts with every frame counted),
//    merged into the run's report and one call tree.
// No vscode import: shared with the CLI.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { attribute } from '../core/lines/attribution';
import type { CpuProfile } from '../core/lines/lineProfile';
import { mergeProfiles } from '../core/run/mergeProfiles';
import { summarizeRun, type RunThread, type ThreadProfile, type WholeRunReport } from '../core/run/runReport';
import { logPid, parseProcessNote, threadKindOf, wholeRunChain, type ProcessNote } from '../core/run/threads';
import { readV8Log } from '../core/v8log/stacks';
import { readText, samplingFlags } from './profile';
import { logFiles, runUnchanged, type CommandRequest } from './commandRun';

export interface WholeRunRequest extends CommandRequest {
  /** The Node every `node` of the run is (default: the one running Hotline). */
  nodePath?: string;
  intervalMicros?: number;
}

export type WholeRunOutcome =
  | {
      ok: true;
      report: WholeRunReport;
      /** Every thread's call tree under one root, positions in the original files. */
      profile: CpuProfile;
      threads: ThreadProfile[];
      exitCode: number | null;
      exitSignal: NodeJS.Signals | null;
      /** Why the run was stopped before the command ended, if it was. */
      stoppedBy?: 'duration' | 'cancelled' | 'timeout' | 'log cap';
      notes: string[];
      wallMs: number;
    }
  | { ok: false; kind: 'spawn' | 'no logs' | 'cancelled'; message: string };

function nodeVersionOf(nodePath: string): string {
  const r = spawnSync(nodePath, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  return r.stdout?.trim() ?? '';
}

/** The run's folder: the `node` shim (bin/), V8's logs (logs/), the processes' notes. */
function prepareRunDir(): { dir: string; bin: string; logs: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-run-'));
  const bin = path.join(dir, 'bin');
  const logs = path.join(dir, 'logs');
  fs.mkdirSync(bin);
  fs.mkdirSync(logs);
  return { dir, bin, logs };
}

function resolvedNode(nodePath: string): string {
  if (path.isAbsolute(nodePath)) return nodePath;
  const r = spawnSync(nodePath, ['-p', 'process.execPath'], { encoding: 'utf8', timeout: 10_000 });
  return r.stdout?.trim() || nodePath;
}

export async function runWhole(req: WholeRunRequest): Promise<WholeRunOutcome> {
  const nodePath = resolvedNode(req.nodePath ?? process.execPath);
  const version = nodePath === process.execPath ? process.version : nodeVersionOf(nodePath);
  const interval = Math.max(100, req.intervalMicros ?? 1000);
  const logFlags = [`--prof-sampling-interval=${interval}`, '--log-source-code'];
  const { dir, bin, logs } = prepareRunDir();
  const flags = [...samplingFlags(version), ...logFlags, `--logfile=${path.join(logs, 'v8.log')}`];
  fs.writeFileSync(path.join(bin, 'node'), nodeShim(nodePath, flags), { mode: 0o755 });
  try {
    const ran = await runUnchanged(req, {
      env: { HOTLINE_WHOLE_RUN_DIR: dir, HOTLINE_WHOLE_RUN_FLAGS: JSON.stringify(flags) },
      bin,
      logs,
    });
    if (!ran.ok) return ran;
    req.onProgress?.('reading V8 logs');
    const notes = readNotes(dir);
    const threads = await readThreads(logs, notes, req.preloadPath);
    if (!threads.length)
      return {
        ok: false,
        kind: 'no logs',
        message: `no Node.js process of "${[req.command, ...req.args].join(' ')}" was sampled: it started none, or started them with an environment of its own (NODE_OPTIONS and PATH are how Hotline reaches them)`,
      };
    const unsampled = [...notes.values()].filter((n) => !n.sampled && !isPackageManager(n.argv));
    const runNotes = [
      ...ran.notes,
      ...unsampled.map(
        (n) =>
          `pid ${n.pid} (${n.argv.join(' ')}) was not sampled: it was started from a Node.js path other than ${nodePath}, without V8's log`,
      ),
    ];
    return {
      ok: true,
      report: summarizeRun(threads),
      profile: mergeProfiles(threads.map((t) => t.profile)),
      threads: threads.map(({ thread, lineProfile }) => ({ thread, lineProfile })),
      exitCode: ran.exitCode,
      exitSignal: ran.exitSignal,
      stoppedBy: ran.stoppedBy,
      notes: runNotes,
      wallMs: ran.wallMs,
    };
  } finally {
    if (process.env.HOTLINE_KEEP_V8LOG) req.onProgress?.(`V8 logs of the run kept in ${logs}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The `node` first on PATH: every Node.js the command starts by name gets V8's log, but the package
 * managers themselves (npm, npx, pnpm, yarn: tooling, not the program), which would only add the
 * log's start-up cost.
 */
export const PACKAGE_MANAGER_SCRIPTS = [
  'npm',
  'npx',
  'npm-cli.js',
  'npx-cli.js',
  'pnpm',
  'pnpm.cjs',
  'yarn',
  'yarn.js',
  'corepack',
];
const isPackageManager = (argv: string[]) =>
  argv.slice(1).some((a) => !a.startsWith('-') && PACKAGE_MANAGER_SCRIPTS.includes(path.basename(a)));

function nodeShim(nodePath: string, flags: string[]): string {
  const tooling = PACKAGE_MANAGER_SCRIPTS.map((s) => `*/${s}`).join('|');
  return `#!/bin/sh
case "$1" in
  ${tooling}) exec ${shellWords([nodePath])} "$@" ;;
esac
exec ${shellWords([nodePath, ...flags])} "$@"
`;
}

const shellWords = (words: string[]) => words.map((s) => `'${s.replace(/'/g, `'\\''`)}'`).join(' ');

function readNotes(dir: string): Map<number, ProcessNote> {
  const notes = new Map<number, ProcessNote>();
  for (const f of fs.readdirSync(dir)) {
    if (!/^process-\d+\.json$/.test(f)) continue;
    const note = parseProcessNote(fs.readFileSync(path.join(dir, f), 'utf8'));
    if (note) notes.set(note.pid, note);
  }
  return notes;
}

/** By pid, each process's main thread before its workers. */
const mainThreadsFirst = (a: ThreadProfile, b: ThreadProfile) =>
  a.thread.pid - b.thread.pid || (a.thread.thread === 'main' ? -1 : 1);

/**
 * Every log's threads: read in worker threads, one share per core (dist/run-log-worker.js beside
 * the preload), or here when there is one log, one core, or no worker bundle.
 */
async function readThreads(
  logs: string,
  notes: Map<number, ProcessNote>,
  preloadPath: string,
): Promise<(ThreadProfile & { profile: CpuProfile })[]> {
  const files = logFiles(logs);
  const workerFile = path.join(path.dirname(preloadPath), 'run-log-worker.js');
  const workers = Math.min(files.length, os.availableParallelism());
  if (workers < 2 || !fs.existsSync(workerFile)) {
    const texts = files.map((file) => ({ fileName: path.basename(file), text: fs.readFileSync(file, 'utf8') }));
    return threadProfiles(texts, notes, preloadPath);
  }
  // Largest first, dealt round the workers, so their shares weigh about the same.
  const bySize = [...files].sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
  const shares = Array.from({ length: workers }, (_, w) => bySize.filter((_, i) => i % workers === w));
  const parts = await Promise.all(
    shares.map(
      (share) =>
        new Promise<(ThreadProfile & { profile: CpuProfile })[]>((resolve, reject) => {
          const worker = new Worker(workerFile, {
            workerData: { files: share, notes: [...notes.values()], preloadPath },
          });
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.once('exit', (code) => code && reject(new Error(`reading V8 logs: worker exited ${code}`)));
        }),
    ),
  );
  return parts.flat().sort(mainThreadsFirst);
}

/**
 * One line profile and call tree per V8 log (`isolate-0x…-<pid>-v8.log`) that saw busy samples,
 * main threads first, by pid. `read`: a source file on disk (one V8 did not log).
 */
export function threadProfiles(
  logs: readonly { fileName: string; text: string }[],
  notes: Map<number, ProcessNote>,
  preloadPath: string,
  read: (file: string) => string | undefined = readText,
): (ThreadProfile & { profile: CpuProfile })[] {
  const threads: (ThreadProfile & { profile: CpuProfile })[] = [];
  for (const { fileName, text } of logs) {
    const pid = logPid(fileName);
    if (pid === undefined) continue;
    const kind = threadKindOf(text);
    const argv = notes.get(pid)?.argv ?? [];
    const label = `${kind === 'worker' ? 'worker thread' : 'process'} ${pid}${argv.length ? `: ${argv.slice(1).join(' ')}` : ''}`;
    const { lineProfile, profile } = attribute({
      log: readV8Log(text),
      coverage: [],
      coverageSources: {},
      isUserFile: (f) => f.startsWith('/') || f.startsWith('node:'),
      isHarnessFile: (f) => f === preloadPath,
      readText: read,
      statementPrefix: '',
      setupPrefix: '',
      markers: { begin: '', end: '' },
      executions: 1,
      chainOf: wholeRunChain,
      rootName: label,
    });
    if (lineProfile.samples === 0) continue;
    const thread: RunThread = {
      pid,
      thread: kind,
      argv,
      samples: lineProfile.samples,
      busyMs: lineProfile.totalMicros / 1000,
      gcMs: lineProfile.gcMicros / 1000,
    };
    threads.push({ thread, lineProfile, profile });
  }
  return threads.sort(mainThreadsFirst);
}
