import * as vscode from 'vscode';

/**
 * Where a new Hotline panel goes: beside the active editor, but into the other group when the
 * window is already split, so Show Timings / Show Flame never open a third column.
 */
export function besideColumn(): vscode.ViewColumn {
  const groups = vscode.window.tabGroups.all;
  if (groups.length < 2) return vscode.ViewColumn.Beside;
  const active = vscode.window.tabGroups.activeTabGroup;
  return (groups.find((g) => g !== active) ?? groups[groups.length - 1]).viewColumn;
}
