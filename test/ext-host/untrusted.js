// Runs INSIDE the extension host of an untrusted (Restricted Mode) workspace: Hotline offers no
// CodeLens there, and its run commands refuse (the outer test reads the message in the UI).
const vscode = require('vscode');
const assert = require('assert');
const path = require('path');

exports.run = async () => {
  const ext = vscode.extensions.getExtension('hotline-dev.hotline');
  await ext.activate();
  assert.equal(vscode.workspace.isTrusted, false, 'the workspace is untrusted');
  console.log('[ext-test] ok - restricted mode');
  const uri = vscode.Uri.file(path.join(__dirname, '..', '..', 'examples', 'src', 'blur.ts'));
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  await new Promise((r) => setTimeout(r, 3000)); // give the language server time to produce symbols
  const lenses = ((await vscode.commands.executeCommand('vscode.executeCodeLensProvider', uri)) || []).filter(
    (l) => l.command && l.command.command.startsWith('hotline.'),
  );
  assert.equal(lenses.length, 0, 'no Hotline CodeLens in Restricted Mode');
  console.log('[ext-test] ok - no CodeLens');
  // Another extension (or a keybinding without our enablement) could still call the command.
  const result = await vscode.commands.executeCommand('hotline.timeFunction', uri, 7);
  assert.equal(result, undefined, 'nothing ran');
  console.log('[ext-test] ok - the command refused');
  await new Promise((r) => setTimeout(r, 4000)); // the outer test reads the refusal in the UI meanwhile
  console.log('[ext-test] summary: 3 passed, 0 failed');
};
