// V8's verdicts on real child runs, on every supported Node, against ground truth by construction:
// test/fixtures/verdicts/phenomena.ts has one function per phenomenon (and clean ones), each driven
// below so that it shows exactly that phenomenon, which V8's own trace confirms
// (`--trace-deopt-verbose`, the IC log: see the README's "Why is it slow"). Positions are asserted
// in the original TypeScript, at the column V8 names (the operator, the property, the bracket).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { annotateHtml } from '../../src/core/verdicts/annotateHtml.ts';
import { explain, type FunctionTiers, type Verdict } from '../../src/core/verdicts/verdicts.ts';
import { readV8Log } from '../../src/core/v8log/stacks.ts';
import { EXPLAIN_FLAGS, mainIsolateLog } from '../../src/engine/profile.ts';
import { runExplain, runProfile } from '../../src/engine/profile.ts';
import { supportedNodes } from '../supportedNodes.ts';
import { ensureBuilt, examples, runnerPath, tempDir, tempProject } from './buildOnce.ts';

before(ensureBuilt);

const fixture = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/verdicts/phenomena.ts'), 'utf8');
const fixtureLines = fixture.split('\n');
const dir = tempProject({ 'phenomena.ts': fixture });
const file = path.join(dir, 'phenomena.ts');
// A module whose loading deopts `add` (small integers, then a fraction) before any statement runs.
const loading = path.join(
  tempProject({
    'loading.ts': [
      'export function add(a: number, b: number): number {',
      '  return a + b;',
      '}',
      'let sink = 0;',
      // Long enough for V8 to optimise `add` even on a busy machine (compilation is concurrent).
      'const t0 = Date.now();',
      'while (Date.now() - t0 < 300) for (let i = 0; i < 10000; i++) sink = add(sink, 1) & 0xffff;',
      'sink = add(sink, 0.5);',
      'export const loaded = sink;',
      'export function twice(n: number): number {',
      '  return n * 2;',
      '}',
      '',
    ].join('\n'),
  }),
  'loading.ts',
);

/** 1-based line and column of `code` inside `lineText`, on the line that has it (`at`: offset inside `code`). */
function where(lineText: string, code: string, at = 0): { line: number; column: number } {
  const index = fixtureLines.findIndex((l) => l.includes(lineText));
  assert.ok(index >= 0 && lineText.includes(code), lineText);
  return { line: index + 1, column: fixtureLines[index].indexOf(lineText) + lineText.indexOf(code) + 1 + at };
}

