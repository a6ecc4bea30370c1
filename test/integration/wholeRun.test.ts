// `hotline run` against ground truth built into the program: busy lines of known duration in the
// main thread, a worker thread, a child process started from process.execPath, and a tsc-built
// file whose time must land on its .ts lines; then `npm test` running `node --test`, whose test
// process is a fork of the runner. On every supported Node.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { ensureBuilt, root, tempProject } from './buildOnce.ts';
import { supportedNodes } from '../supportedNodes.ts';

const cli = path.join(root, 'dist/cli.js');
before(ensureBuilt);

const BUSY = `function busy(ms) {
  const end = performance.now() + ms;
  let x = 0;
  while (performance.now() < end) x += Math.sqrt(x + 1);
  return x;
}
`;
const LIB_TS = `export function tsWork(ms: number): number {
  const end: number = performance.now() + ms;
  let x = 0;
  while (performance.now() < end) x += Math.sqrt(x + 1);
  return x;
}
`;
/** Milliseconds of each busy line, by construction. */
const TRUTH = { main: 400, worker: 300, child: 200, ts: 250 };

/** A project (with a space in its path) whose tsc output has a source map beside it. */
function groundTruthProject(): string {
  const built = ts.transpileModule(LIB_TS, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, sourceMap: true },
    fileName: 'lib.ts',
  });
  const dir = tempProject({
    'my app/package.json': JSON.stringify({ name: 'my-app', type: 'commonjs' }),
    'my app/src/lib.ts': LIB_TS,
    'my app/dist/lib.js': built.outputText.replace(/\/\/# sourceMappingURL=.*$/m, '//# sourceMappingURL=lib.js.map'),
    'my app/dist/lib.js.map': built.sourceMapText!.replace('"sources":["lib.ts"]', '"sources":["../src/lib.ts"]'),
    'my app/app.js': `const { Worker } = require('node:worker_threads');
const { spawnSync } = require('node:child_process');
const { tsWork } = require('./dist/lib.js');
${BUSY}const worker = new Worker(\`\${__dirname}/worker.js\`);
busy(${TRUTH.main}); // MAIN
tsWork(${TRUTH.ts}); // TS
spawnSync(process.execPath, [\`\${__dirname}/child.js\`], { stdio: 'inherit' });
worker.on('exit', () => process.exit(3));
`,
    'my app/worker.js': `${BUSY}busy(${TRUTH.worker}); // WORKER\n`,
    'my app/child.js': `${BUSY}busy(${TRUTH.child}); // CHILD\n`,
  });
  return path.join(dir, 'my app');
}

interface Report {
  exitCode: number;
  processes: { pid: number; thread: string; argv: string[]; busyMs: number }[];
  lines: { file: string; line: number; selfMs: number; totalMs: number; origin: string }[];
  functions: { name: string; file: string; line: number; totalMs: number }[];
}

