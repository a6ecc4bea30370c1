// The Hot Spots view (Explorer): the last whole run's hottest lines and functions, your code,
// dependencies and Node's internals apart, by self time with the total beside it; a click opens the line.
import * as vscode from 'vscode';
import { bySelf, type Origin, type RunFunction, type RunLine, type WholeRunReport } from '../core/run/runReport';
import { shownPath } from '../core/run/runText';

export const HOT_SPOTS_VIEW = 'hotline.hotSpots';
const SHOWN = 30;

type Node =
  | { kind: 'group'; label: string; rows: (RunLine | RunFunction)[]; what: 'line' | 'function' }
  | { kind: 'row'; row: RunLine | RunFunction; what: 'line' | 'function' };

const GROUPS: { origin: Origin; name: string }[] = [
  { origin: 'mine', name: 'your code' },
  { origin: 'dependency', name: 'dependencies' },
  { origin: 'node', name: 'Node.js internals' },
];

export class HotSpots implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private report: WholeRunReport | undefined;
  /** The command the report is of: re-run to capture a function's inputs. */
  lastCommand: { command: string[]; cwd: string } | undefined;
  /** Files the last run's heat was put on (cleared when the next run is shown). */
  readonly heatFiles: vscode.Uri[] = [];
  private cwd = '';
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly shown = new vscode.EventEmitter<void>();
  /** A new run's report is shown (the CodeLens refreshes its run lenses). */
  readonly onDidShowRun = this.shown.event;

  show(report: WholeRunReport, cwd: string): void {
    this.report = report;
    this.cwd = cwd;
    void vscode.commands.executeCommand('setContext', 'hotline.hasRun', true);
    this.changed.fire();
    this.shown.fire();
  }

  /** Whether the last run spent time in a function of `file` starting within these 1-based lines. */
  ran(file: string, startLine: number, endLine: number): boolean {
    return !!this.report?.functions.some((f) => f.file === file && f.line >= startLine && f.line <= endLine);
  }

  getChildren(node?: Node): Node[] {
    const report = this.report;
    if (!report) return [];
    if (node?.kind === 'group') return node.rows.slice(0, SHOWN).map((row) => ({ kind: 'row', row, what: node.what }));
    if (node) return [];
    const groups: Node[] = [];
    for (const { origin, name } of GROUPS) {
      const lines = bySelf(report.lines.filter((l) => l.origin === origin && l.selfMs > 0));
      const functions = bySelf(report.functions.filter((f) => f.origin === origin && f.selfMs > 0));
      // Node's own lines have no text to show: their functions say more.
      if (lines.length && origin !== 'node')
        groups.push({ kind: 'group', label: `Lines — ${name}`, rows: lines, what: 'line' });
      if (functions.length)
        groups.push({ kind: 'group', label: `Functions — ${name}`, rows: functions, what: 'function' });
    }
    return groups;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.rows.length}`;
      item.contextValue = 'group';
      return item;
    }
    const { row } = node;
    const total = this.report?.totalMs ?? 0;
    const pct = (v: number) => (total > 0 ? `${((100 * v) / total).toFixed(1)} %` : '—');
    const where = `${shownPath(row.file, this.cwd)}:${row.line}`;
    const name = 'name' in row ? row.name : row.function;
    const item = new vscode.TreeItem(
      `${pct(row.selfMs)}  ${node.what === 'function' ? name : where}`,
      vscode.TreeItemCollapsibleState.None,
    );
    item.description = `${pct(row.totalMs)} total · ${node.what === 'function' ? where : name}`;
    item.tooltip = `${where}${name ? ` (${name})` : ''}\nself ${row.selfMs.toFixed(1)} ms (${pct(row.selfMs)}), total ${row.totalMs.toFixed(1)} ms (${pct(row.totalMs)})\nin ${row.pids.length === 1 ? `pid ${row.pids[0]}` : `${row.pids.length} processes`}`;
    if (row.file.startsWith('/')) {
      const position = new vscode.Position(Math.max(0, row.line - 1), 0);
      item.command = {
        command: 'vscode.open',
        title: 'Open',
        arguments: [vscode.Uri.file(row.file), { selection: new vscode.Range(position, position) }],
      };
      item.resourceUri = vscode.Uri.file(row.file);
    }
    item.iconPath = new vscode.ThemeIcon(node.what === 'function' ? 'symbol-function' : 'flame');
    // Your functions can be timed, profiled and explained on the inputs the run gave them.
    item.contextValue = node.what === 'function' && row.origin === 'mine' ? 'yourFunction' : node.what;
    return item;
  }

  dispose(): void {
    this.changed.dispose();
    this.shown.dispose();
  }
}
