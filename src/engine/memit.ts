// High-level "how much memory does this statement use": one child run like timeit's, the result
// as memory_profiler's %memit line.
import path from 'node:path';
import type { ChildMessage } from '../core/protocol/protocol';
import { memitLine, type MemitResult } from '../core/memory';
import { projectDirOf } from './projectDir';
import { runChild } from './runChild';
import { childOptions, failure, loadNotes, statementOptions, type ChildRunOutcome, type TimeitRequest } from './timeit';

export type MemitRequest = Omit<TimeitRequest, 'repeat' | 'precision' | 'gcBetweenRuns'>;

export type MemitOutcome = ChildRunOutcome<{ result: MemitResult; line: string }>;

type MemitMessage = Extract<ChildMessage, { type: 'memit' }>;

/**
 * What memit and mprun share: the statement's options, the file and its project, and a child
 * started to measure memory. A failure when the statement's options are wrong.
 */
export function memoryChild(req: MemitRequest) {
  const options = statementOptions(req.stmt, 'measure');
  if (!options.ok) return options;
  const { parsed } = options;
  const file = path.resolve(req.file);
  const projectDir = projectDirOf(file);
  const child = childOptions(req, projectDir);
  return {
    ok: true as const,
    file,
    projectDir,
    statement: { file, stmt: parsed.stmt, setup: req.setup ?? '', loops: parsed.loops ?? req.loops, projectDir },
    // Buffers freed during a collection's pause, not by a sweeper after it (see memitJob.ts).
    child: { ...child, nodeArgs: [...child.nodeArgs, '--no-concurrent-array-buffer-sweeping'] },
  };
}

export async function runMemit(req: MemitRequest): Promise<MemitOutcome> {
  const run = memoryChild(req);
  if (!run.ok) return run;
  const { file, projectDir } = run;
  const outcome = await runChild<MemitMessage>(
    { job: { kind: 'memit', ...run.statement }, ...run.child },
    (m): m is MemitMessage => m.type === 'memit',
  );
  if (!outcome.ok) return failure(outcome, projectDir);
  const { result, transpiler, nodeVersion, loadSeconds } = outcome.message;
  return {
    ok: true,
    result,
    line: memitLine(result),
    transpiler,
    nodeVersion,
    notes: [...loadNotes(file, loadSeconds), ...result.notes],
    stdout: outcome.stdout,
    stderr: outcome.stderr,
  };
}
