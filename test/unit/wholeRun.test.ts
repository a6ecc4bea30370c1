// A whole run's pure parts: threads' line profiles merged by file and line (busy times add up,
// origins told apart), the threads' call trees under one root, which log is which thread, and
// `hotline run`'s arguments (the program's own options are never taken for Hotline's).
import { test } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import type { CpuProfile, LineProfile, LineStat } from '../../src/core/lines/lineProfile.ts';
import { mergeProfiles } from '../../src/core/run/mergeProfiles.ts';
import { captureCondition, capturedInputs, parseCapturedCall, usableCalls } from '../../src/core/run/capture.ts';
import { bySelf, originOf, summarizeRun, type RunThread } from '../../src/core/run/runReport.ts';
import { runReportText } from '../../src/core/run/runText.ts';
import { logPid, parseProcessNote, threadKindOf } from '../../src/core/run/threads.ts';
import { runChoices, splitCommandLine, testCommand, testNameAt } from '../../src/core/run/runChoices.ts';
import { ownArgCount, parseArgs } from '../../src/cli/args.ts';
import { threadProfiles } from '../../src/engine/wholeRun.ts';

const stat = (line: number, micros: number, selfMicros: number, owner = 'f'): LineStat => ({
  line,
  hits: null,
  micros,
  selfMicros,
  inlinedMicros: 0,
  callees: [],
  owner: { name: owner, line: 1 },
});

function threadProfile(pid: number, thread: RunThread['thread'], busyMs: number, lines: Record<string, LineStat[]>) {
  const lineProfile: LineProfile = {
    files: Object.entries(lines).map(([file, stats]) => ({ file, lines: stats })),
    functions: Object.entries(lines).map(([file, stats]) => ({
      name: 'f',
      file,
      startLine: 1,
      endLine: 10,
      calls: null,
      selfMicros: stats.reduce((s, l) => s + l.selfMicros, 0),
      totalMicros: Math.max(...stats.map((l) => l.micros)),
      samples: 10,
      recursive: false,
      unplacedMicros: 0,
      lines: stats,
    })),
    totalMicros: busyMs * 1000,
    gcMicros: 0,
    executions: 1,
    samples: 10,
  };
  return { thread: { pid, thread, argv: ['node', `${pid}.js`], samples: 10, busyMs, gcMs: 0 }, lineProfile };
}

test('lines of the same file and line add up across threads; the run is the busy time of all of them', () => {
  const report = summarizeRun([
    threadProfile(1, 'main', 100, { '/p/a.js': [stat(3, 60_000, 10_000), stat(4, 50_000, 50_000)] }),
    threadProfile(1, 'worker', 50, { '/p/a.js': [stat(4, 30_000, 30_000)] }),
    threadProfile(2, 'main', 40, { '/p/node_modules/x/i.js': [stat(9, 40_000, 40_000)] }),
  ]);
  assert.equal(report.totalMs, 190);
  const line4 = report.lines.find((l) => l.line === 4)!;
  assert.deepEqual([line4.totalMs, line4.selfMs, line4.pids], [80, 80, [1]]);
  assert.equal(report.lines[0].line, 4, 'by total');
  assert.deepEqual(
    bySelf(report.lines).map((l) => l.line),
    [4, 9, 3],
  );
  assert.equal(report.lines.find((l) => l.line === 9)!.origin, 'dependency');
  assert.equal(report.lines.find((l) => l.line === 3)!.function, 'f');
});

test('origins: the project, node_modules, Node itself', () => {
  assert.equal(originOf('/p/src/a.ts'), 'mine');
  assert.equal(originOf('/p/node_modules/lodash/lodash.js'), 'dependency');
  assert.equal(originOf('node:internal/fs/utils'), 'node');
});

test('the text report lists your lines with their share, paths relative to the working directory', () => {
  const report = summarizeRun([
    threadProfile(7, 'main', 200, { '/p/src/a.ts': [stat(2, 100_000, 50_000)], 'node:fs': [stat(5, 90_000, 90_000)] }),
  ]);
  const text = runReportText(report, {
    cwd: '/p',
    lineText: (f, l) => (f === '/p/src/a.ts' && l === 2 ? '  work();' : undefined),
  });
  assert.match(text, /^Whole run: 200 ms busy in 1 sampled thread/);
  assert.match(text, / 25\.0 % {2}50\.0 % {3}src\/a\.ts:2 {3}work\(\);/);
  // Node's own lines are not among the lines (their time is in their callers' totals) but their functions are listed.
  assert.ok(!/node:fs:5/.test(text.split('Hottest functions')[0]));
  assert.match(text.split('Hottest functions')[1], /node:fs:1 {2}\[node\]/);
});

