// Readable in every default theme, measured from the pixels a user sees: blur is timed and
// profiled once, then for each of VS Code's four default themes (switched as a user does, with
// Preferences: Color Theme) the editor is screenshot beside the flame panel and every colour of
// text on every hot line — code tokens and Hotline's figure after the line — must keep 4.5:1
// against the line's background (7:1 in the high-contrast themes), or for a colour the theme itself
// draws under 4.7:1, lose at most 5 % of its contrast. The flame and Timings panels
// are screenshot in each theme too, and all their text (DOM text, chart labels, the flame canvas's
// block labels) must keep the same targets, measured from the pixels as well.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Frame, Locator, Page } from 'playwright-core';
import {
  answerInput,
  contextMenu,
  hoverLine,
  openFile,
  resultsDir,
  runCommand,
  useVSCode,
  waitForAfterText,
  waitForRunToFinish,
  webviewFrame,
} from './harness.ts';
import {
  contrast,
  decodePng,
  flameBlocks,
  measureTextContrast,
  rimShare,
  toHex,
  type Box,
  type Rgb,
  type Pixels,
  type TextContrast,
} from './contrast.ts';

const THEMES = [
  // name: the setting's value; label: what the theme picker shows; kind: the workbench's class once it applies
  { name: 'Default Light Modern', label: 'Light Modern', kind: 'vs', min: 4.5 },
  { name: 'Default Dark Modern', label: 'Dark Modern', kind: 'vs-dark', min: 4.5 },
  { name: 'Default High Contrast', label: 'Dark High Contrast', kind: 'hc-black', min: 7 },
  { name: 'Default High Contrast Light', label: 'Light High Contrast', kind: 'hc-light', min: 7 },
];
const session = useVSCode('themes', {
  settings: { 'workbench.colorTheme': THEMES[0].name, 'hotline.timeit.repeat': 3 },
});
const rgb = (css: string) => css.match(/\d+/g)!.slice(0, 3).map(Number) as unknown as Rgb;
const slug = (theme: string) =>
  theme
    .toLowerCase()
    .replace(/^default /, '')
    .replace(/\s+/g, '-');

/**
 * One colour of text on the hot lines of one heat level: the boxes of all its runs (tokens, or the
 * figures after the lines), measured as one sample so that thin glyphs ("0", ")") have solid cores.
 */
interface TextRun {
  lines: number[];
  colour: string;
  what: string;
  boxes: Box[];
}

/**
 * The hot lines (whole-line decorations with Hotline's left heat bar) and, on each, the boxes of
 * its text grouped by computed colour, clipped to what the editor shows (not under the minimap,
 * not on the heat bar itself).
 */
async function hotLineText(editor: Locator): Promise<{ editorBackground: string; runs: TextRun[] }> {
  return editor.evaluate((ed) => {
    const clip = ed.querySelector('.lines-content')!.getBoundingClientRect();
    const scrollable = ed.querySelector('.editor-scrollable')!.getBoundingClientRect();
    const minimap = ed.querySelector('.minimap')?.getBoundingClientRect();
    const right = Math.min(scrollable.right, minimap && minimap.width > 0 ? minimap.left : Infinity) - 2;
    const left = Math.max(clip.left, scrollable.left) + 8; // the heat bar is at most 6 px wide
    const lineAtTop: Record<string, number> = {};
    for (const row of ed.querySelectorAll<HTMLElement>('.margin-view-overlays > div')) {
      const n = row.querySelector('.line-numbers')?.textContent;
      if (n) lineAtTop[row.style.top] = Number(n);
    }
    // the heat level of a line is the decoration type of its bar
    const levelAtTop = new Map(
      [...ed.querySelectorAll<HTMLElement>('.view-overlays div.cdr')]
        .filter((el) => {
          const st = getComputedStyle(el);
          return st.borderLeftStyle === 'solid' && parseFloat(st.borderLeftWidth) >= 1;
        })
        .map((el) => [(el.parentElement as HTMLElement).style.top, el.className]),
    );
    const byColour = new Map<
      string,
      {
        lines: number[];
        colour: string;
        what: string;
        boxes: { x: number; y: number; width: number; height: number }[];
      }
    >();
    for (const viewLine of ed.querySelectorAll<HTMLElement>('.view-line')) {
      const level = levelAtTop.get(viewLine.style.top);
      if (!level) continue;
      const line = lineAtTop[viewLine.style.top];
      for (const span of viewLine.querySelectorAll<HTMLElement>(':scope > span > span')) {
        const after = getComputedStyle(span, '::after');
        const isFigure = !span.textContent && after.content !== 'none' && after.content !== 'normal';
        if (!isFigure && !span.textContent?.trim()) continue;
        const colour = isFigure ? after.color : getComputedStyle(span).color;
        const r = span.getBoundingClientRect();
        const x = Math.max(r.left, left);
        const width = Math.min(r.right, right) - x;
        if (width <= 0) continue;
        const key = `${level} ${isFigure ? 'figure' : 'code'} ${colour}`;
        const run = byColour.get(key) ?? { lines: [], colour, what: isFigure ? 'figure' : '', boxes: [] };
        if (!run.lines.includes(line)) run.lines.push(line);
        run.what += isFigure ? ` ${after.content}` : span.textContent;
        run.boxes.push({ x, y: r.top, width, height: r.height });
        byColour.set(key, run);
      }
    }
    return {
      editorBackground: getComputedStyle(ed.querySelector('.monaco-editor-background')!).backgroundColor,
      runs: [...byColour.values()],
    };
  });
}

