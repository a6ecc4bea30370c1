// "Is my rewrite faster?" end to end: several statements of one module timed in one child with
// interleaved runs, each with its IPython line, and the verdict of each against the first.
import path from 'node:path';
import { compareResults, verdictPhrase, type SpeedRatio } from '../core/timing/compare';
import { MAX_COMPARED, type ChildMessage } from '../core/protocol/protocol';
import { cachingWarning, ipythonLine, parseTimeitOptions } from '../core/timing/timeit';
import type { TimeitResult } from '../core/timing/timeitTypes';
import { projectDirOf } from './projectDir';
import { runChild } from './runChild';
import { childOptions, failure, jobOptions, loadNotes, type ChildRunOutcome, type TimeitRequest } from './timeit';

export interface CompareRequest extends Omit<TimeitRequest, 'stmt'> {
  /** The first is the baseline the others are compared with. */
  stmts: string[];
}

export interface ComparedStatement {
  stmt: string;
  result: TimeitResult;
  line: string;
  warning?: string;
}

export interface Verdict {
  stmt: string;
  baseline: string;
  /** Undefined when there are too few runs for an interval (-r 1). */
  ratio?: SpeedRatio;
  /** "3.98× faster (95 % CI 3.90–4.06)", "no significant difference (0.98–1.03×)". */
  phrase: string;
}

export type CompareOutcome = ChildRunOutcome<{ statements: ComparedStatement[]; verdicts: Verdict[] }>;

type CompareMessage = Extract<ChildMessage, { type: 'compare' }>;

const badInput = (message: string): CompareOutcome => ({
  ok: false,
  kind: 'badInput',
  message,
  stdout: '',
  stderr: '',
});

/** Each statement against the first (the baseline). */
export function verdictsAgainstFirst(statements: readonly { stmt: string; result: TimeitResult }[]): Verdict[] {
  const [baseline, ...others] = statements;
  return others.map((s) => {
    const ratio = compareResults(baseline.result, s.result);
    return {
      stmt: s.stmt,
      baseline: baseline.stmt,
      ratio,
      phrase: ratio ? verdictPhrase(ratio) : 'no interval (at least 2 runs are needed)',
    };
  });
}

export async function runCompare(req: CompareRequest): Promise<CompareOutcome> {
  const stmts = req.stmts.map((s) => s.trim());
  if (stmts.length < 2) return badInput('compare needs at least two statements');
  if (stmts.length > MAX_COMPARED) return badInput(`compare takes at most ${MAX_COMPARED} statements`);
  if (stmts.some((s) => !s)) return badInput('one of the statements is empty');
  try {
    if (stmts.some((s) => parseTimeitOptions(s).stmt !== s))
      return badInput('give -n, -r and -p once for all statements, not inside one');
  } catch (e) {
    return badInput((e as Error).message);
  }
  const file = path.resolve(req.file);
  const projectDir = projectDirOf(file);
  const outcome = await runChild<CompareMessage>(
    {
      job: { kind: 'compare', stmts, ...jobOptions(req, file) },
      ...childOptions(req, projectDir),
    },
    (m): m is CompareMessage => m.type === 'compare',
  );
  if (!outcome.ok) return failure(outcome, projectDir);
  const { results, transpiler, nodeVersion, loadSeconds } = outcome.message;
  if (results.length !== stmts.length)
    return {
      ok: false,
      kind: 'internal',
      message: 'the runner returned a result per statement count that does not match',
      stdout: outcome.stdout,
      stderr: outcome.stderr,
    };
  const statements = stmts.map((stmt, i) => ({
    stmt,
    result: results[i],
    line: ipythonLine(results[i]),
    warning: cachingWarning(results[i]),
  }));
  return {
    ok: true,
    statements,
    verdicts: verdictsAgainstFirst(statements),
    transpiler,
    nodeVersion,
    notes: loadNotes(file, loadSeconds),
    stdout: outcome.stdout,
    stderr: outcome.stderr,
  };
}
