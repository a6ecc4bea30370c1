// The command line's grammar: every option (its value's name, whether it repeats), parsing with an
// option a command does not take refused by name, and the checks that say a mistake in the CLI's
// own terms (a typo'd file, a wrong --node) before any child starts.
import fs from 'node:fs';
import path from 'node:path';
import { GC_MODES, type GcMode } from '../core/protocol/protocol';

export interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

/** Every option: the name of its value (none for a switch), and whether it may repeat. */
export const OPTIONS: Record<string, { value?: string; repeats?: true; alias?: string }> = {
  '--setup': { value: '"<code>"' },
  '-s': { value: '"<code>"', alias: '--setup' },
  '-n': { value: 'loops' },
  '-r': { value: 'runs' },
  '-p': { value: 'precision' },
  '-f': { value: '<function>', repeats: true },
  '-o': { value: '<file>' },
  '--interval': { value: 'µs' },
  '--duration': { value: 'seconds' },
  '--inputs': { value: '<dir>' },
  '--calls': { value: 'n' },
  '--timeout': { value: 'seconds' },
  '--node': { value: 'path' },
  '--gc': { value: 'minor|major|none' },
  '--explain': {},
  '--cold': {},
  '--json': {},
  '--no-verify': {},
  '--memory': {},
};

/** Options every command takes. */
export const EVERY_COMMAND = ['--timeout', '--node'];

/** A mistake in the command line: said with the usage of the command it was for. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

/** How many of `argv` are the command's own under passThrough (before `--` or the command it runs). */
export function ownArgCount(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return i;
    if (OPTIONS[a]?.value) i++;
    else if (!OPTIONS[a] && !a.startsWith('-')) return i;
  }
  return argv.length;
}

/**
 * The arguments of one command (`allowed`: the options it takes); an option it does not take is
 * refused by name. `passThrough`: from the first positional on, everything is the positional's
 * (`hotline run node app.js --port 3`: the options after `node` are the program's).
 */
export function parseArgs(argv: string[], command?: string, allowed?: readonly string[], passThrough = false): Parsed {
  const takes = allowed ? new Set([...allowed, ...EVERY_COMMAND]) : undefined;
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
    if (passThrough && !option && !looksLikeOption) {
      positional.push(...argv.slice(i));
      break;
    }
    if (!option && looksLikeOption) throw new UsageError(`unknown option ${a}`, command);
    if (!option) {
      positional.push(a);
      continue;
    }
    if (takes && !takes.has(a)) throw new UsageError(`${command} does not take ${a}`, command);
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

export function count(flags: Parsed['flags'], name: string): number | undefined {
  const v = flags.get(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} takes a whole number >= 1, not ${String(v)}`);
  return n;
}

/** `-f a -f b` as a list. */
export const functionNames = (flags: Parsed['flags']): string[] =>
  String(flags.get('-f') ?? '')
    .split('\n')
    .filter(Boolean);

/** V8 does not sample more often than about every 100 µs: a smaller --interval is raised, and said so. */
const MIN_INTERVAL_MICROS = 100;
export function samplingInterval(flags: Parsed['flags']): number | undefined {
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
export function nodePathOf(flags: Parsed['flags']): string {
  const given = flags.get('--node');
  if (typeof given !== 'string') return process.execPath;
  const isPath = given.includes('/') || given.includes(path.sep);
  if (isPath && !fs.existsSync(given)) throw new UsageError(`--node ${given}: no such file`);
  if (isPath && fs.statSync(given).isDirectory())
    throw new UsageError(`--node ${given} is a folder; give the Node.js executable (…/bin/node)`);
  return given;
}

/** The file to run in: checked here, so that a typo is said as such (not as an import of Hotline's). */
export function targetFile(file: string): string {
  const full = path.resolve(file);
  if (!fs.existsSync(full)) throw new UsageError(`${file}: no such file`);
  if (fs.statSync(full).isDirectory()) throw new UsageError(`${file} is a folder; give the file whose scope to run in`);
  return full;
}

/** --timeout in milliseconds (`fallback` seconds when not given). */
export const timeoutMs = (flags: Parsed['flags'], fallback = 600): number =>
  (count(flags, '--timeout') ?? fallback) * 1000;

/** The child runner beside the CLI in dist/. */
export const runnerPath = (): string => path.join(__dirname, 'runner.js');

/** Ctrl-C as an abort of the run. */
export function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  process.on('SIGINT', () => controller.abort());
  return controller.signal;
}

/** What every engine answers: the user's output to relay, and a failure to say. */
export type ChildOutcome = { ok: boolean; stdout: string; stderr: string; message?: string; detail?: string };

/** Relays the user's output to stderr, and says a failure. */
export function relay(outcome: ChildOutcome): void {
  if (outcome.stdout) process.stderr.write(outcome.stdout);
  if (outcome.stderr) process.stderr.write(outcome.stderr);
  if (outcome.ok) return;
  console.error(`hotline: ${outcome.message}`);
  if (outcome.detail) console.error(outcome.detail);
}

export const printJson = (value: unknown): void => console.log(JSON.stringify(value, null, 2));

/** --gc: what is collected before each timed run (default minor). */
export function gcModeFlag(flags: Parsed['flags']): GcMode {
  const v = flags.get('--gc') ?? 'minor';
  if (!GC_MODES.includes(v as GcMode)) throw new UsageError(`--gc takes minor, major or none, not ${String(v)}`);
  return v as GcMode;
}
