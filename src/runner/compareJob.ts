// The comparison job: several statements of one module timed in one child process. Each keeps
// IPython's semantics (its own probe, generated loop and autorange); then their runs are
// interleaved, so drift of the machine (another process, thermal throttling, a GC-heavy phase)
// falls on all of them alike instead of on whichever ran last.
import type { CompareJob } from '../core/protocol/protocol';
import { awaitFloorSource } from '../core/timing/loopSource';
import { autorange, buildResult, settle, warmUp } from '../core/timing/timeit';
import type { TimeitResult } from '../core/timing/timeitTypes';
import type { ScopeEval } from './moduleLoader';
import { prepareStatement, timedRunner, type PreparedStatement, type TimingFunction } from './statement';

export async function compareStatements(
  job: CompareJob,
  scope: ScopeEval,
  progress: (message: string) => void,
): Promise<TimeitResult[]> {
  const prepared: PreparedStatement[] = [];
  for (const [i, stmt] of job.stmts.entries())
    prepared.push(await prepareStatement(stmt, job.setup, scope, `statement ${i + 1}`));
  const run = timedRunner(job.gcBetweenRuns);

  const loops: number[] = [];
  for (const [i, p] of prepared.entries()) {
    if (job.loops) {
      await warmUp((n) => run(p.timed, n), job.loops, job.repeat); // as autorange's calibration runs are otherwise
      loops.push(job.loops);
    } else {
      progress(`calibrating statement ${i + 1} of ${prepared.length}: ${p.stmt}`);
      const calibrated = await autorange((n) => run(p.timed, n));
      await settle((n) => run(p.timed, n), calibrated);
      loops.push(calibrated);
    }
  }
  // Round r starts at statement r mod k (A B C, B C A, C A B, …): no statement always runs first
  // after the collector or always right after a particular other one.
  const allRuns: number[][] = prepared.map(() => []);
  for (let r = 0; r < job.repeat; r++) {
    progress(`round ${r + 1} of ${job.repeat}: one run of each statement, interleaved`);
    for (let k = 0; k < prepared.length; k++) {
      const i = (r + k) % prepared.length;
      allRuns[i].push(await run(prepared[i].timed, loops[i]));
    }
  }
  const results: TimeitResult[] = [];
  for (const [i, p] of prepared.entries()) {
    let awaitFloor: number | undefined;
    if (p.awaitEach) {
      const floor = scope(awaitFloorSource()) as TimingFunction;
      const floorRuns: number[] = [];
      for (let r = 0; r < 3; r++) floorRuns.push(await run(floor, loops[i]));
      awaitFloor = Math.min(...floorRuns) / loops[i];
    }
    results.push(
      buildResult(allRuns[i], loops[i], {
        precision: job.precision,
        compileTime: p.compileTime,
        async: p.awaitEach,
        awaitFloor,
      }),
    );
  }
  return results;
}
