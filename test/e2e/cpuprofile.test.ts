// .cpuprofile files open in the flame view from the explorer — also in an untrusted workspace,
// since viewing runs no code — and a malformed file gets a clear error view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { examples, openFromExplorer as open, resultsDir, useVSCode, webviewFrame } from './harness.ts';

const workspace = path.join(resultsDir, 'ws-profiles');
fs.rmSync(workspace, { recursive: true, force: true });
fs.mkdirSync(workspace, { recursive: true });
fs.copyFileSync(path.join(examples, 'profiles/fib.cpuprofile'), path.join(workspace, 'fib.cpuprofile'));
fs.writeFileSync(
  path.join(workspace, 'truncated.cpuprofile'),
  fs.readFileSync(path.join(examples, 'profiles/fib.cpuprofile'), 'utf8').slice(0, 500),
);
const session = useVSCode('cpuprofile', { folder: workspace, trust: false });

const openFromExplorer = (name: string) => open(session().page, name);

test('explorer → Open .cpuprofile in Flame View shows the tree and the stats (untrusted workspace)', async () => {
  await openFromExplorer('fib.cpuprofile');
  const frame = await webviewFrame(session().page, '.stats-row');
  const fibRow = frame.locator('.stats-row', { hasText: 'fib.ts:3(fib)' });
  await fibRow.waitFor();
  const [location, ncalls] = await fibRow.locator('span').allInnerTexts();
  assert.equal(location, 'fib.ts:3(fib)', 'the location comes first');
  assert.equal(ncalls, '—', 'a plain .cpuprofile has no coverage: ncalls unknown, not invented');
  assert.match((await fibRow.locator('span').nth(1).getAttribute('title')) ?? '', /no coverage run/);
  assert.match(await frame.locator('.stats-head').innerText(), /ncalls unknown/);
  assert.equal(await frame.locator('#flame-state').getAttribute('data-view'), 'icicle');
  await session().shot('explorer');
});

test('a truncated .cpuprofile gets a clear error view', async () => {
  await openFromExplorer('truncated.cpuprofile');
  const frame = await webviewFrame(session().page, '#error-view');
  assert.match(await frame.locator('#error-view').innerText(), /truncated\.cpuprofile[\s\S]*the file is truncated/);
  await session().shot('truncated');
});
