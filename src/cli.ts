// `hotline` on the command line: the same engines as the extension, for terminals and CI.
//   hotline timeit <file> "<stmt>" [--setup "<code>"] [-n N] [-r R] [-p P] [--timeout S] [--json]
//   hotline compare <file> "<stmtA>" "<stmtB>" […] [--setup "<code>"] [-n N] [-r R] [-p P] [--json]
import path from 'node:path';
import fs from 'node:fs';
import { functionReport, samplesNote } from './core/lines/lineProfilerReport';
import { fileOfUrl } from './core/source/sourceMapping';
import { annotateHtml } from './core/verdicts/annotateHtml';
import { byPhase, NOTHING_FOUND, verdictLine, verdictMessage } from './core/verdicts/verdicts';
import { runExplain, runProfile, type ProfileOutcome, type ProfileRequest } from './engine/profile';
import { runTimeit } from './engine/timeit';
import { runCompare } from './engine/compare';
import { verdictSentence } from './core/timing/compare';
import { splitLines } from './core/source/sourceLines';
import { propose } from './engine/propose';

interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

/** Every option: the name of its value (none for a switch), and whether it may repeat. */
const OPTIONS: Record<string, { value?: string; repeats?: true; alias?: string }> = {
  '--setup': { value: '"<code>"' },
  '-s': { value: '"<code>"', alias: '--setup' },
  '-n': { value: 'loops' },
  '-r': { value: 'runs' },
  '-p': { value: 'precision' },
  '-f': { value: '<function>', repeats: true },
  '-o': { value: '<file>' },
  '--interval': { value: 'µs' },
  '--timeout': { value: 'seconds' },
  '--node': { value: 'path' },
  '--explain': {},
  '--cold': {},
  '--json': {},
  '--no-verify': {},
};

/** What each command takes; `--node` and `--timeout` work on every one. */
const COMMANDS: Record<string, { usage: string; options: string[] }> = {
  timeit: { usage: '<file> "<stmt>"', options: ['--setup', '-s', '-n', '-r', '-p', '--json'] },
  compare: {
    usage: '<file> "<stmtA>" "<stmtB>" ["<stmtC>" …]',
    options: ['--setup', '-s', '-n', '-r', '-p', '--json'],
  },
  lprun: {
    usage: '<file> "<stmt>" -f <function> [-f <other>]',
    options: ['-f', '--setup', '-s', '--interval', '--cold', '--explain', '--json'],
  },
  prun: { usage: '<file> "<stmt>" -o out.cpuprofile', options: ['-o', '--setup', '-s', '--interval', '--cold'] },
  deopts: { usage: '<file> "<stmt>"', options: ['--setup', '-s', '--json'] },
  annotate: {
    usage: '<file> "<stmt>" -f <function> [-f <other>] -o report.html',
    options: ['-f', '-o', '--setup', '-s', '--interval', '--cold'],
  },
  propose: { usage: '<file> <function>', options: ['--no-verify', '--json'] },
};
const EVERY_COMMAND = ['--timeout', '--node'];

function usageLine(name: string): string {
  const { usage, options } = COMMANDS[name];
  const shown = [...options, ...EVERY_COMMAND].filter(
    (o) => !OPTIONS[o].alias && !usage.includes(`${o} `) && !(o === '-o' && usage.includes(' -o ')),
  );
  const brackets = shown.map((o) => `[${OPTIONS[o].value ? `${o} ${OPTIONS[o].value}` : o}]`);
  return `hotline ${name} ${usage} ${brackets.join(' ')}`;
}

/** The arguments of one command; an option it does not take is refused by name. */
export function parseArgs(argv: string[], command?: string): Parsed {
  const allowed = command ? new Set([...COMMANDS[command].options, ...EVERY_COMMAND]) : undefined;
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    const option = OPTIONS[a];
    const looksLikeOption = /^--[\w-]+$|^-[a-zA-Z]$/.test(a);
    if (!option && looksLikeOption) throw new UsageError(`unknown option ${a}`, command);
    if (!option) {
      positional.push(a);
      continue;
    }
    if (allowed && !allowed.has(a)) throw new UsageError(`${command} does not take ${a}`, command);
    const name = option.alias ?? a;
    if (!option.value) {
      flags.set(name, true);
      continue;
    }
    if (i + 1 >= argv.length) throw new UsageError(`${a} needs a value (${option.value})`, command);
    const value = argv[++i];
    flags.set(name, option.repeats && flags.has(name) ? `${flags.get(name)}\n${value}` : value);
  }
  return { positional, flags };
}