test("threads' call trees go under one root, ids renumbered, samples kept", () => {
  const part = (name: string): CpuProfile => ({
    nodes: [
      {
        id: 1,
        callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 },
        children: [2],
      },
      {
        id: 2,
        callFrame: { functionName: name, scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 },
        children: [3],
      },
      {
        id: 3,
        callFrame: { functionName: 'work', scriptId: '0', url: 'file:///p/a.js', lineNumber: 0, columnNumber: 0 },
        hitCount: 2,
      },
    ],
    startTime: 0,
    endTime: 10,
    samples: [3, 3],
    timeDeltas: [0, 5],
  });
  const merged = mergeProfiles([part('process 1'), part('worker thread 1')]);
  assert.equal(merged.nodes.length, 5);
  assert.deepEqual(merged.nodes[0].children, [2, 4]);
  assert.deepEqual(
    merged.nodes.map((n) => n.id),
    [1, 2, 3, 4, 5],
  );
  assert.deepEqual(merged.samples, [3, 3, 5, 5]);
  assert.equal(merged.nodes[3].callFrame.functionName, 'worker thread 1');
  assert.equal(merged.endTime, 20);
});

test("which log is which: pid from V8's file name, worker threads from their entry script", () => {
  assert.equal(logPid('isolate-0x7f2e38000f00-26237-v8.log'), 26237);
  assert.equal(logPid('v8.log'), undefined);
  assert.equal(threadKindOf('code-creation,Script,...,node:internal/main/worker_thread:1:1'), 'worker');
  assert.equal(threadKindOf('code-creation,Script,...,node:internal/main/run_main_module:1:1'), 'main');
  assert.deepEqual(parseProcessNote('{"pid":5,"ppid":1,"argv":["node","x.js"],"sampled":true}'), {
    pid: 5,
    ppid: 1,
    argv: ['node', 'x.js'],
    sampled: true,
  });
  assert.equal(parseProcessNote('{"pid":"5"}'), undefined);
  assert.equal(parseProcessNote('not json'), undefined);
});

test("hotline run's options end where the command starts; the program's options stay its own", () => {
  const argv = ['--duration', '5', 'node', 'app.js', '--json', '-o', 'x'];
  assert.equal(ownArgCount(argv), 2);
  const parsed = parseArgs(argv, 'run', ['--duration', '--json', '-o'], true);
  assert.deepEqual(parsed.positional, ['node', 'app.js', '--json', '-o', 'x']);
  assert.deepEqual([...parsed.flags], [['--duration', '5']]);
  assert.deepEqual(parseArgs(['--json', '--', 'npm', 'test'], 'run', ['--json'], true).positional, ['npm', 'test']);
  assert.equal(ownArgCount(['--json', '--', 'npm', '--help']), 1);
});

test('inputs from the run: the condition takes parameters by name, the setup reads them back in order', () => {
  assert.equal(captureCondition(['a', '...rest']), 'globalThis.__hotlineCapture([a, ...rest])');
  assert.equal(captureCondition(null), 'globalThis.__hotlineCapture(Array.from(arguments))');
  const named = capturedInputs('api.total', ['items', 'rate'], 2, '/tmp/x/call 1.bin');
  assert.equal(named.statement, 'api.total(items, rate)');
  assert.equal(
    named.setup,
    `const { args: [items, rate] } = process.getBuiltinModule('v8').deserialize(process.getBuiltinModule('fs').readFileSync("/tmp/x/call 1.bin"));`,
  );
  assert.equal(capturedInputs('f', null, 3, '/b').statement, 'f(arg1, arg2, arg3)');
  assert.equal(capturedInputs('f', ['...xs'], 2, '/b').statement, 'f(...xs)');
});

