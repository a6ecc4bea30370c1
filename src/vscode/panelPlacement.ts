import * as vscode from 'vscode';

/** A group that holds only panels (webviews, custom editors such as a .cpuprofile view), no code. */
const holdsOnlyPanels = (g: vscode.TabGroup) =>
  g.tabs.length > 0 &&
  g.tabs.every((t) => t.input instanceof vscode.TabInputWebview || t.input instanceof vscode.TabInputCustom);

/**
 * Where a new Hotline panel goes: beside the active editor, but never a third column when the
 * window is already split — into the group of the other panels if there is one (the code stays in
 * view even when a panel has the focus), else into the group that is not active.
 */
export function besideColumn(): vscode.ViewColumn {
  const groups = vscode.window.tabGroups.all;
  if (groups.length < 2) return vscode.ViewColumn.Beside;
  const panels = groups.find(holdsOnlyPanels);
  if (panels) return panels.viewColumn;
  const active = vscode.window.tabGroups.activeTabGroup;
  return (groups.find((g) => g !== active) ?? groups[groups.length - 1]).viewColumn;
}
