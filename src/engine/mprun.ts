// High-level "which line allocates": the statement run with line trampolines in the named
// functions (bytes per line), and, beside it, memit on the unchanged code, whose total tells
// whether moving the sites changed what V8 allocates.
import type { ChildMessage } from '../core/protocol/protocol';
import { instrumentationNote, type MemitResult, type MprunResult } from '../core/memory';
import { memoryChild, runMemit, type MemitRequest } from './memit';
import { runChild } from './runChild';
import { failure, loadNotes, type ChildRunOutcome } from './timeit';

export interface MprunRequest extends MemitRequest {
  /** The functions whose lines are reported. */
  functions: string[];
}

export type MprunOutcome = ChildRunOutcome<{ result: MprunResult; memit: MemitResult }>;

type MprunMessage = Extract<ChildMessage, { type: 'mprun' }>;

export async function runMprun(req: MprunRequest): Promise<MprunOutcome> {
  const run = memoryChild(req);
  if (!run.ok) return run;
  const { file, projectDir } = run;
  // Bytes do not depend on the clock: the two runs share the machine.
  const [lines, memit] = await Promise.all([
    runChild<MprunMessage>(
      { job: { kind: 'mprun', ...run.statement, functions: req.functions }, ...run.child },
      (m): m is MprunMessage => m.type === 'mprun',
    ),
    runMemit({ ...req, onProgress: undefined }),
  ]);
  if (!lines.ok) return failure(lines, projectDir);
  if (!memit.ok) return memit;
  const { result, transpiler, nodeVersion, loadSeconds } = lines.message;
  const changed = instrumentationNote(result, memit.result);
  return {
    ok: true,
    result,
    memit: memit.result,
    transpiler,
    nodeVersion,
    notes: [...loadNotes(file, loadSeconds), ...result.notes, ...(changed ? [changed] : [])],
    stdout: lines.stdout,
    stderr: lines.stderr,
  };
}
