// The flame panel's state, shared by every view module, and the one way out to the extension.
import { formatTime } from '../../src/core/format';
import type { FlameFromWebview } from '../../src/core/flameMessages';
import type { ChildIndex, FlameLayout, StatsColumn, StatsRow } from '../../src/core/flameLayout';
import type { FlatProfile } from '../../src/core/profileTypes';
import { vscode } from '../shared/vscodeApi';

export type View = 'icicle' | 'sunburst' | 'lines';

export const state = {
  profile: undefined as FlatProfile | undefined,
  children: undefined as ChildIndex | undefined,
  rows: [] as StatsRow[],
  title: '',
  canSave: false,
  report: undefined as string | undefined,
  view: 'icicle' as View,
  baseRoot: 0,
  root: 0,
  depth: 10,
  cutoff: 0.001,
  search: new Set<number>(),
  hoverFunc: -1,
  focusNode: 0,
  sort: { column: 'cumtime' as StatsColumn, descending: true },
  filter: '',
  layout: undefined as FlameLayout | undefined,
};

export const post = (m: FlameFromWebview): void => vscode.postMessage(m);
/** Profile times are microseconds; formatTime takes seconds. */
export const t = (micros: number): string => formatTime(micros * 1e-6);