/** The rendered contrast of every text run, from a screenshot of the page. */
function measureRuns(pixels: Pixels, runs: TextRun[]): (TextRun & { measured?: TextContrast })[] {
  return runs.map((run) => ({ ...run, measured: measureTextContrast(pixels, run.boxes) }));
}

interface PanelText {
  text: string;
  measured: TextContrast;
}

/**
 * Every text a user sees in a webview panel against its own background, from a screenshot: each
 * text node is measured in its own box (a Range's, clipped to its element), not its cell's, so a
 * cell holding a figure and a muted ± line measures both colours. A box whose rim is not mostly
 * its background straddles two (T's Timings cell read 1.18 across a selected row's edge): its
 * "background" is no background, so it is left out, and counted in `straddling`.
 */
export async function measurePanelText(frame: Frame): Promise<{ texts: PanelText[]; straddling: string[] }> {
  const pixels = decodePng(await frame.page().screenshot());
  const boxes = await frame.locator('body').evaluate((body) => {
    const out: { text: string; x: number; y: number; width: number; height: number }[] = [];
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent!.trim();
      const parent = node.parentElement!;
      if (!text || parent.closest('script, style, #tooltip, [hidden]')) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      // SVG text has a tight box of its own; HTML text one per line it wraps onto
      for (const r of parent instanceof SVGElement ? [parent.getBoundingClientRect()] : [...range.getClientRects()]) {
        // what shows of it: inside its element and every scrolling or clipping ancestor (a table wider than the panel)
        let [x, y, right, bottom] = [
          Math.max(r.left, 0),
          Math.max(r.top, 0),
          Math.min(r.right, innerWidth),
          Math.min(r.bottom, innerHeight),
        ];
        for (let el: Element | null = parent; el && el !== body; el = el.parentElement) {
          if (el !== parent && getComputedStyle(el).overflow === 'visible') continue;
          const clip = el.getBoundingClientRect();
          [x, y, right, bottom] = [
            Math.max(x, clip.left),
            Math.max(y, clip.top),
            Math.min(right, clip.right),
            Math.min(bottom, clip.bottom),
          ];
        }
        if (right - x >= 4 && bottom - y >= 6)
          out.push({ text: text.slice(0, 40), x, y, width: right - x, height: bottom - y });
      }
    }
    return out;
  });
  const frameBox = (await (await frame.frameElement()).boundingBox())!; // element boxes are in the frame's coordinates
  const texts: PanelText[] = [];
  const straddling: string[] = [];
  for (const b of boxes) {
    const box = { x: frameBox.x + b.x, y: frameBox.y + b.y, width: b.width, height: b.height };
    const measured = measureTextContrast(pixels, box);
    if (!measured) continue;
    if (rimShare(pixels, box, measured.background) < 0.75) straddling.push(b.text);
    else texts.push({ text: b.text, measured });
  }
  return { texts, straddling };
}

