// High-level "time this statement in this module": one child run, IPython's line and warning.
import path from 'node:path';
import type { ChildMessage, GcMode } from '../core/protocol/protocol';
import {
  cachingWarning,
  DEFAULT_PRECISION,
  DEFAULT_REPEAT,
  ipythonLine,
  parseTimeitOptions,
  type TimeitOptions,
} from '../core/timing/timeit';
import type { TimeitResult } from '../core/timing/timeitTypes';
import { projectDirOf } from './projectDir';
import { runChild, type ChildFailureKind, type ChildOutcome } from './runChild';

export interface TimeitRequest {
  file: string;
  /** May start with IPython options: `-n 100 -r 3 blur(x)`; they win over the fields below. */
  stmt: string;
  setup?: string;
  loops?: number;
  repeat?: number;
  precision?: number;
  /** The collection before each run (default `minor`); a boolean is the former setting: true → minor, false → none. */
  gcBetweenRuns?: GcMode | boolean;
  /** How much of the user's stdout and stderr is kept (the last bytes; default 64 KB). */
  captureLimit?: number;
  nodePath?: string;
  runnerPath: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
}

export type TimeitOutcome =
  | {
      ok: true;
      result: TimeitResult;
      line: string;
      warning?: string;
      transpiler: string;
      nodeVersion: string;
      notes: string[];
      stdout: string;
      stderr: string;
    }
  | { ok: false; kind: ChildFailureKind; message: string; detail?: string; stdout: string; stderr: string };

/** A child run's outcome: its own fields and what every run reports, or the failure. */
export type ChildRunOutcome<Fields> =
  | ({ ok: true; transpiler: string; nodeVersion: string; notes: string[]; stdout: string; stderr: string } & Fields)
  | Extract<TimeitOutcome, { ok: false }>;

type TimeitMessage = Extract<ChildMessage, { type: 'timeit' }>;

/** IPython's options read off the front of the statement, or the failure that says what is wrong with it. */
export function statementOptions(
  stmt: string,
  verb: string,
): { ok: true; parsed: TimeitOptions & { stmt: string } } | Extract<TimeitOutcome, { ok: false }> {
  const bad = (message: string) => ({ ok: false as const, kind: 'badInput' as const, message, stdout: '', stderr: '' });
  try {
    const parsed = parseTimeitOptions(stmt);
    return parsed.stmt
      ? { ok: true, parsed: { ...parsed, stmt: parsed.stmt } }
      : bad(`there is no statement to ${verb}`);
  } catch (e) {
    return bad((e as Error).message);
  }
}

export async function runTimeit(req: TimeitRequest): Promise<TimeitOutcome> {
  const options = statementOptions(req.stmt, 'time');
  if (!options.ok) return options;
  const { parsed } = options;
  const file = path.resolve(req.file);
  const projectDir = projectDirOf(file);
  const outcome = await runChild<TimeitMessage>(
    {
      job: { kind: 'timeit', stmt: parsed.stmt, ...jobOptions(req, file, parsed) },
      ...childOptions(req, projectDir),
    },
    (m): m is TimeitMessage => m.type === 'timeit',
  );
  if (!outcome.ok) return failure(outcome, projectDir);
  const { result, transpiler, nodeVersion, loadSeconds } = outcome.message;
  return {
    ok: true,
    result,
    line: ipythonLine(result),
    warning: cachingWarning(result),
    transpiler,
    nodeVersion,
    notes: loadNotes(file, loadSeconds),
    stdout: outcome.stdout,
    stderr: outcome.stderr,
  };
}

/** The job fields shared by timeit and compare: module, setup and IPython's options (the statement's own win). */
export function jobOptions(req: Omit<TimeitRequest, 'stmt'>, file: string, parsed: TimeitOptions = {}) {
  return {
    file,
    setup: req.setup ?? '',
    loops: parsed.loops ?? req.loops,
    repeat: parsed.repeat ?? req.repeat ?? DEFAULT_REPEAT,
    precision: parsed.precision ?? req.precision ?? DEFAULT_PRECISION,
    gcBetweenRuns: gcModeOf(req.gcBetweenRuns),
    projectDir: projectDirOf(file),
  };
}

/** How the timing child is started (expose-gc for the collection between runs). */
export function childOptions(req: Omit<TimeitRequest, 'stmt'>, projectDir: string) {
  return {
    nodePath: req.nodePath ?? 'node',
    runnerPath: req.runnerPath,
    cwd: projectDir,
    nodeArgs: ['--expose-gc', '--enable-source-maps'],
    timeoutMs: req.timeoutMs ?? 120_000,
    signal: req.signal,
    onProgress: req.onProgress,
    captureLimit: req.captureLimit,
  };
}

/** A failed run, with the user's file:line added when the message does not name it already. */
export function failure(
  outcome: Extract<ChildOutcome<ChildMessage>, { ok: false }>,
  projectDir: string,
): Extract<TimeitOutcome, { ok: false }> {
  const loc = outcome.location;
  const named = loc && `${path.relative(projectDir, loc.file) || loc.file}:${loc.line}`;
  const where = named && !outcome.message.includes(`${path.basename(loc.file)}:${loc.line}`) ? ` (${named})` : '';
  return {
    ok: false,
    kind: outcome.kind,
    message: outcome.message + where,
    detail: outcome.detail,
    stdout: outcome.stdout,
    stderr: outcome.stderr,
  };
}

/** A module whose top level is slow is worth a word: it runs before anything is timed. */
export function loadNotes(file: string, loadSeconds: number): string[] {
  return loadSeconds >= 0.5
    ? [
        `loading ${path.basename(file)} took ${loadSeconds.toFixed(2)} s: its top-level code runs once before the timing and is not part of it`,
      ]
    : [];
}

export const gcModeOf = (v: GcMode | boolean | undefined): GcMode =>
  v === undefined || v === true ? 'minor' : v === false ? 'none' : v;
