// One .cpuprofile for a whole run: each thread's call tree (built by lines/attribution.ts, whose
// node under the root names the thread) becomes one child of a common root. Samples follow one
// another thread by thread, so the time-order view shows the threads one after the other.
import type { CpuProfile, CpuProfileNode } from '../lines/lineProfile';

export function mergeProfiles(parts: readonly CpuProfile[]): CpuProfile {
  const root: CpuProfileNode = {
    id: 1,
    callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 },
    hitCount: 0,
    children: [],
  };
  const nodes: CpuProfileNode[] = [root];
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  let endTime = 0;
  for (const part of parts) {
    const ownRoot = part.nodes.find((n) => n.callFrame.functionName === '(root)') ?? part.nodes[0];
    // ids of this part, numbered after the nodes already merged; its root becomes the common one
    const ids = new Map<number, number>([[ownRoot.id, root.id]]);
    for (const n of part.nodes) if (n !== ownRoot) ids.set(n.id, nodes.length + ids.size);
    const idOf = (id: number) => ids.get(id) ?? root.id;
    for (const n of part.nodes) {
      if (n === ownRoot) {
        root.children!.push(...(n.children ?? []).map(idOf));
        root.hitCount! += n.hitCount ?? 0;
        continue;
      }
      nodes.push({ ...n, id: idOf(n.id), children: (n.children ?? []).map(idOf) });
    }
    samples.push(...(part.samples ?? []).map(idOf));
    timeDeltas.push(...(part.timeDeltas ?? []));
    endTime += part.endTime - part.startTime;
  }
  return { nodes, startTime: 0, endTime, samples, timeDeltas };
}
