// Source of the generated timing functions, after Python's timeit template:
//   def inner(_it, _timer): <setup>; _t0 = _timer(); for _i in _it: <stmt>; return _timer() - _t0
// Each source is unique (a counter and a nonce in its name): V8 caches compilations by source and
// would otherwise share one function, and its type feedback, between different statements.
// Every value the statement produces is stored to one slot of a sink that escapes, so V8 cannot delete
// the work; one slot, so only the latest result stays alive (a ring of results kept 1024 of them reachable,
// which made a 100 KB JSON.parse read 30-50 % slower through GC and multiplied peak memory).

export interface LoopSpec {
  setup: string;
  stmt: string;
  /** The statement is an expression whose value can be sunk; otherwise it is pasted as statements. */
  isExpression: boolean;
  /** Await the statement each loop (it returned a thenable when probed). */
  awaitEach: boolean;
}

let counter = 0;
const nonce = Math.random().toString(36).slice(2, 8);

/** Name prefix of generated functions, so stack traces can hide them. */
export const GENERATED_PREFIX = '__hotline_';

export function uniqueId(): string {
  counter += 1;
  return `${counter}_${nonce}`;
}

/** One loop's body: the statement, its value (awaited if asked) stored to the sink's one slot. */
export function loopBody(spec: Pick<LoopSpec, 'stmt' | 'isExpression' | 'awaitEach'>): string {
  const value = spec.awaitEach ? `await (${spec.stmt}\n)` : `(${spec.stmt}\n)`;
  return spec.isExpression ? `${GENERATED_PREFIX}sink[0] = ${value};` : `${spec.stmt}\n;`;
}

/**
 * `(async) function(__n, __now, __sink) → seconds`. The setup and the statement are separated
 * from the template by line breaks so a `//` comment in them cannot swallow the loop.
 */
export function timingFunctionSource(spec: LoopSpec, id = uniqueId()): string {
  const isAsync = spec.awaitEach || /\bawait\b/.test(spec.setup);
  const body = loopBody(spec);
  return [
    `(${isAsync ? 'async ' : ''}function ${GENERATED_PREFIX}timeit_${id}(${GENERATED_PREFIX}n, ${GENERATED_PREFIX}now, ${GENERATED_PREFIX}sink) {`,
    spec.setup,
    `;const ${GENERATED_PREFIX}t0 = ${GENERATED_PREFIX}now();`,
    `for (let ${GENERATED_PREFIX}i = 0; ${GENERATED_PREFIX}i < ${GENERATED_PREFIX}n; ${GENERATED_PREFIX}i++) {`,
    body,
    '}',
    `return (${GENERATED_PREFIX}now() - ${GENERATED_PREFIX}t0) / 1000;`,
    '})',
    `//# sourceURL=hotline-timeit-${id}.js`,
  ].join('\n');
}

/** Runs setup and the statement once and returns the statement's value (to probe for thenables and errors). */
export function probeFunctionSource(spec: Pick<LoopSpec, 'setup' | 'stmt' | 'isExpression'>, id = uniqueId()): string {
  const isAsync = /\bawait\b/.test(spec.setup);
  return [
    `(${isAsync ? 'async ' : ''}function ${GENERATED_PREFIX}probe_${id}() {`,
    spec.setup,
    ';',
    spec.isExpression ? `return (${spec.stmt}\n);` : `${spec.stmt}\n;`,
    '})',
    `//# sourceURL=hotline-probe-${id}.js`,
  ].join('\n');
}

/** The cost of awaiting an already-resolved value, the floor under any awaited loop. */
export function awaitFloorSource(id = uniqueId()): string {
  return [
    `(async function ${GENERATED_PREFIX}await_floor_${id}(${GENERATED_PREFIX}n, ${GENERATED_PREFIX}now, ${GENERATED_PREFIX}sink) {`,
    `const ${GENERATED_PREFIX}t0 = ${GENERATED_PREFIX}now();`,
    `for (let ${GENERATED_PREFIX}i = 0; ${GENERATED_PREFIX}i < ${GENERATED_PREFIX}n; ${GENERATED_PREFIX}i++) { ${GENERATED_PREFIX}sink[0] = await undefined; }`,
    `return (${GENERATED_PREFIX}now() - ${GENERATED_PREFIX}t0) / 1000;`,
    '})',
  ].join('\n');
}

/** Source that compiles only if `stmt` is an expression (used by the runner to pick the template). */
export function expressionCheckSource(stmt: string): string {
  return `(function () { return (${stmt}\n); })`;
}

/** Name prefix of the generated function that runs the profiled statement (its frames are the statement's). */
export const STATEMENT_PREFIX = `${GENERATED_PREFIX}statement_`;
/** Name prefix of the generated function that runs the profiled statement's setup. */
export const SETUP_PREFIX = `${GENERATED_PREFIX}profile_setup_`;

/**
 * The profiled loop: the setup runs once in an outer function, which returns the statement's loop
 * as a closure over the setup's names, so the setup's work is never part of the statement's
 * profile. The loop repeats the statement while `more(i)` says so, awaiting a thenable result
 * only when one comes back. Used once for the coverage run (exact hits of one execution) and many
 * times for the sampling run (enough samples).
 */
export function profileLoopSource(spec: Pick<LoopSpec, 'setup' | 'stmt' | 'isExpression'>, id = uniqueId()): string {
  const p = GENERATED_PREFIX;
  const body = spec.isExpression
    ? [
        `let ${p}v = (${spec.stmt}\n);`,
        `if (${p}v !== null && typeof ${p}v === 'object' && typeof ${p}v.then === 'function') ${p}v = await ${p}v;`,
        `${p}sink[0] = ${p}v;`,
      ].join('\n')
    : `${spec.stmt}\n;`;
  return [
    `(async function ${SETUP_PREFIX}${id}(${p}more, ${p}sink) {`,
    spec.setup,
    `;return async function ${STATEMENT_PREFIX}${id}() {`,
    `let ${p}i = 0;`,
    `for (; ${p}more(${p}i); ${p}i++) {`,
    body,
    '}',
    `return ${p}i;`,
    '};',
    '})',
    `//# sourceURL=hotline-profile-${id}.js`,
  ].join('\n');
}
