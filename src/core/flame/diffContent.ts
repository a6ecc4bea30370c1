// What the flame panel's diff mode shows: the after tree with its before times, and the
// per-function changes (src/core/lines/profileDiff.ts), with the names of the two sides.
import type { DiffPayload } from '../protocol/flameMessages';
import type { DiffTree, FunctionDelta } from '../lines/profileDiff';
import type { FlatProfile } from './profileTypes';

export interface DiffContent {
  title: string;
  beforeLabel: string;
  afterLabel: string;
  /** "per execution" (two runs of a statement) or "as recorded" (two .cpuprofile files). */
  unit: string;
  tree: DiffTree;
  deltas: FunctionDelta[];
}

/** The flame panel's message body for a comparison: the after tree on the comparison's scale, and the diff. */
export function diffMessageBody(content: DiffContent): { profile: FlatProfile; diff: DiffPayload } {
  const { tree } = content;
  const index = new Map(tree.profile.functions.map((f, i) => [f, i]));
  return {
    // No timeline: its times are the run's own, not on the comparison's scale.
    profile: { ...tree.profile, self: tree.self, total: tree.total, callCounts: null, timeline: undefined },
    diff: {
      beforeLabel: content.beforeLabel,
      afterLabel: content.afterLabel,
      unit: content.unit,
      baseSelf: tree.baseSelf,
      baseTotal: tree.baseTotal,
      changes: content.deltas
        .filter((d) => d.fn.kind === 'js')
        .map((d) => ({
          func: index.get(d.fn) ?? -1,
          name: d.fn.name,
          file: d.fn.file,
          line: d.fn.line,
          selfBefore: d.selfBefore,
          selfAfter: d.selfAfter,
        })),
    },
  };
}
