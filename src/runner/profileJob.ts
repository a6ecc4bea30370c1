// The two profiling runs (they distort each other, so each gets its own process):
//  - coverage: precise coverage with counts, started before the user's code is compiled, one
//    execution of the statement -> exact hits per block;
//  - sampling: the CPU profiler while the statement repeats for at least minDurationMs -> time
//    per line from positionTicks, real time from timeDeltas.
import vm from 'node:vm';
import { performance } from 'node:perf_hooks';
import type { ProfileJob } from '../core/protocol';
import { expressionCheckSource, profileLoopSource } from '../core/loopSource';
import { InspectorSession } from './inspector';
import type { ScopeEval } from './moduleLoader';
import { StatementError, StatementSyntaxError } from './timeitJob';

type ProfileLoop = (more: (i: number) => boolean, sink: unknown[]) => Promise<number>;

interface ScriptCoverage { scriptId: string; url: string; functions: unknown[] }

function compileLoop(job: ProfileJob, scope: ScopeEval): ProfileLoop {
  let isExpression = true;
  try { new vm.Script(expressionCheckSource(job.stmt)); } catch { isExpression = false; }
  const source = profileLoopSource({ setup: job.setup, stmt: job.stmt, isExpression });
  try {
    new vm.Script(source);
  } catch (e) {
    throw new StatementSyntaxError(`the statement or setup is not valid JavaScript: ${(e as Error).message}`);
  }
  return scope(source) as ProfileLoop;
}

async function runLoop(loop: ProfileLoop, more: (i: number) => boolean): Promise<number> {
  const sink: unknown[] = new Array(1024);
  (globalThis as Record<symbol, unknown>)[Symbol.for('hotline.sink')] = sink;
  try {
    return await loop(more, sink);
  } catch (e) {
    throw new StatementError(e);
  }
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
  const loop = compileLoop(job, scope);
  const executions = await runLoop(loop, (i) => i < 1);
  const { result } = await session.post<{ result: ScriptCoverage[] }>('Profiler.takePreciseCoverage');
  await session.post('Profiler.stopPreciseCoverage');
  const coverage = result.filter((s) => isUserScript(s.url, runnerDir));
  const sources: Record<string, string> = {};
  for (const s of coverage) {
    const { scriptSource } = await session.post<{ scriptSource: string }>('Debugger.getScriptSource', { scriptId: s.scriptId });
    sources[s.url] = scriptSource;
  }
  session.disconnect();
  return { mode: 'coverage' as const, executions, coverage, sources };
}

export async function samplingRun(job: ProfileJob, scope: ScopeEval, progress: (m: string) => void) {
  const loop = compileLoop(job, scope);
  const session = new InspectorSession();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: job.samplingIntervalMicros });
  progress(`sampling every ${job.samplingIntervalMicros} µs for at least ${(job.minDurationMs / 1000).toFixed(1)} s`);
  await session.post('Profiler.start');
  const deadline = performance.now() + job.minDurationMs;
  // Look at the clock less often for fast statements, so the check does not dominate the profile.
  let stride = 1;
  let nextCheck = 1;
  const more = (i: number): boolean => {
    if (i === 0) return true;
    if (i < nextCheck) return true;
    if (performance.now() >= deadline) return false;
    stride = Math.min(stride * 2, 4096);
    nextCheck = i + stride;
    return true;
  };
  let executions = 0;
  let failure: unknown;
  try {
    executions = await runLoop(loop, more);
  } catch (e) {
    failure = e;
  }
  const { profile } = await session.post<{ profile: unknown }>('Profiler.stop');
  session.disconnect();
  if (failure) throw failure;
  return { mode: 'sampling' as const, executions, profile };
}
