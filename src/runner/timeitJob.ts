// The timing job: probe the statement once, then IPython's autorange and repeat over a generated
// loop compiled in the module's scope.
import type { TimeitJob } from '../core/protocol/protocol';
import { awaitFloorSource } from '../core/timing/loopSource';
import {
  AUTORANGE_TARGET_SECONDS,
  autorange,
  buildResult,
  settle,
  SETTLE_BUDGET_SECONDS,
  warmUp,
} from '../core/timing/timeit';
import type { ScopeEval } from './moduleLoader';
import { prepareStatement, timedRunner, type TimingFunction } from './statement';

export { StatementError, StatementSyntaxError } from './statement';

export async function timeStatement(job: TimeitJob, scope: ScopeEval, progress: (message: string) => void) {
  const { timed, awaitEach, compileTime } = await prepareStatement(job.stmt, job.setup, scope);
  const run = timedRunner(job.gcBetweenRuns);

  let loops = job.loops;
  if (!loops) {
    progress('calibrating loops per run (10^k until a run takes ≥ 0.2 s)');
    loops = await autorange((n) => run(timed, n));
    progress(`warming up until the time per run settles (${SETTLE_BUDGET_SECONDS} s at most)`);
    await settle((n) => run(timed, n), loops);
  } else {
    // Autorange's calibration runs are also the warm-up; with -n there are none, and the first timed
    // run would be cold (unoptimised code, lazy compilation), inflating the mean and warning falsely.
    progress(
      `warming up: up to ${job.repeat} run${job.repeat === 1 ? '' : 's'} of ${loops.toLocaleString('en-US')} loop${loops === 1 ? '' : 's'}, ${AUTORANGE_TARGET_SECONDS} s at most`,
    );
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
