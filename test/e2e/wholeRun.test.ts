// "Profile Run…" as a user does it: the palette, the package.json script `test` of examples/
// (node --test, which runs the test file in a process of its own), then the Hot Spots view with
// the hot line of a second file (js/primes.cjs), a click that opens it with its heat, and the flame
// panel of the whole run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
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

const session = useVSCode('whole-run');

test('Profile Run on npm test: Hot Spots shows the hot line of primes.cjs, the file opens hot, the flame shows the run', async () => {
  const { page } = session();
  await openFile(page, 'test/primes.test.cjs', 'countPrimes');
  await runCommand(page, 'Hotline: Profile Run');
  // The open test file is offered first, through its runner (node --test here).
  await page
    .locator('.quick-input-widget .monaco-list-row', { hasText: 'Test file test/primes.test.cjs' })
    .first()
    .waitFor();
  const pick = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'npm run test' }).first();
  await pick.waitFor();
  await pick.click();
  await page.locator('.notification-toast', { hasText: 'Profile Run: npm run test' }).first().waitFor();

  const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Hotline Hot Spots' }) });
  const hotRow = view.locator('.monaco-list-row', { hasText: /primes\.cjs:\d+/ }).first();
  await hotRow.waitFor({ timeout: 120_000 });
  const rows = await view.locator('.monaco-list-row .label-name').allInnerTexts(); // labels, without descriptions
  const firstOfYours = rows.findIndex((r) => r.includes('Lines — your code'));
  assert.ok(firstOfYours >= 0, `a "Lines — your code" group: ${JSON.stringify(rows)}`);
  // The hottest line of the project is in isPrime's loop (lines 6–7), well above everything else of it.
  const hottest = rows[firstOfYours + 1];
  assert.match(hottest, /^\s*\d+\.\d %\s+js\/primes\.cjs:[67]$/, JSON.stringify(rows));
  await session().shot('hot-spots');

  await view
    .locator('.monaco-list-row .label-name', { hasText: /js\/primes\.cjs:[67]$/ })
    .first()
    .click();
  const editor = page.locator('.editor-instance .monaco-editor', { hasText: 'function isPrime' }).first();
  await editor.waitFor();
  const figure = await waitForAfterText(editor, 'for (let d = 2; d * d <= n; d++)', /\d+\.\d % · .* \(self/);
  assert.match(figure, /\d+\.\d % · [\d.]+ (ms|s) \(self \d+\.\d %\)/);
  const hot = await decoratedLines(editor);
  assert.ok(
    hot.some((d) => d.line === 6 || d.line === 7),
    `isPrime's loop is decorated: ${JSON.stringify(hot)}`,
  );
  // isPrime ran in the run: its lenses offer it on the run's inputs.
  await editor.locator('.codelens-decoration a', { hasText: '⏱ on the run’s inputs' }).first().waitFor();
  // The hover: the line's figures and links to time its function on the run's own inputs.
  const hover = await hoverLine(page, editor, 'if (n % d === 0) return false;', 'in the whole run');
  assert.match(await hover.innerText(), /With the inputs the run passed isPrime: ⏱ Time · 🔥 Profile · 🔎 Explain/);
  await session().shot('heat-in-second-file');
  await page.keyboard.press('Escape');

  // The flame panel of the whole run: each sampled process under the root.
  const frame = await webviewFrame(page, '.stats-row', 60_000);
  await frame.locator('.stats-row', { hasText: 'isPrime' }).first().waitFor();
  await session().shot('flame');
});

test('Time with Inputs from the Run on isPrime: the captured call is proposed and timed', async () => {
  const { page } = session();
  const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Hotline Hot Spots' }) });
  // The lines come first: fold them to bring your functions into the (short) view.
  await view.locator('.monaco-list-row', { hasText: 'Lines — your code' }).first().click();
  const row = view.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: /isPrime$/ }) }).first();
  await row.click({ button: 'right' });
  const item = page.getByRole('menuitem', { name: 'Hotline: Time with Inputs from the Run' });
  await item.waitFor();
  await page.waitForTimeout(250); // VS Code ignores clicks on a menu during its first ~100 ms
  await item.click();
  await page.locator('.notification-toast', { hasText: 'Capturing the inputs of isPrime' }).first().waitFor();
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-title', { hasText: /Time isPrime \(1\/2\)/ }).waitFor({ timeout: 120_000 });
  assert.match(await widget.locator('.quick-input-message').innerText(), /arguments the program really passed/);
  assert.equal(await widget.locator('input').first().inputValue(), 'isPrime(n)');
  await session().shot('run-inputs-proposed');
  await page.keyboard.press('Enter');
  await widget.locator('.quick-input-title', { hasText: /Time isPrime \(2\/2\)/ }).waitFor();
  assert.match(
    await widget.locator('input').first().inputValue(),
    /deserialize\(.*readFileSync\(".*call-\d+-0-1\.bin"\)\)/,
  );
  await page.keyboard.press('Enter');
  await page.locator('.notification-toast', { hasText: 'Hotline: timing isPrime' }).first().waitFor();
  await waitForRunToFinish(page); // the timing, then memit's bytes per loop in a child of its own
  const text = await outputText(page, /isPrime\(n\)[\s\S]*per loop \(mean/);
  assert.match(text, /per loop \(mean ± std\. dev\. of \d+ runs, [\d,]+ loops each\)/);
  await session().shot('run-inputs-timed');
});
