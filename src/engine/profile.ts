// "Profile this statement in this module": the coverage run (exact hits), then the sampling run
// (time), each in its own child process, combined into a LineProfile. The sampling run is
// sampled by V8 itself (`--prof`), which logs each sample's whole stack with return addresses and
// inlining tables: call sites and inlined frames, which the inspector's CPU profile does not have.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { attribute } from '../core/lines/attribution';
import type { ChildMessage, ProfileJob } from '../core/protocol/protocol';
import type { CpuProfile, LineProfile } from '../core/lines/lineProfile';
import { SETUP_PREFIX, STATEMENT_PREFIX } from '../core/timing/loopSource';
import { explain, type Explanation } from '../core/verdicts/verdicts';
import { readV8Log, type V8Log } from '../core/v8log/stacks';
import { parseProfilePayload, type CoveragePayload, type SamplingPayload } from '../core/protocol/profilePayload';
import { parseTimeitOptions } from '../core/timing/timeit';
import { WARM_UP_MAX_MS } from '../core/lines/warmUp';
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
  /** How long the sampling run repeats the statement (after the warm-up). */
  minDurationMs?: number;
  /**
   * Warm up before sampling (default): the statement repeats until its time per execution
   * settles, at most `warmUpMaxMs`, so the profile shows the steady state. false: the cold start.
   */
  warmUp?: boolean;
  warmUpMaxMs?: number;
  /** Also collect V8's verdicts (a third child run). */
  explain?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
}

export type ProfileOutcome =
  | {
      ok: true;
      lineProfile: LineProfile;
      /** The statement's call tree with original positions (flame panel, Save .cpuprofile). */
      profile: CpuProfile;
      /** Exact calls per call frame of `profile` (callFrameKey), from the coverage run. */
      callCounts: Map<string, number | null>;
      /** V8's verdicts, when asked for (explain). */
      explanation?: Explanation;
      coverage: CoveragePayload;
      transpiler: string;
      nodeVersion: string;
      notes: string[];
      stdout: string;
      stderr: string;
    }
  | { ok: false; kind: ChildFailureKind; message: string; detail?: string; stdout: string; stderr: string };

type ProfileMessage = Extract<ChildMessage, { type: 'profile' }>;
type Failure = Extract<ProfileOutcome, { ok: false }>;
type Sampled = { ok: true; payload: SamplingPayload; stdout: string; stderr: string };

