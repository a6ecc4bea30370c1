// Flame panel on a huge profile, in headless Chromium, side by side with speedscope (npm package,
// same browser): time to first paint after the file is loaded, and the time of a zoom frame.
//   node --import tsx bench/flame/run.ts
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../test/e2e/harness.ts';
import { syntheticProfile } from './generate.ts';

const root = path.resolve(import.meta.dirname, '../..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-flame-bench-'));
const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function main() {
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'ignore' });
  await build({
    entryPoints: [path.join(root, 'bench/flame/pipeline.ts')],
    bundle: true,
    outfile: path.join(work, 'pipeline.js'),
    platform: 'browser',
    format: 'iife',
    logLevel: 'error',
  });
  const t = performance.now();
  const profileText = syntheticProfile(Number(process.env.NODES ?? 100_000), Number(process.env.SAMPLES ?? 1_000_000));
  fs.writeFileSync(path.join(work, 'profile.cpuprofile'), profileText);
  console.error(
    `generated ${(profileText.length / 1048576).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  const darkVars =
    '--vscode-font-family: sans-serif; --vscode-font-size: 13px; --vscode-foreground: #ccc; --vscode-editor-background: #1f1f1f; --vscode-charts-orange: #d18616; --vscode-charts-yellow: #cca700; --vscode-charts-red: #f14c4c; --vscode-charts-blue: #3794ff; --vscode-charts-green: #89d185; --vscode-charts-purple: #b180d7; --vscode-focusBorder: #0078d4;';
  fs.writeFileSync(
    path.join(work, 'hotline.html'),
    `<!DOCTYPE html><html><head><meta charset="utf-8"><link rel="stylesheet" href="/dist/webview/flame.css"></head>
<body style="${darkVars}"><main id="app"></main>
<script>window.acquireVsCodeApi = () => ({ postMessage() {}, getState() {}, setState() {} });</script>
<script src="/dist/webview/flame.js"></script><script src="/pipeline.js"></script></body></html>`,
  );
  const speedscopeDir = path.join(root, 'node_modules/speedscope/dist/release');
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    let file: string;
    if (url.pathname.startsWith('/dist/')) file = path.join(root, url.pathname);
    else if (url.pathname.startsWith('/speedscope/'))
      file = path.join(speedscopeDir, url.pathname.slice('/speedscope/'.length) || 'index.html');
    else file = path.join(work, url.pathname);
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    const type = file.endsWith('.js')
      ? 'text/javascript'
      : file.endsWith('.css')
        ? 'text/css'
        : file.endsWith('.html')
          ? 'text/html'
          : file.endsWith('.wasm')
            ? 'application/wasm'
            : 'application/octet-stream';
    res.writeHead(200, { 'content-type': type });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const rows: string[][] = [];
  try {
    const hot: Record<string, number>[] = [];
    const zooms: number[] = [];
    const walls: number[] = [];
    for (let trial = 0; trial < 3; trial++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const w0 = Date.now();
      await page.goto(`${base}/hotline.html`);
      await page.waitForFunction(() => window.benchResult, undefined, { timeout: 120_000 });
      walls.push(Date.now() - w0);
      hot.push(await page.evaluate(() => window.benchResult!));
      console.error(`hotline trial ${trial}: ${JSON.stringify(hot[hot.length - 1])}`);
      // zoom frames: click blocks of the second row, then the top bar to go back up
      for (let i = 0; i < 6; i++) {
        zooms.push(
          await page.evaluate((k) => {
            const canvas = document.querySelector('canvas')!;
            const r = canvas.getBoundingClientRect();
            const y = k % 2 === 0 ? r.top + 22 * 1.5 : r.top + 8;
            const t0 = performance.now();
            canvas.dispatchEvent(
              new MouseEvent('click', { clientX: r.left + r.width * (0.2 + 0.1 * k), clientY: y, bubbles: true }),
            );
            return performance.now() - t0;
          }, i),
        );
      }
      await page.close();
    }
    // speedscope names the view after the file once it has imported and drawn it.
    const ss: number[] = [];
    let crashes = 0;
    for (let trial = 0; trial < 3; trial++) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const w0 = Date.now();
      try {
        await page.goto(`${base}/speedscope/index.html#profileURL=${encodeURIComponent(`${base}/profile.cpuprofile`)}`);
        await page.waitForFunction(() => document.title.startsWith('profile.cpuprofile'), undefined, {
          timeout: 180_000,
        });
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        ss.push(Date.now() - w0);
        console.error(`speedscope trial ${trial}: ${ss[ss.length - 1]} ms (${await page.title()})`);
      } catch (e) {
        crashes++;
        console.error(`speedscope trial ${trial}: ${(e as Error).message.split('\n')[0]}`);
      }
      await page.close().catch(() => {});
    }
    const m = (k: string) => median(hot.map((h) => h[k]));
    rows.push([
      'Hotline flame panel',
      `${m('parseMs').toFixed(0)} ms`,
      `${m('layoutAndPaintMs').toFixed(0)} ms`,
      `${m('totalMs').toFixed(0)} ms`,
      `${median(walls)} ms`,
      `${median(zooms).toFixed(1)} ms (max ${Math.max(...zooms).toFixed(1)})`,
    ]);
    rows.push([
      'speedscope 1.25.0',
      '—',
      '—',
      '—',
      ss.length ? `${median(ss)} ms${crashes ? ` (${crashes} of 3 crashed)` : ''}` : `crashed ${crashes} of 3`,
      '—',
    ]);
    console.log(
      `Synthetic profile: ${hot[0].nodes.toLocaleString('en-US')} nodes, ${Number(process.env.SAMPLES ?? 1_000_000).toLocaleString('en-US')} samples, ${(profileText.length / 1048576).toFixed(1)} MB; headless Chromium; median of 3`,
    );
    console.log(
      '| viewer | parse | layout + first paint | parse → first paint | page load → first paint | zoom frame |',
    );
    console.log('|---|---|---|---|---|---|');
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  } finally {
    await browser.close();
    server.close();
  }
}
void main();
