// High-level "which line allocates": the statement run with line trampolines in the named
// functions (bytes per line), and, beside it, memit on the unchanged code, whose total tells
// whether moving the sites changed what V8 allocates.
import path from 'node:path';
import type { ChildMessage } from '../core/protocol/protocol';
import { instrumentationNote, type MemitResult, type MprunResult } from '../core/memory';
import { runMemit, type MemitRequest } from './memit';
import { projectDirOf } from './projectDir';
import { runChild } from './runChild';
import { childOptions, failure, loadNotes, statementOptions, type ChildRunOutcome } from './timeit';

export interface MprunRequest extends MemitRequest {
  /** The functions whose lines are reported. */
  functions: string[];
}

export type MprunOutcome = ChildRunOutcome<{ result: MprunResult; memit: MemitResult }>;

type MprunMessage = Extract<ChildMessage, { type: 'mprun' }>;

export async function runMprun(req: MprunRequest): Promise<MprunOutcome> {
  const options = statementOptions(req.stmt, 'measure');
  if (!options.ok) return options;
  const { parsed } = options;
  const file = path.resolve(req.file);
  const projectDir = projectDirOf(file);
  const child = childOptions(req, projectDir);
  // Bytes do not depend on the clock: the two runs share the machine.
  const [lines, memit] = await Promise.all([
    runChild<MprunMessage>(
      {
        job: {
          kind: 'mprun',
          file,
          stmt: parsed.stmt,
          setup: req.setup ?? '',
          loops: parsed.loops ?? req.loops,
          projectDir,
          functions: req.functions,
        },
        ...child,
        // As memit's: buffers freed during a collection's pause, which the probe can then see.
        nodeArgs: [...child.nodeArgs, '--no-concurrent-array-buffer-sweeping'],
      },
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
