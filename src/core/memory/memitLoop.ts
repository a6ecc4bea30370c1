// The generated function memit runs: the setup once, then a loop of the statement that can be run
// again and again. Unlike timeit's loop, the setup is outside it, so what the setup allocates is
// never counted as the statement's.
import { GENERATED_PREFIX, loopBody, uniqueId, type LoopSpec } from '../timing/loopSource';

/** `(async) function() { setup; return (async) function(__n, __sink) { … } }`. */
export function memitLoopSource(spec: LoopSpec, id = uniqueId()): string {
  const setupIsAsync = /\bawait\b/.test(spec.setup);
  return [
    `(${setupIsAsync ? 'async ' : ''}function ${GENERATED_PREFIX}memit_setup_${id}() {`,
    spec.setup,
    `;return ${spec.awaitEach ? 'async ' : ''}function ${GENERATED_PREFIX}memit_${id}(${GENERATED_PREFIX}n, ${GENERATED_PREFIX}sink) {`,
    `for (let ${GENERATED_PREFIX}i = 0; ${GENERATED_PREFIX}i < ${GENERATED_PREFIX}n; ${GENERATED_PREFIX}i++) {`,
    loopBody(spec),
    '}',
    '};',
    '})',
    `//# sourceURL=hotline-memit-${id}.js`,
  ].join('\n');
}
