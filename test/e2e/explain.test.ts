// "Why is it slow" as a user meets it: the 🔎 Explain lens on the worked example, V8's verdict
// markers on the right line with their colour and hover, the verdicts in the profile report, and
// the exported annotated HTML opened in Chromium.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import {
  answerInput,
  examples,
  goToLine,
  hoverUntil,
  lensAbove,
  openFile,
  outputText,
  resultsDir,
  runCommand,
  useVSCode,
  waitForAfterText,
  waitForRunToFinish,
  webviewFrame,
} from './harness.ts';

const session = useVSCode('explain', { settings: { 'hotline.profile.explain': true } });
const HOT_LINE = 's += p.x * p.y + p.x - p.y;';
const exported = path.join(examples, 'moments.hotline.html');

test('🔎 Explain on moments(mixed): megamorphic reads of p.x and p.y marked on the hot line, with a hover that says why', async () => {
  const page = session().page;
  const editor = await openFile(page, 'src/shapes.ts', 'export function mixedPoints');
  await goToLine(page, editor, 40);
  await editor.locator('.codelens-decoration a', { hasText: '🔎 Explain' }).first().waitFor({ state: 'attached' });
  await (await lensAbove(editor, 'export function moments', '🔎 Explain')).click();
  await answerInput(page, 'moments(mixed)', /Explain moments \(1\/2\)/);
  await answerInput(page, 'const mixed = mixedPoints(10000)', /Explain moments \(2\/2\)/);
  await waitForRunToFinish(page);
  const label = await waitForAfterText(
    editor,
    HOT_LINE,
    /◆ megamorphic ×\d+ · reads of `[xy]` saw (at least )?8 object shapes \(\+\d+\)/,
  );
  assert.ok(label, 'the label names the kind, the count and the reason');
  // the label and the underline take the theme's verdict colour (megamorphic: #E1A6FF in Dark Modern)
  const labelColours = await editor
    .locator('.view-line', { hasText: HOT_LINE })
    .first()
    .evaluate((line) =>
      [...line.querySelectorAll('span')]
        .map((s) => getComputedStyle(s, '::after'))
        .filter((a) => a.content && a.content !== 'none' && a.content !== 'normal')
        .map((a) => a.color),
    );
  assert.deepEqual(labelColours.slice(-1), ['rgb(225, 166, 255)'], `label colour: ${JSON.stringify(labelColours)}`);
  const underlines = await editor.evaluate((ed) =>
    [...ed.querySelectorAll<HTMLElement>('.view-overlays div.cdr')]
      .map((el) => getComputedStyle(el))
      .filter((st) => st.borderBottomStyle === 'dotted')
      .map((st) => st.borderBottomColor),
  );
  assert.ok(
    underlines.length >= 2 && underlines.every((c) => c === 'rgb(225, 166, 255)'),
    `dotted underlines under p.x and p.y: ${JSON.stringify(underlines)}`,
  );
  await session().shot('verdict-markers');

  const hover = await hoverUntil(
    page,
    editor.locator('.view-line', { hasText: HOT_LINE }).first().locator('span', { hasText: 'p' }).first(),
    "V8's verdict",
  );
  const text = await hover.innerText();
  assert.match(text, /Megamorphic at p\.x/);
  assert.match(text, /met (at least )?8 different object shapes; V8 stopped caching them/);
  assert.match(text, /give the objects reaching this line one shape/i);
  await session().shot('verdict-hover');
  const out = await outputText(page, /V8's verdicts \(\d+\):/);
  assert.match(out, /src\/shapes\.ts:\d+:\d+ {2}moments {2}megamorphic/);
});

test('Profile with hotline.profile.explain: the report has a V8 column; Export Annotated HTML opens in a browser', async () => {
  const page = session().page;
  const editor = await openFile(page, 'src/shapes.ts', 'export function moments');
  await editor.locator('.codelens-decoration a', { hasText: '🔥 Profile' }).first().waitFor({ state: 'attached' });
  await (await lensAbove(editor, 'export function moments', '🔥 Profile')).click();
  await answerInput(page, 'moments(mixed)', /Profile moments \(1\/2\)/);
  await answerInput(page, 'const mixed = mixedPoints(10000)', /Profile moments \(2\/2\)/);
  await waitForRunToFinish(page);
  // the line_profiler report, as the flame panel's Lines tab holds it
  const flame = await webviewFrame(page, '#line-report');
  const report = (await flame.locator('#line-report').textContent()) ?? '';
  // moments makes nothing itself (no call, `new` or literal): no Allocated column
  assert.match(report, /% Time {2}V8 {2}Line Contents/);
  assert.match(report, /\s37\s+\d+\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+M\s+s \+= p\.x \* p\.y/);
  assert.match(report, /37:12 {2}M {2}Megamorphic at `p\.x`/);

  fs.rmSync(exported, { force: true });
  await runCommand(page, 'Hotline: Export Annotated HTML');
  const dialog = page.locator('.quick-input-widget');
  await dialog.waitFor({ state: 'visible' });
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter'); // the proposed name beside the workspace: moments.hotline.html
  await page.locator('.notification-toast', { hasText: 'Hotline: wrote moments.hotline.html' }).first().waitFor();
  try {
    const html = fs.readFileSync(exported, 'utf8');
    assert.ok(!/<script|(src|href)=["']?(https?:)?\/\//.test(html), 'self-contained: no script, no remote resource');
    const report = await session().context.newPage();
    await report.setViewportSize({ width: 1200, height: 900 });
    await report.goto(`file://${exported}`);
    await report.locator('details summary[title="line 37"]').click();
    const expanded = await report.locator('details[open] .more').first().innerText();
    assert.match(expanded, /Hits \(exact\)\s+10,000/);
    assert.match(expanded, /Megamorphic at p\.x/);
    const background = await report
      .locator('details summary[title="line 37"]')
      .evaluate((s) => getComputedStyle(s).backgroundColor);
    assert.notEqual(background, 'rgba(0, 0, 0, 0)', 'the hot line has a heat background');
    await report.screenshot({ path: path.join(resultsDir, 'explain-annotated-html.png'), fullPage: true });
    await readmePicture(report, 'explain-light');
    await report.emulateMedia({ colorScheme: 'dark' });
    await report.screenshot({ path: path.join(resultsDir, 'explain-annotated-html-dark.png'), fullPage: true });
    await readmePicture(report, 'explain-dark');
    await report.close();
  } finally {
    fs.rmSync(exported, { force: true });
  }
});

/** The README's Explain picture (the report down to line 37's verdicts), light and dark; `npm run pictures` copies it. */
async function readmePicture(report: Page, name: string): Promise<void> {
  const png = await report.screenshot({ clip: { x: 0, y: 0, width: 1200, height: 750 } });
  assert.ok(png.length < 200_000, `${name}.png is ${png.length} bytes`);
  fs.mkdirSync(path.join(resultsDir, 'pictures'), { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'pictures', `${name}.png`), png);
}
