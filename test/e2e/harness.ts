// Drives a real VS Code (code-server 4.100.3) in headless Debian Chromium with playwright-core,
// with the packaged hotline.vsix installed in a fresh profile. What a user clicks, we click.
import { chromium, type BrowserContext, type Page, type Locator, type Frame } from 'playwright-core';
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
// @ts-expect-error plain ESM script shared with `npm start`
import { installExtension, root, startCodeServer } from '../../scripts/code-server.mjs';

export { root };
export const examples = path.join(root, 'examples');
export const resultsDir = path.join(root, 'test-results');

/** Debian's Chromium, headless, with nothing that reaches the network or needs a GPU or a sandbox. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface Session {
  page: Page;
  context: BrowserContext;
  runDir: string;
  url: string;
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net
      .createServer()
      .listen(0, '127.0.0.1', () => {
        const { port } = srv.address() as net.AddressInfo;
        srv.close(() => resolve(port));
      })
      .on('error', reject);
  });
}

/** Starts code-server with Hotline installed and opens `folder` in Chromium. */
export async function openVSCode(
  name: string,
  opts: { folder?: string; trust?: boolean; settings?: Record<string, unknown>; noBrowser?: boolean } = {},
): Promise<Session> {
  const runDir = path.join(resultsDir, name);
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(runDir, { recursive: true });
  installExtension(runDir, path.join(root, 'hotline.vsix'));
  const server = await startCodeServer({
    runDir,
    port: await freePort(),
    trust: opts.trust ?? true,
    settings: opts.settings,
  });
  const browserTmp = path.join(runDir, 'browser');
  fs.mkdirSync(browserTmp, { recursive: true });
  const context = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(browserTmp, 'profile-')), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1500, height: 950 },
    env: { ...process.env, TMPDIR: browserTmp, XDG_CONFIG_HOME: browserTmp, XDG_CACHE_HOME: browserTmp },
    args: CHROMIUM_ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30_000);
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  if (!opts.noBrowser) {
    await page.goto(`${server.url}/?folder=${encodeURIComponent(opts.folder ?? examples)}`);
    await page.locator('.monaco-workbench').waitFor();
  }
  return {
    page,
    context,
    runDir,
    url: server.url,
    shot: async (n) => {
      await page.screenshot({ path: path.join(resultsDir, `${name}-${n}.png`) });
    },
    close: async () => {
      await context.close().catch(() => {});
      server.stop();
      fs.writeFileSync(path.join(runDir, 'browser-console-errors.txt'), consoleErrors.join('\n'));
    },
  };
}

/**
 * One VS Code for the test file: started before its tests, closed after them, and then no process
 * it started (server, extension host, Chromium, Hotline's children) may be left.
 */
export function useVSCode(name: string, opts: Parameters<typeof openVSCode>[1] = {}): () => Session {
  let session: Session | undefined;
  before(async () => {
    session = await openVSCode(name, opts);
  });
  after(async () => {
    if (!session) return;
    await session.close();
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(leftoverProcesses(session.runDir), [], 'processes left behind by the run');
  });
  return () => session!;
}

/** Opens a workspace file through Quick Open, as a keyboard user would. */
export async function openFile(page: Page, relativePath: string, waitForText: string): Promise<Locator> {
  await page
    .locator('.monaco-workbench')
    .click({ position: { x: 700, y: 5 } })
    .catch(() => {});
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(relativePath);
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: path.basename(relativePath) })
    .first()
    .waitFor();
  await page.keyboard.press('Enter');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.locator('.view-line', { hasText: waitForText }).first().waitFor();
  return editor;
}

/** Right-clicks the editor line containing `lineText` and picks a context-menu item. */
/** Scrolls the active editor to a 1-based line with Go to Line (Ctrl+G). */
export async function goToLine(page: Page, editor: Locator, line: number): Promise<void> {
  await editor.locator('.view-line').first().click();
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
}

/** The CodeLens link titled `title` drawn right above the line containing `lineText`. */
export async function lensAbove(editor: Locator, lineText: string, title: string): Promise<Locator> {
  const line = editor.locator('.view-line', { hasText: lineText }).first();
  await line.waitFor();
  const lineTop = (await line.boundingBox())!.y;
  const lenses = editor.locator('.codelens-decoration a', { hasText: title });
  let best = -1;
  let bestGap = Infinity;
  for (let i = 0; i < (await lenses.count()); i++) {
    const box = await lenses.nth(i).boundingBox();
    if (!box) continue; // scrolled out of view
    const gap = lineTop - box.y;
    if (gap > 0 && gap < bestGap) {
      best = i;
      bestGap = gap;
    }
  }
  if (best < 0) throw new Error(`no "${title}" lens above "${lineText}"`);
  return lenses.nth(best);
}