/** A mistake in the command line: said with the usage of the command it was for. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

function count(flags: Parsed['flags'], name: string): number | undefined {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} takes a whole number >= 1, not ${String(v)}`);
  return n;
}

/** V8 does not sample more often than about every 100 µs: a smaller --interval is raised, and said so. */
const MIN_INTERVAL_MICROS = 100;
function samplingInterval(flags: Parsed['flags']): number | undefined {
  const asked = count(flags, '--interval');
  if (asked !== undefined && asked < MIN_INTERVAL_MICROS) {
    console.error(
      `hotline: note: --interval ${asked} is below what V8 honours; sampling every ${MIN_INTERVAL_MICROS} µs`,
    );
    return MIN_INTERVAL_MICROS;
  }
  return asked;
}

/** --node: checked here, so that a wrong path is said in the CLI's terms. */
function nodePathOf(flags: Parsed['flags']): string {
  const given = flags.get('--node');
  if (typeof given !== 'string') return process.execPath;
  const isPath = given.includes('/') || given.includes(path.sep);
  if (isPath && !fs.existsSync(given)) throw new UsageError(`--node ${given}: no such file`);
  if (isPath && fs.statSync(given).isDirectory())
    throw new UsageError(`--node ${given} is a folder; give the Node.js executable (…/bin/node)`);
  return given;
}

/** The file to run in: checked here, so that a typo is said as such (not as an import of Hotline's). */
function targetFile(file: string): string {
  const full = path.resolve(file);
  if (!fs.existsSync(full)) throw new UsageError(`${file}: no such file`);
  if (fs.statSync(full).isDirectory()) throw new UsageError(`${file} is a folder; give the file whose scope to run in`);
  return full;
}

const USAGE = `usage:
${Object.keys(COMMANDS)
  .map((name) => `  ${usageLine(name)}`)
  .join('\n')}

timeit times <stmt> in the scope of <file> (JavaScript or TypeScript) like IPython's %timeit:
  21.3 ms ± 396 µs per loop (mean ± std. dev. of 7 runs, 10 loops each)
compare times the statements in one process, their runs interleaved (A B, B A, …), prints each one's
line and then each against the first: "b(x) is 3.98× faster than a(x) (95 % CI 3.90–4.06)", or
"no significant difference (0.98–1.03×)" (Welch's interval on the log run times).
lprun prints line_profiler's table for each -f function (exact Hits from a coverage run, Time
from V8's own sampler: a line's time includes what it calls); prun writes the statement's sampled call tree as a Chrome DevTools
.cpuprofile, with positions mapped to the original (TypeScript) files; deopts prints V8's verdicts
(deoptimisations, polymorphic and megamorphic property accesses, unoptimised functions), one line
each: file:line:col  function  kind  reason  ×count; annotate writes a self-contained HTML report
like cython -a (lines on the heat ramp, Hits/Time/% beside them, "+" to expand with V8's verdicts).
lprun --explain adds a V8 column and the verdicts under each table. lprun, prun and annotate profile
the steady state: the statement repeats until its time per execution settles (2 to 5 s) before
sampling starts; --cold samples from the first execution instead (JIT warm-up included). propose prints a statement and a
setup for <function> (parse, Queue.push) that run as proposed: from calls in the project's tests
and examples, its JSDoc @example, its parameter defaults or values built from its types (sized by N).
Every command runs your code in a child Node.js (--node, default: the one running hotline), stops it
after --timeout seconds (default 600), and exits 130 on Ctrl-C. Runs use the folder of the nearest
package.json above <file> as their working directory.`;

type Command = (args: Parsed) => Promise<number>;

