import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLogLine, unescapeLogString } from '../../src/core/v8log/logEvents.ts';
import { readV8Log, type Frame } from '../../src/core/v8log/stacks.ts';

// A V8 log written by hand, in the format Node 20's `--prof --log-source-position` writes:
// `outer` is optimised with `helper` inlined into it; the top-level code is interpreted.
const source =
  'function helper(n) { return n * 2 }\nfunction outer(n) { return helper(n) + helper(n + 1) }\nouter(1);\n';
const at = (text: string, nth = 0) => {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = source.indexOf(text, i + 1);
  return i;
};
const helperStart = at('(n) { return n * 2');
const outerStart = at('(n) { return helper');
const firstCall = at('helper(n)', 1);
const secondCall = at('helper(n + 1)');
const topCall = at('outer(1)');
const escaped = source.replace(/\\/g, '\\\\').replace(/,/g, '\\x2C').replace(/\n/g, '\\n');

const log = [
  'v8-version,11,3,244,8,0,0',
  `script-source,7,/w/a.js,${escaped}`,
  // bytecode arrays (tier ~): stack entries point into them at the bytecode offset
  'code-creation,Script,10,100,0x1000,40, /w/a.js:1:1,0x9000,~',
  `code-source-info,0x1000,7,0,${source.length},C0O0C10O${topCall},,`,
  'code-creation,JS,10,110,0x2000,20,helper /w/a.js:1:16,0x9100,~',
  `code-source-info,0x2000,7,${helperStart},${at('}')},C0O${helperStart}C5O${at('n * 2')},,`,
  'code-creation,JS,10,120,0x3000,30,outer /w/a.js:2:15,0x9200,~',
  `code-source-info,0x3000,7,${outerStart},${source.indexOf('}', outerStart) + 1},C0O${outerStart},,`,
  // optimised outer (tier *) at 0x5000 with helper inlined twice (inlining ids 0 and 1)
  'code-creation,JS,13,200,0x5000,400,outer /w/a.js:2:15,0x9200,*',
  `code-source-info,0x5000,7,${outerStart},${source.indexOf('}', outerStart) + 1},C0O${outerStart}C40O${at('n * 2')}I0C80O${firstCall}C120O${at('n * 2')}I1C160O${secondCall},F0O${firstCall}F0O${secondCall},S0x9100`,
  'code-creation,Builtin,2,50,0x7000,100,StringAdd_CheckNone',
  // in outer's optimised code, inside the second inlined helper; called from the top level's bytecode (0x100a = offset 10)
  'tick,0x5078,1000,0,0x0,0,0x100a',
  'tick,0x5078,2000,0,0x0,0,0x100a',
  // in a frameless builtin called from outer's code at the first call site: the return address
  // 0x5051 (→ pc 0x5050) is only on top of the stack
  'tick,0x7010,3000,0,0x5051,0,0x100a',
  // during garbage collection, interpreted frames only
  'tick,0x7010,4000,0,0x0,1,0x2005,0x100a',
  'code-move,0x5000,0x6000',
  'tick,0x6030,5000,0,0x0,0,0x100a',
  'tick,0x6030,6000,0,0x0,0,0x10', // cut off mid-line by process exit: ignored
].join('\n');

const describeFrames = (frames: Frame[]) =>
  frames.map((f) => `${f.fn.name}@${f.offset}${f.inlined ? ' (inlined)' : ''}`);

test('V8 log strings are unescaped; unknown lines are skipped', () => {
  assert.equal(unescapeLogString('a\\x2Cb\\nc\\\\d\\u00e9'), 'a,b\nc\\dé');
  assert.deepEqual(parseLogLine('shared-library,/usr/bin/node,0x1,0x2,0'), { type: 'library', start: 1, end: 2 });
  assert.equal(parseLogLine('profiler,begin,1000'), undefined);
  assert.deepEqual(parseLogLine('tick,0x10,5,0,0x0,6,0x20,overflow'), {
    type: 'tick',
    time: 5,
    pc: 16,
    vmState: 6,
    stack: [32],
  });
  assert.equal((parseLogLine('tick,0x10,5,0,0x5051,0,0x20') as { tos?: number }).tos, 0x5051, 'top of stack');
  assert.equal(
    (parseLogLine('tick,0x10,5,1,0x5051,6,0x20') as { tos?: number }).tos,
    undefined,
    'an external callback, not a stack value',
  );
});

test('every sample becomes a stack with exact positions and inlined frames restored', () => {
  const v8 = readV8Log(log);
  assert.equal(v8.scripts.get(7)?.source, source);
  assert.equal(v8.samples.length, 5);
  const [first, , builtin, gc, moved] = v8.samples;
  // pc 0x78 = 120 → table entry C120: helper's body as inlining 1, i.e. inlined at the second call
  assert.deepEqual(describeFrames(first.frames), [
    `helper@${at('n * 2')} (inlined)`,
    `outer@${secondCall}`,
    `@${topCall}`,
  ]);
  assert.equal(first.frames[1].fn.scriptId, 7);
  // A return address is one past the call: 0x5051 - 1 = pc 80 → entry C80, the first call site
  assert.deepEqual(describeFrames(builtin.frames), [`outer@${firstCall}`, `@${topCall}`]);
  assert.equal(builtin.leaf, 'StringAdd_CheckNone');
  // Interpreted frames: bytecode array + offset; 0x2005 is helper's bytecode at offset 5.
  assert.deepEqual(describeFrames(gc.frames), [`helper@${at('n * 2')}`, `@${topCall}`]);
  assert.equal(gc.leaf, '(garbage collector)');
  // After code-move the same code answers at its new address: pc 0x30 = 48 → C40, helper inlined at the first call.
  assert.deepEqual(describeFrames(moved.frames), [
    `helper@${at('n * 2')} (inlined)`,
    `outer@${firstCall}`,
    `@${topCall}`,
  ]);
});

