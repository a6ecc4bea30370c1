// API-level integration tests, run INSIDE the VS Code extension host (what @vscode/test-electron's
// extensionTestsPath does; code-server loads it from the `payload` URL parameter). Each check
// logs a line; a failure throws, which VS Code reports through window.codeAutomationExit(1).
const vscode = require('vscode');
const assert = require('assert');
const path = require('path');

const examples = path.join(__dirname, '..', '..', 'examples');
const results = [];

async function check(name, fn) {
  try {
    await fn();
    results.push(`ok - ${name}`);
    console.log(`[ext-test] ok - ${name}`);
  } catch (e) {
    results.push(`not ok - ${name}: ${e && e.message}`);
    console.log(`[ext-test] not ok - ${name}: ${e && e.stack}`);
    throw e;
  }
}

async function codeLensesWhenReady(uri, minimum) {
  const deadline = Date.now() + 20000;
  for (;;) {
    const lenses = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri)) || [];
    const ours = lenses.filter((l) => l.command && l.command.command.startsWith('hotline.'));
    if (ours.length >= minimum || Date.now() > deadline) return ours;
    await new Promise((r) => setTimeout(r, 300));
  }
}

exports.run = async () => {
  const ext = vscode.extensions.getExtension('hotline-dev.hotline');
  await check('the extension is present and activates', async () => {
    assert.ok(ext, 'hotline-dev.hotline not found');
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  await check('every contributed command is registered', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const c of ext.packageJSON.contributes.commands)
      assert.ok(all.includes(c.command), `${c.command} not registered`);
  });

  await check('settings have their documented defaults', async () => {
    const c = vscode.workspace.getConfiguration('hotline');
    assert.equal(c.get('nodePath'), 'node');
    assert.equal(c.get('timeit.repeat'), 7);
    assert.equal(c.get('timeit.loops'), 0);
    assert.equal(c.get('profile.samplingInterval'), 1000);
  });

  await check('CodeLens: ⏱ Time and 🔥 Profile on each function of blur.ts, with (uri, line) arguments', async () => {
    const uri = vscode.Uri.file(path.join(examples, 'src', 'blur.ts'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const lenses = await codeLensesWhenReady(uri, 10);
    const titles = lenses.map((l) => l.command.title);
    assert.equal(titles.filter((t) => t === '⏱ Time').length, 5, titles.join(','));
    assert.equal(titles.filter((t) => t === '🔥 Profile').length, 5);
    const blurLens = lenses.find((l) => l.command.command === 'hotline.timeFunction' && l.range.start.line === 7);
    assert.ok(blurLens, 'a Time lens on line 8 (function blur)');
    assert.equal(blurLens.command.arguments[0].toString(), uri.toString());
    assert.equal(blurLens.command.arguments[1], 7);
  });

  await check('CodeLens on a CommonJS file', async () => {
    const uri = vscode.Uri.file(path.join(examples, 'js', 'primes.cjs'));
    await vscode.workspace.openTextDocument(uri);
    const lenses = await codeLensesWhenReady(uri, 4);
    assert.deepEqual([...new Set(lenses.map((l) => l.range.start.line))], [3, 11]);
  });

  console.log(
    `[ext-test] summary: ${results.filter((r) => r.startsWith('ok')).length} passed, ${results.filter((r) => !r.startsWith('ok')).length} failed`,
  );
};