/** The timing options shared by timeit and compare. */
function timingRequest(file: string, flags: Parsed['flags'], signal: AbortSignal) {
  return {
    file: targetFile(file),
    setup: (flags.get('--setup') ?? '') as string,
    loops: count(flags, '-n'),
    repeat: count(flags, '-r'),
    precision: count(flags, '-p'),
    timeoutMs: (count(flags, '--timeout') ?? 600) * 1000,
    nodePath: nodePathOf(flags),
    runnerPath: path.join(__dirname, 'runner.js'),
    signal,
  };
}

/** Runs a timing engine with Ctrl-C as cancel; relays the user's output and any failure (exit code 130 when interrupted). */
async function withInterrupt<T extends ChildOutcome>(
  engine: (signal: AbortSignal) => Promise<T>,
): Promise<(T & { ok: true }) | { ok: false; code: number }> {
  let interrupted = false;
  const controller = new AbortController();
  process.on('SIGINT', () => {
    interrupted = true;
    controller.abort();
  });
  const outcome = await engine(controller.signal);
  if (outcome.stdout) process.stderr.write(outcome.stdout);
  if (outcome.stderr) process.stderr.write(outcome.stderr);
  if (outcome.ok) return outcome as T & { ok: true };
  console.error(`hotline: ${outcome.message}`);
  if (outcome.detail) console.error(outcome.detail);
  return { ok: false, code: interrupted ? 130 : 1 };
}

/** Why `lprun -f name` has no table for `name`: it ran only before the statement, it is not the user's, or nothing of that name ran. */
function whyNotReported(name: string, outcome: Extract<ProfileOutcome, { ok: true }>): string {
  if (outcome.coverage.ranBeforeStatement.includes(name))
    return `${name} ran only while loading the module or in the setup, not during the statement`;
  const elsewhere = outcome.profile.nodes.find((n) => n.callFrame.functionName === name && n.callFrame.url);
  if (elsewhere) {
    return `${name} ran in ${fileOfUrl(elsewhere.callFrame.url)}, which is not one of your files: line tables are for your own code, and ${name}'s time is on the lines of yours that call it`;
  }
  return `no function named ${name} ran during the statement in your files (check the name)`;
}

function requestFromArgs({ positional, flags }: Parsed, controller: AbortController): ProfileRequest {
  const [file, stmt] = positional;
  if (!file || !stmt) throw new UsageError('a file and a statement are needed');
  return {
    file: targetFile(file),
    stmt,
    setup: (flags.get('--setup') ?? '') as string,
    runnerPath: path.join(__dirname, 'runner.js'),
    nodePath: nodePathOf(flags),
    samplingIntervalMicros: samplingInterval(flags),
    warmUp: !flags.has('--cold'),
    timeoutMs: (count(flags, '--timeout') ?? 600) * 1000,
    signal: controller.signal,
    onProgress: (m) => process.stderr.write(`hotline: ${m}\n`),
  };
}

type ChildOutcome = { ok: boolean; stdout: string; stderr: string; message?: string; detail?: string };

/** Runs an engine on the request the arguments describe, relaying the user's output and any failure to stderr. */
async function runFromArgs<T extends ChildOutcome>(
  args: Parsed,
  engine: (req: ProfileRequest) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  process.on('SIGINT', () => controller.abort());
  const outcome = await engine({ ...requestFromArgs(args, controller), explain: args.flags.has('--explain') });
  if (outcome.stdout) process.stderr.write(outcome.stdout);
  if (outcome.stderr) process.stderr.write(outcome.stderr);
  if (!outcome.ok) {
    console.error(`hotline: ${outcome.message}`);
    if (outcome.detail) console.error(outcome.detail);
  }
  return outcome;
}

const profileFromArgs = (args: Parsed) => runFromArgs(args, runProfile);

