// The flame panel's diff mode: blocks coloured by the change of their self time between two
// profiles (a diverging blue ↔ orange ramp, colour-blind safe, from the themable
// hotline.diffFaster / hotline.diffSlower colours), before → after in the tooltip, and the
// Changes tab: the biggest gains and losses per function.
import { deltaLabel, relativeChange } from '../../src/core/lines/profileDiff';
import { h } from '../shared/vscodeApi';
import { post, state, t } from './state';

/** Before times aggregated onto the nodes of the drawn tree (chains and folds hold several original nodes). */
let aggregatedFor: unknown;
let baseSelf = new Float64Array(0);
let baseTotal = new Float64Array(0);

function aggregate(): void {
  const tree = state.tree!,
    diff = state.diff!,
    profile = state.profile!;
  if (aggregatedFor === tree) return;
  aggregatedFor = tree;
  baseSelf = new Float64Array(tree.parent.length);
  baseTotal = new Float64Array(tree.parent.length);
  for (let o = 0; o < tree.viewOf.length; o++) {
    const v = tree.viewOf[o];
    baseSelf[v] += diff.baseSelf[o];
    // A node's total is its top original frame's (the frames below are inside it).
    const parent = profile.parent[o];
    if (parent < 0 || tree.viewOf[parent] !== v) baseTotal[v] += diff.baseTotal[o];
  }
}

/** −1 (all of the block's self time is gone) … +1 (all of it is new); 0 without a diff. */
export function changeOf(node: number): number {
  if (!state.diff || node < 0) return 0;
  aggregate();
  return relativeChange(baseSelf[node], state.tree!.self[node]);
}

/** The tooltip's line: total and self before → after, and the change. */
export function diffTooltip(node: number): HTMLElement[] {
  if (!state.diff || node < 0) return [];
  aggregate();
  const tree = state.tree!;
  return [
    h(
      'div',
      { class: 'diff-line' },
      `self ${t(baseSelf[node])} → ${t(tree.self[node])}  ${deltaLabel(baseSelf[node], tree.self[node])}`,
    ),
    h('div', { class: 'muted' }, `total ${t(baseTotal[node])} → ${t(tree.total[node])} ${state.diff.unit}`),
  ];
}

let changes: HTMLElement;

export function createChangesTab(): HTMLElement {
  changes = h('div', { id: 'changes', hidden: true });
  renderChanges();
  return changes;
}

export function renderChanges(): void {
  const diff = state.diff;
  if (!changes || !diff) return;
  const rows = diff.changes.filter((c) => c.selfBefore !== c.selfAfter).slice(0, 200);
  const body = rows.map((c) => {
    const faster = c.selfAfter < c.selfBefore;
    const row = h(
      'tr',
      {
        class: `change-row ${faster ? 'faster' : 'slower'}`,
        title: c.func >= 0 ? 'double-click: open source' : 'gone from the after profile',
      },
      h('td', { class: 'change' }, deltaLabel(c.selfBefore, c.selfAfter)),
      h('td', { class: 'num' }, t(c.selfBefore)),
      h('td', { class: 'num' }, t(c.selfAfter)),
      h('td', { class: 'fn' }, c.name),
      h('td', { class: 'where' }, `${c.file.split('/').pop()}:${c.line}`),
    );
    if (c.func >= 0) row.addEventListener('dblclick', () => post({ type: 'openSource', func: c.func }));
    return row;
  });
  changes.replaceChildren(
    h(
      'p',
      { class: 'muted', id: 'changes-note' },
      `${diff.beforeLabel} → ${diff.afterLabel}: self time ${diff.unit}, biggest change first. ` +
        'Blocks in the views are blue where time went down and orange where it went up.',
    ),
    h(
      'table',
      { id: 'changes-table' },
      h('thead', {}, h('tr', {}, ...['change', 'before', 'after', 'function', 'location'].map((c) => h('th', {}, c)))),
      h('tbody', {}, ...body),
    ),
  );
}
