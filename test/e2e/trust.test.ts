// Workspace trust: in an untrusted (Restricted Mode) workspace Hotline offers no way to run code
// and refuses with an explanation when asked anyway.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { leftoverProcesses, notification, openFile, openVSCode, runCommand, type Session } from './harness.ts';

let vs: Session;
before(async () => { vs = await openVSCode('untrusted', { trust: false }); });
after(async () => {
  await vs?.close();
  await new Promise((r) => setTimeout(r, 500));
  assert.deepEqual(leftoverProcesses(vs.runDir), []);
});

test('no CodeLens and no context-menu entries in an untrusted workspace', async () => {
  const editor = await openFile(vs.page, 'src/blur.ts', 'export function blur');
  // Give the language server time to produce symbols; then there must still be no Hotline lens.
  await vs.page.waitForTimeout(4000);
  assert.equal(await editor.locator('.codelens-decoration a', { hasText: /Time|Profile/ }).count(), 0);
  await editor.locator('.view-line', { hasText: 'xk[i] = 0.25' }).first().click({ button: 'right' });
  await vs.page.getByRole('menu').waitFor();
  assert.equal(await vs.page.getByRole('menuitem', { name: /Hotline/ }).count(), 0);
  await vs.page.keyboard.press('Escape');
  await vs.shot('no-lens');
});

test('the run commands are not offered in the command palette', async () => {
  // Hidden from the palette too; other extensions or keybindings could still call them.
  await vs.page.keyboard.press('F1');
  await vs.page.locator('.quick-input-widget input').fill('>Hotline: Time Function');
  await vs.page.waitForTimeout(500);
  assert.equal(await vs.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Hotline: Time Function' }).count(), 0);
  await vs.page.keyboard.press('Escape');
});
