// Project shapes and targets as a user meets them in the editor: a .tsx component compiled with the
// project's "jsx": "react-jsx", a decorated class method (experimentalDecorators in tsconfig), a
// getter (the proposal reads the property), a generator, and a never-saved untitled buffer — each
// timed from its CodeLens, checking the proposed statement and the result drawn on the line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import {
  afterTextOnLine,
  answerInput,
  lensAbove,
  openFile,
  outputText,
  runCommand,
  useVSCode,
  waitForRunToFinish,
  webviewFrame,
} from './harness.ts';

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-e2e-shapes-'));
process.on('exit', () => fs.rmSync(workspace, { recursive: true, force: true }));
const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'shapes', type: 'module' }),
  'tsconfig.json': JSON.stringify({
    compilerOptions: { target: 'ES2022', experimentalDecorators: true, jsx: 'react-jsx', strict: true },
  }),
  'node_modules/react/package.json': JSON.stringify({
    name: 'react',
    exports: { './jsx-runtime': './jsx-runtime.js' },
  }),
  'node_modules/react/jsx-runtime.js':
    'exports.jsx = (type, props) => ({ type, props });\nexports.jsxs = exports.jsx;\n',
  'src/Badge.tsx': [
    'export function Badge({ count }: { count: number }) {',
    '  return <span className="badge">{count > 99 ? "99+" : count}</span>;',
    '}',
  ].join('\n'),
  'src/ledger.ts': [
    'function logged(_target: object, _key: string, descriptor: PropertyDescriptor) {',
    '  const original = descriptor.value;',
    '  descriptor.value = function (this: unknown, ...args: unknown[]) { return original.apply(this, args); };',
    '}',
    '',
    'export class Ledger {',
    '  private entries = Array.from({ length: 500 }, (_, i) => i);',
    '',
    '  @logged',
    '  total(limit: number): number {',
    '    let sum = 0;',
    '    for (const e of this.entries) if (e < limit) sum += e;',
    '    return sum;',
    '  }',
    '',
    '  get average(): number {',
    '    return this.entries.reduce((a, b) => a + b, 0) / this.entries.length;',
    '  }',
    '}',
    '',
    'export function* evens(limit: number) {',
    '  for (let i = 0; i < limit; i += 2) yield i;',
    '}',
  ].join('\n'),
};
for (const [name, text] of Object.entries(files)) {
  fs.mkdirSync(path.dirname(path.join(workspace, name)), { recursive: true });
  fs.writeFileSync(path.join(workspace, name), text);
}

const session = useVSCode('shapes', {
  folder: workspace,
  settings: {
    'hotline.timeit.memory': false, // these tests are about loading each shape; memit has its own
    'hotline.timeit.repeat': 2,
    'files.defaultLanguage': 'typescript',
    // typing into the untitled buffer must give exactly the text typed
    'editor.autoClosingBrackets': 'never',
    'editor.autoClosingQuotes': 'never',
    'editor.autoIndent': 'none',
    'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
    'editor.suggestOnTriggerCharacters': false,
    'editor.acceptSuggestionOnEnter': 'off',
  },
});

const TIMING_HINT = /^⏱ \d[\d.]* (s|ms|µs|ns) ± \d[\d.]* (s|ms|µs|ns)$/;

async function clickLens(page: Page, editor: Locator, lineText: string, title: string): Promise<void> {
  await editor.locator('.codelens-decoration a', { hasText: title }).first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(300); // lenses are laid out in one pass; let it settle
  for (let attempt = 0; ; attempt++) {
    try {
      await (await lensAbove(editor, lineText, title)).click();
      return;
    } catch (e) {
      // A lens inserted above the first line can be left scrolled out of view: scroll up to it.
      if (attempt >= 5) throw e;
      await editor.hover();
      await page.mouse.wheel(0, -400);
      await page.waitForTimeout(300);
    }
  }
}

/**
 * Clicks ⏱ Time above `lineText`, checks the proposed statement (and the prompt), answers with
 * `answer` (the proposal when absent) and an empty setup, and returns the hint drawn on the line.
 */
