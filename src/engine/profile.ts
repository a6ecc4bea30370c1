// "Profile this statement in this module": the coverage run (exact hits), then the sampling run
// (time), each in its own child process, combined into a LineProfile.
import path from 'node:path';
import type { ChildMessage, ProfileJob } from '../core/protocol';
import { buildLineProfile, type CpuProfile, type LineProfile } from '../core/lineProfile';
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
  /** --no-use-osr --no-turbo-inlining: every tick on its own line, at a cost in speed. */
  exactAttribution?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
}

export type ProfileOutcome =
  | { ok: true; lineProfile: LineProfile; profile: CpuProfile; coverage: CoveragePayload; transpiler: string; nodeVersion: string; notes: string[]; stdout: string; stderr: string }
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
  const sampled = await run('sampling', req.exactAttribution ? ['--no-use-osr', '--no-turbo-inlining'] : []);
  if (!sampled.ok) return sampled;
  const coverage = counted.payload as CoveragePayload;
  const sampling = sampled.payload as SamplingPayload;
  const lineProfile = buildLineProfile({
    coverage: coverage.coverage, sources: coverage.sources, profile: sampling.profile, sampledExecutions: sampling.executions,
    isUserUrl: (url) => url.startsWith('file://') && !url.includes('/node_modules/') && !url.includes(runnerDir),
  });
  return {
    ok: true, lineProfile, profile: sampling.profile, coverage, transpiler: sampling.transpiler, nodeVersion: sampling.nodeVersion, notes: loadNotes(file, sampling.loadSeconds),
    stdout: counted.stdout + sampled.stdout, stderr: counted.stderr + sampled.stderr,
  };
}
