// A synthetic .cpuprofile of a given size (default 100,000 nodes and 1,000,000 samples): a random
// call tree over 2,000 functions in 50 files, skewed so a few paths are hot, like real profiles.
import fs from 'node:fs';

export function syntheticProfile(nodeCount = 100_000, sampleCount = 1_000_000, seed = 42): string {
  let s = seed;
  const rand = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const functions = Array.from({ length: 2000 }, (_, i) => ({ functionName: `fn${i}`, scriptId: String(1 + (i % 50)), url: `file:///app/src/module${i % 50}.js`, lineNumber: (i * 7) % 400, columnNumber: 2 }));
  const nodes: { id: number; callFrame: object; hitCount: number; children: number[] }[] = [
    { id: 1, callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 }, hitCount: 0, children: [] },
  ];
  const depth = [0];
  for (let id = 2; id <= nodeCount; id++) {
    // Prefer recent (deep) parents, so the tree is deep as well as wide.
    const parentIndex = Math.min(nodes.length - 1, Math.floor(nodes.length * (1 - rand() ** 3)));
    const parent = depth[parentIndex] > 60 ? 0 : parentIndex;
    nodes.push({ id, callFrame: functions[Math.floor(rand() ** 2 * functions.length)], hitCount: 0, children: [] });
    depth.push(depth[parent] + 1);
    nodes[parent].children.push(id);
  }
  const samples = new Array<number>(sampleCount);
  const timeDeltas = new Array<number>(sampleCount);
  for (let i = 0; i < sampleCount; i++) {
    const n = 1 + Math.floor(rand() ** 4 * nodeCount);
    samples[i] = n;
    nodes[n - 1].hitCount++;
    timeDeltas[i] = 900 + Math.floor(rand() * 200);
  }
  const endTime = timeDeltas.reduce((a, b) => a + b, 0);
  return JSON.stringify({ nodes, startTime: 0, endTime, samples, timeDeltas });
}

if (process.argv[1]?.endsWith('generate.ts')) {
  const out = process.argv[2] ?? 'synthetic.cpuprofile';
  fs.writeFileSync(out, syntheticProfile());
  console.log(`wrote ${out}`);
}
