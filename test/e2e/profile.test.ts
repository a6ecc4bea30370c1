// "Profile Function" as a user does it: hot lines in the editor (decoration DOM and colours),
// the hover, and line_profiler's table in the Output channel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  afterTextOnLine,
  answerInput,
  atPanelWidths,
  contextMenu,
  decoratedLines,
  hoverLine,
  openFile,
  outputText,
  runCommand,
  useVSCode,
  waitForAfterText,
  waitForRunToFinish,
  webviewFrame,
} from './harness.ts';

const session = useVSCode('profile');

const alpha = (rgba: string) => Number(/rgba?\((?:[\d.]+,\s*){3}([\d.]+)\)/.exec(rgba)?.[1] ?? 1);

test('profile blur: the inner loop body is the hottest line, with exact hits', async () => {
  const editor = await openFile(session().page, 'src/blur.ts', 'export function blur');
  await editor.locator('.codelens-decoration a', { hasText: '🔥 Profile' }).first().waitFor();
  await contextMenu(
    session().page,
    editor,
    'xk[i] = 0.25 * (x[i - 1] + 2 * x[i] + x[i + 1]);',
    'Hotline: Profile Function',
  );
  await answerInput(session().page, 'blur(x, steps)', /Profile blur \(1\/2\)/);
  await answerInput(session().page, 'const x = sawtooth(N); const steps = 50', /Profile blur \(2\/2\)/);
  await session().page.locator('.notification-toast', { hasText: 'Hotline: profiling blur' }).first().waitFor();
  await waitForRunToFinish(session().page);

  await editor.locator('.view-overlays div.cdr[class*="TextEditorDecorationType"]').first().waitFor();
  const decorated = await decoratedLines(editor);
  const hot = decorated.filter((d) => alpha(d.background) > 0);
  assert.ok(
    hot.some((d) => d.line === 15),
    `line 15 is decorated: ${JSON.stringify(decorated)}`,
  );
  const hottest = hot.reduce((a, b) => (alpha(b.background) > alpha(a.background) ? b : a));
  assert.equal(hottest.line, 15, `the most saturated background is on line 15: ${JSON.stringify(hot)}`);
  assert.ok(
    hot.every((d) => d.line >= 8 && d.line <= 20),
    'only lines of blur carry time in blur.ts',
  );
  await session().shot('hot-lines');

  // the figure after the hottest line and its hover
  const line15 = editor.locator('.view-line', { hasText: 'xk[i] = 0.25 * (x[i - 1]' }).first();
  const figure = await line15.evaluate((l) =>
    [...l.querySelectorAll('span')]
      .map((s) => getComputedStyle(s, '::after').content)
      .filter((c) => c && c !== 'none' && c !== 'normal')
      .join(''),
  );
  assert.match(figure, /\d+\.\d% · .* · 51,100 hits/);
  const hover = await hoverLine(session().page, editor, 'xk[i] = 0.25 * (x[i - 1]', 'Hotline');
  const hoverText = await hover.innerText();
  assert.match(hoverText, /Hits \(exact\)\s+51,100/);
  assert.match(hoverText, /% of blur\s+\d+\.\d%/);
  assert.match(hoverText, /Per Hit/);
  await session().shot('hover');

  const bottom = await outputText(session().page, /samples over/);
  assert.match(bottom, /\s15\s+51100\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+xk\[i\] = 0\.25/);
  const top = await outputText(session().page, /Timer unit/, 'top');
  assert.match(top, /Timer unit: 1e-09 s/);
  assert.match(top, /Function: blur at line 8/);
  assert.match(top, /Line #\s+Hits\s+Time\s+Per Hit\s+% Time\s+Allocated\s+Line Contents/);
});

test('memory per line: the Allocated column, the memory heat by Switch Heat, and the Allocations view', async () => {
  const page = session().page;
  const editor = page.locator('.editor-instance .monaco-editor').first();
  // blur allocates on two lines: its copy of x (1,024 doubles) and xk (1,024 holes); the swap's pair
  // on line 17 is taken apart where it is made, and V8 never allocates it. The table as the flame
  // panel's Lines tab holds it (the Output's viewport shows a few lines only).
  assert.match(
    await outputText(page, /memory \(memit, the statement\): allocated 16\.\d KB per loop/, 'top'),
    /16\.\d KB/,
  );
  const lines = await webviewFrame(page, '#line-report');
  const report = (await lines.locator('#line-report').textContent()) ?? '';
  assert.match(report, /% Time\s+Allocated\s+Line Contents/);
  assert.match(report, /\s9\s+1\s+[\d.]+(\s+[\d.]+){0,2}\s+8\.\d\d KB\s+x = x\.slice\(\);/);
  assert.match(report, /\s10\s+1\s+[\d.]+(\s+[\d.]+){0,2}\s+8\.\d\d KB\s+let xk = new Array/);
  assert.match(
    report,
    /\s15\s+51100\s+[\d.]+\s+[\d.]+\s+[\d.]+\s+xk\[i\] = 0\.25/,
    'a line with no allocation site has no figure',
  );

  await runCommand(page, 'Hotline: Switch Heat (Time ⇄ Memory)');
  await waitForAfterText(editor, 'let xk = new Array', /KB\/exec · \d+\.\d%/);
  const decorated = (await decoratedLines(editor)).filter((d) => alpha(d.background) > 0);
  assert.deepEqual(
    [...new Set(decorated.map((d) => d.line))].sort((a, b) => a - b),
    [9, 10],
    `the lines that allocate, and only they, carry the memory heat: ${JSON.stringify(decorated)}`,
  );
  assert.ok(
    decorated.every((d) => /^rgba?\(\s*(\d+),\s*(\d+),\s*(\d+)/.test(d.background)),
    'fills are colours of the memory heat',
  );
  const [r, , b] = decorated[0].background.match(/\d+/g)!.map(Number);
  assert.ok(b > r, `the memory heat is blue, not the time heat's yellow: ${decorated[0].background}`);
  const hover = await hoverLine(page, editor, 'let xk = new Array', 'by memory');
  assert.match(await hover.innerText(), /Allocated\s+8\.\d\d KB per execution/);
  await session().shot('memory-heat');
  await page.keyboard.press('Escape');

  // the flame panel's Allocations view: bytes by call path, the stats table in bytes
  const frame = await webviewFrame(page, '#tab-allocations');
  await frame.locator('#tab-allocations').click();
  const state = frame.locator('#flame-state');
  await frame.locator('#flame-state[data-view="allocations"]').waitFor();
  assert.match((await state.getAttribute('data-blocks')) ?? '', /^[1-9]\d*$/);
  assert.match(await frame.locator('.stats-header').innerText(), /self bytes\s+total bytes/);
  // blur's lines are frames of their own there, at their lines: 8.24 KB each per execution
  const lineRow = frame.locator('#stats-table .stats-row', { hasText: 'blur:10' }).first();
  await lineRow.waitFor();
  assert.match(await lineRow.innerText(), /blur\.ts:10\(blur:10\)[\s\S]*8\.\d\d KB/);
  await session().shot('allocations');
  await frame.locator('#tab-icicle').click();
  await frame.locator('#flame-state[data-view="icicle"]').waitFor();
  assert.match(await frame.locator('.stats-header').innerText(), /tottime/);
  // the time table is back, its rows those of the time profile
  await frame.locator('#stats-table .stats-row', { hasText: 'blur.ts:8(blur)' }).waitFor();

  await runCommand(page, 'Hotline: Switch Heat (Time ⇄ Memory)');
  await waitForAfterText(editor, 'xk[i] = 0.25 * (x[i - 1]', /hits/);
});

test('the flame panel opens after the profile: table, zoom, sunburst, double-click to source', async () => {
  const frame = await webviewFrame(session().page, '#stats-table .stats-row');
  const state = frame.locator('#flame-state');
  assert.equal(await state.getAttribute('data-root'), '(root)');
  // the stats table, read inside the webview
  const blurRow = frame.locator('.stats-row', { hasText: 'blur.ts:8(blur)' });
  await blurRow.waitFor();
  const cells = await blurRow.locator('span').allInnerTexts();
  assert.equal(cells[0], 'blur.ts:8(blur)', 'the location comes first');
  assert.equal(cells[1], '1', 'ncalls is exact from the coverage run');
  assert.match(
    await frame.locator('#calls-note').innerText(),
    /^per execution of the statement \(times averaged over [\d,]+; ncalls from one\) · ncalls /,
  );
  assert.match(cells[4], /\d/, 'cumtime');
  await session().shot('flame-icicle');

  // click a block of the second row of the icicle: it becomes the root; the top bar goes back up
  const canvas = frame.locator('#icicle-canvas');
  const box = (await canvas.boundingBox())!;
  await canvas.click({ position: { x: box.width * 0.5, y: 16 * 1.5 } });
  const zoomedRoot = await state.getAttribute('data-root');
  assert.notEqual(zoomedRoot, '(root)', 'clicking a block zooms into it');
  assert.ok((await frame.locator('#breadcrumb button').count()) >= 1, 'the breadcrumb shows the way back');
  await canvas.click({ position: { x: 10, y: 8 } });
  assert.equal(await state.getAttribute('data-root'), '(root)', 'the top bar goes up');

  // blur sits directly under (statement) even where TurboFan inlined it into the loop, and the
  // statement's own time is near zero (no phantom self time on the harness)
  const statementRow = frame.locator('.stats-row', { hasText: '(statement)' });
  const [, , statementSelf, , statementCum] = await statementRow.locator('span').allInnerTexts();
  const micros = (t: string) =>
    Number(/[\d.]+(e[+-]\d+)?/.exec(t)![0]) *
    ({ s: 1e6, ms: 1e3, µs: 1, ns: 1e-3 }[/[a-zµ]+$/.exec(t.trim())![0]] ?? NaN);
  assert.ok(
    micros(statementSelf) < 0.05 * micros(statementCum),
    `(statement) self ${statementSelf} of ${statementCum}`,
  );
  await canvas.click({ position: { x: box.width * 0.4, y: 16 * 1.5 } });
  assert.equal(await state.getAttribute('data-root'), '(statement)');
  const rootedBox = (await canvas.boundingBox())!;
  await canvas.click({ position: { x: rootedBox.width * 0.4, y: 16 * 1.5 } });
  assert.equal(await state.getAttribute('data-root'), 'blur', 'the block right under (statement) is blur');
  await session().shot('flame-statement-blur');

  // a table row sets the root; sunburst tab switches the view
  await blurRow.click();
  assert.equal(await state.getAttribute('data-root'), 'blur');
  await frame.locator('#tab-sunburst').click();
  await frame.locator('#sunburst-canvas').waitFor();
  assert.equal(await state.getAttribute('data-view'), 'sunburst');
  await session().shot('flame-sunburst');

  // the Lines tab: line_profiler's table with heat-tinted rows, none of the chart's controls
  await frame.locator('#tab-lines').click();
  assert.equal(await frame.locator('#chart-controls').isVisible(), false, 'Depth/Cutoff/Search do nothing there');
  assert.match(await frame.locator('#line-report-note').innerText(), /% Time = % of function/);
  assert.ok((await frame.locator('.report-line[title*="of this function"]').count()) >= 1, 'hot rows are tinted');
  await session().shot('flame-lines');
  // a row of the table opens its line in the editor (the cursor was on line 15, where Profile was asked)
  await frame.locator('.report-line[data-line="17"]').dblclick();
  await session()
    .page.locator('.statusbar-item', { hasText: /Ln 17, Col 1/ })
    .first()
    .waitFor();
  await frame.locator('#tab-sunburst').click();

  // double-click the row: blur.ts opens on line 8
  await frame.locator('.stats-row', { hasText: 'blur.ts:8(blur)' }).dblclick();
  await session()
    .page.locator('.statusbar-item', { hasText: /Ln 8, Col/ })
    .first()
    .waitFor();
});

test("nothing clipped: the stats table's cumtime stays in view at three panel widths (lesser columns go first)", async () => {
  const page = session().page;
  const editor = await openFile(page, 'src/blur.ts', 'export function blur');
  const widths = await atPanelWidths(page, '#stats-table', editor, async (frame, width, layout) => {
    await session().shot(`flame-stats-${layout.replace(/\W+/g, '-')}`);
    const table = frame.locator('#stats-table');
    await table.scrollIntoViewIfNeeded();
    const overflow = await table.evaluate((e) => e.scrollWidth - e.clientWidth);
    assert.ok(overflow <= 1, `${layout} (${width} px): the table is ${overflow} px wider than its box`);
    const box = (await table.boundingBox())!;
    const cumtime = (await frame.locator('.stats-header button[data-column="cumtime"]').boundingBox())!;
    assert.ok(
      cumtime && cumtime.x + cumtime.width <= box.x + box.width + 0.5,
      `${layout} (${width} px): cumtime in view`,
    );
    const cells = await frame.locator('.stats-row').first().locator('span').allInnerTexts();
    assert.ok(
      cells.every((c) => c.length > 0),
      `${layout}: every shown cell has its text`,
    );
    // every tab of the panel in view (a narrow panel wraps them)
    const cutTabs = await frame.evaluate(() =>
      [...document.querySelectorAll('.tab')]
        .filter((t) => t.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        .map((t) => t.textContent),
    );
    assert.deepEqual(cutTabs, [], `${layout} (${width} px): tabs cut off at the right`);
    // the Allocations view's table of bytes: its three columns at the same width
    await frame.locator('#tab-allocations').click();
    await frame.locator('#flame-state[data-view="allocations"]').waitFor();
    const bytesTable = frame.locator('#stats-table.bytes');
    await bytesTable.locator('.stats-row', { hasText: 'blur:10' }).first().waitFor();
    const bytesOverflow = await bytesTable.evaluate((e) => e.scrollWidth - e.clientWidth);
    assert.ok(bytesOverflow <= 1, `${layout} (${width} px): the bytes table is ${bytesOverflow} px wider than its box`);
    const bytesBox = (await bytesTable.boundingBox())!;
    const totalBytes = (await frame.locator('.stats-header button[data-column="cumtime"]').boundingBox())!;
    assert.ok(
      totalBytes.x + totalBytes.width <= bytesBox.x + bytesBox.width + 0.5,
      `${layout} (${width} px): total bytes in view`,
    );
    const bytesRow = bytesTable.locator('.stats-row', { hasText: 'blur:10' }).first();
    const bytesCells = await bytesRow
      .locator('span')
      .evaluateAll((spans) =>
        spans.map((s) => ({ text: s.textContent ?? '', cut: s.scrollWidth > s.clientWidth + 1 })),
      );
    assert.ok(
      bytesCells.length === 3 && bytesCells.slice(1).every((c) => /^\d+(\.\d+)? [KM]?B$/.test(c.text) && !c.cut),
      `${layout}: a line's self and total bytes shown whole: ${JSON.stringify(bytesCells)}`,
    );
    await session().shot(`flame-allocations-${layout.replace(/\W+/g, '-')}`);
    await frame.locator('#tab-icicle').click();
    await frame.locator('#flame-state[data-view="icicle"]').waitFor();
  });
  assert.ok(Math.min(...widths) <= 410, `a width of about 400 px was tried: ${widths}`);
});

test('two calls of one helper: the call site with four times the work is the hotter line', async () => {
  const page = session().page;
  const editor = await openFile(page, 'src/calls.ts', 'export function twoCalls');
  await contextMenu(page, editor, 'const big = checksum(4 * n);', 'Hotline: Profile Function');
  await answerInput(page, 'twoCalls(200000)', /Profile twoCalls \(1\/2\)/);
  await answerInput(page, '', /Profile twoCalls \(2\/2\)/);
  await waitForRunToFinish(page);
  await editor.locator('.view-overlays div.cdr[class*="TextEditorDecorationType"]').first().waitFor();
  const heat = new Map((await decoratedLines(editor)).map((d) => [d.line, alpha(d.background)]));
  const [small, big] = [heat.get(11) ?? 0, heat.get(12) ?? 0];
  assert.ok(
    big > small && small > 0,
    `checksum(4 * n) on line 12 (${big}) is hotter than checksum(n) on line 11 (${small})`,
  );
  for (const quiet of [10, 13])
    assert.ok((heat.get(quiet) ?? 0) < small, `line ${quiet} is cooler than either call site`);
  const figure = async (text: string) => (await afterTextOnLine(editor, text)).join('');
  const share = async (text: string) => Number(/([\d.]+)%/.exec(await figure(text))![1]);
  const [smallShare, bigShare] = [
    await share('const small = checksum(n);'),
    await share('const big = checksum(4 * n);'),
  ];
  assert.ok(
    smallShare > 10 && smallShare < 30 && bigShare > 70 && bigShare < 90,
    `split ${smallShare} % / ${bigShare} %`,
  );
  const hover = await hoverLine(page, editor, 'const big = checksum(4 * n);', 'Hotline', { x: 80, y: 5 });
  assert.match(await hover.innerText(), /checksum at column 15: [\d.]+ ms/);
  await session().shot('two-calls');
});

test('hot lines follow edits: lines below an insertion move, an edited line loses its figure', async () => {
  const page = session().page;
  const editor = await openFile(page, 'src/blur.ts', 'export function blur');
  // back from calls.ts: the hot lines are drawn again once the editor is visible
  await editor.locator('.view-overlays div.cdr[class*="TextEditorDecorationType"]').first().waitFor();
  const hottestLine = async () => {
    const hot = (await decoratedLines(editor)).filter((d) => alpha(d.background) > 0);
    return hot.reduce((a, b) => (alpha(b.background) > alpha(a.background) ? b : a)).line;
  };
  assert.equal(await hottestLine(), 15);
  await editor.locator('.view-line', { hasText: '1-D diffusion' }).first().click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('// a line added above');
  await page.waitForTimeout(300);
  assert.equal(await hottestLine(), 16, 'the hottest line moved down with its code');
  await editor.locator('.view-line', { hasText: 'xk[i] = 0.25 * (x[i - 1]' }).first().click();
  await page.keyboard.press('End');
  await page.keyboard.type(' // edited');
  await page.waitForTimeout(300);
  assert.notEqual(await hottestLine(), 16, 'the edited line no longer claims its old figures');
  await session().shot('after-edits');
  await runCommand(page, 'File: Revert File'); // leave the example as it was for the tests after this one
});
