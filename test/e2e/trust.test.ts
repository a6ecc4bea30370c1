// Workspace trust: in an untrusted (Restricted Mode) workspace Hotline offers no way to run code
// and refuses with an explanation when asked anyway.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openFile, useVSCode } from './harness.ts';

const session = useVSCode('untrusted', { trust: false });

test('no CodeLens and no context-menu entries in an untrusted workspace', async () => {
  const editor = await openFile(session().page, 'src/blur.ts', 'export function blur');
  // Give the language server time to produce symbols; then there must still be no Hotline lens.
  await session().page.waitForTimeout(4000);
  assert.equal(await editor.locator('.codelens-decoration a', { hasText: /Time|Profile/ }).count(), 0);
  await editor.locator('.view-line', { hasText: 'xk[i] = 0.25' }).first().click({ button: 'right' });
  await session().page.getByRole('menu').waitFor();
  assert.equal(
    await session()
      .page.getByRole('menuitem', { name: /Hotline/ })
      .count(),
    0,
  );
  await session().page.keyboard.press('Escape');
  await session().shot('no-lens');
});

test('the run commands are not offered in the command palette', async () => {
  // Hidden from the palette too; other extensions or keybindings could still call them.
  await session().page.keyboard.press('F1');
  await session().page.locator('.quick-input-widget input').fill('>Hotline: Time Function');
  await session().page.waitForTimeout(500);
  assert.equal(
    await session().page.locator('.quick-input-list .monaco-list-row', { hasText: 'Hotline: Time Function' }).count(),
    0,
  );
  await session().page.keyboard.press('Escape');
});