export async function contextMenu(page: Page, editor: Locator, lineText: string, item: string): Promise<void> {
  await editor.locator('.view-line', { hasText: lineText }).first().click({ button: 'right' });
  const menuItem = page.getByRole('menuitem', { name: item });
  await menuItem.waitFor();
  await page.waitForTimeout(250); // VS Code ignores clicks on a menu during its first ~100 ms
  await menuItem.click();
  await page.getByRole('menu').waitFor({ state: 'hidden' });
}

/** Answers the open quick input (showInputBox) with `value` and Enter. */
export async function answerInput(page: Page, value: string, expectTitle?: RegExp): Promise<void> {
  const widget = page.locator('.quick-input-widget');
  await widget.waitFor({ state: 'visible' });
  if (expectTitle) await widget.locator('.quick-input-title', { hasText: expectTitle }).waitFor();
  const input = widget.locator('input').first();
  await input.fill(value);
  await page.keyboard.press('Enter');
}

export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  // On a loaded machine the palette can miss an F1 (or close at once while focus moves): try again.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    const shown = await input
      .waitFor({ state: 'visible', timeout: 5000 })
      .then(() => true)
      .catch(() => false);
    if (shown) break;
    if (attempt === 4) throw new Error(`the command palette did not open for "${title}"`);
    await page.keyboard.press('Escape');
  }
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

export async function notification(page: Page, text: string | RegExp): Promise<string> {
  const toast = page.locator('.notification-toast', { hasText: text }).first();
  await toast.waitFor();
  return toast.locator('.notification-list-item-message').innerText();
}

export interface DecoratedLine {
  line: number;
  className: string;
  background: string;
}

/** Whole-line decorations of the visible editor, with their line numbers and computed colours. */
export async function decoratedLines(editor: Locator): Promise<DecoratedLine[]> {
  return editor.evaluate((ed) => {
    const lineAtTop: Record<string, number> = {};
    for (const row of ed.querySelectorAll<HTMLElement>('.margin-view-overlays > div')) {
      const n = row.querySelector('.line-numbers')?.textContent;
      if (n) lineAtTop[row.style.top] = Number(n);
    }
    return [...ed.querySelectorAll<HTMLElement>('.view-overlays div.cdr[class*="TextEditorDecorationType"]')]
      .map((el) => ({
        line: lineAtTop[(el.parentElement as HTMLElement).style.top],
        className: el.className,
        background: getComputedStyle(el).backgroundColor,
      }))
      .filter((d) => d.line !== undefined && d.background !== 'rgba(0, 0, 0, 0)');
  });
}

/** The inner frame of every webview, or the one whose body contains `text`. */
export async function webviewFrame(page: Page, selector: string, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (!frame.url().includes('/webview/') || !frame.url().includes('fake.html')) continue;
      if (
        await frame
          .locator(selector)
          .count()
          .catch(() => 0)
      )
        return frame;
    }
    if (Date.now() > deadline) {
      // What each webview holds, to tell a missing panel from one showing something else.
      const seen = await Promise.all(
        page
          .frames()
          .filter((f) => f.url().includes('fake.html'))
          .map((f) =>
            f
              .evaluate(() => document.body?.innerText.slice(0, 300).replace(/\s+/g, ' ') ?? '')
              .catch((e: Error) => `(${e.message})`),
          ),
      );
      throw new Error(`no webview with ${selector}; webviews: ${JSON.stringify(seen)}`);
    }
    await page.waitForTimeout(200);
  }
}

/** Processes whose command line mentions the run folder: must be none after close(). */
export function leftoverProcesses(marker: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes(marker) && !l.includes('ps -eo'));
}

/** Text VS Code draws after a line through `after` decorations (CSS ::after content). */
export async function afterTextOnLine(editor: Locator, lineText: string): Promise<string[]> {
  return editor
    .locator('.view-line', { hasText: lineText })
    .first()
    .evaluate((line) =>
      [...line.querySelectorAll('span')]
        .map((s) => getComputedStyle(s, '::after').content)
        .filter((c) => c && c !== 'none' && c !== 'normal')
        .map((c) => JSON.parse(c) as string),
    );
}

/**
 * Hovers `target` until a hover with `hasText` shows and returns it. VS Code hides a hover that
 * opened while the editor's layout or decorations changed (a panel opening beside it, a second
 * child's figures arriving); a user moves the mouse again, and so does this.
 */
export async function hoverUntil(
  page: Page,
  target: Locator,
  hasText: string,
  position?: { x: number; y: number },
): Promise<Locator> {
  const hover = page.locator('.monaco-hover', { hasText }).first();
  for (let attempt = 0; ; attempt++) {
    await target.hover(position ? { position } : {});
    const shown = await hover
      .waitFor({ timeout: 5000 })
      .then(() => true)
      .catch(() => false);
    if (shown) return hover;
    if (attempt >= 8) throw new Error(`no hover with "${hasText}" over ${target}`);
    await page.mouse.move(5, 5);
    await page.waitForTimeout(300);
  }
}

