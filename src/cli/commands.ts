// Every command of `hotline`, one row each: its usage, the options it takes, and the module that
// runs it. `hotline --help` and `<command> --help` are written from this table.
import { EVERY_COMMAND, OPTIONS, type Parsed } from './args';
import { annotate, deopts, lprun, prun } from './profiling';
import { propose } from './propose';
import { compare, timeit } from './timing';
import { run } from './wholeRun';
import { capture } from './capture';
import { memit, mprun } from './memory';

export interface CommandSpec {
  usage: string;
  options: string[];
  run: (args: Parsed) => Promise<number>;
  /** Everything from the first positional on is a command line to hand on (its options are its own). */
  passThrough?: true;
}

export const COMMANDS: Record<string, CommandSpec> = {
  timeit: { usage: '<file> "<stmt>"', options: ['--setup', '-s', '-n', '-r', '-p', '--gc', '--json'], run: timeit },
  compare: {
    usage: '<file> "<stmtA>" "<stmtB>" ["<stmtC>" …]',
    options: ['--setup', '-s', '-n', '-r', '-p', '--gc', '--memory', '--json'],
    run: compare,
  },
  memit: { usage: '<file> "<stmt>"', options: ['--setup', '-s', '-n', '--json'], run: memit },
  mprun: {
    usage: '<file> "<stmt>" -f <function> [-f <other>]',
    options: ['-f', '--setup', '-s', '-n', '--json'],
    run: mprun,
  },
  lprun: {
    usage: '<file> "<stmt>" -f <function> [-f <other>]',
    options: ['-f', '--setup', '-s', '--interval', '--cold', '--explain', '--memory', '--json'],
    run: lprun,
  },
  prun: {
    usage: '<file> "<stmt>" -o out.cpuprofile',
    options: ['-o', '--setup', '-s', '--interval', '--cold'],
    run: prun,
  },
  deopts: { usage: '<file> "<stmt>"', options: ['--setup', '-s', '--json'], run: deopts },
  annotate: {
    usage: '<file> "<stmt>" -f <function> [-f <other>] -o report.html',
    options: ['-f', '-o', '--setup', '-s', '--interval', '--cold', '--memory'],
    run: annotate,
  },
  propose: { usage: '<file> <function>', options: ['--no-verify', '--json'], run: propose },
  run: {
    usage: '-- <command> [args…]',
    options: ['-o', '--duration', '--interval', '--json'],
    run,
    passThrough: true,
  },
  capture: {
    usage: '<file> <function> -- <command> [args…]',
    options: ['--inputs', '--calls', '--duration', '--json'],
    run: capture,
  },
};

export function usageLine(name: string): string {
  const { usage, options } = COMMANDS[name];
  const shown = [...options, ...EVERY_COMMAND].filter(
    (o) => !OPTIONS[o].alias && !usage.includes(`${o} `) && !(o === '-o' && usage.includes(' -o ')),
  );
  const brackets = shown.map((o) => `[${OPTIONS[o].value ? `${o} ${OPTIONS[o].value}` : o}]`);
  return `hotline ${name} ${usage} ${brackets.join(' ')}`;
}

export const USAGE = `usage:
${Object.keys(COMMANDS)
  .map((name) => `  ${usageLine(name)}`)
  .join('\n')}

timeit times <stmt> in the scope of <file> (JavaScript or TypeScript) like IPython's %timeit:
  21.3 ms ± 396 µs per loop (mean ± std. dev. of 7 runs, 10 loops each)
compare times the statements in one process, their runs interleaved (A B, B A, …), prints each one's
line and then each against the first: "b(x) is 3.98× faster than a(x) (95 % CI 3.90–4.06)", or
"no significant difference (0.98–1.03×)" (Welch's interval on the log run times); --memory also
runs memit on each and sets its bytes per loop against the first's ("2.00× less memory").
memit measures <stmt> like memory_profiler's %memit, with V8's own counters (not RSS): the bytes it
allocates per loop (V8 heap, garbage included, and ArrayBuffer memory), the bytes it still holds
after a full collection, the peak heap and the collections:
  allocated 400 KB per loop, retained 0 B · peak heap 5.81 MB · 0.025 GC per loop (6.3 µs)
mprun prints memory_profiler's %mprun table for each -f function: the bytes each line allocates per
execution of <stmt>, what its calls allocate included (lprun's convention for time), V8 heap and
ArrayBuffer memory; each call, "new" and literal of the function runs in a frame named after its
line, and memit on the unchanged code checks the total (a note says when the two differ).
lprun prints line_profiler's table for each -f function (exact Hits from a coverage run, Time
from V8's own sampler: a line's time includes what it calls); prun writes the statement's sampled call tree as a Chrome DevTools
.cpuprofile, with positions mapped to the original (TypeScript) files; deopts prints V8's verdicts
(deoptimisations, polymorphic and megamorphic property accesses, unoptimised functions), one line
each: file:line:col  function  kind  reason  ×count; annotate writes a self-contained HTML report
like cython -a (lines on the heat ramp, Hits/Time/% beside them, "+" to expand with V8's verdicts).
lprun --explain adds a V8 column and the verdicts under each table; lprun and annotate --memory add an
Allocated column (mprun, run after the profile). lprun, prun and annotate profile
the steady state: the statement repeats until its time per execution settles (2 to 5 s) before
sampling starts; --cold samples from the first execution instead (JIT warm-up included). propose prints a statement and a
setup for <function> (parse, Queue.push) that run as proposed: from calls in the project's tests
and examples, its JSDoc @example, its parameter defaults or values built from its types (sized by N).
run runs <command> unchanged (node app.js, npm test, npx vitest run) with every Node.js process and
worker thread it starts sampled, then prints the hottest lines of the whole run (self: the line
alone; total: with what it calls, at the call site) and the hottest functions; -o writes the run's
call tree as a .cpuprofile; it stops at the command's end, after --duration seconds or on Ctrl-C
(the program gets SIGINT first), and exits with the command's code. capture runs <command> the
same way and keeps the arguments of <function>'s first calls (--calls, default 3 per process;
v8.serialize, so functions cannot be kept and class instances arrive as plain objects), then
prints the statement and setup that replay the first one, for timeit, lprun or deopts.
timeit and compare collect the young generation before each run (--gc minor; major, a full
collection, makes V8 discard optimised code that holds weak references) and warm the calibrated
statement until its time per run settles (3 s at most).
Every command runs your code in a child Node.js (--node, default: the one running hotline), stops it
after --timeout seconds (default 600), and exits 130 on Ctrl-C. Runs use the folder of the nearest
package.json above <file> as their working directory.`;
