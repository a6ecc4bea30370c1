// Process hygiene: whatever a run's user code starts, detached or not, is gone when the run ends
// (success, error, cancel, timeout), through the engine and through the CLI. Each test's sleeps
// carry a duration of their own (`sleep 301.<pid>` …) so that tests never see each other's.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { runProfile } from '../../src/engine/profile.ts';
import { runTimeit } from '../../src/engine/timeit.ts';
import { RUN_ID_VAR } from '../../src/engine/processTable.ts';
import { ensureBuilt, root, runnerPath, tempProject } from './buildOnce.ts';
import { supportedNodes } from '../supportedNodes.ts';

const onLinux = process.platform === 'linux';
const cliPath = path.join(root, 'dist/cli.js');

/** The runner and the CLI run from dist/: rebuild when older than the code this file is about. */
before(() => {
  ensureBuilt();
  const sources = [
    'src/cli.ts',
    'src/runner/main.ts',
    'src/engine/runChild.ts',
    'src/engine/runProcesses.ts',
    'src/engine/processTable.ts',
  ];
  const built = [cliPath, runnerPath].map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0));
  if (Math.max(...sources.map((f) => fs.statSync(path.join(root, f)).mtimeMs)) > Math.min(...built)) {
    execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  }
});

// Every way of leaving the runner's process group we know of, plus two that stay (nohup, a plain
// double fork), one that clears its environment (found through the process tree, not the marker),
// one that holds the runner's stdout (the run must still end promptly) and one started late.
const leaker = `
import { spawn } from 'node:child_process';
import fs from 'node:fs';
const quiet = { stdio: 'ignore' };
export function leak(secs) {
  spawn('sleep', [secs], { ...quiet, detached: true }).unref();
  spawn('setsid', ['sleep', secs], quiet).unref();
  spawn('sh', ['-c', \`(sleep \${secs} &) &\`], quiet).unref();
  spawn('sh', ['-c', \`setsid sh -c 'sleep \${secs} &' &\`], quiet).unref();
  spawn('nohup', ['sleep', secs], quiet).unref();
  spawn('sleep', [secs], { ...quiet, detached: true, env: { PATH: process.env.PATH } }).unref();
  spawn('setsid', ['sleep', secs], { stdio: 'inherit' }).unref();
  spawn('sh', ['-c', \`sleep 0.2; exec setsid sleep \${secs}\`], { ...quiet, detached: true }).unref();
}
export const KINDS = 8;
/** Setup: leaks once, waits until every sleep exists, and notes the run id and how many it saw. */
export function leakAndWitness(secs, notes) {
  leak(secs);
  const deadline = Date.now() + 10000;
  let seen = 0;
  while (Date.now() < deadline) {
    seen = fs.readdirSync('/proc').filter((p) => {
      try { return fs.readFileSync('/proc/' + p + '/cmdline', 'latin1') === 'sleep\\0' + secs + '\\0'; } catch { return false; }
    }).length;
    if (seen >= KINDS) break;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
  fs.appendFileSync(notes, JSON.stringify({ runId: process.env.${RUN_ID_VAR}, seen }) + '\\n');
}
export function spin() { for (;;) {} }
`;

let serial = 0;
/** A duration no other test (nor another run of this file) uses. */
const freshSecs = () => `${301 + serial++}.${process.pid}`;
const used: string[] = [];

function pids(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .map(Number);
}
function read(file: string): string {
  try {
    return fs.readFileSync(file, 'latin1');
  } catch {
    return '';
  }
}
/** Live processes running `sleep <secs>` or a shell script naming it. */
function sleepers(secs: string): number[] {
  return pids().filter((pid) =>
    read(`/proc/${pid}/cmdline`)
      .split('\0')
      .some((arg) => arg === secs || arg.includes(`sleep ${secs}`)),
  );
}
/** Live processes carrying one of the run ids in their environment. */
function marked(runIds: string[]): number[] {
  return pids().filter(
    (pid) => pid !== process.pid && runIds.some((id) => read(`/proc/${pid}/environ`).includes(`${RUN_ID_VAR}=${id}`)),
  );
}

// A failing test must not leave its sleeps behind for the next ones (nor for the machine).
after(() => {
  for (const secs of used)
    for (const pid of sleepers(secs))
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
});

function scenario() {
  const secs = freshSecs();
  used.push(secs);
  const dir = tempProject({ 'leaker.js': leaker });
  const notes = path.join(dir, 'notes.jsonl');
  const witnessed = () =>
    read(notes)
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { runId: string; seen: number });
  return {
    secs,
    dir,
    file: path.join(dir, 'leaker.js'),
    setup: `leakAndWitness(${JSON.stringify(secs)}, ${JSON.stringify(notes)})`,
    witnessed,
    /** The run's processes did exist (the test is not vacuous), and none is left. */
    assertNoneLeft(runs: number) {
      const notes = witnessed();
      assert.ok(
        notes.length >= runs,
        `each of the ${runs} child runs noted its run id (the setup may run more than once per run)`,
      );
      assert.equal(new Set(notes.map((n) => n.runId)).size, runs, `${runs} child runs`);
      for (const n of notes) assert.ok(n.seen >= 8, `every leak kind was running during the run (saw ${n.seen})`);
      const left = sleepers(secs);
      assert.deepEqual(
        left,
        [],
        `no sleep ${secs} left: ${left.map((pid) => `${read(`/proc/${pid}/stat`)} ${read(`/proc/${pid}/environ`).match(/HOTLINE_RUN_ID=[^\0]*/)?.[0]}`).join('\n')}`,
      );
      assert.deepEqual(marked(notes.map((n) => n.runId)), [], 'no process carries the run id');
    },
  };
}

const skip = onLinux ? false : 'the /proc checks need Linux';