/** The flame canvas's block labels: blocks segmented from the canvas's pixels, each label against its block. */
async function measureFlameLabels(frame: Frame, canvasSelector: string): Promise<PanelText[]> {
  const pixels = decodePng(await frame.page().screenshot());
  const { box, background } = await frame.locator(canvasSelector).evaluate((canvas) => {
    const r = canvas.getBoundingClientRect();
    const view = canvas.parentElement!.getBoundingClientRect(); // the chart scrolls inside its container
    const y = Math.max(r.top, view.top);
    return {
      box: { x: r.left, y, width: r.width, height: Math.min(r.bottom, view.bottom, innerHeight) - y },
      background: getComputedStyle(document.body).backgroundColor,
    };
  });
  const frameBox = (await (await frame.frameElement()).boundingBox())!;
  const canvasBox = { ...box, x: frameBox.x + box.x, y: frameBox.y + box.y };
  return flameBlocks(pixels, canvasBox, { rowHeight: 16, background: toHex(rgb(background)) })
    .map((b, i) => ({ text: `block ${i} at ${b.x},${b.y}`, measured: measureTextContrast(pixels, b) }))
    .filter((x): x is PanelText => !!x.measured);
}

/** Texts below their theme's target, asserted at the end of the theme's test (so the report has every panel). */
const lowTexts: string[] = [];

/** Notes every text below `min`:1 in `lowTexts`; returns a line for the report with the lowest. */
function assertTexts(what: string, texts: PanelText[], min: number, straddling: string[] = []): string {
  assert.ok(texts.length > 0, `no text measured in ${what}`);
  assert.ok(
    straddling.length <= texts.length / 5,
    `${what}: most texts sit on one background, not ${JSON.stringify(straddling)}`,
  );
  const low = texts
    .filter((x) => x.measured.ratio < min)
    .map((x) => `"${x.text}" ${x.measured.text} on ${x.measured.background}: ${x.measured.ratio.toFixed(2)}`);
  lowTexts.push(...low.map((l) => `${what}: ${l}`));
  const worst = texts.reduce((a, b) => (b.measured.ratio < a.measured.ratio ? b : a));
  return (
    `${what}: ${texts.length} texts${straddling.length ? ` (+${straddling.length} over two backgrounds, skipped: ${JSON.stringify(straddling)})` : ''}, ` +
    `lowest ${worst.measured.ratio.toFixed(2)} ("${worst.text}" ${worst.measured.text} on ${worst.measured.background})`
  );
}

/** All the panel's text, page by page: the panel is scrolled so text below the fold (charts, history) is measured too. */
async function assertWholePanel(frame: Frame, what: string, min: number): Promise<string> {
  const texts: PanelText[] = [];
  const straddling: string[] = [];
  const pages = await frame.evaluate(() => Math.min(4, Math.ceil(document.documentElement.scrollHeight / innerHeight)));
  for (let i = 0; i < pages; i++) {
    await frame.evaluate((n) => window.scrollTo(0, n * innerHeight * 0.9), i);
    await frame.page().waitForTimeout(150);
    const m = await measurePanelText(frame);
    texts.push(...m.texts);
    straddling.push(...m.straddling);
  }
  await frame.evaluate(() => window.scrollTo(0, 0));
  return assertTexts(what, texts, min, straddling);
}

/** Picks the theme in Preferences: Color Theme, as a user does, and waits until the workbench wears it. */
async function switchTheme(page: Page, theme: (typeof THEMES)[number]): Promise<void> {
  // Ctrl+K Ctrl+T: the palette's first match for "Color Theme" is the marketplace browser
  await page.locator('.statusbar').click({ position: { x: 600, y: 5 } });
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+T');
  await page.locator('.quick-input-widget input[placeholder*="Color Theme"]').waitFor();
  await page.locator('.quick-input-widget input').fill(theme.label);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: theme.label }).first().click();
  await page.locator(`.monaco-workbench.${theme.kind}`).waitFor();
  await page.waitForTimeout(1000); // the webviews restyle
}

const report: string[] = [];