/** `hoverUntil` over the first line of the editor that holds `lineText`. */
export function hoverLine(
  page: Page,
  editor: Locator,
  lineText: string,
  hasText: string,
  position = { x: 60, y: 5 },
): Promise<Locator> {
  return hoverUntil(page, editor.locator('.view-line', { hasText: lineText }).first(), hasText, position);
}

/** Waits for the `after` text on a line to match (decorations arrive when a run finishes). */
export async function waitForAfterText(
  editor: Locator,
  lineText: string,
  expect: RegExp,
  timeoutMs = 60_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = (await afterTextOnLine(editor, lineText)).join(' ');
    if (expect.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`no text matching ${expect} after "${lineText}" (saw "${text}")`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Opens the Hotline Output channel and returns the text it shows, scrolled to the top or the
 * bottom (an editor only renders the lines in view).
 */
export async function outputText(page: Page, expect: RegExp, scroll: 'top' | 'bottom' = 'bottom'): Promise<string> {
  await runCommand(page, 'Hotline: Show Output');
  const editor = page.locator('.part.panel .monaco-editor').first();
  const view = editor.locator('.view-lines');
  await view.waitFor();
  const deadline = Date.now() + 20_000;
  for (;;) {
    const box = (await view.boundingBox())!;
    await view.click({ position: { x: 40, y: Math.max(5, box.height - 12) }, force: true }); // below any sticky-scroll header
    await page.keyboard.press(scroll === 'top' ? 'Control+Home' : 'Control+End');
    await page.waitForTimeout(150);
    const text = (await view.innerText()).replace(/\u00a0/g, ' ');
    if (expect.test(text) || Date.now() > deadline) return text;
    await page.waitForTimeout(250);
  }
}

/** Waits until no Hotline progress notification is showing. */
export async function waitForRunToFinish(page: Page, timeoutMs = 120_000): Promise<void> {
  await page
    .locator('.notification-toast', { hasText: /Hotline: (timing|profiling|explaining)/ })
    .first()
    .waitFor({ state: 'detached', timeout: timeoutMs });
}

/** Explorer → right-click → "Hotline: Open .cpuprofile in Flame View"; the item appears once Hotline's menus are registered. */
export async function openFromExplorer(page: Page, name: string): Promise<void> {
  const item = page.getByRole('menuitem', { name: 'Hotline: Open .cpuprofile in Flame View' });
  for (let attempt = 0; ; attempt++) {
    await page.getByRole('treeitem', { name }).click({ button: 'right' });
    await page.getByRole('menu').waitFor();
    await page.waitForTimeout(250);
    if (await item.count()) break;
    await page.keyboard.press('Escape');
    if (attempt > 40) throw new Error("Hotline's explorer menu item never appeared");
    await page.waitForTimeout(500);
  }
  await item.click();
}

/**
 * Runs `check` with the panel of `frameSelector` at three widths a user has: beside the editor as
 * it opens, narrowed to about 400 px (the window made narrower), and as one of three editor columns
 * (the code editor split once more). `check` gets the panel's width in CSS pixels.
 */
export async function atPanelWidths(
  page: Page,
  frameSelector: string,
  codeEditor: Locator,
  check: (frame: Frame, width: number, layout: string) => Promise<void>,
): Promise<number[]> {
  const viewport = page.viewportSize()!;
  const panelWidth = async () => {
    const frame = await webviewFrame(page, frameSelector);
    await page.waitForTimeout(400); // the webview relays its layout after a resize
    return { frame, width: await frame.evaluate(() => document.documentElement.clientWidth) };
  };
  const widths: number[] = [];
  const side = await panelWidth();
  widths.push(side.width);
  await check(side.frame, side.width, 'beside the editor');
  // Two groups share the window: narrowing it by 2 px narrows the panel by about 1 px.
  await page.setViewportSize({ width: Math.round(viewport.width - 2 * (side.width - 400)), height: viewport.height });
  try {
    const narrow = await panelWidth();
    widths.push(narrow.width);
    await check(narrow.frame, narrow.width, 'about 400 px wide');
  } finally {
    await page.setViewportSize(viewport);
  }
  const groups = page.locator('.editor-group-container');
  const before = await groups.count();
  await codeEditor.locator('.view-line').first().click();
  await page.keyboard.press('Control+\\'); // Split Editor: the code in a second column, the panel third
  await groups.nth(before).waitFor();
  // the split group, focused now: `check` may click into the panel and make its group the active one
  const copy = (await page.locator('.editor-group-container.active').elementHandle())!;
  try {
    const third = await panelWidth();
    widths.push(third.width);
    await check(third.frame, third.width, 'one of three columns');
  } finally {
    // the split group goes again, with its copy of the file
    await (await copy.$('.view-line'))!.click();
    await runCommand(page, 'View: Close Editor Group');
    await page.waitForFunction((n) => document.querySelectorAll('.editor-group-container').length <= n, before);
  }
  return widths;
}
