// `hotline lprun | prun | deopts | annotate`: one profiled statement (V8's sampler on the warm
// statement, exact Hits from coverage) as line_profiler's table, a .cpuprofile, V8's verdicts one
// per line, or a cython -a style HTML report.
import fs from 'node:fs';
import path from 'node:path';
import { functionReport, samplesNote } from '../core/lines/lineProfilerReport';
import { fileOfUrl } from '../core/source/sourceMapping';
import { splitLines } from '../core/source/sourceLines';
import { annotateHtml } from '../core/verdicts/annotateHtml';
import { byPhase, NOTHING_FOUND, verdictLine, verdictMessage } from '../core/verdicts/verdicts';
import { runExplain, runProfile, type ProfileOutcome, type ProfileRequest } from '../engine/profile';
import { runMprun } from '../engine/mprun';
import type { MprunFunction } from '../core/memory';
import {
  functionNames,
  interruptSignal,
  nodePathOf,
  printJson,
  relay,
  runnerPath,
  samplingInterval,
  targetFile,
  timeoutMs,
  UsageError,
  type ChildOutcome,
  type Parsed,
} from './args';

type Profiled = Extract<ProfileOutcome, { ok: true }>;

function requestFromArgs({ positional, flags }: Parsed): ProfileRequest {
  const [file, stmt] = positional;
  if (!file || !stmt) throw new UsageError('a file and a statement are needed');
  return {
    file: targetFile(file),
    stmt,
    setup: (flags.get('--setup') ?? '') as string,
    runnerPath: runnerPath(),
    nodePath: nodePathOf(flags),
    samplingIntervalMicros: samplingInterval(flags),
    warmUp: !flags.has('--cold'),
    timeoutMs: timeoutMs(flags),
    signal: interruptSignal(),
    onProgress: (m) => process.stderr.write(`hotline: ${m}\n`),
    explain: flags.has('--explain'),
  };
}

/** Runs an engine on the request the arguments describe, relaying the user's output and any failure to stderr. */
async function runFromArgs<T extends ChildOutcome>(
  args: Parsed,
  engine: (req: ProfileRequest) => Promise<T>,
): Promise<T> {
  const outcome = await engine(requestFromArgs(args));
  relay(outcome);
  return outcome;
}

/** Why `lprun -f name` has no table for `name`: it ran only before the statement, it is not the user's, or nothing of that name ran. */
function whyNotReported(name: string, outcome: Profiled): string {
  if (outcome.coverage.ranBeforeStatement.includes(name))
    return `${name} ran only while loading the module or in the setup, not during the statement`;
  const elsewhere = outcome.profile.nodes.find((n) => n.callFrame.functionName === name && n.callFrame.url);
  if (elsewhere) {
    return `${name} ran in ${fileOfUrl(elsewhere.callFrame.url)}, which is not one of your files: line tables are for your own code, and ${name}'s time is on the lines of yours that call it`;
  }
  return `no function named ${name} ran during the statement in your files (check the name)`;
}

const shown = (file: string) => path.relative(process.cwd(), file) || file;

/**
 * --memory: mprun on the same statement, after the profile (its own child), for an Allocated
 * column; undefined (and why, on stderr) when it could not run.
 */
async function memoryOf(args: Parsed, names: string[]): Promise<MprunFunction[] | undefined> {
  if (!args.flags.has('--memory')) return undefined;
  const req = requestFromArgs(args);
  const outcome = await runMprun({ ...req, functions: names });
  if (!outcome.ok) {
    console.error(`hotline: memory per line could not be measured: ${outcome.message}`);
    return undefined;
  }
  for (const note of outcome.notes) console.error(`hotline: memory note: ${note}`);
  return outcome.result.functions;
}

const memoryFor = (memory: MprunFunction[] | undefined, fn: { name: string; file: string; startLine: number }) =>
  memory?.find((m) => m.name === fn.name && m.file === fn.file && Math.abs(m.startLine - fn.startLine) <= 1);

