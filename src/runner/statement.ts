// One statement's timing loop, shared by the timeit and compare jobs: the probe (errors, thenables)
// and its own generated loop compiled in the module's scope, and the errors either can raise.
import vm from 'node:vm';
import { performance } from 'node:perf_hooks';
import { expressionCheckSource, probeFunctionSource, timingFunctionSource } from '../core/timing/loopSource';
import type { ScopeEval } from './moduleLoader';
import type { GcMode } from '../core/protocol/protocol';

export class StatementError extends Error {
  constructor(
    override readonly cause: unknown,
    readonly phase: 'setup' | 'statement' = 'statement',
  ) {
    super(`${phase} failed`);
  }
}

export class StatementSyntaxError extends Error {}

export type TimingFunction = (loops: number, now: () => number, sink: unknown[]) => number | Promise<number>;

export interface PreparedStatement {
  stmt: string;
  timed: TimingFunction;
  awaitEach: boolean;
  /** An expression whose value is sunk (else pasted as statements). */
  isExpression: boolean;
  compileTime: number;
}

function compilesAsScript(source: string): boolean {
  try {
    new vm.Script(source);
    return true;
  } catch {
    return false;
  }
}

const returnsThenable = (v: unknown): v is PromiseLike<unknown> =>
  (typeof v === 'object' || typeof v === 'function') &&
  v !== null &&
  typeof (v as { then?: unknown }).then === 'function';

/** Probes the statement once (errors, thenables) and compiles its own timing loop (timeit and compare alike). */
export async function prepareStatement(
  stmt: string,
  setup: string,
  scope: ScopeEval,
  which = 'statement',
): Promise<PreparedStatement> {
  const isExpression = compilesAsScript(expressionCheckSource(stmt));
  const probe = probeFunctionSource({ setup, stmt, isExpression });
  try {
    new vm.Script(probe);
  } catch (e) {
    const culprit = compilesAsScript(`(async function(){\n${setup}\n})`)
      ? which === 'statement'
        ? which
        : `${which} (${stmt})`
      : 'setup';
    throw new StatementSyntaxError(`the ${culprit} is not valid JavaScript: ${(e as Error).message}`);
  }
  let awaitEach = false;
  try {
    const value = (scope(probe) as () => unknown)();
    if (returnsThenable(value)) {
      awaitEach = isExpression;
      await value;
    }
  } catch (e) {
    throw new StatementError(e);
  }
  const start = performance.now();
  const timed = scope(timingFunctionSource({ setup, stmt, isExpression, awaitEach })) as TimingFunction;
  return { stmt, timed, awaitEach, isExpression, compileTime: (performance.now() - start) / 1000 };
}

/**
 * Runs a timing loop `loops` times: garbage collected first as asked (GcMode), the result
 * stored to a one-slot sink that escapes to a global (so V8 keeps the work, and only the latest
 * result stays alive), a throw reported as the statement's.
 */
export function timedRunner(gcBetweenRuns: GcMode): (fn: TimingFunction, loops: number) => Promise<number> {
  const now = () => performance.now();
  const sink: unknown[] = [undefined];
  (globalThis as Record<symbol, unknown>)[Symbol.for('hotline.sink')] = sink;
  const gc = typeof globalThis.gc === 'function' ? globalThis.gc : undefined;
  const collect =
    gcBetweenRuns === 'minor' ? () => gc?.({ type: 'minor' }) : gcBetweenRuns === 'major' ? () => gc?.() : undefined;
  return async (fn, loops) => {
    collect?.();
    try {
      return await fn(loops, now, sink);
    } catch (e) {
      throw new StatementError(e);
    }
  };
}
