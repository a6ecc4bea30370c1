// "Is my rewrite faster?" as a user asks it: time two implementations of blur on the same inputs,
// read the ratio with its interval and the error bars, pick the other as baseline; then edit one,
// re-time it and read the before/after verdict (notification, Output, the panel's history).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import {
  answerInput,
  examples,
  goToLine,
  lensAbove,
  openFile,
  outputText,
  runCommand,
  useVSCode,
  waitForRunToFinish,
  webviewFrame,
} from './harness.ts';

const session = useVSCode('compare', { settings: { 'hotline.timeit.repeat': 5, 'hotline.timeit.memory': false } });
const blurFile = path.join(examples, 'src/blur.ts');
const original = fs.readFileSync(blurFile, 'utf8');
after(() => fs.writeFileSync(blurFile, original)); // the edit below is saved (the runner reads the file)

const SETUP = 'const x = sawtooth(N); const steps = 20';

/** blur.ts in the first editor group (a click in the Timings panel makes its group the active one). */
async function openBlur(page: Page, waitForText: string) {
  await runCommand(page, 'View: Focus First Editor Group');
  return openFile(page, 'src/blur.ts', waitForText);
}

/** Times `fn` through its ⏱ Time lens; `setup: 'shared'` takes the prefilled setup as it is, after checking it. */
async function timeWithLens(page: Page, fn: string, line: number, setup: string | 'shared' = SETUP): Promise<void> {
  const editor = await openBlur(page, 'export function blur');
  // the lenses come after the text
  await editor.locator('.codelens-decoration a', { hasText: '⏱ Time' }).first().waitFor({ state: 'attached' });
  if (!(await editor.locator('.view-line', { hasText: `export function ${fn}(` }).count()))
    await goToLine(page, editor, line);
  // Lenses are drawn again after an edit or a scroll: a click on one being replaced does nothing
  // (or finds it gone), so look it up and try again.
  for (let attempt = 0; ; attempt++) {
    try {
      await (await lensAbove(editor, `export function ${fn}(`, '⏱ Time')).click({ timeout: 5000 });
      // A function without a remembered statement first runs `hotline propose` (a progress toast),
      // which on a loaded machine takes longer than a click: wait for either, never click twice.
      await page
        .locator('.quick-input-widget')
        .or(page.locator('.notification-toast', { hasText: 'finding a statement' }))
        .first()
        .waitFor({ state: 'visible', timeout: 5000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.waitForTimeout(500);
    }
  }
  await page.locator('.quick-input-widget').waitFor({ state: 'visible', timeout: 90_000 });
  await answerInput(page, `${fn}(x, steps)`, new RegExp(`Time ${fn} \\(1/2\\)`));
  if (setup === 'shared') {
    const widget = page.locator('.quick-input-widget');
    await widget.locator('.quick-input-title', { hasText: new RegExp(`Time ${fn} \\(2/2\\)`) }).waitFor();
    assert.equal(await widget.locator('input').first().inputValue(), SETUP, "the file's shared setup, prefilled");
    assert.match(await widget.innerText(), /Shared by every Time, Profile and Explain of src\/blur\.ts/);
    await page.keyboard.press('Enter');
  } else await answerInput(page, setup, new RegExp(`Time ${fn} \\(2/2\\)`));
  await page
    .locator('.notification-toast', { hasText: `Hotline: timing ${fn}` })
    .first()
    .waitFor();
  await waitForRunToFinish(page);
}

/** Preferences: Color Theme, clicked by its own row (Enter could pick "Browse Color Themes in Marketplace"). */
async function pickTheme(page: Page, label: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill('>Preferences: Color Theme');
  await page.locator('.quick-input-list .monaco-list-row[aria-label^="Preferences: Color Theme"]').first().click();
  await page.locator('.quick-input-widget input').fill(label);
  await page.locator(`.quick-input-list .monaco-list-row[aria-label^="${label}"]`).first().click();
}

async function rowOf(frame: Frame, label: string) {
  const row = frame.locator('tr.timing-row', { has: frame.locator('.label', { hasText: new RegExp(`^${label}$`) }) });
  return {
    row,
    ratio: await row.locator('.speed .ratio').innerText(),
    interval: await row.locator('.speed .interval').innerText(),
  };
}

const RATIO_WITH_CI =
  /^(\d+\.\d\d× (faster|slower) \(95 % CI \d+\.\d\d–\d+\.\d\d\)|no significant difference \(\d+\.\d\d–\d+\.\d\d×\))$/;

test('two implementations on the same inputs: ratio ± CI against a baseline, error bars, verdict in Output', async () => {
  const page = session().page;
  await timeWithLens(page, 'blur', 8);
  await timeWithLens(page, 'blurFast', 38);
  const frame = await webviewFrame(page, '#timings-table');
  await frame.locator('tr.timing-row').nth(1).waitFor();
  assert.equal(await frame.locator('tbody.group').count(), 1, 'one group: same arguments, same setup');
  assert.match(
    await frame.locator('tr.group-row').innerText(),
    /same inputs \(x, steps\) · setup: const x = sawtooth\(N\); const steps = 20 · baseline (blur|blurFast)/,
  );
  const blur = await rowOf(frame, 'blur'),
    fast = await rowOf(frame, 'blurFast');
  const [base, other] = blur.ratio === 'baseline' ? [blur, fast] : [fast, blur];
  assert.equal(base.ratio, 'baseline');
  assert.match(`${other.ratio} (${other.interval})`, RATIO_WITH_CI);
  assert.equal(await frame.locator('#bar-chart path.error-bar').count(), 2, 'an error bar per implementation');
  // charts are drawn in CSS pixels: the axis text is the font's 11 px however wide the panel is
  const fontPx = await frame
    .locator('#bar-chart text')
    .first()
    .evaluate((t) => (t as SVGTextElement).getBoundingClientRect().height);
  assert.ok(fontPx >= 10 && fontPx <= 18, `bar chart text ${fontPx} px high`);
  assert.ok(
    (await frame.locator('#histogram text', { hasText: 'time per loop' }).count()) === 1 &&
      (await frame.locator('#histogram text', { hasText: 'runs' }).count()) === 1,
  );
  await frame.locator('#bar-chart').scrollIntoViewIfNeeded();
  await session().shot('ratio-and-error-bars');

  // the other one as the baseline: the ratio turns around
  await other.row.click();
  await frame.locator('#make-baseline').click();
  await frame.locator('tr.timing-row.selected .speed .ratio', { hasText: 'baseline' }).waitFor();
  const flipped = await rowOf(frame, base === blur ? 'blur' : 'blurFast');
  assert.match(`${flipped.ratio} (${flipped.interval})`, RATIO_WITH_CI);

  // regrouped by the user: out of all comparisons, then back to its inputs' group
  await frame.locator('#group-select').selectOption('alone');
  await frame.locator('tbody.group[data-group="alone"]').waitFor();
  assert.deepEqual(
    await frame.locator('tr.timing-row .speed .ratio').allInnerTexts(),
    ['—', '—'],
    'nothing left to compare with',
  );
  await frame.locator('#group-select').selectOption({ index: 0 });
  await frame.locator('tr.timing-row .speed .ratio', { hasText: 'baseline' }).waitFor();

  // High Contrast has no selection background: the selected row is outlined in the theme's focus colour
  await pickTheme(page, 'Light High Contrast');
  const outline = async () =>
    frame
      .locator('tr.timing-row.selected td')
      .first()
      .evaluate((td) => {
        const focus = getComputedStyle(document.documentElement).getPropertyValue('--vscode-focusBorder').trim();
        const probe = document.createElement('i');
        probe.style.color = focus;
        document.body.append(probe);
        const rgb = getComputedStyle(probe).color;
        probe.remove();
        return {
          focus: rgb,
          shadow: getComputedStyle(td).boxShadow,
          background: getComputedStyle(td.parentElement!).backgroundColor,
        };
      });
  await frame.locator('body.vscode-high-contrast-light').waitFor();
  const hc = await outline();
  assert.ok(
    hc.shadow.includes(hc.focus) && !hc.focus.includes('rgba(0, 0, 0, 0)'),
    `selected row outlined in the focus colour ${hc.focus}: ${hc.shadow}`,
  );
  await frame.locator('#timings-table').scrollIntoViewIfNeeded();
  await session().shot('high-contrast-selected-row');
  await pickTheme(page, 'Dark Modern');

  const out = await outputText(page, /compared on same inputs/);
  assert.match(
    out,
    /compared on same inputs \(x, steps\) · setup: const x = sawtooth\(N\); const steps = 20, baseline blur(Fast)? \(/,
  );
  assert.match(
    out,
    /`blur(Fast)?` (is \d+\.\d\d× (faster|slower) than `blur(Fast)?` \(95 % CI|vs `blur(Fast)?`: no significant difference)/,
  );

  // the group again, in one process with interleaved runs
  await frame.locator('tr.group-row vscode-button.retime').click();
  await page
    .locator('.notification-toast', { hasText: /Hotline: timing blur(Fast)?, blur(Fast)? interleaved/ })
    .first()
    .waitFor();
  await waitForRunToFinish(page);
  const interleaved = await outputText(page, /in one process, runs interleaved/);
  assert.match(interleaved, /⏱ blur(Fast)?, blur(Fast)? — src\/blur\.ts, in one process, runs interleaved/);
  assert.match(interleaved, /blurFast: [\d.]+ (ms|µs) ± [\d.]+ (ms|µs|ns) per loop \(mean ± std\. dev\. of 5 runs/);
  await frame.locator('tr.timing-row').nth(1).waitFor();
  assert.equal(await frame.locator('tr.timing-row').count(), 2, 'the re-timed entries replace the old ones');
  const again = await rowOf(frame, 'blurFast');
  assert.match(
    again.ratio === 'baseline' ? 'baseline' : `${again.ratio} (${again.interval})`,
    /^baseline$|^(\d+\.\d\d× (faster|slower)|no significant difference) \(/,
  );

  // a narrower window: the charts are drawn again at the new width, their text stays the same size
  const chartWidth = () => frame.locator('#bar-chart').evaluate((c) => Number(c.getAttribute('width')));
  const wide = await chartWidth();
  await page.setViewportSize({ width: 1200, height: 950 });
  for (const deadline = Date.now() + 10_000; (await chartWidth()) === wide && Date.now() < deadline;)
    await page.waitForTimeout(200);
  const narrow = await chartWidth();
  assert.ok(narrow < wide, `bar chart ${wide} px wide, then ${narrow} px`);
  const narrowFontPx = await frame
    .locator('#bar-chart text')
    .first()
    .evaluate((t) => (t as SVGTextElement).getBoundingClientRect().height);
  assert.ok(Math.abs(narrowFontPx - fontPx) < 1, `text ${fontPx} px, then ${narrowFontPx} px`);
  await page.setViewportSize({ width: 1500, height: 950 });
  await page.waitForTimeout(500);
});

test('edit a function, re-time it: "after your edit" in a notification, the Output and the history', async () => {
  const page = session().page;
  const editor = await openBlur(page, 'export function');
  // Quick Open leaves the focus in the editor: Go to Line without a click (the sticky scroll covers the first line)
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').fill(':38');
  await page.keyboard.press('Enter');
  await editor.locator('.view-line', { hasText: 'export function blurFast(' }).first().click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('steps *= 4; // three more passes than needed');
  await timeWithLens(page, 'blurFast', 38);
  const toast = page.locator('.notification-toast', { hasText: 'Hotline: blurFast after your edit' }).first();
  await toast.waitFor();
  const message = (await toast.innerText()).replace(/\s+/g, ' ');
  assert.match(message, /blurFast after your edit: \d+\.\d\d× slower \(95 % CI \d+\.\d\d–\d+\.\d\d\)/, message);

  const frame = await webviewFrame(page, '#history-table');
  // blurFast's timing, its interleaved re-timing (first test), and the one after the edit
  assert.equal(await frame.locator('#history-table tr.history-row').count(), 3);
  const latest = await frame.locator('#history-table tr.history-row.latest').innerText();
  assert.match(latest, /after an edit: \d+\.\d\d× slower \(95 % CI/);
  assert.equal(
    await frame.locator('#history-table tr.history-row').last().locator('td.verdict').innerText(),
    'first run',
  );
  await frame.locator('#history-table').scrollIntoViewIfNeeded();
  await session().shot('after-edit-history');

  const out = await outputText(page, /after your edit/);
  assert.match(out, /after your edit: \d+\.\d\d× slower \(95 % CI [\d.–]+\) \(vs [\d.]+ (ms|µs) at /);

  await frame.locator('#clear-history').click();
  await frame.locator('#history p', { hasText: 'No earlier timings' }).waitFor();
});

test("the setup is shared by the file's functions, like IPython's namespace: a third implementation runs with nothing retyped", async () => {
  const page = session().page;
  await openBlur(page, 'export function');
  // Quick Open leaves the focus in the editor: Go to Line without a click (the minimap may take it)
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').fill(':62');
  await page.keyboard.press('Enter');
  await timeWithLens(page, 'blurMap', 59, 'shared');
  const frame = await webviewFrame(page, '#timings-table');
  await frame.locator('tr.timing-row', { hasText: 'blurMap' }).waitFor();
  assert.equal(await frame.locator('tbody.group').count(), 1, 'the same setup: compared with blur and blurFast');
  await session().shot('shared-setup');
  await openBlur(page, 'export function blur');
  await runCommand(page, 'Hotline: Edit Shared Setup');
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-title', { hasText: 'shared setup of src/blur.ts' }).waitFor();
  assert.equal(await widget.locator('input').first().inputValue(), SETUP, 'edited in one place');
  await page.keyboard.press('Escape');
});