export async function lprun(args: Parsed): Promise<number> {
  const names = functionNames(args.flags);
  if (names.length === 0) throw new UsageError('lprun needs -f <function> (the function to report)');
  const outcome = await runFromArgs(args, runProfile);
  if (!outcome.ok) return 1;
  const lp = outcome.lineProfile;
  const chosen = lp.functions.filter((f) => names.includes(f.name));
  const missing = names
    .filter((n) => !chosen.some((f) => f.name === n))
    .map((name) => ({ name, reason: whyNotReported(name, outcome) }));
  for (const m of missing) console.error(`hotline: ${m.reason}`);
  const memory = await memoryOf(args, names);
  if (args.flags.has('--json')) {
    printJson({ ...lp, functions: chosen, missing, ...(memory ? { memory } : {}) });
    return missing.length ? 1 : 0;
  }
  for (const name of names) {
    for (const fn of chosen.filter((f) => f.name === name)) {
      const text = splitLines(fs.readFileSync(fn.file, 'utf8'));
      console.log(functionReport(fn, text, shown(fn.file), outcome.explanation?.verdicts, memoryFor(memory, fn)));
      console.log('');
    }
  }
  console.log(samplesNote(lp));
  return missing.length ? 1 : 0;
}

export async function deopts(args: Parsed): Promise<number> {
  const outcome = await runFromArgs(args, runExplain);
  if (!outcome.ok) return 1;
  const { verdicts, functions } = outcome.explanation;
  if (args.flags.has('--json')) {
    printJson({ verdicts: verdicts.map((v) => ({ ...v, message: verdictMessage(v) })), functions });
    return 0;
  }
  // The statement's findings first; what V8 logged while the module loaded or the setup ran, apart.
  for (const group of byPhase(verdicts)) {
    if (group.phase === 'statement' && group.verdicts.length === 0)
      console.error(`hotline: V8 found nothing to report on the statement: ${NOTHING_FOUND}`);
    if (group.phase !== 'statement' && group.verdicts.length > 0) console.log(`\n-- ${group.heading}:`);
    for (const v of group.verdicts) console.log(verdictLine(v, shown(v.file)));
  }
  return 0;
}

export async function annotate(args: Parsed): Promise<number> {
  const out = args.flags.get('-o');
  if (typeof out !== 'string') throw new UsageError('annotate needs -o <report.html>');
  const names = functionNames(args.flags);
  if (names.length === 0) throw new UsageError('annotate needs -f <function> (the function to annotate)');
  args.flags.set('--explain', true);
  const outcome = await runFromArgs(args, runProfile);
  if (!outcome.ok) return 1;
  const chosen = outcome.lineProfile.functions.filter((f) => names.includes(f.name));
  for (const name of names.filter((n) => !chosen.some((f) => f.name === n)))
    console.error(`hotline: ${whyNotReported(name, outcome)}`);
  if (chosen.length === 0) return 1;
  const memory = await memoryOf(args, names);
  const html = annotateHtml({
    title: `Hotline: ${path.basename(String(args.positional[0]))} — ${args.positional[1]}`,
    profile: outcome.lineProfile,
    functions: chosen.map((fn) => ({
      fn,
      source: splitLines(fs.readFileSync(fn.file, 'utf8')),
      displayFile: shown(fn.file),
      memory: memoryFor(memory, fn),
    })),
    verdicts: outcome.explanation?.verdicts ?? [],
    producedBy: `Node ${outcome.nodeVersion} · ${outcome.transpiler}`,
  });
  fs.writeFileSync(out, html);
  console.log(
    `wrote ${out} (${chosen.map((f) => f.name).join(', ')}; ${outcome.explanation?.verdicts.length ?? 0} V8 verdicts)`,
  );
  return chosen.length === names.length ? 0 : 1;
}

export async function prun(args: Parsed): Promise<number> {
  const out = args.flags.get('-o');
  if (typeof out !== 'string') throw new UsageError('prun needs -o <file.cpuprofile>');
  const outcome = await runFromArgs(args, runProfile);
  if (!outcome.ok) return 1;
  fs.writeFileSync(out, JSON.stringify(outcome.profile));
  console.log(
    `wrote ${out} (${outcome.profile.nodes.length} nodes, ${outcome.profile.samples?.length ?? 0} samples over ${outcome.lineProfile.executions} executions of the statement)`,
  );
  return 0;
}
