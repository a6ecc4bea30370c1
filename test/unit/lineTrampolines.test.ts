// mprun's line trampolines: the instrumented function computes what the original computes, every
// line keeps its number, each site is named after the line lprun would credit; and the figures
// read from a heap profile by those names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import ts from 'typescript';
import { addLineTrampolines } from '../../src/runner/lineTrampolines.ts';
import { flameOfAllocations } from '../../src/core/flame/allocationProfile.ts';
import {
  bufferBytesPerExecution,
  buildMprunResult,
  heapBytesBySite,
  instrumentationNote,
  mprunReport,
  TRAMPOLINE_NAME,
  type HeapProfileNode,
  type MemitResult,
  bytesOutsideStatement,
  withoutHarnessFrames,
} from '../../src/core/memory/index.ts';

const SOURCE = `function helper(...xs) { return xs.length; }
class Box { constructor(v) { this.v = v; } get double() { return this.v * 2; } twice(x) { return [x, x]; } }
function subject(n, box) {
  const a = new Array(n).fill(1.5), k = 'key';
  const o = { x: 1, [k + 2]: a.length, ...{ y: 2 }, n, get g() { return 3; } };
  let p = 1, q = 2;
  [p, q] = [q, p];
  ({ p, q } = { p: q, q: p });
  const t = \`a\${n}\\n\${
    box.v}\\\`\`;
  const tagged = String.raw\`x\${helper(1)}\\n\`;
  const chain = box
    .twice(n)
    .map((v) => ({ v }))
    .filter(Boolean);
  const m = box.twice?.(1), missing = box.nothing?.(2);
  const spread = helper(...a.slice(0, 3), 4);
  const sq = Math.sqrt(16);
  const inner = () => [n, helper(n)];
  const made = new Box;
  return JSON.stringify([a.length, o, p, q, t, tagged, chain, m, missing, spread, sq, inner(), made.double, this?.tag]);
}
`;

function instrumented() {
  const result = addLineTrampolines(ts, SOURCE, '/project/subject.js', ['subject']);
  assert.ok(result);
  return result;
}

test('the instrumented function computes what the original computes', () => {
  const run = (code: string) => vm.runInNewContext(`${code}\nsubject.call({ tag: 't' }, 5, new Box(7))`);
  assert.equal(run(instrumented().code), run(SOURCE));
});

test('every line keeps its number: unchanged lines are the same text, the trampolines come after the last', () => {
  const { code } = instrumented();
  const before = SOURCE.split('\n');
  const after = code.split('\n');
  for (const line of [1, 2, 6, 16, 18, 19, 22]) assert.equal(after[line - 1], before[line - 1], `line ${line}`);
  // the function's first line gets, after its brace, the never-taken branch that keeps it from being inlined
  assert.ok(after[2].startsWith(`${before[2]} if (globalThis.__hotline_mprun === null) {`), after[2].slice(0, 80));
  assert.equal(after[9], 'box.v);', "a template's second line stays on line 10");
  assert.match(after[13], /^\(v\) => \(\{ v \}\)\), "filter", $/, "the chain's .map( argument stays on line 14");
  assert.ok(
    after.slice(before.length - 1).every((l) => l === '' || /^(function __hotline_mprun_|globalThis\.)/.test(l)),
  );
});