/** The README's pictures: made here in the light and dark themes, copied into docs/pictures by `npm run pictures`. */
const PICTURE_THEMES: Record<string, string> = { 'Default Light Modern': 'light', 'Default Dark Modern': 'dark' };
const MAX_PICTURE_BYTES = 200_000;

/** The box of editor groups `first`..`last` (0: the code, 1: the panels), at most 600 px tall. */
async function groupsBox(page: Page, first: number, last = first): Promise<Box> {
  const groups = page.locator('.editor-group-container');
  const a = (await groups.nth(first).boundingBox())!;
  const b = (await groups.nth(last).boundingBox())!;
  return { x: a.x, y: a.y, width: b.x + b.width - a.x, height: Math.min(600, a.height) };
}

async function picture(page: Page, theme: (typeof THEMES)[number], name: string, clip: Box): Promise<void> {
  const kind = PICTURE_THEMES[theme.name];
  if (!kind) return;
  const png = await page.screenshot({ clip });
  assert.ok(png.length < MAX_PICTURE_BYTES, `${name}-${kind}.png is ${png.length} bytes`);
  fs.mkdirSync(path.join(resultsDir, 'pictures'), { recursive: true });
  fs.writeFileSync(path.join(resultsDir, 'pictures', `${name}-${kind}.png`), png);
}

test('blur timed and profiled: the Timings and flame panels beside the hot lines', async () => {
  const page = session().page;
  const editor = await openFile(page, 'src/blur.ts', 'export function blur');
  await editor.locator('.codelens-decoration a', { hasText: '🔥 Profile' }).first().waitFor();
  await contextMenu(page, editor, 'xk[i] = 0.25 * (x[i - 1] + 2 * x[i] + x[i + 1]);', 'Hotline: Time Function');
  await answerInput(page, 'blur(x, steps)', /Time blur \(1\/2\)/);
  await answerInput(page, 'const x = sawtooth(N); const steps = 20', /Time blur \(2\/2\)/);
  await waitForRunToFinish(page);
  await webviewFrame(page, '#timings-table');
  // a rewrite on the same inputs, so the Timings panel (and its README picture) has a comparison
  await contextMenu(page, editor, 'const t = x; x = xk; xk = t;', 'Hotline: Time Function');
  await answerInput(page, 'blurTyped(x, steps)', /Time blurTyped \(1\/2\)/);
  await answerInput(page, 'const x = sawtooth(N); const steps = 20', /Time blurTyped \(2\/2\)/);
  await waitForRunToFinish(page);
  await (await webviewFrame(page, '#timings-table')).locator('tr.timing-row').nth(1).waitFor();
  await contextMenu(page, editor, 'xk[i] = 0.25 * (x[i - 1] + 2 * x[i] + x[i + 1]);', 'Hotline: Profile Function');
  await answerInput(page, 'blur(x, steps)', /Profile blur \(1\/2\)/);
  await answerInput(page, 'const x = sawtooth(N); const steps = 50', /Profile blur \(2\/2\)/);
  await waitForRunToFinish(page);
  await webviewFrame(page, '#stats-table .stats-row');
  await editor.locator('.view-overlays div.cdr[class*="TextEditorDecorationType"]').first().waitFor();
});

