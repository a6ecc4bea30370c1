// The skeleton in a real VS Code: Hotline activates from the packaged .vsix, offers CodeLens
// and context-menu entries on functions, and its commands find the function under the cursor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contextMenu, notification, openFile, useVSCode } from './harness.ts';

const session = useVSCode('foundation');

test('CodeLens "⏱ Time" and "🔥 Profile" appear above each function', async () => {
  const editor = await openFile(session().page, 'src/blur.ts', 'export function blur');
  const time = editor.locator('.codelens-decoration a', { hasText: '⏱ Time' });
  await time.first().waitFor();
  assert.equal(await time.count(), 5, 'blur, blurTyped, blurFast, blurMap, demo');
  assert.equal(await editor.locator('.codelens-decoration a', { hasText: '🔥 Profile' }).count(), 5);
  await session().shot('codelens');
});

test('right-click inside blur → Hotline: Time Function finds blur and proposes a call', async () => {
  const editor = await openFile(session().page, 'src/blur.ts', 'export function blur');
  await contextMenu(
    session().page,
    editor,
    'xk[i] = 0.25 * (x[i - 1] + 2 * x[i] + x[i + 1]);',
    'Hotline: Time Function',
  );
  const widget = session().page.locator('.quick-input-widget');
  await widget.locator('.quick-input-title', { hasText: 'Hotline: Time blur (1/2) — statement' }).waitFor();
  assert.equal(await widget.locator('input').first().inputValue(), 'blur(x, steps)');
  await session().shot('context-menu');
  await session().page.keyboard.press('Escape');
  await widget.waitFor({ state: 'hidden' });
});

test('a line outside any function gets a clear message', async () => {
  const editor = await openFile(session().page, 'src/blur.ts', 'export function blur');
  await contextMenu(session().page, editor, 'export const N = 1024;', 'Hotline: Time Function');
  const text = await notification(session().page, 'is not inside a function');
  assert.match(text, /line 5 of src\/blur\.ts is not inside a function/);
});