test('each site is named after its line: calls at their argument list, literals where they open', () => {
  const { code, functions } = instrumented();
  const lines = [...code.matchAll(/function (__hotline_mprun_\w+)\(/g)].map((m) =>
    Number(TRAMPOLINE_NAME.exec(m[1])![2]),
  );
  // 4: new Array, .fill; 5: the spread's literal (a getter keeps the outer literal in place); 7 and 8:
  // literals taken apart where they are made (V8 never allocates them); 9: the template; 11: a tagged template
  // is left whole; 13–15: twice, map, filter; 16: optional calls are left; 17: helper(...) and .slice;
  // 19: an arrow is not a site; 20: new Box; 21: the array, inner() and JSON.stringify.
  const expected = [4, 5, 9, 13, 14, 15, 17, 20, 21];
  assert.deepEqual(
    [...new Set(lines)].sort((a, b) => a - b),
    expected,
  );
  assert.deepEqual(functions[0].siteLines, expected);
  assert.deepEqual([functions[0].startLine, functions[0].endLine], [3, 22]);
  assert.doesNotMatch(code, /Math\.sqrt\(16\)\b.*__hotline/, 'Math.* allocates nothing: left alone');
  assert.match(code, /box\.twice\?\.\(1\)/, 'optional calls are left in place');
});

test('"use strict" stays the first statement; an arrow with an expression body gets a block on the same line', () => {
  const source = `function strict(n) { 'use strict'; return [n];\n}\nconst arrow = (n) =>\n  new Array(n);\n`;
  const { code } = addLineTrampolines(ts, source, '/p/a.js', ['strict', 'arrow'])!;
  const lines = code.split('\n');
  assert.match(lines[0], /^function strict\(n\) \{ 'use strict'; if \(globalThis\.__hotline_mprun === null\)/);
  assert.match(
    lines[3],
    /^ {2}\{ if \(globalThis\.__hotline_mprun === null\) .* return \(__hotline_mprun_\w+_L4_1\(Array, n\)\); \};$/,
  );
  const run = vm.runInNewContext(`${code}\n[strict(2), arrow(3).length, (function () { return this; })()]`);
  assert.deepEqual(JSON.parse(JSON.stringify(run.slice(0, 2))), [[2], 3]);
});

test('no trampolines for a file without the function, or for a function of the same name with no site', () => {
  assert.equal(addLineTrampolines(ts, 'export const x = 1;', '/p/a.js', ['subject']), undefined);
  assert.equal(addLineTrampolines(ts, 'function subject(a) { return a + 1; }', '/p/a.js', ['subject']), undefined);
});

const frame = (functionName: string, selfSize: number, children: HeapProfileNode[] = []): HeapProfileNode => ({
  callFrame: { functionName, url: 'file:///p/a.js', lineNumber: 0 },
  selfSize,
  children,
});

test('heap bytes by site: every line in a sample stack, a line that recurses into itself once', () => {
  const t = (line: number) => `__hotline_mprun_0123abcd_0_L${line}_${line}`;
  const head = frame('(root)', 0, [
    frame('subject', 10, [
      frame(t(3), 100, [frame('helper', 1000)]),
      frame(t(5), 0, [frame('subject', 0, [frame(t(3), 50), frame(t(5), 0, [frame('helper', 7)])])]),
    ]),
  ]);
  const bySite = heapBytesBySite(head);
  assert.equal(bySite.get('0123abcd_0:3'), 1150);
  assert.equal(bySite.get('0123abcd_0:5'), 57, "line 5 holds what its recursive call's lines allocated, once");

  const result = buildMprunResult({
    targets: [{ id: '0123abcd_0', name: 'subject', file: '/p/a.js', startLine: 1, endLine: 9, siteLines: [3, 5] }],
    head,
    executions: 10,
    heapSamples: 5000,
    buffers: new Map([['0123abcd_0:5', { calls: 20, cleanCalls: 10, bytes: 800 }]]),
    // line 3: two sites, one run once per execution and one twice (a loop); line 5 never ran alone
    siteCalls: new Map([
      ['0123abcd_0:3:0', 4],
      ['0123abcd_0:3:1', 8],
      ['0123abcd_0:5:2', 20],
    ]),
    arrayBufferExecutions: 4,
    secondsPerLoop: 1e-3,
  });
  const [fn] = result.functions;
  assert.deepEqual(
    fn.lines.map((l) => [l.line, l.hits, l.heapBytes, l.arrayBufferBytes]),
    [
      [3, 2, 115, 0],
      [5, 5, 5.7, 400],
    ],
  );
  assert.equal(fn.ownBytes, 1, "subject's own frame: 10 B over 10 executions");
  assert.equal(result.statementBytes, 1167 / 10 + 400);
});

test('ArrayBuffer bytes per line: the mean of clean calls for every call; unmeasurable when no call was clean', () => {
  assert.equal(bufferBytesPerExecution({ calls: 4, cleanCalls: 2, bytes: 100 }, 2), 100);
  assert.equal(bufferBytesPerExecution(undefined, 2), 0);
  assert.equal(bufferBytesPerExecution({ calls: 3, cleanCalls: 0, bytes: 0 }, 2), undefined);
});

test('the %mprun table (a line that never ran is blank, not 0 B), and the note when the lines were measured on code V8 allocates for differently', () => {
  const fn = {
    id: '0123abcd_0',
    name: 'subject',
    file: '/p/a.js',
    startLine: 1,
    endLine: 4,
    lines: [
      { line: 2, hits: 1, allocatedBytes: 400_000, heapBytes: 400_000, arrayBufferBytes: 0 },
      { line: 3, hits: 0, allocatedBytes: 0, heapBytes: 0, arrayBufferBytes: 0 },
    ],
    ownBytes: 0,
    totalBytes: 400_000,
  };
  const source = ['function subject(n) {', '  return new Array(n).fill(1.5);', '  never(n);', '}'];
  const text = mprunReport(fn, source, 'a.js', 100);
  assert.equal(
    text,
    [
      'Allocated per execution: 400 KB (averaged over 100)',
      'File: a.js',
      'Function: subject at line 1',
      '',
      'Line #      Hits    Allocated   % Alloc  Line Contents',
      '======================================================',
      '     1                                   function subject(n) {',
      '     2         1       400 KB     100.0    return new Array(n).fill(1.5);',
      '     3         0                           never(n);',
      '     4                                   }',
    ].join('\n'),
  );
  const memit = { allocatedBytes: 100_000 } as MemitResult;
  const result = { statementBytes: 400_000 } as Parameters<typeof instrumentationNote>[0];
  assert.match(
    instrumentationNote(result, memit) ?? '',
    /measured apart .* 400 KB .* 100 KB \(memit\).* 300 KB of them .* off by up to that much/,
  );
  assert.equal(instrumentationNote({ ...result, statementBytes: 105_000 }, memit), undefined);
});

test('the Allocations view: bytes per execution by call path from the statement down, a trampoline shown as its line', () => {
  const node = (functionName: string, url: string, selfSize: number, children: HeapProfileNode[] = []) => ({
    callFrame: { functionName, url, lineNumber: 4, columnNumber: 2 },
    selfSize,
    children,
  });
  const head = node('(root)', '', 0, [
    node('runner', '', 0, [
      node('__hotline_memit_7', '', 0, [
        node('__hotline_mprun_0123abcd_0_L9_1', 'file:///p/a.js', 20, [node('slice', '', 800)]),
        node('__hotline_mprun_0123abcd_0_L10_2', 'file:///p/a.js', 400),
      ]),
    ]),
    node('Hotline runner bookkeeping', '', 64),
  ]);
  const p = flameOfAllocations(head, 4, new Map([['0123abcd_0', { name: 'blur', file: '/p/a.js' }]]));
  assert.equal(p.unit, 'bytes');
  assert.deepEqual(
    p.func.map((f) => p.functions[f].name),
    ['(root)', '(statement)', 'blur:9', 'slice', 'blur:10'],
  );
  assert.deepEqual(p.total, [305, 305, 205, 200, 100]);
  assert.deepEqual([p.functions[2].file, p.functions[2].line, p.functions[2].kind], ['/p/a.js', 9, 'js']);
});

test("bytes off the statement's stack (an async callee resuming, a callback) are counted, named by their first function, and said", () => {
  const node = (functionName: string, url: string, selfSize: number, children: HeapProfileNode[] = []) => ({
    callFrame: { functionName, url, lineNumber: 0 },
    selfSize,
    children,
  });
  const head = node('(root)', '', 0, [
    node('', '', 0, [
      // the runner's own sampling: not the user's
      node('sampleHeap', '/h/runner.js', 50, [node('stop', 'node:v8', 70)]),
      // ... or seen without the runner's frame above it; Node's own frames are not a user's stack
      node('stop', 'node:v8', 30),
      node('processTimers', 'node:internal/timers', 8, [node('tick', 'file:///p/a.js', 60)]),
      // continuations from the microtask queue: `load` after its await, `work` after awaiting `load`
      node('load', 'file:///p/a.js', 2000, [node('fill', '', 400)]),
      node('work', 'file:///p/a.js', 60, [node('__hotline_mprun_0123abcd_0_L8_1', 'file:///p/a.js', 40)]),
      // the runner's loop above the statement: passed through, not a stack of its own
      node('runLoops', '/h/runner.js', 30, [
        node('__hotline_memit_3_x', '', 100, [node('work', 'file:///p/a.js', 300)]),
      ]),
    ]),
  ]);
  const pruned = withoutHarnessFrames(head, '/h/runner.js');
  const outside = bytesOutsideStatement(pruned);
  assert.equal(outside.bytes, 2560);
  assert.deepEqual(outside.byFunction, [
    ['load', 2400],
    ['work', 100],
    ['tick', 60],
  ]);
  const measured = {
    targets: [{ id: '0123abcd_0', name: 'work', file: '/p/a.js', startLine: 6, endLine: 10, siteLines: [7, 8] }],
    head: pruned,
    executions: 2,
    heapSamples: 5000,
    buffers: new Map(),
    siteCalls: new Map(),
    arrayBufferExecutions: 0,
    secondsPerLoop: 1e-3,
  };
  const result = buildMprunResult(measured);
  assert.equal(result.outsideStackBytes, 1280);
  assert.match(
    result.notes.join('\n'),
    /^1\.28 KB per execution \(\d+ % of the statement's\) were allocated outside its call stack \(load 1\.20 KB, work 50 B, tick 30 B\): .*after an `await`.* on no line/,
  );
  // the Allocations view shows them beside the statement, the runner's own frames gone
  const flame = flameOfAllocations(pruned, 2, new Map([['0123abcd_0', { name: 'work', file: '/p/a.js' }]]));
  assert.deepEqual(
    flame.func.map((f) => flame.functions[f].name),
    ['(root)', '(statement)', 'work', '(after await, callbacks)', 'tick', 'load', 'fill', 'work', 'work:8'],
  );
  assert.deepEqual(flame.total, [1480, 200, 150, 1280, 30, 1200, 200, 50, 20]);
  assert.equal(flame.functions[flame.func[3]].kind, 'program');
  // a statement whose bytes are all on its stack: no note
  const synchronous = node('(root)', '', 0, [
    node('__hotline_memit_3_x', '', 100, [node('work', 'file:///p/a.js', 3000)]),
  ]);
  assert.deepEqual(buildMprunResult({ ...measured, head: synchronous }).notes, []);
});