for (const theme of THEMES) {
  test(`${theme.name}: every colour of text on every hot line keeps ${theme.min}:1 from the pixels`, async () => {
    const page = session().page;
    await switchTheme(page, theme);
    // the flame panel is in view while the theme changes: its canvas must repaint in the new colours by itself
    const switched = await measureFlameLabels(await webviewFrame(page, '#icicle-canvas'), '#icicle-canvas');
    await page.screenshot({ path: path.join(resultsDir, `themes-${slug(theme.name)}-flame-switched.png`) });
    await runCommand(page, 'Hotline: Show Timings');
    await webviewFrame(page, '#timings-table');
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(resultsDir, `themes-${slug(theme.name)}-timings.png`) });
    if (PICTURE_THEMES[theme.name]) {
      // the comparison at the top of the picture: the rewrite against the baseline, with its bytes
      const timings = await webviewFrame(page, '#timings-table');
      await timings.locator('h2', { hasText: 'Comparison' }).evaluate((e) => e.scrollIntoView({ block: 'start' }));
      await picture(page, theme, 'timings', await groupsBox(page, 1));
      await timings.evaluate(() => window.scrollTo(0, 0));
    }
    const panels = [await assertWholePanel(await webviewFrame(page, '#timings-table'), 'Timings', theme.min)];
    await runCommand(page, 'Hotline: Show Flame Panel');
    await webviewFrame(page, '#stats-table .stats-row');
    await page.waitForTimeout(500);

    const editor = page.locator('.editor-instance .monaco-editor').first();
    // the cursor (and its current-line border) on line 1, away from the hot lines, scrolled fully left
    await editor
      .locator('.view-line')
      .first()
      .click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Home');
    await page.mouse.move(1200, 780); // no hover or tooltip: an empty part of the flame panel
    await page.waitForTimeout(400);
    const png = await page.screenshot();
    fs.writeFileSync(path.join(resultsDir, `themes-${slug(theme.name)}-editor.png`), png);
    await picture(page, theme, 'hot-lines-and-flame', await groupsBox(page, 0, 1));
    // the hover on the hottest line, expanded like Cython's "+"
    await hoverLine(page, editor, 'xk[i] = 0.25', 'Hits', { x: 120, y: 8 });
    await picture(page, theme, 'hover', await groupsBox(page, 0));
    await page.mouse.move(1200, 780);
    await page
      .locator('.monaco-hover', { hasText: 'Hits' })
      .first()
      .waitFor({ state: 'hidden' })
      .catch(() => {});
    await page.waitForTimeout(300);
    const text = await hotLineText(editor);
    const runs = measureRuns(decodePng(png), text.runs);

    const lines = new Set(runs.flatMap((r) => r.lines));
    assert.ok(
      lines.size >= 4 && lines.has(15),
      `blur's lines with time (the loop body 15 among them) carry the heat bar: ${[...lines]}`,
    );
    assert.ok(
      runs.some((r) => r.what.startsWith('figure')),
      'the figures after the lines are measured',
    );
    const unmeasured = runs.filter((r) => !r.measured);
    assert.ok(
      unmeasured.length <= runs.length / 10,
      `most runs have solid glyph pixels: ${JSON.stringify(unmeasured.map((r) => r.what))}`,
    );
    // The rule (see test/unit/heatColours.test.ts): a colour the theme draws at ≥ target + 0.2 on
    // its plain background keeps the target on every heat level; a lower one (Light Modern's green
    // brackets, 3.9:1; its numbers, 4.6:1) loses at most 5 % of its contrast, so a visible yellow fits.
    const onEditor = (r: TextRun) => contrast(rgb(r.colour), rgb(text.editorBackground));
    const floor = (r: TextRun) => (onEditor(r) >= theme.min + 0.2 ? theme.min : 0.95 * onEditor(r));
    const low = runs
      .filter((r) => r.measured && r.measured.ratio < floor(r))
      .map(
        (r) =>
          `lines ${r.lines} ${JSON.stringify(r.what.slice(0, 30))} ${r.colour}: ${r.measured!.text} on ${r.measured!.background} = ${r.measured!.ratio.toFixed(2)}`,
      );
    const measured = runs.filter((r) => r.measured).map((r) => r.measured!.ratio);
    const themeOwn = runs
      .filter((r) => r.measured && onEditor(r) < theme.min)
      .map((r) => `${r.measured!.text} ${r.measured!.ratio.toFixed(2)}`);
    const ours = runs.filter((r) => r.measured && onEditor(r) >= theme.min).map((r) => r.measured!.ratio);
    report.push(
      `${theme.name}: ${lines.size} hot lines, ${measured.length} text colours measured, lowest ${Math.min(...ours).toFixed(2)}:1 ` +
        `(theme's own below ${theme.min}: ${[...new Set(themeOwn)].join(', ') || 'none'}); heat backgrounds ${[...new Set(runs.map((r) => r.measured?.background))].join(' ')}`,
    );
    assert.deepEqual(low, [], `text below ${theme.min}:1 on hot lines in ${theme.name}`);

    // The memory heat (Switch Heat): blur's two lines that allocate, in memory's own colours, under
    // the same rule; beside it the flame panel's Allocations view (a README picture).
    await runCommand(page, 'Hotline: Switch Heat (Time ⇄ Memory)');
    await waitForAfterText(editor, 'let xk = new Array', /KB\/exec/);
    const allocations = await webviewFrame(page, '#tab-allocations');
    await allocations.locator('#tab-allocations').click();
    await allocations.locator('#flame-state[data-view="allocations"]').waitFor();
    await page.mouse.move(1200, 780);
    await page.waitForTimeout(400);
    const memoryPng = await page.screenshot();
    fs.writeFileSync(path.join(resultsDir, `themes-${slug(theme.name)}-memory.png`), memoryPng);
    await picture(page, theme, 'memory-heat-and-allocations', await groupsBox(page, 0, 1));
    const memoryText = await hotLineText(editor);
    const memoryRuns = measureRuns(decodePng(memoryPng), memoryText.runs);
    assert.deepEqual(
      [...new Set(memoryRuns.flatMap((r) => r.lines))].sort((a, b) => a - b),
      [9, 10],
      'the memory heat is on the lines that allocate',
    );
    const memoryLow = memoryRuns
      .filter((r) => r.measured && r.measured.ratio < floor(r))
      .map(
        (r) =>
          `lines ${r.lines} ${r.colour}: ${r.measured!.text} on ${r.measured!.background} = ${r.measured!.ratio.toFixed(2)}`,
      );
    report.push(
      `  memory heat: ${memoryRuns.filter((r) => r.measured).length} text colours measured, backgrounds ${[...new Set(memoryRuns.map((r) => r.measured?.background))].join(' ')}`,
    );
    assert.deepEqual(memoryLow, [], `text below ${theme.min}:1 on the memory heat in ${theme.name}`);
    await allocations.locator('#tab-icicle').click();
    await allocations.locator('#flame-state[data-view="icicle"]').waitFor();
    await runCommand(page, 'Hotline: Switch Heat (Time ⇄ Memory)');
    await waitForAfterText(editor, 'xk[i] = 0.25', /hits/);

    // hidden webviews are not retained: Show Flame Panel rebuilt it, and the frame found first may be the old one
    const flame = await webviewFrame(page, '#icicle-canvas');
    await page.screenshot({ path: path.join(resultsDir, `themes-${slug(theme.name)}-flame.png`) });
    report.push(`  panels: ${panels.join('; ')}`);
    const labels = await measureFlameLabels(flame, '#icicle-canvas');
    assert.ok(
      labels.length >= 3,
      `the icicle's labelled blocks ((root), (statement), blur) are found: ${labels.length}`,
    );
    report.push(`  ${assertTexts('flame canvas labels', labels, theme.min)}`);
    report.push(`  ${assertTexts('flame canvas labels right after the switch', switched, theme.min)}`);
    const fills = (texts: PanelText[]) => [...new Set(texts.map((x) => x.measured.background))].sort();
    assert.deepEqual(
      fills(switched),
      fills(labels),
      'the canvas repainted on the theme switch has the fills of one drawn afresh in the theme',
    );
    // a selected row (blur's, as a user clicks it to root the chart there) and the breadcrumb it adds are measured too
    await flame.locator('#stats-table .stats-row', { hasText: 'blur.ts' }).first().click();
    await flame.locator('#stats-table .stats-row.selected').waitFor();
    await page.mouse.move(1200, 780);
    await page.waitForTimeout(300);
    report.push(`  ${await assertWholePanel(flame, 'flame panel', theme.min)}`);
    await page.screenshot({ path: path.join(resultsDir, `themes-${slug(theme.name)}-flame-selected.png`) });
    await flame.locator('#reset-root').click();
    // back to the editor: with the panel focused, the next theme's Show Timings would open a third column beside it
    await editor
      .locator('.view-line')
      .first()
      .click({ position: { x: 5, y: 5 } });
    assert.deepEqual(lowTexts.splice(0), [], `panel text below ${theme.min}:1 in ${theme.name}`);
  });
}

test('report', () => {
  fs.writeFileSync(path.join(resultsDir, 'themes-contrast.txt'), `${report.join('\n')}\n`);
  console.log(report.join('\n'));
});
