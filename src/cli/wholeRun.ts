// `hotline run [options] -- <command> [args…]`: the command run unchanged with every Node process
// and thread it starts sampled; prints the processes, the hottest lines and the hottest functions
// (or --json), and -o writes the whole run's call tree as a .cpuprofile. Exits with the command's code.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileLineReader, runReportText } from '../core/run/runText';
import type { CommandRequest } from '../engine/commandRun';
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

/**
 * The user's command as `run` and `capture` run it, in the working directory, from their options:
 * --duration, --timeout (an hour by default), Ctrl-C; with --json, stdout is the report's and the
 * program's output goes to stderr.
 */
export function commandRequest(flags: Parsed['flags'], [command, ...args]: string[]): CommandRequest {
  const durationS = count(flags, '--duration');
  return {
    command,
    args,
    cwd: process.cwd(),
    preloadPath: preloadPath(),
    durationMs: durationS === undefined ? undefined : durationS * 1000,
    timeoutMs: timeoutMs(flags, 3600),
    signal: interruptSignal(),
    stdio: flags.has('--json') ? 'pipe' : 'inherit',
    onOutput: (text) => process.stderr.write(text),
    onProgress: (m) => process.stderr.write(`hotline: ${m}\n`),
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
  const outcome = await runWhole({
    ...commandRequest(flags, [command, ...args]),
    nodePath: nodePathOf(flags),
    intervalMicros: samplingInterval(flags),
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
    console.log(runReportText(outcome.report, { cwd: process.cwd(), lineText: fileLineReader() }));
  }
  // Stopped on purpose (--duration): the profile is what was asked for, whatever SIGINT made the program return.
  return outcome.stoppedBy === 'duration' ? 0 : status;
}
