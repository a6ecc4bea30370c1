// What the flame panel's diff mode shows: the after tree with its before times, and the
// per-function changes (src/core/profileDiff.ts), with the names of the two sides.
import type { DiffTree, FunctionDelta } from './profileDiff';

export interface DiffContent {
  title: string;
  beforeLabel: string;
  afterLabel: string;
  /** "per execution" (two runs of a statement) or "as recorded" (two .cpuprofile files). */
  unit: string;
  tree: DiffTree;
  deltas: FunctionDelta[];
}
