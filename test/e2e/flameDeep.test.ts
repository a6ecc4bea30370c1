// The flame panel on a real, deep profile: the TypeScript compiler run under `node --cpu-prof`
// here, opened from the explorer. Its own code must show on open (Node's loader folded, chains
// collapsed), search must reach deep matches, the time-order brush must zoom, and double-click
// must open the source in the other editor group, never over the panel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Frame } from 'playwright-core';
import { openFromExplorer, resultsDir, root, useVSCode, webviewFrame } from './harness.ts';

const workspace = path.join(resultsDir, 'ws-deep');
fs.rmSync(workspace, { recursive: true, force: true });
const project = path.join(workspace, 'project');
fs.mkdirSync(path.join(project, 'src'), { recursive: true });
for (let i = 1; i <= 6; i++) {
  fs.writeFileSync(
    path.join(project, 'src', `m${i}.ts`),
    [
      `export interface Item${i} { id: number; name: string; tags: string[] }`,
      `export function make${i}(n: number): Item${i}[] {`,
      "  return Array.from({ length: n }, (_, k) => ({ id: k, name: 'x' + k, tags: [String(k)] }));",
      '}',
      `export class Store${i}<T extends { id: number }> {`,
      '  private m = new Map<number, T>();',
      '  add(t: T) { this.m.set(t.id, t); return this; }',
      '}',
      `export const total${i} = make${i}(10).reduce((a, b) => a + b.id, 0);`,
    ].join('\n'),
  );
}
// types: [] keeps tsc from picking up the repository's own @types on its way up.
const compilerOptions = { strict: true, target: 'es2022', lib: ['es2022'], types: [] };
fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['src'] }));
const profDir = fs.mkdtempSync(path.join(workspace, 'prof-'));
const tsc = path.join(root, 'node_modules/typescript/lib/tsc.js');
execFileSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profDir, tsc, '--noEmit', '-p', project]);
fs.renameSync(path.join(profDir, fs.readdirSync(profDir)[0]), path.join(workspace, 'tsc.cpuprofile'));
fs.rmSync(profDir, { recursive: true });

const session = useVSCode('flame-deep', { folder: workspace, trust: true });
let frame: Frame;
const flameState = () => frame.locator('#flame-state');
/** Blocks wide enough to read, as "label@row". */
const visible = async () =>
  ((await flameState().getAttribute('data-visible')) ?? '').split('\n').map((e) => {
    const at = e.lastIndexOf('@');
    return { label: e.slice(0, at), row: Number(e.slice(at + 1)) };
  });

test("a tsc profile shows tsc's own functions on open, Node's loader folded into one block", async () => {
  await openFromExplorer(session().page, 'tsc.cpuprofile');
  frame = await webviewFrame(session().page, '#icicle-canvas');
  await frame.locator('.stats-row').first().waitFor();
  const topRow = await frame.locator('.stats-row').first().innerText();
  assert.doesNotMatch(
    topRow,
    /\((run_main_module|Module\._load|executeUserEntryPoint)\)/,
    'folded internals are not at the top',
  );
  const blocks = await visible();
  const chartHeight = await frame.locator('#chart-scroll').evaluate((e) => e.clientHeight);
  const tsc = blocks.find((b) => /performCompilation|createProgram|executeCommandLine|checkSourceFile/.test(b.label));
  assert.ok(tsc, `a tsc function is readable on open: ${blocks.map((b) => b.label).join(', ')}`);
  assert.ok(
    tsc.row * 16 + 16 <= chartHeight,
    `${tsc.label} at row ${tsc.row} is in view without scrolling (${chartHeight}px)`,
  );
  assert.ok(
    blocks.some((b) => /^node internals \(\d+ frames\)$/.test(b.label)),
    'the module loader is one block',
  );
  assert.ok(!blocks.some((b) => b.label === 'Module._load'), 'no loader frame of its own');
  assert.equal(
    await frame.locator('#depth').evaluate((e) => (e as unknown as { value: string }).value),
    '1000000',
    'depth: all',
  );
  await session().shot('open');

  // the sunburst opens at snakeviz's depth 10, its arcs labelled where they are wide enough
  await frame.locator('#tab-sunburst').click();
  await frame.locator('#flame-state[data-view="sunburst"]').waitFor();
  assert.equal(await frame.locator('#depth').evaluate((e) => (e as unknown as { value: string }).value), '10');
  await frame.waitForFunction(() => (document.getElementById('flame-state')!.dataset.arcLabels ?? '').length > 0);
  const arcLabels = (await frame.locator('#flame-state').getAttribute('data-arc-labels'))!.split('\n');
  assert.ok(arcLabels.length >= 3, `labelled arcs: ${arcLabels.join(', ')}`);
  assert.ok(Number(await frame.locator('#flame-state').getAttribute('data-max-depth')) <= 10);
  await session().shot('sunburst-depth-10');
  await frame.locator('#tab-icicle').click();
  await frame.locator('#flame-state[data-view="icicle"]').waitFor();
  assert.equal(
    await frame.locator('#depth').evaluate((e) => (e as unknown as { value: string }).value),
    '1000000',
    'the icicle keeps its own depth',
  );

  // the toggle shows the loader's frames again (chains of them may still be collapsed), and folds them back
  const folded = () => document.getElementById('flame-state')!.dataset.visible!.includes('node internals');
  await frame.locator('#fold-internals').click();
  await frame.waitForFunction(`!(${folded})()`);
  assert.ok(
    (await visible()).some((b) => /executeUserEntryPoint|Module\._load|Module\._compile/.test(b.label)),
    'the loader is drawn',
  );
  await frame.locator('#fold-internals').click();
  await frame.waitForFunction(`(${folded})()`);
});

