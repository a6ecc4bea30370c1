// The profiling engine end to end on the example blur: exact hits from the coverage run, the
// largest time share from the sampling run, both on the right lines of the .ts file.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { functionReport, lineMicros } from '../../src/core/lines/lineProfilerReport.ts';
import { STATEMENT_NODE_NAME } from '../../src/core/lines/attribution.ts';
import { runProfile } from '../../src/engine/profile.ts';
import { statsRows } from '../../src/core/flame/flameLayout.ts';
import { flameOfRun, functionStats } from '../../src/core/flame/profileModel.ts';
import { supportedNodes, type SupportedNode } from '../supportedNodes.ts';
import { ensureBuilt, examples, runnerPath, tempProject } from './buildOnce.ts';

before(ensureBuilt);

/** The test once per supported Node (each runs real child processes on that Node). */
function eachNode(name: string, fn: (node: SupportedNode) => Promise<void>): void {
  for (const node of supportedNodes) test(`${name} (${node.label})`, () => fn(node));
}

const blurFile = path.join(examples, 'src/blur.ts');
const blurSource = fs.readFileSync(blurFile, 'utf8').split('\n');
const lineOf = (text: string) => blurSource.findIndex((l) => l.includes(text)) + 1;

eachNode('blur(x, steps): the inner loop body has exactly steps·(N−2) hits and the largest time', async (node) => {
  const steps = 40;
  const o = await runProfile({
    file: blurFile,
    stmt: `blur(x, ${steps})`,
    setup: 'const x = sawtooth(N)',
    runnerPath,
    nodePath: node.path,
    minDurationMs: 600,
  });
  if (!o.ok) assert.fail(`${o.kind}: ${o.message}\n${o.detail ?? ''}`);
  const lines = o.lineProfile.files.find((f) => f.file === blurFile)!.lines;
  const body = lineOf('xk[i] = 0.25 * (x[i - 1] + 2 * x[i] + x[i + 1]);');
  assert.equal(body, 15);
  const bodyStat = lines.find((l) => l.line === body)!;
  assert.equal(bodyStat.hits, steps * (1024 - 2));
  assert.equal(lines.find((l) => l.line === lineOf('[x, xk] = [xk, x];'))!.hits, steps);
  assert.equal(lines.find((l) => l.line === lineOf('x = x.slice();'))!.hits, 1);
  const hottest = lines
    .filter((l) => l.line >= 8 && l.line <= 20)
    .reduce((a, b) => (lineMicros(b) > lineMicros(a) ? b : a));
  assert.equal(hottest.line, body, 'the largest time share is on the loop body');
  assert.equal(
    lines.find((l) => l.line === lineOf('}') && l.line > body)?.hits ?? null,
    null,
    'a closing brace is not a statement',
  );
  const blurFn = o.lineProfile.functions.find((f) => f.name === 'blur')!;
  assert.equal(blurFn.calls, 1);
  assert.deepEqual([blurFn.startLine, blurFn.endLine], [8, 20]);
  assert.ok(o.lineProfile.executions > 1, 'the sampling run repeats the statement');
  const report = functionReport(blurFn, blurSource, 'blur.ts');
  assert.match(report, new RegExp(`^\\s+15\\s+${steps * 1022}\\s`, 'm'));
  assert.equal(
    lines.find((l) => l.line === lineOf('for (let s = 0; s < steps; s++) {'))!.hits,
    steps + 1,
    'loop header: entries + iterations',
  );
  // wave.ts ran only in the setup: Hits count the statement, as line_profiler counts the profiled call
  const wave = o.lineProfile.files.find((f) => f.file.endsWith('wave.ts'));
  assert.ok(!wave || wave.lines.every((l) => !l.hits), 'no Hits from the setup');
  assert.ok(o.coverage.ranBeforeStatement.includes('sawtooth'), 'but the runner knows sawtooth ran in the setup');

  // the flame view: the statement's tree only, TypeScript locations, exact ncalls; blur directly
  // under (statement) even where TurboFan inlined it into the loop, with the statement's own time ≈ 0
  const flat = flameOfRun(o.profile, o.callCounts);
  assert.equal(flat.functions[flat.func[1]].name, STATEMENT_NODE_NAME, 'the runner frames are cut away');
  const underStatement = flat.parent.map((p, i) => (p === 1 ? flat.functions[flat.func[i]].name : '')).filter(Boolean);
  assert.deepEqual(
    underStatement.filter((n) => n !== '(garbage collector)'),
    ['blur'],
    'V8 logs no stack during GC: that is its own block',
  );
  assert.ok(flat.self[1] < 0.05 * flat.total[1], `(statement) self ${flat.self[1]} of ${flat.total[1]} µs`);
  const rows = statsRows(flat, functionStats(flat));
  const blurRow = rows.find((r) => r.location === 'blur.ts:8(blur)')!;
  assert.equal(blurRow.ncalls, 1);
  assert.ok(
    rows.every((r) => !r.location.includes('runner.js') || r.ncalls === null),
    'no made-up counts',
  );
  assert.ok(
    o.profile.nodes.every((n) => !n.callFrame.url.includes('/dist/')),
    'no runner frames',
  );
});

eachNode('recursion: fib is counted once per stack in its total, calls are exact', async (node) => {
  const o = await runProfile({
    file: path.join(examples, 'src/fib.ts'),
    stmt: 'fib(18)',
    runnerPath,
    nodePath: node.path,
    minDurationMs: 400,
  });
  if (!o.ok) assert.fail(o.message);
  const fib = o.lineProfile.functions.find((f) => f.name === 'fib')!;
  assert.equal(fib.calls, 8361, 'fib(18) makes 8361 calls');
  assert.ok(fib.totalMicros <= o.lineProfile.totalMicros + 1e-6, 'total is not multiplied by the recursion depth');
  for (const l of fib.lines) assert.ok(lineMicros(l) <= fib.totalMicros + 1e-6, `line ${l.line} over 100 %`);
  assert.ok(fib.recursive, 'reported as recursive: its lines overlap');
});

eachNode('a CommonJS file is profiled with identity mapping', async (node) => {
  const o = await runProfile({
    file: path.join(examples, 'js/primes.cjs'),
    stmt: 'countPrimes(2000)',
    runnerPath,
    nodePath: node.path,
    minDurationMs: 300,
  });
  if (!o.ok) assert.fail(o.message);
  const lines = o.lineProfile.files.find((f) => f.file.endsWith('primes.cjs'))!.lines;
  assert.equal(lines.find((l) => l.line === 15)!.hits, 1998, 'the countPrimes loop body runs limit-2 times');
  assert.equal(
    lines.find((l) => l.line === 14)!.hits,
    1999,
    "a loop header counts its checks, as Python's for line: 1 entry + 1998 iterations",
  );
});

eachNode('profiling errors are reported like timing errors', async (node) => {
  const dir = tempProject({ 'bad.js': 'export function f() { throw new Error("nope"); }\n' });
  const o = await runProfile({ file: path.join(dir, 'bad.js'), stmt: 'f()', runnerPath, nodePath: node.path });
  assert.equal(o.ok, false);
  if (!o.ok) {
    assert.equal(o.kind, 'throw');
    assert.match(o.message, /Error: nope/);
  }
});
