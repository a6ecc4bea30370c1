// `hotline memit | mprun`: memory_profiler's %memit for a statement in the scope of a module — bytes
// allocated and retained per loop, the peak heap and the collections, in one line — and its %mprun,
// bytes per line of the named functions.
import fs from 'node:fs';
import path from 'node:path';
import { memitLine, mprunReport, notMeasuredReason } from '../core/memory';
import { splitLines } from '../core/source/sourceLines';
import { runMemit } from '../engine/memit';
import { runMprun } from '../engine/mprun';
import { functionNames, printJson, relay, UsageError, type Parsed } from './args';
import { timingRequest } from './timing';

export async function memit({ positional, flags }: Parsed): Promise<number> {
  const [file, stmt] = positional;
  if (!file || !stmt) throw new UsageError('memit needs a file and a statement');
  const outcome = await runMemit({ ...timingRequest(file, flags), stmt });
  relay(outcome);
  if (!outcome.ok) return 1;
  if (flags.has('--json')) {
    const { line, result, transpiler, nodeVersion, notes } = outcome;
    printJson({ line, ...result, notes, transpiler, node: nodeVersion });
    return 0;
  }
  for (const note of outcome.notes) console.error(`hotline: note: ${note}`);
  console.log(outcome.line);
  return 0;
}

export async function mprun({ positional, flags }: Parsed): Promise<number> {
  const [file, stmt] = positional;
  if (!file || !stmt) throw new UsageError('mprun needs a file and a statement');
  const functions = functionNames(flags);
  if (functions.length === 0) throw new UsageError('mprun needs -f <function> (the function to report)');
  const outcome = await runMprun({ ...timingRequest(file, flags), stmt, functions });
  relay(outcome);
  if (!outcome.ok) return 1;
  const { result, memit } = outcome;
  const missing = functions.filter((n) => !result.functions.some((f) => f.name === n));
  for (const name of missing) console.error(`hotline: ${notMeasuredReason(name)}`);
  if (flags.has('--json')) {
    printJson({
      functions: result.functions.map(({ id: _id, ...f }) => f),
      executions: result.executions,
      statementBytes: result.statementBytes,
      outsideStackBytes: result.outsideStackBytes,
      memit: {
        allocatedBytes: memit.allocatedBytes,
        heapBytes: memit.heapBytes,
        arrayBufferBytes: memit.arrayBufferBytes,
      },
      heapSamples: result.heapSamples,
      secondsPerLoop: result.secondsPerLoop,
      notes: outcome.notes,
      missing: missing.map((name) => ({ name, reason: notMeasuredReason(name) })),
      transpiler: outcome.transpiler,
      node: outcome.nodeVersion,
    });
    return missing.length ? 1 : 0;
  }
  for (const note of outcome.notes) console.error(`hotline: note: ${note}`);
  for (const fn of result.functions) {
    const text = splitLines(fs.readFileSync(fn.file, 'utf8'));
    console.log(mprunReport(fn, text, path.relative(process.cwd(), fn.file) || fn.file, result.executions));
    console.log('');
  }
  console.log(`The statement (memit, unchanged code): ${memitLine(memit)}`);
  return missing.length ? 1 : 0;
}