test('in an external callback the pc is the callback: the JS caller the pc may still point into is listed once', () => {
  const beforeMove = log.split('\n').slice(0, log.split('\n').indexOf('code-move,0x5000,0x6000'));
  // a C++ fast call from outer's first call site: pc 0x5055 and return address 0x5051 are the same site
  const v8 = readV8Log([...beforeMove, 'tick,0x5055,7000,1,0x7000,6,0x5051,0x100a', ''].join('\n'));
  assert.deepEqual(describeFrames(v8.samples.at(-1)!.frames), [`outer@${firstCall}`, `@${topCall}`]);
});

test('a call site inside an inlined function belongs to its host: another host gets no frame restored from it', () => {
  const src = [
    'function now() { return clock(); }',
    'function clock() { return 1; }',
    'function a() { return now(); }',
    'function b() { return now(); }',
  ].join('\n');
  const pos = (text: string) => src.indexOf(text);
  const clockCall = pos('clock()');
  const [aStart, bStart] = [pos('function a'), pos('function b')];
  const [aNowCall, bNowCall] = [src.indexOf('now()', aStart), src.indexOf('now()', bStart)];
  const host = (address: string, name: string, start: number, nowCall: number, sfi: string) => [
    `code-creation,JS,13,200,${address},100,${name} /w/b.js:1:1,${sfi},*`,
    `code-source-info,${address},8,${start},${start + 30},C0O${start}C64O${clockCall}I0,F0O${nowCall},S0x9100`,
  ];
  const text = [
    `script-source,8,/w/b.js,${src.replace(/,/g, '\\x2C').replace(/\n/g, '\\n')}`,
    'code-creation,JS,10,100,0x3000,20,now /w/b.js:1:10,0x9100,~',
    'code-creation,JS,10,100,0x2000,20,clock /w/b.js:2:15,0x9300,~',
    ...host('0x5000', 'a', aStart, aNowCall, '0x9400'),
    ...host('0x6000', 'b', bStart, bNowCall, '0x9500'),
    'shared-library,/usr/bin/node,0xa000,0xb000,0',
    'tick,0xa010,1000,0,0x0,0,0x2005,0x5041', // complete: in a, inlined now calls clock
    'tick,0xa010,2000,0,0x0,0,0x5041', // in a, clock hidden by native code: restored
    'tick,0xa010,3000,0,0x0,0,0x6041', // in b: no stack of b shows who runs there
    '',
  ].join('\n');
  const [, inA, inB] = readV8Log(text).samples;
  assert.deepEqual(describeFrames(inA.frames), ['clock@-1', `now@${clockCall} (inlined)`, `a@${aNowCall}`]);
  assert.deepEqual(describeFrames(inB.frames), [`now@${clockCall} (inlined)`, `b@${bNowCall}`]);
});

test('the runner markers are read from the creation time of their functions', () => {
  const v8 = readV8Log(
    `${log.split('\n').slice(0, -1).join('\n')}\ncode-creation,JS,10,4242,0x8000,5,__hotline_mark_begin_1 /w/r.js:1:1,0x9900,~\n`,
  );
  assert.equal(v8.markers.get('__hotline_mark_begin_1'), 4242);
});

test('a frame hidden by a frameless builtin is restored from the stacks that show who runs at that call site', () => {
  // outer's optimised code at 0x5000; the second call site (pc 160) always calls helper (bytecode 0x2000)
  const text = [
    `script-source,7,/w/a.js,${escaped}`,
    'code-creation,JS,10,110,0x2000,20,helper /w/a.js:1:16,0x9100,~',
    `code-source-info,0x2000,7,${helperStart},${at('}')},C0O${helperStart}C5O${at('n * 2')},,`,
    'code-creation,JS,13,200,0x5000,400,outer /w/a.js:2:15,0x9200,*',
    `code-source-info,0x5000,7,${outerStart},${source.indexOf('}', outerStart) + 1},C0O${outerStart}C160O${secondCall},,`,
    'code-creation,Builtin,2,50,0x7000,100,LoadIC_Megamorphic',
    'shared-library,/usr/bin/node,0x9000,0xa000,0',
    'tick,0x2005,1000,0,0x0,0,0x50a1', // in helper (interpreted pc is a handler; here the bytecode frame is the stack entry)
    'tick,0x7010,2000,0,0x0,0,0x2005,0x50a1', // complete: helper's frame, then outer at the second call
    'tick,0x7010,3000,0,0x0,0,0x50a1', // frameless builtin: helper missing, outer at the second call
    'tick,0x7010,4000,0,0x0,1,0x50a1', // GC: never restored
    'tick,0x9010,5000,0,0x0,0,0x50a1', // in native code (a remapped builtin): restored
    'tick,0xb010,6000,0,0x0,0,0x50a1', // in code V8 never logged: may be JS itself, left alone
    '',
  ].join('\n');
  const v8 = readV8Log(text);
  const [, complete, hidden, gc, native, unknown] = v8.samples;
  assert.deepEqual(describeFrames(complete.frames), [`helper@${at('n * 2')}`, `outer@${secondCall}`]);
  assert.deepEqual(describeFrames(hidden.frames), ['helper@-1', `outer@${secondCall}`]);
  assert.equal(hidden.frames[0].restored, true);
  assert.deepEqual(describeFrames(gc.frames), [`outer@${secondCall}`]);
  assert.deepEqual(describeFrames(native.frames), ['helper@-1', `outer@${secondCall}`]);
  assert.deepEqual(describeFrames(unknown.frames), [`outer@${secondCall}`]);
});
