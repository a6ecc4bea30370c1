// A 25 MB generated .cpuprofile (35,000 nodes, 1.9 M samples) opens from the explorer in the
// flame view, read in the worker; switching to another tab and back keeps the page as it was
// (the chosen view survives, the page is not rebuilt and does not paint the profile again), and
// the tab is a permanent one that the next file opened does not replace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { PRESETS, writeSyntheticProfile } from '../../bench/flame/generate.ts';
import { extensionHostPid, memoryOf, openFromExplorer } from './flameHelpers.ts';
import { openFile, resultsDir, useVSCode, webviewFrame } from './harness.ts';

const workspace = path.join(resultsDir, 'ws-flame-scale');
fs.rmSync(workspace, { recursive: true, force: true });
fs.mkdirSync(workspace, { recursive: true });
const bytes = writeSyntheticProfile(path.join(workspace, 'big.cpuprofile'), PRESETS.medium);
fs.writeFileSync(path.join(workspace, 'notes.txt'), 'another tab to switch to\n');
const session = useVSCode('flame-scale', { folder: workspace });

test('a 25 MB profile opens, and a tab switch back keeps its state without repainting', async () => {
  const { page } = session();
  const started = Date.now();
  await openFromExplorer(page, 'big.cpuprofile');
  const frame = await webviewFrame(page, '.stats-row', 120_000);
  await frame.waitForFunction(() => document.body.dataset.firstPaintMs, undefined, { timeout: 60_000 });
  const openMs = Date.now() - started;
  const firstPaint = await frame.evaluate(() => document.body.dataset.firstPaintMs);
  // A mark only this page has: a rebuilt page (html reset, or a discarded hidden webview) loses it.
  await frame.evaluate(() => {
    document.body.dataset.e2eMark = 'same page';
  });
  // A permanent tab (VS Code draws a preview tab's label in italics), so the next file does not replace it.
  const tab = page.locator('.tabs-container .tab', { hasText: 'big.cpuprofile' });
  assert.equal(await tab.count(), 1);
  assert.equal(await tab.locator('.italic').count(), 0, 'opened as a preview tab');
  await frame.locator('#tab-sunburst').click();
  await frame.locator('#flame-state[data-view="sunburst"]').waitFor();
  await session().shot('open');

  await openFile(page, 'notes.txt', 'another tab');
  await session().shot('away');
  const back = Date.now();
  await page.getByRole('tab', { name: /big\.cpuprofile/ }).click();
  await page.locator('iframe.webview').first().waitFor({ state: 'visible' });
  await frame.locator('#sunburst-canvas').waitFor();
  const backMs = Date.now() - back;
  await session().shot('back');

  assert.equal(
    await frame.evaluate(() => document.body.dataset.e2eMark),
    'same page',
    'the page was rebuilt on the tab switch',
  );
  assert.equal(
    await frame.evaluate(() => document.body.dataset.firstPaintMs),
    firstPaint,
    'the profile was painted again',
  );
  assert.equal(await frame.locator('#flame-state').getAttribute('data-view'), 'sunburst', 'the chosen view was lost');
  const pid = extensionHostPid(session().runDir);
  const memory = pid ? memoryOf(pid) : undefined;
  console.log(
    `${(bytes / 1048576).toFixed(1)} MB profile: open → first paint ${openMs} ms (page ${firstPaint} ms); tab back ${backMs} ms;` +
      ` extension host peak ${memory?.peakMB.toFixed(0) ?? '?'} MB`,
  );
});