async function timeFromLens(
  page: Page,
  editor: Locator,
  lineText: string,
  expected: { stmt: string; title: RegExp; prompt?: RegExp; answer?: string },
): Promise<string> {
  await clickLens(page, editor, lineText, '⏱ Time');
  const widget = page.locator('.quick-input-widget');
  await widget
    .locator('.quick-input-title', { hasText: expected.title })
    .waitFor({ timeout: 10_000 })
    .catch(async (e) => {
      await session().shot(`no-input-${expected.title.source.replace(/\W+/g, '_')}`);
      throw e;
    });
  assert.equal(await widget.locator('input').first().inputValue(), expected.stmt, `proposal for ${lineText}`);
  if (expected.prompt) assert.match(await widget.locator('.quick-input-message').innerText(), expected.prompt);
  await answerInput(page, expected.answer ?? expected.stmt);
  await answerInput(page, '', /\(2\/2\) — setup/);
  await waitForRunToFinish(page);
  const hint = editor.locator('.view-line', { hasText: lineText }).first();
  await hint.waitFor();
  // The progress toast may not be up yet when the answer is given: wait for the hint itself.
  for (let i = 0; i < 600 && !(await afterTextOnLine(editor, lineText)).join(' ').startsWith('⏱'); i++)
    await page.waitForTimeout(100);
  return (await afterTextOnLine(editor, lineText)).join(' ');
}

test('a .tsx component compiled with the project\'s "jsx": "react-jsx" (no React import)', async () => {
  const page = session().page;
  const editor = await openFile(page, 'src/Badge.tsx', 'export function Badge');
  const hint = await timeFromLens(page, editor, 'export function Badge', {
    stmt: 'Badge(arg1)',
    title: /Time Badge \(1\/2\)/,
    answer: 'Badge({ count: 120 })',
  });
  assert.match(hint, TIMING_HINT);
});

test('a decorated class method (experimentalDecorators), a getter and a generator', async () => {
  const page = session().page;
  const editor = await openFile(page, 'src/ledger.ts', 'export class Ledger');
  const total = await timeFromLens(page, editor, 'total(limit: number): number', {
    stmt: 'new Ledger().total(limit)',
    title: /Time total \(1\/2\)/,
    answer: 'new Ledger().total(250)',
  });
  await session().shot('ledger-total');
  assert.match(total, TIMING_HINT);
  const getter = await timeFromLens(page, editor, 'get average(): number', {
    stmt: 'new Ledger().average',
    title: /Time average \(1\/2\)/,
    prompt: /average is a getter: the statement reads the property/,
  });
  assert.match(getter, TIMING_HINT);
  const generator = await timeFromLens(page, editor, 'export function* evens', {
    stmt: '[...evens(limit)]',
    title: /Time evens \(1\/2\)/,
    prompt: /evens is a generator: the statement consumes it/,
    answer: '[...evens(100)]',
  });
  assert.match(generator, TIMING_HINT);
  await session().shot('ledger');
});

test('an untitled buffer is timed from its text, without a Save As', async () => {
  const page = session().page;
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill('>File: New Untitled Text File');
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: /^File: New Untitled Text File/ })
    .first()
    .click();
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await session().shot('untitled-new');
  await editor.locator('.view-lines').click();
  await page.keyboard.type(
    'export function squares(n: number): number {\nlet t = 0;\nfor (let i = 0; i < n; i++) t += i * i;\nreturn t;\n}\n',
  );
  await editor.locator('.view-line', { hasText: 'export function squares' }).waitFor();
  const hint = await timeFromLens(page, editor, 'export function squares', {
    stmt: 'squares(n)',
    title: /Time squares \(1\/2\)/,
    answer: 'squares(1000)',
  });
  await session().shot('untitled');
  assert.equal(
    await page.locator('.quick-input-widget', { hasText: /Save As/ }).isVisible(),
    false,
    'no Save As dialog',
  );
  assert.match(hint, TIMING_HINT);
  const tmp = path.join(session().runDir, 'tmp');
  assert.deepEqual(
    fs.readdirSync(tmp).filter((n) => n.startsWith('hotline-untitled-')),
    [],
    'the temporary copy is removed',
  );
  await session().shot('untitled');
});

