// The child runner: the only place user code runs. Started by src/engine/runChild.ts with the job
// in HOTLINE_JOB; reports on fd 3 (stdout and stderr are the user's). Exits when done.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { RunnerJob } from '../core/protocol/protocol';
import { killOwnDescendants } from '../engine/processTable';
import { send } from './channel';
import { loadTarget } from './moduleLoader';
import { coverageRun, samplingRun, startCoverage } from './profileJob';
import { StatementError, StatementSyntaxError, timeStatement } from './timeitJob';
import { compareStatements } from './compareJob';
import { memitStatement } from './memitJob';
import { installLineProbe, mprunStatement, MprunTargetError } from './mprunJob';
import { transpilerName } from './transpile';
import { cleanStack, describe, loadError, statementError } from './userErrors';

const runnerDir = __dirname;
// The runner leaves through process.exit, which drops what is still queued for a pipe that the
// engine reads more slowly than the statement prints: writes to stdout and stderr wait instead.
for (const stream of [process.stdout, process.stderr])
  (stream as unknown as { _handle?: { setBlocking?: (on: boolean) => void } })._handle?.setBlocking?.(true);
const realExit = process.exit.bind(process) as (code?: number) => never;
let finished = false;

function finish(code: number): never {
  finished = true;
  process.exitCode = code;
  // What the user's code started ends with the run. Done here, while those processes still have
  // this one as their parent: once it is gone, a detached one that cleared its environment can
  // no longer be told apart (the parent's scan finds the others by their HOTLINE_RUN_ID).
  killOwnDescendants();
  // Leave through the real exit: user code may have left timers or sockets open.
  return realExit(code);
}

/** process.exit in user code ends the run, but the user learns who called it. */
process.exit = ((code?: number | string | null) => {
  if (!finished) {
    send({
      type: 'error',
      kind: 'exit',
      message: `your code called process.exit(${code ?? ''}) during the run`,
      stack: cleanStack(new Error('process.exit called').stack, runnerDir),
    });
  }
  finish(typeof code === 'number' ? code : 1);
}) as typeof process.exit;

process.on('uncaughtException', (e) => {
  send({
    type: 'error',
    kind: 'throw',
    message: `uncaught exception from your code: ${describe(e)}`,
    stack: cleanStack(e?.stack, runnerDir),
  });
  finish(1);
});
process.on('unhandledRejection', () => {
  /* reported where it is awaited */
});
process.on('beforeExit', () => {
  if (!finished) {
    send({
      type: 'error',
      kind: 'unsettled',
      message: 'a Promise in your code never settled: Node had nothing left to do while waiting for it',
    });
    finish(1);
  }
});

function readJob(): RunnerJob {
  const raw = process.env.HOTLINE_JOB;
  delete process.env.HOTLINE_JOB;
  if (!raw) throw new Error('no job given (HOTLINE_JOB is empty)');
  return JSON.parse(raw) as RunnerJob;
}

async function main(): Promise<void> {
  let job: RunnerJob;
  try {
    job = readJob();
  } catch (e) {
    send({ type: 'error', kind: 'internal', message: `the runner could not read its job: ${describe(e)}` });
    return finish(2);
  }
  // Coverage only counts code compiled after it starts: before the user's module is imported.
  const coverage = job.kind === 'profile' && job.mode === 'coverage' ? await startCoverage() : undefined;
  let scope;
  const transpileContext = {
    projectDir: job.projectDir,
    hotlineDir: runnerDir,
    ...(job.kind === 'mprun' ? { mprunNames: job.functions } : {}),
  };
  const probe = job.kind === 'mprun' ? installLineProbe() : undefined;
  const loadStart = performance.now();
  try {
    scope = await loadTarget(job.file, transpileContext, pathToFileURL(path.join(runnerDir, 'loader-hooks.mjs')).href);
  } catch (e) {
    send(loadError(e, job.file, runnerDir));
    return finish(1);
  }
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const progress = (message: string) => send({ type: 'progress', message });
  const transpiler = transpilerName(transpileContext);
  try {
    const about = { transpiler, nodeVersion: process.version, loadSeconds };
    if (job.kind === 'timeit') send({ type: 'timeit', result: await timeStatement(job, scope, progress), ...about });
    else if (job.kind === 'memit')
      send({ type: 'memit', result: await memitStatement(job, scope, progress), ...about });
    else if (job.kind === 'mprun')
      send({ type: 'mprun', result: await mprunStatement(job, probe!, scope, progress), ...about });
    else if (job.kind === 'compare')
      send({ type: 'compare', results: await compareStatements(job, scope, progress), ...about });
    else {
      const payload = coverage
        ? await coverageRun(job, scope, coverage.session, runnerDir)
        : await samplingRun(job, scope, progress);
      send({ type: 'profile', payload: { ...payload, ...about } });
    }
    finish(0);
  } catch (e) {
    if (e instanceof StatementSyntaxError) send({ type: 'error', kind: 'syntax', message: e.message });
    else if (e instanceof MprunTargetError) send({ type: 'error', kind: 'notFound', message: e.message });
    else if (e instanceof StatementError) send(statementError(e.cause, job.file, runnerDir, e.phase));
    else
      send({
        type: 'error',
        kind: 'internal',
        message: `Hotline's runner failed: ${describe(e)}`,
        stack: (e as Error)?.stack,
      });
    finish(1);
  }
}

void main();
