// Bad input through the UI: a clear message each time, Cancel on the progress notification
// stops an infinite loop and kills its process, and a normal timing works right after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  answerInput,
  contextMenu,
  leftoverProcesses,
  notification,
  openFile,
  useVSCode,
  waitForAfterText,
} from './harness.ts';

const session = useVSCode('hostile', { settings: { 'hotline.timeit.repeat': 2 } });

const runnerChildren = () => leftoverProcesses(session().runDir).filter((l) => l.includes('runner.js'));

async function timeBlur(stmt: string, setup: string): Promise<void> {
  const editor = await openFile(session().page, 'src/blur.ts', 'export function blur');
  await contextMenu(
    session().page,
    editor,
    'xk[i] = 0.25 * (x[i - 1] + 2 * x[i] + x[i + 1]);',
    'Hotline: Time Function',
  );
  await answerInput(session().page, stmt, /Time blur \(1\/2\)/);
  await answerInput(session().page, setup, /Time blur \(2\/2\)/);
}

test('a name that does not exist: a clear error naming it', async () => {
  await timeBlur('blurr(x, 5)', 'const x = sawtooth(N)');
  const text = await notification(session().page, 'could not time blur');
  assert.match(text, /blurr is not defined in the scope of blur\.ts/);
  await session().shot('not-found');
  await session()
    .page.locator('.notification-toast', { hasText: 'could not time blur' })
    .locator('.codicon-notifications-clear')
    .click()
    .catch(() => {});
});

test('an infinite loop is stopped by Cancel on the progress notification', async () => {
  await timeBlur('(() => { for (;;) {} })()', '');
  const toast = session().page.locator('.notification-toast', { hasText: 'Hotline: timing blur' }).first();
  await toast.waitFor();
  await session().page.waitForTimeout(1000);
  assert.equal(runnerChildren().length, 1, 'the run is going');
  await toast.getByRole('button', { name: 'Cancel' }).click();
  await notification(session().page, 'timing blur was cancelled');
  assert.deepEqual(runnerChildren(), [], 'the child was killed');
});

test('a normal timing works right after', async () => {
  await timeBlur('-n 10 blur(x, 5)', 'const x = sawtooth(N)');
  const editor = session().page.locator('.editor-instance .monaco-editor').first();
  assert.match(await waitForAfterText(editor, 'export function blur(', /^⏱ \d/), /µs|ms/);
  await session().shot('after-cancel');
});
