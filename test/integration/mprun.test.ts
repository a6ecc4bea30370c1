// mprun end to end against bytes built into each line, on every supported Node: an array of n
// doubles is 8n bytes of elements, `new Float64Array(n)` is 8n bytes of ArrayBuffer memory, one
// helper called on two lines splits by what each call allocates, a line with no allocation reads
// ~0, and the lines of a TypeScript file keep their numbers.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runMprun } from '../../src/engine/mprun.ts';
import { succeeded as ok, within } from './bytes.ts';
import { ensureBuilt, root, runnerPath, tempProject } from './buildOnce.ts';
import { supportedNodes } from '../supportedNodes.ts';

before(ensureBuilt);

const JS = `export const doubles = (n) => new Array(n).fill(1.5);
export function lines(n) {
  const a = new Array(n).fill(1.5);
  const f = new Float64Array(2 * n);
  const b = doubles(n / 2);
  const c = doubles(n / 4);
  let s = 0;
  for (let i = 0; i < a.length; i += 1000) s += a[i];
  return [a, f, b, c, s];
}
export const plus = (x) => x + 1;
export function calm(n) {
  let s = 0;
  for (let i = 0; i < n; i++) s = plus(s);
  return s;
}
async function load(n) {
  await null;
  return new Array(n).fill(1.5);
}
export async function awaits(n) {
  const a = await load(n);
  const b = await load(4 * n);
  return a.length + b.length;
}
`;
// The same function after a block that TypeScript erases: emitted lines differ from the source's.
const TS = `interface Shape {
  kind: 'circle' | 'square';
  size: number;
}
type Sizes = number[];
export const doubles = (n: number): Sizes => new Array<number>(n).fill(1.5);
export function lines(n: number): [Sizes, Float64Array, Sizes] {
  const a: Sizes = new Array<number>(n).fill(1.5);
  const f = new Float64Array(2 * n);
  const b = doubles(n / 2);
  return [a, f, b];
}
export const shape: Shape = { kind: 'circle', size: 1 };
`;

let dir: string;
before(() => {
  dir = tempProject({ 'package.json': '{"type":"module"}', 'lines.mjs': JS, 'lines.ts': TS });
});

/** mprun on one function of a file of the test project, on the given Node. */
const mprunOn = (nodePath: string, file: string, stmt: string, fn: string) =>
  runMprun({ file: path.join(dir, file), stmt, functions: [fn], runnerPath, nodePath, timeoutMs: 120_000 });