/** `command` may start with run's own options (`--duration 2 node x.js`). */
function hotlineRun(cwd: string, nodePath: string, command: string[]) {
  const r = spawnSync(process.execPath, [cli, 'run', '--json', '--node', nodePath, ...command], {
    cwd,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.ok(r.stdout.trim().startsWith('{'), `no report (exit ${r.status}): ${r.stderr}`);
  return { status: r.status, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

const lineOf = (report: Report, file: string, text: string) => {
  const source = fs.readFileSync(file, 'utf8').split('\n');
  const line = source.findIndex((l) => l.includes(text)) + 1;
  return report.lines.find((l) => l.file === file && l.line === line);
};

/** Within 30 % of the constructed duration: the time is on that line (not on its neighbours or the `for`). */
function assertNear(actualMs: number | undefined, expectedMs: number, what: string) {
  assert.ok(actualMs !== undefined, `${what}: no time at all`);
  assert.ok(
    actualMs > expectedMs * 0.7 && actualMs < expectedMs * 1.3,
    `${what}: ${actualMs.toFixed(0)} ms, built to take ${expectedMs} ms`,
  );
}

for (const node of supportedNodes) {
  test(`${node.label}: the main thread, a worker, a child process and tsc-built code, each on its own line`, () => {
    const dir = groundTruthProject();
    const { status, report, stderr } = hotlineRun(dir, node.path, ['node', 'app.js']);
    assert.equal(status, 3, `hotline run exits with the program's code\n${stderr}`);
    assert.equal(report.exitCode, 3);
    const pids = new Set(report.processes.map((p) => p.pid));
    assert.equal(pids.size, 2, JSON.stringify(report.processes));
    assert.equal(report.processes.filter((p) => p.thread === 'worker').length, 1);
    assert.ok(report.processes.some((p) => p.argv.at(-1)?.endsWith('child.js')));

    assertNear(lineOf(report, path.join(dir, 'app.js'), '// MAIN')?.totalMs, TRUTH.main, 'main thread');
    assertNear(lineOf(report, path.join(dir, 'worker.js'), '// WORKER')?.totalMs, TRUTH.worker, 'worker');
    assertNear(lineOf(report, path.join(dir, 'child.js'), '// CHILD')?.totalMs, TRUTH.child, 'child process');
    assertNear(
      lineOf(report, path.join(dir, 'app.js'), '// TS')?.totalMs,
      TRUTH.ts,
      'the call of the tsc-built function',
    );
    // In the .ts file, on its loop: never on the .js that ran.
    assertNear(lineOf(report, path.join(dir, 'src/lib.ts'), 'while')?.totalMs, TRUTH.ts, 'the .ts loop line');
    assert.ok(!report.lines.some((l) => l.file.endsWith('dist/lib.js')), 'a line of the built .js is shown');
    // No line takes more than its function.
    const busyFn = report.functions.find((f) => f.name === 'busy' && f.file === path.join(dir, 'app.js'));
    const loop = lineOf(report, path.join(dir, 'app.js'), 'while');
    assert.ok(busyFn && loop && loop.totalMs <= busyFn.totalMs + 1e-6, `${loop?.totalMs} > ${busyFn?.totalMs}`);
  });
}

test("a module runner like vitest's: code compiled by vm.Script, wrapped on its first line (negative column offset), inline map with a relative source", () => {
  const built = ts.transpileModule(LIB_TS, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, inlineSourceMap: true },
    fileName: 'lib.ts', // vite's maps name the source relative to the module
  });
  const dir = tempProject({
    'package.json': JSON.stringify({ name: 'vm-runner', type: 'commonjs' }),
    'src/lib.ts': LIB_TS,
    'transformed.js': built.outputText,
    'runner.js': `const vm = require('node:vm');
const fs = require('node:fs');
const path = require('node:path');
const prefix = "'use strict';(exports) => {";
const code = prefix + fs.readFileSync(path.join(__dirname, 'transformed.js'), 'utf8') + '\\n}';
const fn = new vm.Script(code, { filename: path.join(__dirname, 'src/lib.ts'), columnOffset: -prefix.length }).runInThisContext();
const mod = {};
fn(mod);
mod.tsWork(${TRUTH.ts}); // RUN
`,
  });
  const { status, report, stderr } = hotlineRun(dir, process.execPath, ['node', 'runner.js']);
  assert.equal(status, 0, stderr);
  assertNear(lineOf(report, path.join(dir, 'src/lib.ts'), 'while')?.totalMs, TRUTH.ts, 'the .ts loop line');
  assertNear(lineOf(report, path.join(dir, 'runner.js'), '// RUN')?.totalMs, TRUTH.ts, 'the call');
});

test('npm test running node --test: the test process the runner forks is sampled, its library line is hot', () => {
  const dir = tempProject({
    'package.json': JSON.stringify({
      name: 'np',
      version: '1.0.0',
      type: 'commonjs',
      scripts: { test: 'node --test' },
    }),
    'lib.js': `${BUSY}module.exports = { busy };\n`,
    'test/lib.test.js': `const test = require('node:test');\nconst { busy } = require('../lib.js');\ntest('busy', () => { busy(300); });\n`,
  });
  const { status, report, stderr } = hotlineRun(dir, process.execPath, ['npm', 'test']);
  assert.equal(status, 0, stderr);
  assert.ok(
    report.processes.some((p) => p.argv.some((a) => a.endsWith('lib.test.js'))),
    JSON.stringify(report.processes.map((p) => p.argv)),
  );
  assertNear(lineOf(report, path.join(dir, 'test/lib.test.js'), 'busy(300)')?.totalMs, 300, 'the test line');
});

test('a command that is not there is said so, and no report is printed', () => {
  const dir = tempProject({ 'x.js': '' });
  const r = spawnSync(process.execPath, [cli, 'run', '--', 'no-such-command-hotline'], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /could not start no-such-command-hotline/);
});

/** A server that never ends, with a child that ignores SIGINT: both must be gone after the run. */
function serverProject(): string {
  return tempProject({
    'package.json': JSON.stringify({ name: 'srv', type: 'commonjs' }),
    'server.js': `const { spawn } = require('node:child_process');
spawn(process.execPath, ['-e', "process.on('SIGINT', () => {}); setInterval(() => {}, 1000)"], { stdio: 'ignore' });
${BUSY}setInterval(() => busy(20), 25); // SERVER
`,
  });
}

/** Running (a zombie waiting for a reaper that this container's init may never be is not). */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) [ZX]/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

test('--duration stops a server that never ends, keeps what was sampled, leaves no process behind', () => {
  const dir = serverProject();
  const started = Date.now();
  const { status, report, stderr } = hotlineRun(dir, process.execPath, ['--duration', '2', 'node', 'server.js']);
  assert.equal(status, 0, stderr);
  assert.ok(Date.now() - started < 30_000);
  const line = lineOf(report, path.join(dir, 'server.js'), '// SERVER');
  assert.ok(line && line.totalMs > 500, `the busy line of a 2 s run: ${JSON.stringify(line)}`);
  for (const p of report.processes) assert.ok(!alive(p.pid), `pid ${p.pid} is still running`);
});

test('Ctrl-C: the program gets SIGINT, the report is printed, hotline exits 130', async () => {
  const dir = serverProject();
  const child = spawn(process.execPath, [cli, 'run', '--', 'node', 'server.js'], { cwd: dir, stdio: 'pipe' });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  await new Promise((r) => setTimeout(r, 2000));
  child.kill('SIGINT');
  const code = await new Promise<number | null>((r) => child.on('exit', r));
  assert.equal(code, 130);
  assert.match(stdout, /Hottest lines/);
  assert.match(stdout, /server\.js:\d+ +setInterval\(\(\) => busy\(20\), 25\);/);
});
