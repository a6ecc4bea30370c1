// The timing job: probe the statement once, then IPython's autorange and repeat over a generated
// loop compiled in the module's scope.
import vm from 'node:vm';
import { performance } from 'node:perf_hooks';
import type { TimeitJob } from '../core/protocol';
import { awaitFloorSource, expressionCheckSource, probeFunctionSource, timingFunctionSource } from '../core/loopSource';
import { AUTORANGE_TARGET_SECONDS, autorange, buildResult, warmUp } from '../core/timeit';
import type { ScopeEval } from './moduleLoader';

type TimingFunction = (loops: number, now: () => number, sink: unknown[]) => number | Promise<number>;

export class StatementError extends Error {
  constructor(override readonly cause: unknown, readonly phase: 'setup' | 'statement' = 'statement') { super(`${phase} failed`); }
}

export class StatementSyntaxError extends Error {}

function compiles(source: string): boolean {
  try {
    new vm.Script(source);
    return true;
  } catch {
    return false;
  }
}

const isThenable = (v: unknown): v is PromiseLike<unknown> => (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as { then?: unknown }).then === 'function';

export async function timeStatement(job: TimeitJob, scope: ScopeEval, progress: (message: string) => void) {
  const isExpression = compiles(expressionCheckSource(job.stmt));
  const probeSource = probeFunctionSource({ setup: job.setup, stmt: job.stmt, isExpression });
  try {
    new vm.Script(probeSource);
  } catch (e) {
    throw new StatementSyntaxError(`the ${compiles(`(async function(){\n${job.setup}\n})`) ? 'statement' : 'setup'} is not valid JavaScript: ${(e as Error).message}`);
  }
  let awaitEach = false;
  try {
    const value = (scope(probeSource) as () => unknown)();
    if (isThenable(value)) {
      awaitEach = isExpression;
      await value;
    }
  } catch (e) {
    throw new StatementError(e);
  }

  const compileStart = performance.now();
  const timed = scope(timingFunctionSource({ setup: job.setup, stmt: job.stmt, isExpression, awaitEach })) as TimingFunction;
  const compileTime = (performance.now() - compileStart) / 1000;
  const now = () => performance.now();
  const sink: unknown[] = [undefined];
  // The sink escapes to a global, so V8 must keep every store to it and the work behind it.
  (globalThis as Record<symbol, unknown>)[Symbol.for('hotline.sink')] = sink;
  const collect = job.gcBetweenRuns && typeof globalThis.gc === 'function' ? globalThis.gc : undefined;
  const run = async (fn: TimingFunction, loops: number) => {
    collect?.();
    try {
      return await fn(loops, now, sink);
    } catch (e) {
      throw new StatementError(e);
    }
  };

  let loops = job.loops;
  if (!loops) {
    progress('calibrating loops per run (10^k until a run takes ≥ 0.2 s)');
    loops = await autorange((n) => run(timed, n));
  } else {
    // Autorange's calibration runs are also the warm-up; with -n there are none, and the first timed
    // run would be cold (unoptimised code, lazy compilation), inflating the mean and warning falsely.
    progress(`warming up: up to ${job.repeat} run${job.repeat === 1 ? '' : 's'} of ${loops.toLocaleString('en-US')} loop${loops === 1 ? '' : 's'}, ${AUTORANGE_TARGET_SECONDS} s at most`);
    await warmUp((n) => run(timed, n), loops, job.repeat);
  }
  const allRuns: number[] = [];
  for (let r = 0; r < job.repeat; r++) {
    progress(`run ${r + 1} of ${job.repeat}, ${loops.toLocaleString('en-US')} loop${loops === 1 ? '' : 's'} each`);
    allRuns.push(await run(timed, loops));
  }
  let awaitFloor: number | undefined;
  if (awaitEach) {
    const floor = scope(awaitFloorSource()) as TimingFunction;
    const floorRuns: number[] = [];
    for (let r = 0; r < 3; r++) floorRuns.push(await run(floor, loops));
    awaitFloor = Math.min(...floorRuns) / loops;
  }
  return buildResult(allRuns, loops, { precision: job.precision, compileTime, async: awaitEach, awaitFloor });
}
