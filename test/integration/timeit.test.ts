// The timing engine end to end: a real child Node process on the example workspace and on
// hostile inputs. No timing assertions beyond "> 0": these machines are noisy.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { runTimeit, type TimeitOutcome } from '../../src/engine/timeit.ts';
import { ensureBuilt, examples, runnerPath, tempProject } from './buildOnce.ts';

before(ensureBuilt);

const quick = { repeat: 2, runnerPath, timeoutMs: 60_000 };
const ok = (o: TimeitOutcome) => {
  if (!o.ok) assert.fail(`${o.kind}: ${o.message}\n${o.detail ?? ''}\n${o.stderr}`);
  return o;
};
const failed = (o: TimeitOutcome) => {
  if (o.ok) assert.fail(`expected a failure, got ${o.line}`);
  return o;
};

/** Node processes whose command line names the runner: none may outlive a run. */
function runnerProcesses(): string[] {
  return execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(runnerPath));
}

test('times blur in blur.ts with setup in the module scope (imported sawtooth, exported N)', async () => {
  const o = ok(
    await runTimeit({
      ...quick,
      file: path.join(examples, 'src/blur.ts'),
      stmt: 'blur(x, 10)',
      setup: 'const x = sawtooth(N)',
    }),
  );
  assert.equal(o.result.repeat, 2);
  assert.ok(o.result.loops >= 1 && Math.log10(o.result.loops) % 1 === 0, 'autorange gives a power of ten');
  // autorange stops at the first 10^k whose calibration run took >= 0.2 s; the timed runs after it
  // are warmer and can be faster on a busy machine, so only their order of magnitude is checked
  assert.ok(
    Math.max(...o.result.allRuns) >= 0.05 || o.result.loops === 1e9,
    `runs of about 0.2 s: ${o.result.allRuns}`,
  );
  assert.ok(o.result.average > 0);
  assert.match(o.line, /per loop \(mean ± std\. dev\. of 2 runs, [\d,]+ loops? each\)$/);
  assert.match(o.transpiler, /^TypeScript \d+\.\d+\.\d+ \((the project's|Hotline's)\)$/);
});

test('IPython options in the statement win: -n 3 -r 4', async () => {
  const o = ok(
    await runTimeit({ ...quick, file: path.join(examples, 'src/sum.ts'), stmt: '-n 3 -r 4 sumNumbers(1000)' }),
  );
  assert.equal(o.result.loops, 3);
  assert.equal(o.result.repeat, 4);
  assert.equal(o.result.allRuns.length, 4);
});

test('with -n the timed runs are warm: a first call that costs 60 ms is not in any run', async () => {
  const dir = tempProject({
    'lazy.js': [
      'let ready = false;',
      'export function lookup(k) {',
      '  if (!ready) { const end = Date.now() + 60; while (Date.now() < end); ready = true; }',
      '  return k * 2;',
      '}',
    ].join('\n'),
  });
  const o = ok(await runTimeit({ ...quick, repeat: 3, file: path.join(dir, 'lazy.js'), stmt: '-n 1 lookup(3)' }));
  // Cold, run 1 would take ≥ 60 ms; warm, every run is a single cheap call.
  assert.ok(Math.max(...o.result.allRuns) < 0.03, `runs: ${o.result.allRuns}`);
});

test('non-exported functions and module-level values are in scope', async () => {
  const dir = tempProject({
    'hidden.ts':
      'const table: number[] = [1, 2, 3];\nfunction secret(k: number): number { return table[k % 3] * 2; }\nexport const unused = 0;\n',
  });
  const o = ok(await runTimeit({ ...quick, file: path.join(dir, 'hidden.ts'), stmt: '-n 10 secret(4)' }));
  assert.ok(o.result.average > 0);
});

test('a CommonJS module, and a statement made of statements', async () => {
  const o = ok(
    await runTimeit({
      ...quick,
      file: path.join(examples, 'js/primes.cjs'),
      stmt: '-n 10 const c = countPrimes(200); if (c !== 46) throw new Error(String(c))',
    }),
  );
  assert.equal(o.result.loops, 10);
});

test('an empty function is not reported as free', async () => {
  const dir = tempProject({ 'empty.js': 'export function empty() {}\n' });
  const o = ok(await runTimeit({ ...quick, file: path.join(dir, 'empty.js'), stmt: 'empty()' }));
  assert.ok(o.result.best > 0, `best ${o.result.best}`);
});

test('an async function is awaited each loop and the await floor is reported', async () => {
  const o = ok(await runTimeit({ ...quick, file: path.join(examples, 'src/fib.ts'), stmt: '-n 20 fibLater(10)' }));
  assert.equal(o.result.async, true);
  assert.ok((o.result.awaitFloor ?? 0) > 0);
});

test('a module whose top level is slow gets a note saying so', async () => {
  const dir = tempProject({
    'slow.js': 'const end = Date.now() + 700; while (Date.now() < end) {}\nexport const f = () => 1;\n',
  });
  const o = ok(await runTimeit({ ...quick, file: path.join(dir, 'slow.js'), stmt: '-n 10 f()' }));
  assert.match(o.notes.join('\n'), /loading slow\.js took \d+\.\d\d s: its top-level code runs once before the timing/);
});

