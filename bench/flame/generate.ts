// Synthetic .cpuprofile files shaped like real ones: a random call tree over many functions in many
// files (app code and node_modules), skewed so a few paths are hot, deep as well as wide; samples
// that mostly stay on the same stack for a while, as a real program does; jittered timeDeltas.
//   node --import tsx bench/flame/generate.ts [large|medium|<out.cpuprofile>]   (presets: see below)
import fs from 'node:fs';

export interface SyntheticShape {
  nodes: number;
  samples: number;
  functions?: number;
  files?: number;
  maxDepth?: number;
  seed?: number;
}

/** The big profile (~150 MB) and a 25 MB one for the e2e test. */
export const PRESETS = {
  large: { nodes: 200_000, samples: 11_500_000, functions: 12_000, files: 400, maxDepth: 150 },
  medium: { nodes: 35_000, samples: 1_900_000, functions: 4_000, files: 150, maxDepth: 120 },
} satisfies Record<string, SyntheticShape>;

function parts(shape: SyntheticShape): { head: string; sampleChunks: () => Generator<[string, string]> } {
  let s = shape.seed ?? 42;
  const rand = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const fileCount = shape.files ?? 50;
  const files = Array.from({ length: fileCount }, (_, i) =>
    i % 3 === 0 ? `file:///app/node_modules/lib${i}/dist/index.js` : `file:///app/src/module${i}.js`,
  );
  const functions = Array.from({ length: shape.functions ?? 2000 }, (_, i) => ({
    functionName: i % 17 === 0 ? '' : `fn${i}`,
    scriptId: String(1 + (i % fileCount)),
    url: files[i % fileCount],
    lineNumber: (i * 7) % 4000,
    columnNumber: (i * 13) % 60,
  }));
  const maxDepth = shape.maxDepth ?? 60;
  const nodes: { id: number; callFrame: object; hitCount: number; children: number[] }[] = [
    {
      id: 1,
      callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 },
      hitCount: 0,
      children: [],
    },
    {
      id: 2,
      callFrame: { functionName: '(program)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 },
      hitCount: 0,
      children: [],
    },
    {
      id: 3,
      callFrame: { functionName: '(garbage collector)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 },
      hitCount: 0,
      children: [],
    },
  ];
  nodes[0].children.push(2, 3);
  const depth = [0, 1, 1];
  for (let id = nodes.length + 1; id <= shape.nodes; id++) {
    // Prefer recent (deep) parents, so the tree is deep as well as wide.
    const parentIndex = Math.min(nodes.length - 1, Math.floor(nodes.length * (1 - rand() ** 3)));
    const parent = depth[parentIndex] >= maxDepth || parentIndex === 1 || parentIndex === 2 ? 0 : parentIndex;
    nodes.push({ id, callFrame: functions[Math.floor(rand() ** 2 * functions.length)], hitCount: 0, children: [] });
    depth.push(depth[parent] + 1);
    nodes[parent].children.push(id);
  }
  // Samples: stay on a stack for a geometric number of ticks, then jump (hot nodes more likely).
  const samples = new Int32Array(shape.samples);
  let current = 1;
  for (let i = 0; i < shape.samples; i++) {
    if (i === 0 || rand() < 0.3) current = 1 + Math.floor(rand() ** 4 * shape.nodes);
    samples[i] = current;
    nodes[current - 1].hitCount++;
  }
  const deltas = new Int32Array(shape.samples);
  let endTime = 0;
  for (let i = 0; i < shape.samples; i++) endTime += deltas[i] = i === 0 ? 0 : 900 + Math.floor(rand() * 250);
  const head = `{"nodes":${JSON.stringify(nodes)},"startTime":0,"endTime":${endTime},`;
  function* sampleChunks(): Generator<[string, string]> {
    const chunk = 500_000;
    for (let i = 0; i < shape.samples; i += chunk) {
      const end = Math.min(shape.samples, i + chunk);
      yield [samples.subarray(i, end).join(','), deltas.subarray(i, end).join(',')];
    }
  }
  return { head, sampleChunks };
}

/** The profile as one string (small shapes; the benchmark page and tests). */
export function syntheticProfile(nodeCount = 100_000, sampleCount = 1_000_000, seed = 42): string {
  const { head, sampleChunks } = parts({ nodes: nodeCount, samples: sampleCount, seed });
  const chunks = [...sampleChunks()];
  return `${head}"samples":[${chunks.map((c) => c[0]).join(',')}],"timeDeltas":[${chunks.map((c) => c[1]).join(',')}]}`;
}

/** Writes the profile to `out` in pieces, so a 150 MB file never exists as one string here. Returns its size in bytes. */
export function writeSyntheticProfile(out: string, shape: SyntheticShape): number {
  const { head, sampleChunks } = parts(shape);
  const fd = fs.openSync(out, 'w');
  try {
    fs.writeSync(fd, `${head}"samples":[`);
    let first = true;
    for (const [samples] of sampleChunks()) {
      fs.writeSync(fd, (first ? '' : ',') + samples);
      first = false;
    }
    fs.writeSync(fd, '],"timeDeltas":[');
    first = true;
    for (const [, deltas] of sampleChunks()) {
      fs.writeSync(fd, (first ? '' : ',') + deltas);
      first = false;
    }
    fs.writeSync(fd, ']}');
  } finally {
    fs.closeSync(fd);
  }
  return fs.statSync(out).size;
}

/** A cached copy of a preset under the OS temp folder (generating 150 MB takes a while). */
export function presetProfile(name: keyof typeof PRESETS, dir = '/tmp'): string {
  const out = `${dir}/hotline-synthetic-${name}.cpuprofile`;
  if (!fs.existsSync(out)) writeSyntheticProfile(out, PRESETS[name]);
  return out;
}

if (process.argv[1]?.endsWith('generate.ts')) {
  const arg = process.argv[2] ?? 'synthetic.cpuprofile';
  const preset = arg in PRESETS ? (arg as keyof typeof PRESETS) : undefined;
  const out = preset ? `hotline-synthetic-${preset}.cpuprofile` : arg;
  const bytes = writeSyntheticProfile(out, preset ? PRESETS[preset] : { nodes: 100_000, samples: 1_000_000 });
  console.log(`wrote ${out}: ${(bytes / 1048576).toFixed(1)} MB`);
}
