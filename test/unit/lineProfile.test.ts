import { test } from 'node:test';
import assert from 'node:assert/strict';
import { transformSync } from 'esbuild';
import { heatIntensity, heatLevel } from '../../src/core/heat.ts';
import { buildLineProfile, nodeTimes, type CpuProfile, type ScriptCoverage } from '../../src/core/lineProfile.ts';
import { functionReport } from '../../src/core/lineProfilerReport.ts';
import { ScriptMapper } from '../../src/core/sourceMapping.ts';

// A tiny script, as V8 would see it (no source map: lines map to themselves).
const src = [
  'function hot(n) {',          // 1
  '  let t = 0;',               // 2
  '  for (let i = 0; i < n; i++) {', // 3
  '    t += helper(i);',        // 4
  '  }',                        // 5
  '  return t;',                // 6
  '}',                          // 7
  'function helper(i) {',       // 8
  '  return i * 2;',            // 9
  '}',                          // 10
  '',
].join('\n');
const url = 'file:///w/hot.js';
const off = (line: number, col = 0) => src.split('\n').slice(0, line - 1).reduce((a, l) => a + l.length + 1, 0) + col;

const coverage: ScriptCoverage[] = [{
  scriptId: '1', url, functions: [
    { functionName: '', ranges: [{ startOffset: 0, endOffset: src.length, count: 1 }], isBlockCoverage: true },
    { functionName: 'hot', ranges: [{ startOffset: 0, endOffset: off(7, 1), count: 1 }, { startOffset: off(3, 30), endOffset: off(5, 3), count: 100 }], isBlockCoverage: true },
    { functionName: 'helper', ranges: [{ startOffset: off(8), endOffset: off(10, 1), count: 100 }], isBlockCoverage: true },
  ],
}];

// root -> hot -> helper; hot has ticks on its own line 4 and on line 9 (helper inlined into hot).
const profile: CpuProfile = {
  startTime: 0, endTime: 10_000,
  nodes: [
    { id: 1, callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 }, children: [2] },
    { id: 2, callFrame: { functionName: 'hot', scriptId: '1', url, lineNumber: 0, columnNumber: 0 }, children: [3], positionTicks: [{ line: 4, ticks: 6 }, { line: 9, ticks: 2 }] },
    { id: 3, callFrame: { functionName: 'helper', scriptId: '1', url, lineNumber: 7, columnNumber: 0 }, positionTicks: [{ line: 9, ticks: 2 }] },
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

test('line stats: hits from the innermost range, time per execution, inlined ticks labelled', () => {
  const lp = buildLineProfile({ coverage, sources: { [url]: src }, profile, sampledExecutions: 4, isUserUrl: (u) => u.startsWith('file:') });
  const lines = new Map(lp.files[0].lines.map((l) => [l.line, l]));
  assert.equal(lines.get(4)!.hits, 100);
  assert.equal(lines.get(2)!.hits, 1);
  assert.equal(lines.get(5)?.hits ?? null, null, 'closing brace');
  assert.equal(lines.get(9)!.hits, 100);
  assert.equal(lines.get(4)!.selfMicros, 6000 / 4);
  assert.equal(lines.get(9)!.inlinedMicros, 2000 / 4, "helper's ticks under hot are inlined, on helper's line");
  assert.equal(lines.get(9)!.selfMicros, 2000 / 4);
  assert.deepEqual(lines.get(4)!.callees, [{ name: 'helper', micros: 2000 / 4 }], 'helper( appears on line 4');
  const hot = lp.functions.find((f) => f.name === 'hot')!;
  assert.deepEqual([hot.startLine, hot.endLine, hot.calls], [1, 7, 1]);
  assert.equal(hot.totalMicros, 10_000 / 4);
  assert.equal(lp.functions.find((f) => f.name === 'helper')!.calls, 100);
  const report = functionReport(lp, hot, src.split('\n'), 'hot.js');
  assert.equal(report, [
    'Timer unit: 1e-09 s',
    '',
    'Total time: 0.0025 s',
    'File: hot.js',
    'Function: hot at line 1',
    '',
    'Line #      Hits         Time  Per Hit   % Time  Line Contents',
    '==============================================================',
    '     1         1          0.0                    function hot(n) {',
    '     2         1          0.0                      let t = 0;',
    '     3         1          0.0                      for (let i = 0; i < n; i++) {',
    '     4       100    2000000.0  20000.0     80.0      t += helper(i);',
    '     5                                             }',
    '     6         1          0.0                      return t;',
    '     7                                           }',
  ].join('\n'));
});

test('recursion counts each function once per stack', () => {
  const rec: CpuProfile = {
    startTime: 0, endTime: 3000,
    nodes: [
      { id: 1, callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 }, children: [2] },
      { id: 2, callFrame: { functionName: 'hot', scriptId: '1', url, lineNumber: 0, columnNumber: 0 }, children: [3], positionTicks: [{ line: 4, ticks: 1 }] },
      { id: 3, callFrame: { functionName: 'hot', scriptId: '1', url, lineNumber: 0, columnNumber: 0 }, children: [], positionTicks: [{ line: 4, ticks: 2 }] },
    ],
    samples: [2, 3, 3], timeDeltas: [0, 1000, 1000],
  };
  const lp = buildLineProfile({ coverage, sources: { [url]: src }, profile: rec, sampledExecutions: 1, isUserUrl: () => true });
  const hot = lp.functions.find((f) => f.name === 'hot')!;
  assert.equal(hot.totalMicros, 3000, 'not 3000 + 2000');
  assert.equal(hot.selfMicros, 3000);
});

test('source mapping through a real esbuild inline map lands on the TypeScript lines', () => {
  const ts = 'interface P { x: number }\n\nexport function norm(p: P): number {\n  // comment\n  return Math.sqrt(p.x * p.x);\n}\n';
  const js = transformSync(ts, { loader: 'ts', format: 'esm', sourcemap: 'inline', sourcefile: '/w/norm.ts' }).code;
  const mapper = new ScriptMapper('file:///w/norm.js', js);
  const genLine = js.split('\n').findIndex((l) => l.includes('Math.sqrt')) + 1;
  assert.deepEqual(mapper.original(genLine), { file: '/w/norm.ts', line: 5 });
  assert.equal(mapper.originalText('/w/norm.ts'), ts);
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
