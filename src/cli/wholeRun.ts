// `hotline run [options] -- <command> [args…]`: the command run unchanged with every Node process
// and thread it starts sampled; prints the processes, the hottest lines and the hottest functions
// (or --json), and -o writes the whole run's call tree as a .cpuprofile. Exits with the command's code.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runReportText } from '../core/run/runText';
import { splitLines } from '../core/source/sourceLines';
import { runWhole } from '../engine/wholeRun';
import {
  count,
  interruptSignal,
  nodePathOf,
  printJson,
  samplingInterval,
  timeoutMs,
  UsageError,
  type Parsed,
} from './args';

export const preloadPath = (): string => path.join(__dirname, 'run-preload.js');

/** Source lines by file, read once. */
function lineReader(): (file: string, line: number) => string | undefined {
  const files = new Map<string, string[] | undefined>();
  return (file, line) => {
    if (!files.has(file)) {
      let lines: string[] | undefined;
      try {
        lines = splitLines(fs.readFileSync(file, 'utf8'));
      } catch {
        lines = undefined;
      }
      files.set(file, lines);
    }
    return files.get(file)?.[line - 1];
  };
}

/** A process's end as a shell would give it: its code, or 128 + the signal's number. */
function exitStatus(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  return signal ? 128 + (os.constants.signals[signal] ?? 0) : 1;
}

export async function run({ positional, flags }: Parsed): Promise<number> {
  const [command, ...args] = positional;
  if (!command) throw new UsageError('give the command to run after --, e.g. hotline run -- npm test');
  const json = flags.has('--json');
  const out = flags.get('-o');
  const durationS = count(flags, '--duration');
  const outcome = await runWhole({
    command,
    args,
    cwd: process.cwd(),
    nodePath: nodePathOf(flags),
    preloadPath: preloadPath(),
    intervalMicros: samplingInterval(flags),
    durationMs: durationS === undefined ? undefined : durationS * 1000,
    timeoutMs: timeoutMs(flags, 3600),
    signal: interruptSignal(),
    // With --json, stdout is the report's: the program's output goes to stderr.
    stdio: json ? 'pipe' : 'inherit',
    onOutput: (text) => process.stderr.write(text),
    onProgress: (m) => process.stderr.write(`hotline: ${m}\n`),
  });
  if (!outcome.ok) {
    console.error(`hotline: ${outcome.message}`);
    return outcome.kind === 'cancelled' ? 130 : 1;
  }
  for (const note of outcome.notes) console.error(`hotline: note: ${note}`);
  if (typeof out === 'string') {
    fs.writeFileSync(out, JSON.stringify(outcome.profile));
    console.error(`hotline: wrote ${out} (every sampled thread under one root; open it in VS Code or Chrome DevTools)`);
  }
  const status = exitStatus(outcome.exitCode, outcome.exitSignal);
  if (json) {
    const { report } = outcome;
    printJson({
      command: [command, ...args],
      exitCode: status,
      stoppedBy: outcome.stoppedBy ?? null,
      wallMs: outcome.wallMs,
      totalMs: report.totalMs,
      processes: report.processes,
      lines: report.lines,
      functions: report.functions,
      notes: outcome.notes,
    });
  } else {
    process.stderr.write('\n');
    console.log(runReportText(outcome.report, { cwd: process.cwd(), lineText: lineReader() }));
  }
  // Stopped on purpose (--duration): the profile is what was asked for, whatever SIGINT made the program return.
  return outcome.stoppedBy === 'duration' ? 0 : status;
}
