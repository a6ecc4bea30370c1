// The two profiling runs (they distort each other, so each gets its own process):
//  - coverage: precise coverage with counts, started before the user's code is compiled, one
//    execution of the statement -> exact hits per block;
//  - sampling: the statement repeats until its time per execution settles (a warm-up, unless the
//    job asks for the cold start: src/core/lines/warmUp.ts), then for at least minDurationMs more, in a
//    process started with V8's own sampler (`--prof --log-source-position`, see
//    src/engine/profile.ts), which logs every sample's full stack with call sites. The runner only
//    marks, in that log, when the sampled repetitions start and stop (after the setup and the
//    warm-up, before reporting).
import vm from 'node:vm';
import { performance } from 'node:perf_hooks';
import type { ProfileJob } from '../core/protocol/protocol';
import { expressionCheckSource, GENERATED_PREFIX, profileLoopSource } from '../core/timing/loopSource';
import { WarmUp, type WarmUpReport } from '../core/lines/warmUp';
import { InspectorSession } from './inspector';
import type { ScopeEval } from './moduleLoader';
import { StatementError, StatementSyntaxError } from './timeitJob';

type ProfileLoop = () => Promise<number>;
type ProfileSetup = (more: (i: number) => boolean, sink: unknown[]) => Promise<ProfileLoop>;

interface ScriptCoverage {
  scriptId: string;
  url: string;
  functions: unknown[];
}

function compileSetup(job: ProfileJob, scope: ScopeEval): ProfileSetup {
  let isExpression = true;
  try {
    new vm.Script(expressionCheckSource(job.stmt));
  } catch {
    isExpression = false;
  }
  const source = profileLoopSource({ setup: job.setup, stmt: job.stmt, isExpression });
  try {
    new vm.Script(source);
  } catch (e) {
    throw new StatementSyntaxError(`the statement or setup is not valid JavaScript: ${(e as Error).message}`);
  }
  return scope(source) as ProfileSetup;
}

interface Brackets {
  /** Before the counted repetitions: repeats the statement with `loop` first, if it likes. */
  warmUp?(loop: ProfileLoop): Promise<void>;
  begin(): void | Promise<void>;
  end(): void;
}

/** Runs the setup, then the statement while `more(i)`; `around` brackets only the repetitions. */
async function runLoop(
  job: ProfileJob,
  scope: ScopeEval,
  more: (i: number) => boolean,
  around: Brackets = { begin() {}, end() {} },
): Promise<number> {
  const setup = compileSetup(job, scope);
  const sink: unknown[] = [undefined];
  let loop: ProfileLoop;
  try {
    loop = await setup(more, sink);
  } catch (e) {
    throw new StatementError(e, 'setup');
  }
  try {
    await around.warmUp?.(loop);
  } catch (e) {
    throw new StatementError(e);
  }
  await around.begin();
  try {
    const executions = await loop();
    around.end();
    return executions;
  } catch (e) {
    throw new StatementError(e);
  }
}

/** A function with this name is compiled (and so logged by V8, with a time) right now. */
function logMarker(name: string): void {
  (vm.runInThisContext(`(function ${name}() {})`) as () => void)();
}

/** Scripts worth reporting: the user's files, not Node's, not node_modules, not Hotline's. */
export function isUserScript(url: string, runnerDir: string): boolean {
  return url.startsWith('file://') && !url.includes('/node_modules/') && !url.includes(runnerDir);
}

/** Must be called before the target is imported: coverage only counts code compiled after it starts. */
export async function startCoverage(): Promise<{ session: InspectorSession; scripts: Map<string, string> }> {
  const session = new InspectorSession();
  const scripts = new Map<string, string>();
  session.on('Debugger.scriptParsed', (m) => {
    const p = m.params as { scriptId: string; url: string };
    scripts.set(p.scriptId, p.url);
  });
  await session.post('Debugger.enable');
  await session.post('Profiler.enable');
  await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: true });
  return { session, scripts };
}

export async function coverageRun(job: ProfileJob, scope: ScopeEval, session: InspectorSession, runnerDir: string) {
  // Taking coverage resets the counters: what loading and the setup ran is set aside, so Hits
  // count the statement only (its names are kept to explain a function that did not run in it).
  const ranBeforeStatement = new Set<string>();
  const executions = await runLoop(job, scope, (i) => i < 1, {
    begin: async () => {
      const before = await session.post<{ result: ScriptCoverage[] }>('Profiler.takePreciseCoverage');
      for (const s of before.result) {
        if (!isUserScript(s.url, runnerDir)) continue;
        for (const f of s.functions as { functionName: string; ranges: { count: number }[] }[]) {
          if (f.functionName && f.ranges[0]?.count > 0) ranBeforeStatement.add(f.functionName);
        }
      }
    },
    end() {},
  });
  const { result } = await session.post<{ result: ScriptCoverage[] }>('Profiler.takePreciseCoverage');
  await session.post('Profiler.stopPreciseCoverage');
  const coverage = result.filter((s) => isUserScript(s.url, runnerDir));
  const sources: Record<string, string> = {};
  for (const s of coverage) {
    const { scriptSource } = await session.post<{ scriptSource: string }>('Debugger.getScriptSource', {
      scriptId: s.scriptId,
    });
    sources[s.url] = scriptSource;
  }
  session.disconnect();
  return { mode: 'coverage' as const, executions, coverage, sources, ranBeforeStatement: [...ranBeforeStatement] };
}

export async function samplingRun(job: ProfileJob, scope: ScopeEval, progress: (m: string) => void) {
  const warmUpMaxMs = job.warmUpMaxMs ?? 0;
  const id = `${process.pid}_${Date.now().toString(36)}`;
  const markers = { begin: `${GENERATED_PREFIX}mark_begin_${id}`, end: `${GENERATED_PREFIX}mark_end_${id}` };
  let deadline = Infinity;
  let warmUp: WarmUp | undefined;
  // Look at the clock less often for fast statements (until about 2 ms pass between looks), so the
  // check does not dominate the profile.
  let stride = 1;
  let nextCheck = 1;
  let lastLook = performance.now();
  const more = (i: number): boolean => {
    if (i === 0) {
      nextCheck = stride;
      return true;
    }
    if (i < nextCheck) return true;
    const now = performance.now();
    if (now - lastLook < 2) stride = Math.min(stride * 2, 4096);
    lastLook = now;
    nextCheck = i + stride;
    return warmUp ? warmUp.tick(i, now) : now < deadline;
  };
  let warmedUp: WarmUpReport | undefined;
  const executions = await runLoop(job, scope, more, {
    warmUp: async (loop) => {
      if (warmUpMaxMs <= 0) return;
      progress(
        `warming up: repeating the statement until its time settles (at most ${(warmUpMaxMs / 1000).toFixed(1)} s)`,
      );
      warmUp = new WarmUp(warmUpMaxMs);
      warmUp.begin(performance.now());
      await loop();
      warmedUp = warmUp.report();
      warmUp = undefined;
    },
    begin: () => {
      progress(
        `sampling for at least ${(job.minDurationMs / 1000).toFixed(1)} s (V8's sampler, every ${job.samplingIntervalMicros} µs)`,
      );
      logMarker(markers.begin);
      deadline = performance.now() + job.minDurationMs;
    },
    end: () => logMarker(markers.end),
  });
  return { mode: 'sampling' as const, executions, markers, ...(warmedUp ? { warmUp: warmedUp } : {}) };
}