for (const node of supportedNodes)
  test(
    `timeit: every process the setup and the statement started is gone afterwards (${node.label})`,
    { skip },
    async () => {
      const s = scenario();
      const o = await runTimeit({
        file: s.file,
        setup: s.setup,
        stmt: `-n 3 -r 2 leak(${JSON.stringify(s.secs)})`,
        runnerPath,
        nodePath: node.path,
        timeoutMs: 60_000,
      });
      assert.ok(o.ok, o.ok ? '' : `${o.kind}: ${o.message}\n${o.stderr}`);
      s.assertNoneLeft(1);
    },
  );

for (const node of supportedNodes)
  test(
    `lprun (profile, hundreds of executions, with verdicts): nothing is left from any of its runs (${node.label})`,
    { skip },
    async () => {
      const s = scenario();
      const o = await runProfile({
        file: s.file,
        setup: s.setup,
        stmt: `leak(${JSON.stringify(s.secs)})`,
        runnerPath,
        nodePath: node.path,
        minDurationMs: 300,
        explain: true,
        timeoutMs: 90_000,
      });
      assert.ok(o.ok, o.ok ? '' : `${o.kind}: ${o.message}\n${o.stderr}`);
      s.assertNoneLeft(3);
    },
  );

test('a statement that throws after leaking leaves nothing', { skip }, async () => {
  const s = scenario();
  const o = await runTimeit({
    file: s.file,
    setup: s.setup,
    stmt: `leak(${JSON.stringify(s.secs)}); throw new Error('late')`,
    runnerPath,
    timeoutMs: 60_000,
  });
  assert.equal(o.ok ? 'ok' : o.kind, 'throw');
  s.assertNoneLeft(1);
});

for (const node of supportedNodes)
  test(`a cancelled run leaves nothing (${node.label})`, { skip }, async () => {
    const s = scenario();
    const controller = new AbortController();
    const watcher = setInterval(() => {
      if (s.witnessed().length) controller.abort();
    }, 50);
    try {
      const o = await runTimeit({
        file: s.file,
        setup: s.setup,
        stmt: 'spin()',
        runnerPath,
        nodePath: node.path,
        timeoutMs: 60_000,
        signal: controller.signal,
      });
      assert.equal(o.ok ? 'ok' : o.kind, 'cancelled');
    } finally {
      clearInterval(watcher);
    }
    s.assertNoneLeft(1);
  });

test('a timed-out run leaves nothing', { skip }, async () => {
  const s = scenario();
  const o = await runTimeit({ file: s.file, setup: s.setup, stmt: 'spin()', runnerPath, timeoutMs: 4000 });
  assert.equal(o.ok ? 'ok' : o.kind, 'timeout');
  s.assertNoneLeft(1);
});

const execCli = promisify(execFile);

test('the CLI (timeit and lprun) leaves nothing either', { skip }, async () => {
  for (const command of ['timeit', 'lprun']) {
    const s = scenario();
    const extra = command === 'timeit' ? ['-n', '2', '-r', '1'] : ['-f', 'leak'];
    await execCli(
      process.execPath,
      [cliPath, command, s.file, `leak(${JSON.stringify(s.secs)})`, '--setup', s.setup, ...extra],
      { timeout: 120_000 },
    );
    s.assertNoneLeft(command === 'timeit' ? 1 : 2);
  }
});

test('the CLI killed mid-run (SIGTERM) ends the run and everything it started', { skip }, async () => {
  const s = scenario();
  const cli = execFile(process.execPath, [cliPath, 'timeit', s.file, 'spin()', '--setup', s.setup]);
  const exited = new Promise((resolve) => cli.on('exit', resolve));
  try {
    const deadline = Date.now() + 30_000;
    while (!s.witnessed().length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    cli.kill('SIGTERM');
    assert.equal(await exited, 143);
  } finally {
    cli.kill('SIGKILL');
  }
  s.assertNoneLeft(1);
});

test(
  'the documented limit: one that clears its environment and escapes at once does not hold the run',
  { skip },
  async () => {
    const secs = freshSecs();
    used.push(secs);
    // sh (no HOTLINE_RUN_ID) starts `setsid sleep` on the runner's stdout and exits at once: the
    // sleep is re-parented to init before any walk of the tree can see it, and holds the pipe
    const dir = tempProject({
      'escape.js': `import { spawn } from 'node:child_process';\nexport const escape = (secs) => spawn('sh', ['-c', \`setsid sleep \${secs} &\`], { stdio: 'inherit', env: { PATH: process.env.PATH } });\n`,
    });
    const o = await runTimeit({
      file: path.join(dir, 'escape.js'),
      stmt: `-n 1 -r 1 escape(${JSON.stringify(secs)})`,
      runnerPath,
      timeoutMs: 60_000,
    });
    assert.ok(o.ok, o.ok ? '' : `the run ended with ${o.kind}: ${o.message}`);
  },
);

for (const node of supportedNodes)
  test(`out of memory is named as such (${node.label})`, async () => {
    const dir = tempProject({ 'hog.js': 'export const keep = [];\n' });
    const saved = process.env.NODE_OPTIONS;
    process.env.NODE_OPTIONS = '--max-old-space-size=48';
    try {
      const o = await runTimeit({
        file: path.join(dir, 'hog.js'),
        stmt: 'for (;;) keep.push(new Array(1000).fill(1.5))',
        runnerPath,
        nodePath: node.path,
        timeoutMs: 60_000,
      });
      assert.equal(o.ok ? 'ok' : o.kind, 'crashed');
      assert.match(o.ok ? '' : o.message, /^the run ran out of memory \(V8's heap limit of 48 MB\)/);
    } finally {
      if (saved === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = saved;
    }
  });