let lastFunctions: FunctionTiers[] = [];
async function explainOn(nodePath: string, stmt: string, setup = ''): Promise<Verdict[]> {
  const o = await runExplain({ file, stmt, setup, runnerPath, minDurationMs: 300, nodePath });
  if (!o.ok) assert.fail(`${o.kind}: ${o.message}\n${o.stderr}`);
  assert.ok(!/\[bailout|DEP0205/.test(o.stdout), "V8's lines are not the user's output");
  for (const v of o.explanation.verdicts) {
    assert.ok(!/__hotline/.test(JSON.stringify(v)), `no internal name: ${JSON.stringify(v)}`);
    assert.ok(!/on.?stack.?replacement|OSR/i.test(v.reason), `OSR is not a verdict: ${v.reason}`);
  }
  assert.ok(!/__hotline/.test(JSON.stringify(o.explanation.functions)), 'no internal name in the tiers');
  lastFunctions = o.explanation.functions;
  return o.explanation.verdicts;
}

/** A warm-up by time, not by count: V8 compiles concurrently, later on a busy machine. */
const WARM_UP = 'const t0 = Date.now(); while (Date.now() - t0 < 300)';
const statementOnes = (vs: Verdict[]) => vs.filter((v) => v.phase === 'statement');
const show = (vs: Verdict[]) => JSON.stringify(vs.map((v) => [v.phase, v.kind, v.line, v.column, v.reason]));

/**
 * V8's own deopt trace (`--trace-deopt-verbose`): each bailout's reason and innermost position,
 * `[bailout (kind: deopt-eager, reason: not a Smi): begin. …` then `;;; deoptimize at <file:line:col>`.
 */
function tracedDeopts(trace: string, file: string): string[] {
  const out: string[] = [];
  let reason: string | undefined;
  for (const line of trace.split('\n')) {
    const bailout = /^\[bailout \(kind: [\w-]+, reason: (.*)\): begin/.exec(line);
    if (bailout) reason = bailout[1];
    const at = /;;; deoptimize at <([^>]*):(\d+):(\d+)>/.exec(line);
    if (at && reason !== undefined) {
      if (at[1] === file && !/on stack replacement|OSR/.test(reason)) out.push(`${at[2]}:${at[3]} ${reason}`);
      reason = undefined;
    }
  }
  return [...new Set(out)].sort();
}

for (const node of supportedNodes) {
  test(`clean code, long loops included (OSR), gets no verdict on the statement, every busy function optimised (${node.label})`, async () => {
    const clean = await explainOn(
      node.path,
      'sum(ints) + nested(100)',
      'const ints = Array.from({ length: 10000 }, (_, i) => i % 100)',
    );
    assert.deepEqual(statementOnes(clean), [], show(clean));
    // Every Node's markers read: the busy functions reached TurboFan and ran there.
    for (const name of ['sum', 'nested']) {
      const f = lastFunctions.find((t) => t.fn === name);
      assert.ok(f, `${name} was sampled: ${JSON.stringify(lastFunctions)}`);
      assert.ok(
        f.reached.some((r) => r.tier === 'TurboFan'),
        `${name} reached TurboFan: ${JSON.stringify(f.reached)}`,
      );
      assert.ok(f.samples.TurboFan + f.samples.Maglev > f.samples.interpreter + f.samples.Sparkplug, JSON.stringify(f));
    }
  });

  test(`every deopt V8 traces (--trace-deopt-verbose) is a verdict at the same place, and no other (${node.label})`, () => {
    // One run with V8's trace and the explain run's log together, on the unit tests' fixture.
    const script = path.join(import.meta.dirname, '../fixtures/v8logs/verdicts/phenomena.js');
    const logDir = tempDir('hotline-v8log-trace-');
    const trace = execFileSync(
      node.path,
      ['--trace-deopt-verbose', ...EXPLAIN_FLAGS, `--logfile=${path.join(logDir, 'v8.log')}`, script],
      { encoding: 'latin1', maxBuffer: 256 * 1024 * 1024 },
    );
    const source = fs.readFileSync(script, 'utf8');
    const { verdicts } = explain({
      log: readV8Log(mainIsolateLog(logDir, 'phenomena.js')),
      coverage: [],
      coverageSources: {},
      isUserFile: (f) => f === script,
      isHarnessFile: () => false,
      readText: (f) => (f === script ? source : undefined),
    });
    const ours = [
      ...new Set(verdicts.filter((v) => v.kind === 'deopt').map((v) => `${v.line}:${v.column} ${v.reason}`)),
    ];
    const traced = tracedDeopts(trace, script);
    assert.ok(traced.length >= 1, trace.slice(0, 2000));
    assert.deepEqual(ours.sort(), traced);
  });

  test(`what V8 logged while the module loaded is apart from the statement's findings (${node.label})`, async () => {
    const o = await runExplain({
      file: loading,
      stmt: 'twice(3)',
      runnerPath,
      minDurationMs: 300,
      nodePath: node.path,
    });
    if (!o.ok) assert.fail(`${o.kind}: ${o.message}`);
    const vs = o.explanation.verdicts;
    assert.deepEqual(statementOnes(vs), [], show(vs));
    const deopt = vs.find((v) => v.kind === 'deopt' && v.fn === 'add');
    assert.deepEqual([deopt?.phase, deopt?.reason, deopt?.line, deopt?.column], ['load', 'not a Smi', 2, 12], show(vs));
  });

  test(`a type change under optimised code: a deopt at the operator, with V8's reason (${node.label})`, async () => {
    const vs = await explainOn(node.path, 'addAll(1000, 0.5)', `${WARM_UP} addAll(1000, 1)`);
    const deopt = vs.find((v) => v.kind === 'deopt' && v.fn === 'add');
    assert.ok(deopt, show(vs));
    assert.deepEqual(
      [deopt.phase, deopt.reason, deopt.deoptKind, deopt.line, deopt.column, deopt.code],
      ['statement', 'not a Smi', 'eager', ...Object.values(where('return a + b', '+')), 'a + b'],
    );
    assert.ok(!vs.some((v) => v.kind === 'not optimised'), show(vs));
  });

  test(`a small-integer array given a double: the elements kind change at the write, no shape advice (${node.label})`, async () => {
    const make = 'Array.from({ length: 64 }, () => 1)';
    const vs = await explainOn(node.path, `fill(${make}, 0.5)`, `${WARM_UP} fill(${make}, 1)`);
    const change = vs.find((v) => v.kind === 'elements kind');
    assert.ok(change, show(vs));
    assert.deepEqual(
      [change.phase, change.elementsKinds, change.line, change.column, change.code],
      [
        'statement',
        ['PACKED_SMI_ELEMENTS', 'PACKED_DOUBLE_ELEMENTS'],
        ...Object.values(where('a[i] = v', '=')),
        'a[i] = v',
      ],
    );
    assert.ok(!vs.some((v) => /object shapes/.test(v.reason)), show(vs));
  });

  test(`a read past the end of an array is reported at the read (${node.label})`, async () => {
    const vs = await explainOn(node.path, 'sumPast(ints)', 'const ints = Array.from({ length: 1000 }, (_, i) => i)');
    const oob = vs.find((v) => v.kind === 'out of bounds');
    assert.ok(oob, show(vs));
    assert.deepEqual(
      [oob.phase, oob.reason, oob.line, oob.column, oob.code],
      [
        'statement',
        'read past the end of an array (index 1000)',
        ...Object.values(where('s += a[i] | 0', '[')),
        'a[i]',
      ],
    );
  });

  test(`objects in dictionary mode after delete: the read and, apart, the delete in the setup (${node.label})`, async () => {
    const vs = await explainOn(node.path, 'readA(objs)', 'const objs = stripped(1000)');
    const read = vs.find((v) => v.kind === 'dictionary mode' && v.phase === 'statement');
    assert.ok(read, show(vs));
    assert.deepEqual(
      [read.line, read.column, read.code],
      [...Object.values(where('objects[i].a', '.a', 1)), 'objects[i].a'],
    );
    const made = vs.find((v) => v.kind === 'dictionary mode' && v.phase === 'setup');
    assert.ok(made, show(vs));
    assert.deepEqual([made.line, made.column, made.count], [...Object.values(where('delete o.b', 'delete')), 1000]);
    assert.ok(vs.indexOf(read) < vs.indexOf(made), "the statement's findings come first");
    assert.match(read.explanation, /`delete` of a property at line \d+/);
  });

  test(`one keyed read of many property names is megamorphic, said as a floor (${node.label})`, async () => {
    const vs = await explainOn(
      node.path,
      'byName(o, names)',
      "const names = Array.from({ length: 16 }, (_, i) => 'k' + i); const o = Object.fromEntries(names.map((n) => [n, 1]))",
    );
    const mega = vs.find((v) => v.kind === 'megamorphic');
    assert.ok(mega, show(vs));
    assert.deepEqual([mega.line, mega.column, mega.atLeast], [...Object.values(where('o[names[i]]', '[')), true]);
    assert.match(mega.reason, /^reads saw at least \d+ property names$/);
  });

  test(`every read on a line of four reads over eight shapes is reported, each at its column (${node.label})`, async () => {
    const vs = await explainOn(
      node.path,
      'moments(points)',
      "const points = Array.from({ length: 8000 }, (_, i) => { const p = {}; p['f' + (i % 8)] = 0; p.x = 1; p.y = 2; return p; })",
    );
    const mega = vs.filter((v) => v.kind === 'megamorphic' && v.fn === 'moments');
    const line = where('s += p.x * p.y + p.x - p.y', 'p.x').line;
    const text = fixtureLines[line - 1];
    const columns = [...text.matchAll(/p\.[xy]/g)].map((m) => m.index + 3);
    assert.deepEqual(
      mega.map((v) => [v.line, v.column, v.code]),
      columns.map((c, i) => [line, c, ['p.x', 'p.y', 'p.x', 'p.y'][i]]),
      show(vs),
    );
    assert.ok(mega.every((v) => v.phase === 'statement' && v.atLeast && (v.maps ?? 0) >= 5));
  });

  test(`string receivers are not object shapes (${node.label})`, async () => {
    const vs = await explainOn(
      node.path,
      'lower(words)',
      "const words = ['Abc', 'DEF', 'x'.repeat(30) + 'Y', 'a' + 'B'.repeat(20), 'Hello World'.slice(1, 9)]",
    );
    assert.deepEqual(statementOnes(vs), [], show(vs));
  });
}

test('profile with explain: the verdicts come with the line profile; the annotated HTML is self-contained', async () => {
  const example = path.join(examples, 'src/shapes.ts');
  const o = await runProfile({
    file: example,
    stmt: 'moments(mixed)',
    setup: 'const mixed = mixedPoints(10000)',
    runnerPath,
    minDurationMs: 500,
    explain: true,
  });
  if (!o.ok) assert.fail(`${o.kind}: ${o.message}`);
  const moments = o.lineProfile.functions.find((f) => f.name === 'moments')!;
  const mega = o.explanation!.verdicts.filter((v) => v.kind === 'megamorphic' && v.fn === 'moments');
  assert.deepEqual(
    mega.map((v) => v.code).sort(),
    ['p.x', 'p.x', 'p.y', 'p.y'],
    `all four reads are marked: ${JSON.stringify(mega)}`,
  );
  const hot = moments.lines.reduce((a, b) => (b.micros > a.micros ? b : a));
  assert.equal(hot.line, mega[0].line, 'the megamorphic reads are on the hottest line');
  const html = annotateHtml({
    title: 'moments',
    profile: o.lineProfile,
    verdicts: o.explanation!.verdicts,
    producedBy: 'test',
    functions: [{ fn: moments, source: fs.readFileSync(example, 'utf8').split('\n'), displayFile: 'src/shapes.ts' }],
  });
  assert.ok(!/(src|href)=["']?(https?:)?\/\//.test(html) && !/<script/.test(html), 'no remote resources, no script');
  assert.match(html, /prefers-color-scheme: dark/);
  assert.match(html, /<b class="M">M<\/b>/);
  assert.match(html, /Megamorphic at <code>p\.x/);
});
