import * as vscode from 'vscode';

/**
 * Hotline runs the user's code, so it refuses to in an untrusted workspace (menus and CodeLens
 * are hidden there too; this catches the palette, keybindings and other extensions' calls).
 */
export function ensureTrusted(action: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window
    .showErrorMessage(
      `Hotline: ${action} runs your code, so it is disabled in an untrusted workspace. Trust this workspace to use it.`,
      'Manage Workspace Trust',
    )
    .then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
  return false;
}