/** The child runs of one request: the same job in different modes and under different V8 flags. */
function childRuns(req: ProfileRequest) {
  const file = path.resolve(req.file);
  const projectDir = projectDirOf(file);
  const runnerDir = path.dirname(req.runnerPath);
  let stmt: string;
  try {
    stmt = parseTimeitOptions(req.stmt).stmt; // -n/-r/-p mean nothing here; accept and drop them
  } catch (e) {
    return { ok: false as const, kind: 'badInput' as const, message: (e as Error).message, stdout: '', stderr: '' };
  }
  const base: Omit<ProfileJob, 'mode'> = {
    kind: 'profile',
    file,
    stmt,
    setup: req.setup ?? '',
    projectDir,
    samplingIntervalMicros: Math.max(100, req.samplingIntervalMicros ?? 1000),
    minDurationMs: req.minDurationMs ?? 1000,
  };
  const run = async (mode: ProfileJob['mode'], nodeArgs: string[], extra: Partial<ProfileJob> = {}) => {
    const outcome = await runChild<ProfileMessage>(
      {
        job: { ...base, ...extra, mode },
        nodePath: req.nodePath ?? 'node',
        runnerPath: req.runnerPath,
        cwd: projectDir,
        nodeArgs: ['--enable-source-maps', ...nodeArgs],
        timeoutMs: req.timeoutMs ?? 120_000,
        signal: req.signal,
        onProgress: req.onProgress,
      },
      (m): m is ProfileMessage => m.type === 'profile',
    );
    if (!outcome.ok) {
      const where =
        outcome.location &&
        !outcome.message.includes(`${path.basename(outcome.location.file)}:${outcome.location.line}`)
          ? ` (${path.relative(projectDir, outcome.location.file)}:${outcome.location.line})`
          : '';
      return {
        ok: false as const,
        kind: outcome.kind,
        message: outcome.message + where,
        detail: outcome.detail,
        stdout: outcome.stdout,
        stderr: outcome.stderr,
      };
    }
    const payload = parseProfilePayload(outcome.message.payload);
    if (!payload || payload.mode !== mode)
      return {
        ok: false as const,
        kind: 'internal' as const,
        message: `the ${mode} run sent back a malformed result`,
        stdout: outcome.stdout,
        stderr: outcome.stderr,
      };
    return { ok: true as const, payload, stdout: outcome.stdout, stderr: outcome.stderr };
  };
  const coverageRun = async () => {
    req.onProgress?.('counting hits (precise coverage run)');
    const counted = await run('coverage', []);
    return counted.ok ? { ...counted, payload: counted.payload as CoveragePayload } : counted;
  };
  /** A sampling-mode run with V8 logging to a temporary file, read back into stacks and events. */
  const loggedRun = async (
    what: string,
    flags: string[],
    extra: Partial<ProfileJob> = {},
  ): Promise<Failure | (Sampled & { log: V8Log })> => {
    const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-v8log-'));
    const logFile = path.join(logDir, 'v8.log');
    try {
      // One log per isolate (V8's default): a second isolate in the process (the loader hooks'
      // thread where Node runs them off-thread, a worker of the user's) writing into the same file
      // overwrote the main one's lines with its own (holes of NUL bytes, maps and code objects lost).
      const sampled = await run(
        'sampling',
        [...flags, `--logfile=${logFile}`, `--prof-sampling-interval=${base.samplingIntervalMicros}`],
        extra,
      );
      if (!sampled.ok) return sampled;
      try {
        return {
          ...sampled,
          payload: sampled.payload as SamplingPayload,
          log: readV8Log(mainIsolateLog(logDir, (sampled.payload as SamplingPayload).markers.begin)),
        };
      } catch (e) {
        return {
          ok: false,
          kind: 'internal',
          message: `V8's log of the ${what} could not be read: ${(e as Error).message}`,
          stdout: sampled.stdout,
          stderr: sampled.stderr,
        };
      }
    } finally {
      // HOTLINE_KEEP_V8LOG=1 keeps V8's log for a look with V8's own tools (or to file a bug).
      if (process.env.HOTLINE_KEEP_V8LOG) req.onProgress?.(`V8 logs of the ${what} kept in ${logDir}`);
      else fs.rmSync(logDir, { recursive: true, force: true });
    }
  };
  const resolverInput = (log: V8Log, coverage: CoveragePayload) => ({
    log,
    coverage: coverage.coverage,
    coverageSources: coverage.sources,
    isUserFile: (f: string) => f.startsWith('/') && !f.includes('/node_modules/') && !f.startsWith(runnerDir),
    isHarnessFile: (f: string) => f.startsWith(runnerDir),
    readText,
  });
  return { ok: true as const, file, coverageRun, loggedRun, resolverInput };
}

/** A source file's text, or undefined when it cannot be read (the resolvers' readText). */
export function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The main thread's log among the per-isolate logs V8 wrote (`isolate-0x…-<pid>-v8.log`): the one
 * where the runner marked the statement, else the largest.
 */
export function mainIsolateLog(logDir: string, marker: string): string {
  const texts = fs
    .readdirSync(logDir)
    .filter((f) => f.endsWith('v8.log'))
    .map((f) => fs.readFileSync(path.join(logDir, f), 'utf8')); // names are raw UTF-8 (CJK function names)
  if (texts.length === 0) throw new Error('V8 wrote no log');
  return texts.find((t) => t.includes(marker)) ?? texts.reduce((a, b) => (b.length > a.length ? b : a));
}