test('captured calls: notes parsed strictly, the usable ones in the order the program made them', () => {
  const a = parseCapturedCall('{"pid":2,"index":1,"time":20,"file":"/a.bin","argCount":1,"problems":[]}')!;
  const b = parseCapturedCall('{"pid":3,"index":1,"time":10,"argCount":2,"problems":["argument 2 is a function"]}')!;
  const c = parseCapturedCall('{"pid":3,"index":2,"time":15,"file":"/c.bin","argCount":1}')!;
  assert.deepEqual(b.problems, ['argument 2 is a function']);
  assert.equal(parseCapturedCall('{"pid":"x"}'), undefined);
  assert.deepEqual(
    usableCalls([a, b, c]).map((x) => x.file),
    ['/c.bin', '/a.bin'],
  );
});

test('Profile Run… offers the test under the cursor through its own runner and filter, then the file, the script, the npm scripts', () => {
  const lines = [
    "import { test } from 'vitest';",
    "test('parses (a+b)*2', () => {",
    '  expect(parse("1")).toBe(1);',
    '});',
  ];
  assert.equal(testNameAt(lines, 2), 'parses (a+b)*2');
  assert.equal(testNameAt(lines, 0), undefined);
  assert.equal(testNameAt(["it.only(`adds ${'x'}`, () => {})", ''], 1), "adds ${'x'}");
  const vitest = { devDependencies: { vitest: '3' }, scripts: { test: 'vitest run', bench: 'node b.js' } };
  const choices = runChoices(vitest, 'src/parse.test.ts', 'parses (a+b)*2');
  assert.deepEqual(
    choices.map((c) => c.command.join(' ')),
    [
      'npx vitest run src/parse.test.ts -t parses \\(a\\+b\\)\\*2',
      'npx vitest run src/parse.test.ts',
      'node src/parse.test.ts',
      'npm run test',
      'npm run bench',
    ],
  );
  assert.deepEqual(testCommand({}, 't.test.js', 'a.b'), ['node', '--test', '--test-name-pattern=a\\.b', 't.test.js']);
  assert.deepEqual(testCommand({ devDependencies: { jest: '29' } }, 't.test.js', 'x'), [
    'npx',
    'jest',
    '--runTestsByPath',
    't.test.js',
    '-t',
    'x',
  ]);
  assert.deepEqual(testCommand({ devDependencies: { mocha: '10' } }, 't.spec.js'), ['npx', 'mocha', 't.spec.js']);
  assert.deepEqual(
    runChoices({}, 'src/app.ts').map((c) => c.command.join(' ')),
    ['node src/app.ts'],
  );
  assert.deepEqual(splitCommandLine(`node "my app.js" --name 'a b' x`), ['node', 'my app.js', '--name', 'a b', 'x']);
});

test('recorded whole-run logs (main thread, worker thread, child process): each busy line has its own time, by construction', () => {
  const dir = path.join(import.meta.dirname, '../fixtures/v8logs/wholeRun');
  const logs = fs
    .readdirSync(dir)
    .map((fileName) => ({ fileName, text: fs.readFileSync(path.join(dir, fileName), 'utf8') }));
  const threads = threadProfiles(logs, new Map(), '/nowhere/run-preload.js', () => undefined);
  assert.deepEqual(
    threads.map((t) => [t.thread.pid, t.thread.thread]),
    [
      [1001, 'main'],
      [1001, 'worker'],
      [1002, 'main'],
    ],
  );
  const report = summarizeRun(threads);
  const line = (file: string, n: number) => report.lines.find((l) => l.file === `/fixture/${file}` && l.line === n);
  // busy(300) in the main thread, busy(200) in the worker, busy(100) in the child: [file, call line, loop line, ms]
  for (const [file, call, loop, ms] of [
    ['app.js', 10, 6, 300],
    ['worker.js', 7, 4, 200],
    ['child.js', 7, 4, 100],
  ] as const) {
    const total = line(file, call)?.totalMs ?? 0;
    assert.ok(total > ms * 0.7 && total < ms * 1.3, `${file}:${call} ${total.toFixed(0)} ms, built to take ${ms}`);
    // the loop line does the work itself (Date.now is a builtin: its time is the line's own)
    assert.ok((line(file, loop)?.selfMs ?? 0) > ms * 0.7, `${file}:${loop} self`);
  }
  const merged = mergeProfiles(threads.map((t) => t.profile));
  assert.deepEqual(
    merged.nodes[0].children!.map((id) => merged.nodes[id - 1].callFrame.functionName),
    ['process 1001', 'worker thread 1001', 'process 1002'],
  );
});
