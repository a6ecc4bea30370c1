// Runs test/ext-host/index.js inside the extension host of a real VS Code, with Hotline loaded
// in development mode from this folder (payload extensionDevelopmentPath + extensionTestsPath).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { examples, notification, openVSCode, root } from './harness.ts';

async function runExtensionTests(
  name: string,
  testsFile: string,
  trust: boolean,
  whileRunning?: (page: import('playwright-core').Page) => Promise<void>,
): Promise<void> {
  const vs = await openVSCode(name, { noBrowser: true, trust });
  try {
    const authority = new URL(vs.url).host;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${root}`],
      ['extensionTestsPath', `vscode-remote://${authority}${path.join(root, 'test/ext-host', testsFile)}`],
    ];
    const lines: string[] = [];
    vs.page.on('console', (m) => {
      if (m.text().includes('[ext-test]')) lines.push(m.text().replace(/^.*\[ext-test\] /, ''));
    });
    const exit = new Promise<number>((resolve) => {
      void vs.page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    await vs.page.goto(
      `${vs.url}/?folder=${encodeURIComponent(examples)}&payload=${encodeURIComponent(JSON.stringify(payload))}`,
    );
    const during = whileRunning?.(vs.page);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      exit,
      new Promise<string>((r) => {
        timer = setTimeout(() => r('timeout'), 90_000);
      }),
    ]);
    clearTimeout(timer); // a pending timer would hold the test process open for the rest of the 90 s
    await during;
    console.log(lines.join('\n'));
    assert.equal(code, 0, `extension tests exited with ${code}:\n${lines.join('\n')}`);
    assert.ok(
      lines.some((l) => /summary: \d+ passed, 0 failed/.test(l)),
      'the suite reported its summary',
    );
  } finally {
    await vs.close();
  }
}

test('extension-host API tests pass', () => runExtensionTests('ext-host', 'index.js', true));

test('in Restricted Mode: no CodeLens, and the run command refuses with an explanation', () =>
  runExtensionTests('ext-host-untrusted', 'untrusted.js', false, async (page) => {
    const text = await notification(page, 'disabled in an untrusted workspace');
    assert.match(
      text,
      /Time Function runs your code, so it is disabled in an untrusted workspace\. Trust this workspace to use it\./,
    );
  }));