// Baseline (Sparkplug) code logs no pc → position table; without it a function goes from the
// interpreter (exact bytecode offsets) straight to optimised code (exact tables).
// Maglev's loop peeling (V8 ≥ 12.4, Node ≥ 22; it peels loops with inlined calls from Node 24)
// logs every position of the loop body after the peeled iteration, inlined calls included, at
// the loop header: a loop's calls would land on its `for` line. TurboFan peels loops too but
// keeps positions, and steady-state timings with and without Maglev's peeling agree (README,
// "Line times on Node 24 and 26"), so the sampling run turns it off.
export function samplingFlags(nodeVersion: string): string[] {
  const major = Number(/^v?(\d+)/.exec(nodeVersion)?.[1] ?? 0);
  // HOTLINE_MAGLEV_LOOP_PEELING=1 keeps it (to show the difference: bench/attribution/README.md).
  const peeling = major < 22 || process.env.HOTLINE_MAGLEV_LOOP_PEELING === '1';
  return ['--prof', '--log-source-position', '--no-sparkplug', ...(peeling ? [] : ['--no-maglev-loop-peeling'])];
}
// V8's verdicts distort timings (IC logging), so they get their own run; tiers stay as in normal runs.
// --log-maps prints every map (what kind of value each inline cache met: strings, arrays' elements
// kinds, dictionaries) and where code turned objects into dictionaries. V8 shares one inline cache
// between reads of the same property of the same variable in a function (`p.x * p.y + p.x`): with
// the sharing off, each read logs its own, so every slow read is reported at its own column.
export const EXPLAIN_FLAGS = [
  '--prof',
  '--log-source-position',
  '--log-deopt',
  '--log-ic',
  '--log-maps',
  '--log-function-events',
  '--log-code',
  '--no-ignition-share-named-property-feedback',
  // Not --trace-elements-transitions: Node 20 aborts printing one from optimised code (SIGTRAP in
  // PrintElementsTransition), and it floods stdout.
];

/** Lines V8 prints to stdout for each deopt under --log-deopt: V8's, not the user's output. */
const stripBailouts = (text: string) => text.replace(/^\[bailout \(kind: [^\n]*\n?/gm, '');

export async function runProfile(req: ProfileRequest): Promise<ProfileOutcome> {
  const runs = childRuns(req);
  if (!runs.ok) return runs;
  const counted = await runs.coverageRun();
  if (!counted.ok) return counted;
  req.onProgress?.('sampling time per line');
  // The warm-up is the sampling run's only: the explain run looks at what V8 did from the start.
  const warmUpMaxMs = req.warmUp === false ? 0 : (req.warmUpMaxMs ?? WARM_UP_MAX_MS);
  const sampled = await runs.loggedRun('sampling run', samplingFlags(counted.payload.nodeVersion), { warmUpMaxMs });
  if (!sampled.ok) return sampled;
  const sampling = sampled.payload;
  const { lineProfile, profile, callCounts } = attribute({
    ...runs.resolverInput(sampled.log, counted.payload),
    statementPrefix: STATEMENT_PREFIX,
    setupPrefix: SETUP_PREFIX,
    markers: sampling.markers,
    executions: sampling.executions,
  });
  lineProfile.warmUp = sampling.warmUp ?? null;
  let explanation: Explanation | undefined;
  let stdout = counted.stdout + sampled.stdout;
  let stderr = counted.stderr + sampled.stderr;
  if (req.explain) {
    const explained = await explainRun(req, runs, counted.payload);
    if (!explained.ok) return explained;
    explanation = explained.explanation;
    stdout += explained.stdout;
    stderr += explained.stderr;
  }
  return {
    ok: true,
    lineProfile,
    profile,
    callCounts,
    explanation,
    coverage: counted.payload,
    transpiler: sampling.transpiler,
    nodeVersion: sampling.nodeVersion,
    notes: loadNotes(runs.file, sampling.loadSeconds),
    stdout,
    stderr,
  };
}

async function explainRun(
  req: ProfileRequest,
  runs: Extract<ReturnType<typeof childRuns>, { ok: true }>,
  coverage: CoveragePayload,
) {
  req.onProgress?.("collecting V8's verdicts (deopts, inline caches, tiers)");
  const logged = await runs.loggedRun('explain run', EXPLAIN_FLAGS);
  if (!logged.ok) return logged;
  const explanation = explain({ ...runs.resolverInput(logged.log, coverage), markers: logged.payload.markers });
  return { ok: true as const, explanation, stdout: stripBailouts(logged.stdout), stderr: logged.stderr };
}

export type ExplainOutcome =
  { ok: true; explanation: Explanation; coverage: CoveragePayload; stdout: string; stderr: string } | Failure;

/** "Why is it slow": V8's verdicts on the statement (a coverage run for the sources, then the explain run). */
export async function runExplain(req: ProfileRequest): Promise<ExplainOutcome> {
  const runs = childRuns(req);
  if (!runs.ok) return runs;
  const counted = await runs.coverageRun();
  if (!counted.ok) return counted;
  const explained = await explainRun(req, runs, counted.payload);
  if (!explained.ok) return explained;
  return {
    ...explained,
    coverage: counted.payload,
    stdout: counted.stdout + explained.stdout,
    stderr: counted.stderr + explained.stderr,
  };
}