for (const node of supportedNodes) {
  test(`${node.label}: bytes per line at the call site, heap and ArrayBuffers, against bytes built into each line`, async () => {
    const outcome = ok(await mprunOn(node.path, 'lines.mjs', 'lines(50000)', 'lines'));
    const [fn] = outcome.result.functions;
    assert.equal(fn.name, 'lines');
    const at = (line: number) => fn.lines.find((l) => l.line === line);
    within(at(3)!.heapBytes, 400_000, 0.1, 'line 3: 50,000 doubles');
    within(at(4)!.arrayBufferBytes, 800_000, 0.1, 'line 4: new Float64Array(100000)');
    assert.ok(at(4)!.heapBytes < 1000, `line 4's heap bytes are the typed array's object only: ${at(4)!.heapBytes}`);
    within(at(5)!.allocatedBytes, 200_000, 0.1, "line 5: the helper's 25,000 doubles, on the calling line");
    within(at(6)!.allocatedBytes, 100_000, 0.1, 'line 6: the same helper, 12,500 doubles');
    assert.equal(at(7), undefined, 'line 7 has no allocation site');
    assert.equal(at(8), undefined, 'line 8 has no allocation site');
    assert.ok(at(9)!.allocatedBytes < 200, `line 9 builds one small array: ${at(9)!.allocatedBytes}`);
    for (const l of fn.lines) assert.ok(l.allocatedBytes >= 0 && l.heapBytes >= 0 && l.arrayBufferBytes >= 0);
    assert.deepEqual(
      fn.lines.map((l) => l.hits),
      [1, 1, 1, 1, 1],
      'each line ran once per execution',
    );
    // A line whose call allocates nothing reads ~0 (a small integer comes back unboxed).
    const calm = ok(await mprunOn(node.path, 'lines.mjs', 'calm(10000)', 'calm')).result.functions[0];
    assert.deepEqual(
      calm.lines.map((l) => [l.line, l.hits]),
      [[14, 10000]],
    );
    assert.ok(calm.lines[0].allocatedBytes < 1, `plus(s) allocates nothing: ${calm.lines[0].allocatedBytes} B`);
    // The trampolines did not change what V8 allocates here: the total agrees with memit's on the unchanged code.
    within(outcome.result.statementBytes, outcome.memit.allocatedBytes, 0.1, "mprun's total against memit's");
    assert.ok(!outcome.notes.some((n) => /measured apart|outside its call stack/.test(n)), outcome.notes.join('\n'));

    // After an await, a callee resumes off the statement's stack: its 25,000 doubles are on no
    // line, and the run says so, with how much and where, instead of showing the lines as cheap.
    const async = ok(await mprunOn(node.path, 'lines.mjs', 'awaits(5000)', 'awaits'));
    within(async.result.outsideStackBytes, 200_000, 0.1, "the awaited callees' doubles, after their await");
    assert.match(async.notes.join('\n'), /outside its call stack \(load 2\d\d KB/);
    within(async.result.statementBytes, async.memit.allocatedBytes, 0.1, 'the total still holds them');

    const ts = ok(await mprunOn(node.path, 'lines.ts', 'lines(50000)', 'lines'));
    const tsFn = ts.result.functions[0];
    assert.deepEqual(
      [tsFn.startLine, tsFn.endLine, tsFn.lines.map((l) => l.line)],
      [7, 12, [8, 9, 10, 11]],
      'TypeScript lines are the source lines',
    );
    within(tsFn.lines[0].heapBytes, 400_000, 0.1, 'TypeScript line 8');
    within(tsFn.lines[1].arrayBufferBytes, 800_000, 0.1, 'TypeScript line 9');
    within(tsFn.lines[2].allocatedBytes, 200_000, 0.1, 'TypeScript line 10');
  });
}

test('hotline mprun: the %mprun table, --json, and a function that is not there', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'mprun', ...args], {
      encoding: 'utf8',
      cwd: dir,
      timeout: 180_000,
    });
  const table = cli('lines.mjs', 'lines(50000)', '-f', 'lines');
  assert.equal(table.status, 0, table.stderr);
  assert.match(table.stdout, /Line #\s+Hits\s+Allocated\s+% Alloc\s+Line Contents/);
  assert.match(table.stdout, /^\s+3\s+1\s+(39\d|40\d|41\d) KB\s+[\d.]+\s+const a = new Array\(n\)\.fill\(1\.5\);$/m);
  assert.match(table.stdout, /^\s+4\s+1\s+(7[6-9]\d|8[0-3]\d) KB/m);
  assert.match(table.stdout, /The statement \(memit, unchanged code\): allocated/);

  const json = cli('lines.mjs', 'lines(50000)', '-f', 'lines', '--json');
  assert.equal(json.status, 0, json.stderr);
  const parsed = JSON.parse(json.stdout) as {
    functions: { name: string; file: string; lines: { line: number; allocatedBytes: number }[] }[];
  };
  assert.equal(parsed.functions[0].name, 'lines');
  assert.equal(parsed.functions[0].file, path.join(dir, 'lines.mjs'));
  assert.deepEqual(
    parsed.functions[0].lines.map((l) => l.line),
    [3, 4, 5, 6, 9],
  );

  const missing = cli('lines.mjs', 'lines(1000)', '-f', 'nosuch');
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /no function named nosuch/);
});

test('lprun --memory and annotate --memory: an Allocated column beside the time, in the table and the HTML report', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), ...args], {
      encoding: 'utf8',
      cwd: dir,
      timeout: 180_000,
    });
  const lprun = cli('lprun', 'lines.mjs', 'lines(50000)', '-f', 'lines', '--memory');
  assert.equal(lprun.status, 0, lprun.stderr);
  assert.match(lprun.stdout, /Line #\s+Hits\s+Time\s+Per Hit\s+% Time\s+Allocated\s+Line Contents/);
  assert.match(
    lprun.stdout,
    /^\s+4\s+1\s+[\d.]+(\s+[\d.]+){0,2}\s+(7[6-9]\d|8[0-3]\d) KB\s+const f = new Float64Array/m,
  );
  assert.match(
    lprun.stdout,
    /^\s+8\s+\d+\s+[\d.]+(\s+[\d.]+){0,2}\s+for \(let i = 0; i < a\.length/m,
    'no site, no figure',
  );

  const report = path.join(dir, 'lines.html');
  const annotate = cli('annotate', 'lines.mjs', 'lines(50000)', '-f', 'lines', '-o', report, '--memory');
  assert.equal(annotate.status, 0, annotate.stderr);
  const html = fs.readFileSync(report, 'utf8');
  assert.match(html, /<span class="num">Allocated<\/span>/);
  assert.match(html, /<span class="num">(39\d|40\d|41\d) KB<\/span>/);
  assert.match(html, /allocated per execution \(Allocated: what each line and its calls allocate, measured by mprun\)/);
});
