// `hotline propose`: a statement and a setup for a function that run as proposed (the editor's
// first proposal is the same).
import { propose as proposeStatement } from '../engine/propose';
import {
  interruptSignal,
  nodePathOf,
  printJson,
  runnerPath,
  targetFile,
  timeoutMs,
  UsageError,
  type Parsed,
} from './args';

export async function propose({ positional, flags }: Parsed): Promise<number> {
  const [file, name] = positional;
  if (!file || !name) throw new UsageError('propose needs a file and a function name');
  const outcome = await proposeStatement({
    file: targetFile(file),
    name,
    runnerPath: runnerPath(),
    nodePath: nodePathOf(flags),
    verify: !flags.has('--no-verify'),
    timeoutMs: timeoutMs(flags, 20),
    signal: interruptSignal(),
  });
  if (!outcome.ok) {
    console.error(`hotline: ${outcome.message}`);
    return 1;
  }
  const p = outcome.proposal;
  if (flags.has('--json')) {
    const { statement, setup, source, from, verified, note } = p;
    printJson({ statement, setup, source, from, verified, note });
    return 0;
  }
  if (p.note) console.error(`hotline: note: ${p.note}`);
  console.log(`statement: ${p.statement}`);
  console.log(`setup:     ${p.setup.replace(/\n/g, ' ')}`);
  console.log(`from:      ${p.source}${p.from ? ` (${p.from})` : ''}${p.verified ? ', ran once as proposed' : ''}`);
  return 0;
}
