// "Profile this statement in this module": the coverage run (exact hits), then the sampling run
// (time), each in its own child process, combined into a LineProfile. The sampling run is
// sampled by V8 itself (`--prof`), which logs each sample's whole stack with return addresses and
// inlining tables: call sites and inlined frames, which the inspector's CPU profile does not have.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { attribute } from '../core/attribution';
import type { ChildMessage, ProfileJob } from '../core/protocol';
import type { CpuProfile, LineProfile } from '../core/lineProfile';
import { SETUP_PREFIX, STATEMENT_PREFIX } from '../core/loopSource';
import { readV8Log } from '../core/v8log/stacks';
import { parseProfilePayload, type CoveragePayload, type SamplingPayload } from '../core/profilePayload';
import { parseTimeitOptions } from '../core/timeit';
import { projectDirOf } from './projectDir';
import { runChild, type ChildFailureKind } from './runChild';
import { loadNotes } from './timeit';

export interface ProfileRequest {
  file: string;
  stmt: string;
  setup?: string;
  nodePath?: string;
  runnerPath: string;
  samplingIntervalMicros?: number;
  /** How long the sampling run repeats the statement. */
  minDurationMs?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
}

export type ProfileOutcome =
  | {
    ok: true; lineProfile: LineProfile;
    /** The statement's call tree with original positions (flame panel, Save .cpuprofile). */
    profile: CpuProfile;
    /** Exact calls per call frame of `profile` (callFrameKey), from the coverage run. */
    callCounts: Map<string, number | null>;
    coverage: CoveragePayload; transpiler: string; nodeVersion: string; notes: string[]; stdout: string; stderr: string;
  }
  | { ok: false; kind: ChildFailureKind; message: string; detail?: string; stdout: string; stderr: string };

type ProfileMessage = Extract<ChildMessage, { type: 'profile' }>;

export async function runProfile(req: ProfileRequest): Promise<ProfileOutcome> {
  const file = path.resolve(req.file);
  const projectDir = projectDirOf(file);
  const runnerDir = path.dirname(req.runnerPath);
  let stmt: string;
  try {
    stmt = parseTimeitOptions(req.stmt).stmt; // -n/-r/-p mean nothing here; accept and drop them
  } catch (e) {
    return { ok: false, kind: 'badInput', message: (e as Error).message, stdout: '', stderr: '' };
  }
  const base: Omit<ProfileJob, 'mode'> = {
    kind: 'profile', file, stmt, setup: req.setup ?? '', esbuildSearchDirs: [projectDir, runnerDir],
    samplingIntervalMicros: Math.max(100, req.samplingIntervalMicros ?? 1000), minDurationMs: req.minDurationMs ?? 1000,
  };
  const run = async (mode: ProfileJob['mode'], nodeArgs: string[]) => {
    const outcome = await runChild<ProfileMessage>({
      job: { ...base, mode }, nodePath: req.nodePath ?? 'node', runnerPath: req.runnerPath, cwd: projectDir,
      nodeArgs: ['--enable-source-maps', ...nodeArgs], timeoutMs: req.timeoutMs ?? 120_000, signal: req.signal, onProgress: req.onProgress,
    }, (m): m is ProfileMessage => m.type === 'profile');
    if (!outcome.ok) {
      const where = outcome.location && !outcome.message.includes(`${path.basename(outcome.location.file)}:${outcome.location.line}`) ? ` (${path.relative(projectDir, outcome.location.file)}:${outcome.location.line})` : '';
      return { ok: false as const, kind: outcome.kind, message: outcome.message + where, detail: outcome.detail, stdout: outcome.stdout, stderr: outcome.stderr };
    }
    const payload = parseProfilePayload(outcome.message.payload);
    if (!payload || payload.mode !== mode) return { ok: false as const, kind: 'internal' as const, message: `the ${mode} run sent back a malformed result`, stdout: outcome.stdout, stderr: outcome.stderr };
    return { ok: true as const, payload, stdout: outcome.stdout, stderr: outcome.stderr };
  };
  req.onProgress?.('counting hits (precise coverage run)');
  const counted = await run('coverage', []);
  if (!counted.ok) return counted;
  req.onProgress?.('sampling time per line');
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-v8log-'));
  try {
    const logFile = path.join(logDir, 'v8.log');
    // Baseline (Sparkplug) code logs no pc → position table; without it a function goes from the
    // interpreter (exact bytecode offsets) straight to optimised code (exact tables).
    const sampled = await run('sampling', [
      '--prof', '--log-source-position', `--logfile=${logFile}`, '--no-logfile-per-isolate', '--no-sparkplug',
      `--prof-sampling-interval=${base.samplingIntervalMicros}`,
    ]);
    if (!sampled.ok) return sampled;
    const coverage = counted.payload as CoveragePayload;
    const sampling = sampled.payload as SamplingPayload;
    let log;
    try {
      log = readV8Log(fs.readFileSync(logFile, 'latin1'));
    } catch (e) {
      return { ok: false, kind: 'internal', message: `V8's sample log could not be read: ${(e as Error).message}`, stdout: sampled.stdout, stderr: sampled.stderr };
    }
    const isUserFile = (file: string) => file.startsWith('/') && !file.includes('/node_modules/') && !file.startsWith(runnerDir);
    const { lineProfile, profile, callCounts } = attribute({
      log, statementPrefix: STATEMENT_PREFIX, setupPrefix: SETUP_PREFIX, markers: sampling.markers, executions: sampling.executions,
      isUserFile, isHarnessFile: (file) => file.startsWith(runnerDir),
      coverage: coverage.coverage, coverageSources: coverage.sources,
      readText: (file) => { try { return fs.readFileSync(file, 'utf8'); } catch { return undefined; } },
    });
    return {
      ok: true, lineProfile, profile, callCounts, coverage, transpiler: sampling.transpiler, nodeVersion: sampling.nodeVersion, notes: loadNotes(file, sampling.loadSeconds),
      stdout: counted.stdout + sampled.stdout, stderr: counted.stderr + sampled.stderr,
    };
  } finally {
    // HOTLINE_KEEP_V8LOG=1 keeps V8's log for a look with V8's own tools (or to file a bug).
    if (process.env.HOTLINE_KEEP_V8LOG) req.onProgress?.(`V8 log kept: ${path.join(logDir, 'v8.log')}`);
    else fs.rmSync(logDir, { recursive: true, force: true });
  }
}
