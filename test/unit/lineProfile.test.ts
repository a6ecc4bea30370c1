import { test } from 'node:test';
import assert from 'node:assert/strict';
import { transformSync } from 'esbuild';
import { heatIntensity, heatLevel } from '../../src/core/lines/heat.ts';
import { nodeTimes, type CpuProfile } from '../../src/core/lines/lineProfile.ts';
import { ScriptMapper } from '../../src/core/source/sourceMapping.ts';

const url = 'file:///w/hot.js';

// root -> hot -> helper, as the inspector's CPU profiler writes it (the .cpuprofile files users open).
const profile: CpuProfile = {
  startTime: 0,
  endTime: 10_000,
  nodes: [
    {
      id: 1,
      callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 },
      children: [2],
    },
    {
      id: 2,
      callFrame: { functionName: 'hot', scriptId: '1', url, lineNumber: 0, columnNumber: 0 },
      children: [3],
      positionTicks: [
        { line: 4, ticks: 6 },
        { line: 9, ticks: 2 },
      ],
    },
    {
      id: 3,
      callFrame: { functionName: 'helper', scriptId: '1', url, lineNumber: 7, columnNumber: 0 },
      positionTicks: [{ line: 9, ticks: 2 }],
    },
  ],
  samples: [2, 2, 2, 2, 2, 2, 2, 2, 3, 3],
  timeDeltas: [0, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
};

test('nodeTimes uses real timeDeltas (the delta after a sample is its duration)', () => {
  const { time, samples } = nodeTimes(profile);
  assert.equal(samples, 10);
  assert.equal(time.get(2), 8000);
  assert.equal(time.get(3), 1000 + 1000, 'the last sample gets the mean duration');
});

test('source mapping through a real esbuild inline map lands on the TypeScript lines', () => {
  const ts =
    'interface P { x: number }\n\nexport function norm(p: P): number {\n  // comment\n  return Math.sqrt(p.x * p.x);\n}\n';
  const js = transformSync(ts, { loader: 'ts', format: 'esm', sourcemap: 'inline', sourcefile: '/w/norm.ts' }).code;
  const mapper = new ScriptMapper('file:///w/norm.js', js);
  const genLine = js.split('\n').findIndex((l) => l.includes('Math.sqrt')) + 1;
  assert.deepEqual(mapper.original(genLine), { file: '/w/norm.ts', line: 5 });
  assert.equal(mapper.originalText('/w/norm.ts'), ts);
  const sqrt = js.indexOf('Math.sqrt');
  assert.deepEqual(mapper.originalAt(sqrt), { file: '/w/norm.ts', line: 5, column: 10 }, 'column-exact');
  assert.equal(mapper.generatedOffsetOf('/w/norm.ts', 5, 9), sqrt, 'and back');
  assert.equal(mapper.generatedOffsetOf('/w/norm.ts', 1, 0), undefined, 'a type-only line runs nothing');
});

test('heat follows the Cython ramp and is monotonic', () => {
  assert.equal(heatLevel(0), 0);
  assert.equal(heatIntensity(0.1), 0.5);
  assert.ok(Math.abs(heatIntensity(0.01) - (1 - 1 / 1.1)) < 1e-12);
  let last = 0;
  for (let s = 0.001; s <= 1; s += 0.001) {
    const l = heatLevel(s);
    assert.ok(l >= last && l >= 1 && l <= 10);
    last = l;
  }
  assert.equal(heatLevel(0.74), 9);
  assert.equal(heatLevel(0.95), 10);
});