const commands: Record<string, Command> = {
  async timeit({ positional, flags }) {
    const [file, stmt] = positional;
    if (!file || !stmt) throw new UsageError('timeit needs a file and a statement');
    const outcome = await withInterrupt((signal) => runTimeit({ ...timingRequest(file, flags, signal), stmt }));
    if (!outcome.ok) return outcome.code;
    if (flags.has('--json'))
      console.log(
        JSON.stringify(
          {
            line: outcome.line,
            warning: outcome.warning,
            ...outcome.result,
            transpiler: outcome.transpiler,
            node: outcome.nodeVersion,
          },
          null,
          2,
        ),
      );
    else {
      if (outcome.warning) console.log(outcome.warning);
      for (const note of outcome.notes) console.error(`hotline: note: ${note}`);
      console.log(outcome.line);
    }
    return 0;
  },

  async compare({ positional, flags }) {
    const [file, ...stmts] = positional;
    if (!file || stmts.length < 2) throw new UsageError('compare needs a file and at least two statements');
    const onProgress = (m: string) => process.stderr.write(`hotline: ${m}\n`);
    const outcome = await withInterrupt((signal) =>
      runCompare({ ...timingRequest(file, flags, signal), stmts, onProgress }),
    );
    if (!outcome.ok) return outcome.code;
    const sentence = (v: (typeof outcome.verdicts)[number]) =>
      v.ratio ? verdictSentence(v.stmt, v.baseline, v.ratio) : `\`${v.stmt}\`: ${v.phrase}`;
    if (flags.has('--json')) {
      const verdicts = outcome.verdicts.map((v) => ({
        stmt: v.stmt,
        baseline: v.baseline,
        ...v.ratio,
        verdict: sentence(v),
      }));
      console.log(
        JSON.stringify(
          { statements: outcome.statements, verdicts, transpiler: outcome.transpiler, node: outcome.nodeVersion },
          null,
          2,
        ),
      );
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
    return 0;
  },

  async lprun(args) {
    const names = String(args.flags.get('-f') ?? '')
      .split('\n')
      .filter(Boolean);
    if (names.length === 0) throw new UsageError('lprun needs -f <function> (the function to report)');
    const outcome = await profileFromArgs(args);
    if (!outcome.ok) return 1;
    const lp = outcome.lineProfile;
    const chosen = lp.functions.filter((f) => names.includes(f.name));
    const missing = names
      .filter((n) => !chosen.some((f) => f.name === n))
      .map((name) => ({ name, reason: whyNotReported(name, outcome) }));
    for (const m of missing) console.error(`hotline: ${m.reason}`);
    if (args.flags.has('--json')) {
      console.log(JSON.stringify({ ...lp, functions: chosen, missing }, null, 2));
      return missing.length ? 1 : 0;
    }
    for (const name of names) {
      for (const fn of chosen.filter((f) => f.name === name)) {
        const text = splitLines(fs.readFileSync(fn.file, 'utf8'));
        console.log(
          functionReport(fn, text, path.relative(process.cwd(), fn.file) || fn.file, outcome.explanation?.verdicts),
        );
        console.log('');
      }
    }
    console.log(samplesNote(lp));
    return missing.length ? 1 : 0;
  },

  async deopts(args) {
    const outcome = await runFromArgs(args, runExplain);
    if (!outcome.ok) return 1;
    const { verdicts, functions } = outcome.explanation;
    if (args.flags.has('--json')) {
      console.log(
        JSON.stringify({ verdicts: verdicts.map((v) => ({ ...v, message: verdictMessage(v) })), functions }, null, 2),
      );
      return 0;
    }
    // The statement's findings first; what V8 logged while the module loaded or the setup ran, apart.
    for (const group of byPhase(verdicts)) {
      if (group.phase === 'statement' && group.verdicts.length === 0)
        console.error(`hotline: V8 found nothing to report on the statement: ${NOTHING_FOUND}`);
      if (group.phase !== 'statement' && group.verdicts.length > 0) console.log(`\n-- ${group.heading}:`);
      for (const v of group.verdicts) console.log(verdictLine(v, path.relative(process.cwd(), v.file) || v.file));
    }
    return 0;
  },

  async annotate(args) {
    const out = args.flags.get('-o');
    if (typeof out !== 'string') throw new UsageError('annotate needs -o <report.html>');
    const names = String(args.flags.get('-f') ?? '')
      .split('\n')
      .filter(Boolean);
    if (names.length === 0) throw new UsageError('annotate needs -f <function> (the function to annotate)');
    args.flags.set('--explain', true);
    const outcome = await profileFromArgs(args);
    if (!outcome.ok) return 1;
    const chosen = outcome.lineProfile.functions.filter((f) => names.includes(f.name));
    for (const name of names.filter((n) => !chosen.some((f) => f.name === n)))
      console.error(`hotline: ${whyNotReported(name, outcome)}`);
    if (chosen.length === 0) return 1;
    const html = annotateHtml({
      title: `Hotline: ${path.basename(String(args.positional[0]))} — ${args.positional[1]}`,
      profile: outcome.lineProfile,
      functions: chosen.map((fn) => ({
        fn,
        source: splitLines(fs.readFileSync(fn.file, 'utf8')),
        displayFile: path.relative(process.cwd(), fn.file) || fn.file,
      })),
      verdicts: outcome.explanation?.verdicts ?? [],
      producedBy: `Node ${outcome.nodeVersion} · ${outcome.transpiler}`,
    });
    fs.writeFileSync(out, html);
    console.log(
      `wrote ${out} (${chosen.map((f) => f.name).join(', ')}; ${outcome.explanation?.verdicts.length ?? 0} V8 verdicts)`,
    );
    return chosen.length === names.length ? 0 : 1;
  },

  async propose({ positional, flags }) {
    const [file, name] = positional;
    if (!file || !name) throw new UsageError('propose needs a file and a function name');
    const controller = new AbortController();
    process.on('SIGINT', () => controller.abort());
    const outcome = await propose({
      file: targetFile(file),
      name,
      runnerPath: path.join(__dirname, 'runner.js'),
      nodePath: nodePathOf(flags),
      verify: !flags.has('--no-verify'),
      timeoutMs: (count(flags, '--timeout') ?? 20) * 1000,
      signal: controller.signal,
    });
    if (!outcome.ok) {
      console.error(`hotline: ${outcome.message}`);
      return 1;
    }
    const p = outcome.proposal;
    if (flags.has('--json')) {
      console.log(
        JSON.stringify(
          {
            statement: p.statement,
            setup: p.setup,
            source: p.source,
            from: p.from,
            verified: p.verified,
            note: p.note,
          },
          null,
          2,
        ),
      );
      return 0;
    }
    if (p.note) console.error(`hotline: note: ${p.note}`);
    console.log(`statement: ${p.statement}`);
    console.log(`setup:     ${p.setup.replace(/\n/g, ' ')}`);
    console.log(`from:      ${p.source}${p.from ? ` (${p.from})` : ''}${p.verified ? ', ran once as proposed' : ''}`);
    return 0;
  },

  async prun(args) {
    const out = args.flags.get('-o');
    if (typeof out !== 'string') throw new UsageError('prun needs -o <file.cpuprofile>');
    const outcome = await profileFromArgs(args);
    if (!outcome.ok) return 1;
    fs.writeFileSync(out, JSON.stringify(outcome.profile));
    console.log(
      `wrote ${out} (${outcome.profile.nodes.length} nodes, ${outcome.profile.samples?.length ?? 0} samples over ${outcome.lineProfile.executions} executions of the statement)`,
    );
    return 0;
  },
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`hotline: unknown command ${name}\n${USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`usage: ${usageLine(name)}`);
    return 0;
  }
  // Ctrl-C cancels the run (each command's own handler); whatever it printed, the exit code says so.
  let interrupted = false;
  process.on('SIGINT', () => (interrupted = true));
  try {
    const code = await command(parseArgs(rest, name));
    return interrupted ? 130 : code;
  } catch (e) {
    if (interrupted) return 130;
    if (!(e instanceof UsageError)) {
      console.error(`hotline: ${(e as Error).message}`);
      return 1;
    }
    console.error(`hotline: ${e.message}\nusage: ${usageLine(name)}\n(hotline --help describes every command)`);
    return 2;
  }
}

if (require.main === module) {
  // Killed politely (a closed terminal, `kill`, a CI timeout): leave through process.exit so that
  // the run's processes are ended (the runner is in a session of its own and hears nothing itself).
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)
    process.on(signal, () => process.exit(code));
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
