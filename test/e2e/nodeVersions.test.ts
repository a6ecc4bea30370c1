// The editor with `hotline.nodePath` set to each newer Node a user may have (the other e2e tests
// run the machine's Node 20): Time Function's hint with its bytes, then Profile Function's hot
// lines — the loop body hottest, not its `for` line (Node 24 and later put a loop's work there
// until the log reader learnt otherwise), exact hits, and the memory column on the two lines of
// blur that allocate.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { supportedNodes } from '../supportedNodes.ts';
import {
  afterTextOnLine,
  answerInput,
  contextMenu,
  decoratedLines,
  openFile,
  outputText,
  useVSCode,
  waitForAfterText,
  waitForRunToFinish,
  webviewFrame,
} from './harness.ts';

const LOOP_BODY = 'xk[i] = 0.25 * (x[i - 1] + 2 * x[i] + x[i + 1]);';
const alpha = (rgba: string) => Number(/rgba?\((?:[\d.]+,\s*){3}([\d.]+)\)/.exec(rgba)?.[1] ?? 1);

for (const node of supportedNodes.filter((n) => n.major > 20)) {
  describe(node.label, () => {
    const session = useVSCode(`node-${node.major}`, { settings: { 'hotline.nodePath': node.path } });

    test(`${node.label}: Time and Profile blur in the editor — figures from that Node, the loop body hottest`, async () => {
      const page = session().page;
      const editor = await openFile(page, 'src/blur.ts', 'export function blur');
      await editor.locator('.codelens-decoration a', { hasText: '⏱ Time' }).first().waitFor();

      await contextMenu(page, editor, LOOP_BODY, 'Hotline: Time Function');
      await answerInput(page, 'blur(x, steps)', /Time blur \(1\/2\)/);
      await answerInput(page, 'const x = sawtooth(N); const steps = 20', /Time blur \(2\/2\)/);
      const hint = await waitForAfterText(editor, 'export function blur(', /^⏱ .*\/loop$/, 120_000);
      // blur copies x and makes xk: two arrays of 1,024 doubles, 16.4 KB, on every Node
      assert.match(hint, /^⏱ \d[\d.]* (ms|µs) ± \d[\d.]* (ms|µs|ns) · 16\.\d KB\/loop$/);
      const ranOn = new RegExp(`Node v?${node.version.replace(/\./g, '\\.')}`);
      assert.match(await outputText(page, ranOn), ranOn, 'the Output says which Node timed it');

      await contextMenu(page, editor, LOOP_BODY, 'Hotline: Profile Function');
      await answerInput(page, 'blur(x, steps)', /Profile blur \(1\/2\)/);
      await answerInput(page, 'const x = sawtooth(N); const steps = 50', /Profile blur \(2\/2\)/);
      await page.locator('.notification-toast', { hasText: 'Hotline: profiling blur' }).first().waitFor();
      await waitForRunToFinish(page);
      await editor.locator('.view-overlays div.cdr[class*="TextEditorDecorationType"]').first().waitFor();
      const hot = (await decoratedLines(editor)).filter((d) => alpha(d.background) > 0);
      const hottest = hot.reduce((a, b) => (alpha(b.background) > alpha(a.background) ? b : a));
      assert.equal(hottest.line, 15, `the loop body is the hottest line, not its for: ${JSON.stringify(hot)}`);
      assert.match((await afterTextOnLine(editor, LOOP_BODY)).join(''), /\d+\.\d% · .* · 51,100 hits/);

      const lines = await webviewFrame(page, '#line-report');
      const report = (await lines.locator('#line-report').textContent()) ?? '';
      assert.match(report, /\s9\s+1\s+[\d.]+(\s+[\d.]+){0,2}\s+8\.\d\d KB\s+x = x\.slice\(\);/);
      assert.match(report, /\s10\s+1\s+[\d.]+(\s+[\d.]+){0,2}\s+8\.\d\d KB\s+let xk = new Array/);
      const profiledOn = new RegExp(`samples over[\\s\\S]*${ranOn.source}`);
      assert.match(await outputText(page, profiledOn), profiledOn, 'and which Node profiled it');
      await session().shot('blur-profiled');
    });
  });
}