test('user output is captured, not mixed into the protocol', async () => {
  const dir = tempProject({
    'noisy.js': 'console.log("loading noisy"); export const f = () => { console.log("x".repeat(10)); return 1; };\n',
  });
  const o = ok(await runTimeit({ ...quick, file: path.join(dir, 'noisy.js'), stmt: '-n 2 f()' }));
  assert.match(o.stdout, /loading noisy/);
});

test('hostile inputs each give a clear message and leave no process behind', async (t) => {
  const dir = tempProject({
    'broken.ts': 'export function f( {\n  return 1;\n}\n',
    'badimport.ts': "import { nothing } from './missing.ts';\nexport const f = () => nothing;\n",
    'throws.ts':
      'export function boom(n: number): number {\n  if (n > 0) throw new RangeError(`too big: ${n}`);\n  return n;\n}\n',
    'exits.js': 'export function quit() { process.exit(3); }\n',
    'spins.js': 'export function spin() { for (;;) {} }\n',
    'hangs.js': 'export function never() { return new Promise(() => {}); }\n',
    'toplevel.js': 'throw new Error("config missing");\n',
    'loud.js': 'export function shout() { process.stdout.write("y".repeat(1 << 20)); return 1; }\n',
  });
  const file = (n: string) => path.join(dir, n);
  const cases: [string, () => Promise<TimeitOutcome>, string, RegExp][] = [
    [
      'syntax error in the file',
      () => runTimeit({ ...quick, file: file('broken.ts'), stmt: 'f()' }),
      'syntax',
      /^cannot compile broken\.ts:2:10: ':' expected\. \(TS1005\)/,
    ],
    [
      'import that does not resolve',
      () => runTimeit({ ...quick, file: file('badimport.ts'), stmt: 'f()' }),
      'load',
      /does not resolve.*missing\.ts/,
    ],
    [
      'function name not found',
      () => runTimeit({ ...quick, file: path.join(examples, 'src/blur.ts'), stmt: 'blurr(x)', setup: 'const x = [1]' }),
      'notFound',
      /blurr is not defined in the scope of blur\.ts/,
    ],
    [
      'statement that throws, source-mapped',
      () => runTimeit({ ...quick, file: file('throws.ts'), stmt: 'boom(5)' }),
      'throw',
      /RangeError: too big: 5 \(throws\.ts:2\)/,
    ],
    [
      'process.exit(3)',
      () => runTimeit({ ...quick, file: file('exits.js'), stmt: 'quit()' }),
      'exit',
      /process\.exit\(3\)/,
    ],
    [
      'infinite loop',
      () => runTimeit({ ...quick, timeoutMs: 1500, file: file('spins.js'), stmt: 'spin()' }),
      'timeout',
      /timed out after 1\.5 s/,
    ],
    [
      'a Promise that never settles',
      () => runTimeit({ ...quick, file: file('hangs.js'), stmt: 'never()' }),
      'unsettled',
      /never settled/,
    ],
    [
      'top level throws while loading',
      () => runTimeit({ ...quick, file: file('toplevel.js'), stmt: '1' }),
      'load',
      /toplevel\.js threw while loading.*config missing/,
    ],
    [
      'invalid statement',
      () => runTimeit({ ...quick, file: file('exits.js'), stmt: 'quit(' }),
      'syntax',
      /statement is not valid JavaScript/,
    ],
    [
      'unknown option',
      () => runTimeit({ ...quick, file: file('exits.js'), stmt: '-z quit()' }),
      'badInput',
      /unknown option -z/,
    ],
    [
      'missing node',
      () => runTimeit({ ...quick, nodePath: '/nonexistent/node', file: file('exits.js'), stmt: '1' }),
      'spawn',
      /not found \(set hotline\.nodePath\)/,
    ],
  ];
  for (const [name, run, kind, message] of cases) {
    await t.test(name, async () => {
      const o = failed(await run());
      assert.equal(o.kind, kind, o.message);
      assert.match(o.message, message);
      assert.deepEqual(runnerProcesses(), []);
    });
  }
  await t.test('huge output is kept bounded', async () => {
    const o = ok(await runTimeit({ ...quick, file: file('loud.js'), stmt: '-n 2 -r 1 shout()' }));
    assert.ok(o.stdout.length < 70 * 1024, `kept ${o.stdout.length} bytes`);
    assert.match(o.stdout, /earlier lines? not kept/);
  });
  await t.test('cancel stops the run and kills the child', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 500);
    const o = failed(await runTimeit({ ...quick, file: file('spins.js'), stmt: 'spin()', signal: controller.signal }));
    assert.equal(o.kind, 'cancelled');
    assert.deepEqual(runnerProcesses(), []);
  });
  await t.test('a normal timing still succeeds afterwards', async () => {
    ok(await runTimeit({ ...quick, file: path.join(examples, 'src/sum.ts'), stmt: '-n 100 sumNumbers(10)' }));
  });
});
