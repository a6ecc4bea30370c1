// `hotline capture <file> <function> -- <command> [args…]`: runs the command unchanged and keeps
// the arguments of the function's first calls; prints the statement and setup that replay the
// first usable one, ready for `hotline timeit | lprun | deopts`.
import os from 'node:os';
import path from 'node:path';
import { runCapture } from '../engine/capture';
import { count, printJson, runnerPath, targetFile, UsageError, type Parsed } from './args';
import { commandRequest } from './wholeRun';

/** A shell word: quoted unless it is plain. */
const shellQuote = (s: string) => (/^[\w./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export async function capture({ positional, flags }: Parsed): Promise<number> {
  // Everything after `--` is positional too (args.ts): the file, the function, then the command.
  const [file, name, ...command] = positional;
  if (!file || !name || !command.length)
    throw new UsageError(
      'a file, a function and the command to run after --, e.g. capture src/lib.js parse -- npm test',
    );
  const json = flags.has('--json');
  const inputs = flags.get('--inputs');
  const inputsDir =
    typeof inputs === 'string'
      ? path.resolve(inputs)
      : path.join(os.tmpdir(), 'hotline-inputs', `${name.replace(/[^\w.-]/g, '_')}-${Date.now()}`);
  const outcome = await runCapture({
    ...commandRequest(flags, command),
    file: targetFile(file),
    name,
    runnerPath: runnerPath(),
    inputsDir,
    max: count(flags, '--calls'),
  });
  if (!outcome.ok) {
    console.error(`hotline: ${outcome.message}`);
    return 1;
  }
  if (json) {
    printJson(outcome);
    return outcome.proposal ? 0 : 1;
  }
  const { calls, proposal } = outcome;
  const where = `${outcome.function.name} (${path.basename(file)}:${outcome.function.line})`;
  const pids = new Set(calls.map((c) => c.pid)).size;
  console.error(`hotline: captured ${calls.length} call(s) of ${where} in ${pids} process(es), into ${inputsDir}`);
  for (const c of calls)
    console.error(
      `  call ${c.index} in pid ${c.pid}${c.file ? '' : ' (not usable)'}${c.problems.length ? `: ${c.problems.join('; ')}` : ''}`,
    );
  if (!proposal) {
    console.error(
      calls.length
        ? `hotline: no call of ${outcome.function.name} could be kept whole (above); time it with a proposal of its own (hotline propose)`
        : `hotline: ${outcome.function.name} was not called while the command ran`,
    );
    return 1;
  }
  console.log(`statement: ${proposal.statement}`);
  console.log(`setup:     ${proposal.setup}`);
  console.log(
    `time it:   hotline timeit ${shellQuote(file)} ${shellQuote(proposal.statement)} -s ${shellQuote(proposal.setup)}`,
  );
  return 0;
}
