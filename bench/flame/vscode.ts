// The flame panel in the real VS Code (code-server + headless Chromium, test/e2e/harness.ts) on the
// generated profiles: explorer → "Open .cpuprofile in Flame View" → first paint of the chart, tab
// away and back (median of 5), and the extension host's peak RSS (VmHWM from /proc).
//   npm run --silent package && node --import tsx bench/flame/vscode.ts [medium large]
import fs from 'node:fs';
import path from 'node:path';
import { extensionHostPid, memoryOf, openFromExplorer } from '../../test/e2e/flameHelpers.ts';
import { openFile, openVSCode, resultsDir, webviewFrame } from '../../test/e2e/harness.ts';
import { presetProfile, PRESETS } from './generate.ts';

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function measure(preset: keyof typeof PRESETS): Promise<string> {
  const workspace = path.join(resultsDir, `ws-bench-flame-${preset}`);
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.mkdirSync(workspace, { recursive: true });
  fs.copyFileSync(presetProfile(preset), path.join(workspace, 'profile.cpuprofile'));
  fs.writeFileSync(path.join(workspace, 'notes.txt'), 'another tab\n');
  fs.writeFileSync(path.join(workspace, 'other.txt'), 'a text tab\n');
  const sizeMB = fs.statSync(path.join(workspace, 'profile.cpuprofile')).size / 1048576;
  const session = await openVSCode(`bench-flame-${preset}`, { folder: workspace });
  try {
    const { page } = session;
    await page.getByRole('treeitem', { name: 'notes.txt' }).waitFor();
    let pid = extensionHostPid(session.runDir);
    for (let i = 0; !pid && i < 60; i++) {
      await page.waitForTimeout(500);
      pid = extensionHostPid(session.runDir);
    }
    const before = pid ? memoryOf(pid) : undefined;
    await openFromExplorer(page, 'profile.cpuprofile');
    const clicked = Date.now();
    const frame = await webviewFrame(page, '.stats-row', 300_000);
    await frame.waitForFunction(() => document.body.dataset.firstPaintMs, undefined, { timeout: 300_000 });
    const firstPaintMs = Date.now() - clicked;
    console.error(
      `${preset}: first paint ${firstPaintMs} ms, of which the page's own ${await frame.evaluate(() => document.body.dataset.firstPaintMs)} ms`,
    );
    await session.shot('open');
    // Zoom: click a block of the second row (it becomes the root), then the top bar (back up); the
    // chart's own layout and paint of each frame, as the page records it.
    const zooms: number[] = [];
    const canvas = frame.locator('#icicle-canvas');
    const box = (await canvas.boundingBox())!;
    const drawMs = async () => Number(await frame.locator('#flame-state').getAttribute('data-draw-ms'));
    for (let i = 0; i < 5; i++) {
      const root = await frame.locator('#flame-state').getAttribute('data-root');
      await canvas.click({ position: { x: box.width * (0.2 + 0.1 * i), y: 16 * 2.5 } });
      await frame.waitForFunction((r) => document.getElementById('flame-state')!.dataset.root !== r, root);
      zooms.push(await drawMs());
      await page.waitForTimeout(200); // a single click, not a double-click
      await canvas.click({ position: { x: 20, y: 8 } });
      await page.waitForTimeout(300);
      zooms.push(await drawMs());
    }
    // The same switch between two text editors: what the clicks and waits themselves cost here.
    await openFile(page, 'other.txt', 'a text tab');
    const textBacks: number[] = [];
    for (let i = 0; i < 5; i++) {
      await openFile(page, 'notes.txt', 'another tab');
      const t = Date.now();
      await page.getByRole('tab', { name: /other\.txt/ }).click();
      await page
        .locator('.editor-instance .view-line', { hasText: 'a text tab' })
        .first()
        .waitFor({ state: 'visible' });
      textBacks.push(Date.now() - t);
    }
    const backs: number[] = [];
    for (let i = 0; i < 5; i++) {
      await openFile(page, 'notes.txt', 'another tab');
      const t = Date.now();
      await page.getByRole('tab', { name: /profile\.cpuprofile/ }).click();
      await page.locator('iframe.webview').first().waitFor({ state: 'visible' });
      await frame.locator('#icicle-canvas').waitFor({ state: 'visible' });
      backs.push(Date.now() - t);
    }
    await session.shot('back');
    const after = pid ? memoryOf(pid) : undefined;
    const peak = after
      ? `${after.peakMB.toFixed(0)} MB (${(after.peakMB / sizeMB).toFixed(2)}× file; ${before!.rssMB.toFixed(0)} MB before opening)`
      : 'extension host not found';
    const { nodes, samples } = PRESETS[preset];
    return `| ${sizeMB.toFixed(0)} MB, ${nodes.toLocaleString('en-US')} nodes, ${samples.toLocaleString('en-US')} samples | ${(firstPaintMs / 1000).toFixed(2)} s | ${median(backs)} ms (max ${Math.max(...backs)}; text editor ${median(textBacks)} ms) | ${median(zooms)} ms (max ${Math.max(...zooms)}) | ${peak} |`;
  } finally {
    await session.close();
  }
}

async function main() {
  const presets = (
    process.argv.slice(2).length ? process.argv.slice(2) : ['medium', 'large']
  ) as (keyof typeof PRESETS)[];
  const rows: string[] = [];
  for (const p of presets) {
    rows.push(await measure(p));
    console.error(rows.at(-1));
  }
  console.log('Flame panel in code-server + headless Chromium (one run each; tab back: median of 5)');
  console.log(
    '| profile | menu click → first paint | tab away and back | zoom frame (layout + paint) | extension host peak RSS |',
  );
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}
void main();