test('search counts the matches and Enter / Shift+Enter walk them, deep ones included', async () => {
  const search = frame.locator('#search input');
  await search.fill('checkExpression');
  const count = frame.locator('#search-count');
  await frame.waitForFunction(() => /\d+ match/.test(document.getElementById('search-count')!.textContent ?? ''));
  const total = Number(await count.getAttribute('data-count'));
  assert.ok(total >= 2, `matches: ${await count.innerText()}`);
  const table = await frame.locator('.stats-row').allInnerTexts();
  assert.ok(
    table.length > 0 && table.every((r) => /checkExpression/i.test(r)),
    'the table keeps the matching rows only',
  );
  const depths: number[] = [];
  for (let k = 1; k <= Math.min(4, total); k++) {
    await search.press('Enter');
    assert.equal(await count.innerText(), `${k} of ${total}`);
    assert.notEqual(await flameState().getAttribute('data-focus-box'), '', 'the match is drawn');
    depths.push(Number(await flameState().getAttribute('data-focus-depth')));
  }
  assert.ok(Math.max(...depths) >= 8, `a match deep in the tree is reached: depths ${depths}`);
  await session().shot('search');
  await search.press('Shift+Enter');
  assert.equal(await count.innerText(), `${Math.min(4, total) - 1} of ${total}`);
  await search.fill('');
});

test('time order: the overview brush zooms the chart to a time range', async () => {
  await frame.locator('#tab-timeOrder').click();
  await frame.locator('#timeorder-canvas').waitFor();
  const range = frame.locator('#time-range');
  assert.equal(await range.getAttribute('data-from'), '0.000000');
  assert.equal(await range.getAttribute('data-to'), '1.000000');
  const before = await range.innerText();
  const box = (await frame.locator('#minimap').boundingBox())!;
  const page = session().page;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2, { steps: 4 });
  await page.mouse.move(box.x + box.width * 0.55, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  const from = Number(await range.getAttribute('data-from')),
    to = Number(await range.getAttribute('data-to'));
  assert.ok(Math.abs(from - 0.3) < 0.02 && Math.abs(to - 0.55) < 0.02, `brushed ${from}..${to}`);
  assert.notEqual(await range.innerText(), before, 'the shown range is spelled out');
  assert.equal(await flameState().getAttribute('data-view'), 'timeOrder');
  await session().shot('time-order-zoomed');
  await frame.locator('#tab-leftHeavy').click();
  await frame.locator('#leftheavy-canvas').waitFor();
  await frame.locator('#reset-root').click();
  assert.equal(await flameState().getAttribute('data-root'), '(root)');
  assert.ok((await visible()).length > 3, 'left heavy draws readable blocks');
  await session().shot('left-heavy');
});

test('double-click on a block opens its source in the other editor group, the flame view stays', async () => {
  await frame.locator('#tab-icicle').click();
  await frame.locator('#search input').fill('createProgram');
  await frame.locator('#search input').press('Enter');
  const [x, y, w] = ((await flameState().getAttribute('data-focus-box')) ?? '').split(',').map(Number);
  assert.ok(w > 0, 'createProgram is drawn');
  await frame.locator('#icicle-canvas').dblclick({ position: { x: x + Math.min(w / 2, 40), y: y + 8 } });
  const page = session().page;
  const tscTab = page.locator('.tab', { hasText: '_tsc.js' });
  await tscTab.waitFor();
  const groups = page.locator('.editor-group-container');
  assert.equal(await groups.count(), 2, 'the source opened beside the panel');
  const flameGroup = groups.filter({ has: page.locator('.tab', { hasText: 'tsc.cpuprofile' }) });
  assert.equal(await flameGroup.count(), 1);
  assert.equal(await flameGroup.locator('.tab', { hasText: '_tsc.js' }).count(), 0, 'not over the flame view');
  await page
    .locator('.statusbar-item', { hasText: /Ln \d+, Col/ })
    .first()
    .waitFor();
  await session().shot('open-beside');
});

test("double-click on a stats row opens that row's function, though its first click re-rooted the chart above", async () => {
  const page = session().page;
  await frame.locator('#search input').fill(''); // the search before filtered the table
  await frame.locator('#search input').press('Enter');
  await frame.locator('#reset-root').click();
  const row = frame.locator('.stats-row').nth(4);
  const location = await row.locator('span').first().innerText();
  const line = /:(\d+)\(/.exec(location)?.[1];
  assert.ok(line, `a row with a line: ${location}`);
  await row.dblclick();
  await page
    .locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}, Col`) })
    .first()
    .waitFor();
  assert.notEqual(await flameState().getAttribute('data-root'), '(root)', 'the first click set the root');
});
