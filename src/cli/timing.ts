// `hotline timeit` and `hotline compare`: IPython's %timeit line, and several statements timed in
// one process with their runs interleaved, each against the first with a 95 % interval.
import { verdictSentence } from '../core/timing/compare';
import { runCompare } from '../engine/compare';
import { runTimeit } from '../engine/timeit';
import { runMemit } from '../engine/memit';
import { memoryVersus } from '../core/memory';
import {
  count,
  gcModeFlag,
  interruptSignal,
  nodePathOf,
  printJson,
  relay,
  runnerPath,
  targetFile,
  timeoutMs,
  UsageError,
  type Parsed,
} from './args';

/** The timing options shared by timeit, compare and memit. */
export function timingRequest(file: string, flags: Parsed['flags']) {
  return {
    file: targetFile(file),
    setup: (flags.get('--setup') ?? '') as string,
    loops: count(flags, '-n'),
    repeat: count(flags, '-r'),
    precision: count(flags, '-p'),
    gcBetweenRuns: gcModeFlag(flags),
    timeoutMs: timeoutMs(flags),
    nodePath: nodePathOf(flags),
    runnerPath: runnerPath(),
    signal: interruptSignal(),
  };
}

export async function timeit({ positional, flags }: Parsed): Promise<number> {
  const [file, stmt] = positional;
  if (!file || !stmt) throw new UsageError('timeit needs a file and a statement');
  const outcome = await runTimeit({ ...timingRequest(file, flags), stmt });
  relay(outcome);
  if (!outcome.ok) return 1;
  if (flags.has('--json')) {
    const { line, warning, result, transpiler, nodeVersion } = outcome;
    printJson({ line, warning, ...result, transpiler, node: nodeVersion });
    return 0;
  }
  if (outcome.warning) console.log(outcome.warning);
  for (const note of outcome.notes) console.error(`hotline: note: ${note}`);
  console.log(outcome.line);
  return 0;
}

export async function compare({ positional, flags }: Parsed): Promise<number> {
  const [file, ...stmts] = positional;
  if (!file || stmts.length < 2) throw new UsageError('compare needs a file and at least two statements');
  const onProgress = (m: string) => process.stderr.write(`hotline: ${m}\n`);
  const outcome = await runCompare({ ...timingRequest(file, flags), stmts, onProgress });
  relay(outcome);
  if (!outcome.ok) return 1;
  const sentence = (v: (typeof outcome.verdicts)[number]) =>
    v.ratio ? verdictSentence(v.stmt, v.baseline, v.ratio) : `\`${v.stmt}\`: ${v.phrase}`;
  const memory = flags.has('--memory') ? await memoryOf(file, stmts, flags) : undefined;
  if (memory === null) return 1;
  if (flags.has('--json')) {
    const verdicts = outcome.verdicts.map((v) => ({
      stmt: v.stmt,
      baseline: v.baseline,
      ...v.ratio,
      verdict: sentence(v),
    }));
    printJson({
      statements: outcome.statements,
      verdicts,
      ...(memory ? { memory } : {}),
      transpiler: outcome.transpiler,
      node: outcome.nodeVersion,
    });
    return 0;
  }
  for (const note of outcome.notes) console.error(`hotline: note: ${note}`);
  const width = Math.min(40, Math.max(...outcome.statements.map((s) => s.stmt.length)));
  for (const s of outcome.statements) {
    if (s.warning) console.log(`${s.stmt}: ${s.warning}`);
    console.log(`${s.stmt.padEnd(width)}  ${s.line}`);
  }
  console.log('');
  for (const v of outcome.verdicts) console.log(sentence(v));
  if (memory) {
    console.log('');
    for (const m of memory) console.log(`${m.stmt.padEnd(width)}  ${m.line}`);
    for (const m of memory.slice(1)) console.log(`\`${m.stmt}\` against \`${memory[0].stmt}\`: ${m.versus}`);
  }
  return 0;
}

/** memit on each statement, one child each after the timing; null (said on stderr) when one fails. */
async function memoryOf(file: string, stmts: string[], flags: Parsed['flags']) {
  const measured = [];
  for (const stmt of stmts) {
    const outcome = await runMemit({ ...timingRequest(file, flags), stmt });
    relay(outcome);
    if (!outcome.ok) return null;
    measured.push({ stmt, line: outcome.line, ...outcome.result });
  }
  const baseline = measured[0].allocatedBytes;
  return measured.map((m, i) => ({ ...m, versus: i === 0 ? 'baseline' : memoryVersus(m.allocatedBytes, baseline) }));
}
