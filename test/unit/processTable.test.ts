// The /proc reading behind "a run ends every process it created" (src/engine/processTable.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  carriesRunId,
  descendantsOf,
  listProcesses,
  RUN_ID_VAR,
  type ProcStat,
} from '../../src/engine/processTable.ts';
import { withRunId } from '../../src/engine/runProcesses.ts';

const proc = (pid: number, ppid: number): ProcStat => ({ pid, ppid, state: 'S', start: String(pid * 10) });

test('descendantsOf follows parent pids through any depth, roots excluded, cycles harmless', () => {
  const table = [
    proc(10, 1),
    proc(11, 10),
    proc(12, 11),
    proc(13, 12),
    proc(20, 1),
    proc(21, 20),
    proc(30, 31),
    proc(31, 30),
  ];
  assert.deepEqual(
    descendantsOf([10], table)
      .map((p) => p.pid)
      .sort(),
    [11, 12, 13],
  );
  assert.deepEqual(
    descendantsOf([10, 20], table)
      .map((p) => p.pid)
      .sort(),
    [11, 12, 13, 21],
  );
  assert.deepEqual(
    descendantsOf([30], table).map((p) => p.pid),
    [31],
  );
  assert.deepEqual(descendantsOf([99], table), []);
});

test('a run inside a run keeps the outer id: both runs recognise the process', () => {
  const env = withRunId(withRunId({ PATH: '/bin' }, 'outer'), 'inner');
  assert.equal(env[RUN_ID_VAR], 'outer,inner');
  assert.equal(env.PATH, '/bin');
});

test(
  'carriesRunId reads the id from a live process environment, wherever it stands in it',
  { skip: process.platform !== 'linux' },
  async (t) => {
    const child = spawn('sleep', ['30'], {
      env: withRunId({ PATH: process.env.PATH, AFTER: 'x' }, 'first'),
      stdio: 'ignore',
    });
    t.after(() => child.kill('SIGKILL'));
    const idFirst = spawn('sleep', ['30'], { env: { [RUN_ID_VAR]: 'a,b', PATH: process.env.PATH }, stdio: 'ignore' });
    t.after(() => idFirst.kill('SIGKILL'));
    await new Promise((r) => setTimeout(r, 200));
    assert.ok(carriesRunId(child.pid!, 'first'));
    assert.ok(!carriesRunId(child.pid!, 'firs'), 'a prefix of the id is not the id');
    assert.ok(
      carriesRunId(idFirst.pid!, 'b') && carriesRunId(idFirst.pid!, 'a'),
      'the first entry of the environment, one id of two',
    );
    assert.ok(!carriesRunId(process.pid, 'first'), 'this process does not carry it');
    const listed = listProcesses();
    assert.ok(
      listed.some((p) => p.pid === child.pid && p.ppid === process.pid),
      'the child is listed under this process',
    );
    assert.ok(!listed.some((p) => p.pid === process.pid), 'this process is never listed (never killed)');
  },
);
