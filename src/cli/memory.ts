// `hotline memit`: memory_profiler's %memit for a statement in the scope of a module — bytes
// allocated and retained per loop, the peak heap and the collections, in one line.
import { runMemit } from '../engine/memit';
import { printJson, relay, UsageError, type Parsed } from './args';
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