test('profile, edit the function, profile again: each line shows its change since the edit where significant, the hover its interval', async () => {
  const page = session().page;
  const editor = await openFile(page, 'src/ledger.ts', 'export class Ledger');
  const profile = async () => {
    await clickLens(page, editor, 'total(limit: number): number', '🔥 Profile');
    await answerInput(page, 'ledger.total(250)', /Profile total \(1\/2\)/);
    await answerInput(page, 'const ledger = new Ledger()', /\(2\/2\) — setup/);
    await waitForRunToFinish(page);
  };
  await profile();
  const loopLine = 'for (const e of this.entries) if (e < limit) sum += e;';
  await editor.locator('.view-line', { hasText: 'let sum = 0;' }).first().click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('    const unused = limit * 2;');
  await profile();
  // The edit adds a line that costs nothing: the loop line's change is shown only if its samples
  // make it significant; the hover says which, with the 95 % interval.
  let since = '';
  for (let i = 0; i < 20 && !since; i++) {
    await editor
      .locator('.view-line', { hasText: loopLine })
      .first()
      .hover({ position: { x: 60, y: 5 } });
    const hover = page.locator('.monaco-hover', { hasText: 'Since your edit' }).first();
    since = await hover
      .waitFor({ timeout: 3000 })
      .then(() => hover.innerText())
      .catch(() => '');
    if (!since) await page.mouse.move(5, 5);
  }
  await session().shot('edit-delta-hover');
  assert.match(
    since,
    /Since your edit: [\d.]+ (ms|µs|ns) → [\d.]+ (ms|µs|ns) per execution(: no significant change \(95 % CI | \((▼ \d+ %|▲ (\d+ %|[\d.]+×)|=) · [−+]\d[\d.]* (s|ms|µs|ns); 95 % CI )[\d.]+–[\d.]+× the time before/,
    `the loop line's hover: ${since}`,
  );
  const figure = (await afterTextOnLine(editor, loopLine)).join(' ');
  if (/no significant change/.test(since))
    assert.doesNotMatch(figure, /[▼▲]/, `within noise, no change shown: ${figure}`);
  else assert.match(figure, /(▼ \d+ %|▲ (\d+ %|[\d.]+×)|=) · [−+]\d[\d.]* (s|ms|µs|ns)$/, `the change: ${figure}`);
  assert.match(
    await outputText(page, /after your edit: total/),
    /after your edit: total [\d.]+ (ms|µs|ns) → [\d.]+ (ms|µs|ns) per execution/,
  );
  assert.doesNotMatch(
    (await afterTextOnLine(editor, 'const unused = limit * 2;')).join(' '),
    /[▼▲]/,
    'the new line has no before',
  );
  await session().shot('edit-delta');
});

test('Compare Profiles: before and after the last edit, as a diff flame and a table of changes', async () => {
  const page = session().page;
  await runCommand(page, 'Hotline: Compare Profiles');
  const pick = page.locator('.quick-input-list .monaco-list-row', {
    hasText: 'Before and after your last edit of total',
  });
  await pick.waitFor();
  await pick.click();
  const frame = await webviewFrame(page, '#tab-changes');
  await frame.locator('#tab-changes').click();
  const rows = frame.locator('#changes-table tr.change-row');
  await rows.first().waitFor();
  const first = await rows.first().locator('td').allInnerTexts();
  assert.match(first[0], /^(▼ \d+ %|▲ (\d+ %|[\d.]+×|new)) · [−+]\d/, `a change label: ${first[0]}`);
  assert.match(
    await frame.locator('#changes-note').innerText(),
    /total \(before your edit\) → total \(after\): self time per execution/,
  );
  await session().shot('compare-changes');
  await frame.locator('#tab-icicle').click();
  assert.equal(
    await frame.locator('#color-by').evaluate((el) => (el as unknown as { value: string }).value),
    'change',
    'diff colouring by default',
  );
  const out = await outputText(page, /⇄ total \(before your edit\) → total \(after\)/);
  assert.match(out, /total per execution: [\d.]+ (ms|µs|ns) → [\d.]+ (ms|µs|ns)/);
  await session().shot('compare-flame');
});

test('with the flame panel focused, Show Timings joins the panels: no third column, the code stays in view', async () => {
  const page = session().page;
  const frame = await webviewFrame(page, '#tab-icicle');
  await frame.locator('#tab-icicle').click(); // the focus is in the flame panel
  await runCommand(page, 'Hotline: Show Timings');
  await webviewFrame(page, '#timings-table');
  await page.waitForTimeout(500);
  assert.equal(await page.locator('.editor-group-container').count(), 2, 'two editor groups, not three');
  await page.locator('.editor-instance .view-line', { hasText: 'export class Ledger' }).first().waitFor();
  await session().shot('panels-together');
});
