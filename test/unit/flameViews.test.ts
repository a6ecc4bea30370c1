// The flame views' pure models: chains, folded Node internals, left heavy, time order, search, contrast.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCpuProfile } from '../../src/core/flame/cpuprofile.ts';
import { buildTimeline, isTimeline, timeOrderLayout } from '../../src/core/flame/flameTimeline.ts';
import { blockLabel, buildViewTree, leftHeavy, matchingBlocks, packageOf } from '../../src/core/flame/flameTree.ts';
import { searchFunctions } from '../../src/core/flame/flameLayout.ts';
import { parseFlameToWebview } from '../../src/core/protocol/flameMessages.ts';
import { contrast, parseColor, readableBlock } from '../../src/core/flame/colorContrast.ts';
import { toFlatProfile } from '../../src/core/flame/profileModel.ts';

const frame = (functionName: string, url = 'file:///w/app.js', line = 1) => ({
  functionName,
  scriptId: '1',
  url,
  lineNumber: line,
  columnNumber: 0,
});
const loader = 'node:internal/modules/cjs/loader';
// (root) → runMain(internal) → Module._load(internal) → (anonymous) app.js → main → a → b → { hot, cold, require }
// and require(internal) → Module._load(internal) → lib
const nodes = [
  { id: 1, callFrame: frame('(root)', ''), children: [2, 20] },
  { id: 2, callFrame: frame('runMain', 'node:internal/main/run_main_module'), children: [3] },
  { id: 3, callFrame: frame('Module._load', loader), children: [4] },
  { id: 4, callFrame: frame(''), children: [5] },
  { id: 5, callFrame: frame('main', undefined, 2), children: [6] },
  { id: 6, callFrame: frame('a', undefined, 3), children: [7] },
  { id: 7, callFrame: frame('b', undefined, 4), children: [8, 9, 10] },
  { id: 8, callFrame: frame('hot', undefined, 5), children: [] },
  { id: 9, callFrame: frame('cold', undefined, 6), children: [] },
  { id: 10, callFrame: frame('require', 'node:internal/modules/helpers'), children: [11] },
  { id: 11, callFrame: frame('Module._load', loader), children: [12] },
  { id: 12, callFrame: frame('lib', 'file:///w/lib.js'), children: [] },
  { id: 20, callFrame: frame('(garbage collector)', ''), children: [] },
];
// 1 ms per sample; time order: lib, hot ×3, cold, hot ×2, gc
const samples = [12, 8, 8, 8, 9, 8, 8, 20];
const profile = toFlatProfile(
  parseCpuProfile(
    JSON.stringify({
      nodes,
      startTime: 0,
      endTime: 8000,
      samples,
      timeDeltas: samples.map((_, i) => (i ? 1000 : 0)),
    }),
  ),
);
const names = (t: { func: number[] }, vs: number[]) => vs.map((v) => profile.functions[t.func[v]].name);

test('folding: Node internals become one expandable block; the user code sits right under it', () => {
  const t = buildViewTree(profile, { collapseChains: false, foldInternals: true });
  assert.equal(t.kind[1], 'internals');
  assert.equal(t.members[1], 2, 'runMain and the first Module._load');
  assert.equal(blockLabel(t, 1, profile.func), 'node internals (2 frames)');
  assert.equal(names(t, [t.parent.indexOf(1)])[0], '(anonymous)', 'the first child of the block is the app module');
  assert.equal(t.total[1], profile.total[1], 'the block keeps all the time under it');
  const lib = t.viewOf[profile.func.indexOf(profile.functions.findIndex((f) => f.name === 'lib'))];
  const libInternals = t.parent[lib];
  assert.equal(t.kind[libInternals], 'internals', 'require → Module._load under app code is a second block');
  assert.equal(t.members[libInternals], 2);
  const expanded = buildViewTree(profile, { collapseChains: false, foldInternals: true, expanded: new Set([1]) });
  assert.deepEqual(names(expanded, [1, 2]), ['runMain', 'Module._load'], 'expanding the block shows its frames again');
  const plain = buildViewTree(profile, { collapseChains: false, foldInternals: false });
  assert.equal(plain.parent.length, profile.parent.length, 'no options: the same tree');
  assert.deepEqual(plain.total, profile.total);
});

test('chains: a frame whose parent has no other callee and no self time joins the parent block', () => {
  const t = buildViewTree(profile, { collapseChains: true, foldInternals: true });
  const chain = t.viewOf[profile.func.findIndex((f) => profile.functions[f].name === 'b')];
  assert.equal(t.kind[chain], 'chain');
  assert.equal(blockLabel(t, chain, profile.func), '(anonymous) › … › b (4)', 'app module → main → a → b');
  assert.equal(profile.functions[t.func[chain]].name, 'b', 'the block opens the last frame');
  assert.deepEqual(
    names(
      t,
      t.parent.map((p, v) => (p === chain ? v : -1)).filter((v) => v >= 0),
    ),
    ['hot', 'cold', 'require'],
  );
  assert.equal(t.total[chain], 7000);
});

test('left heavy: same-function callees merge, heaviest first', () => {
  // Two (anonymous) → main paths would merge; here the two Module._load blocks sit at different depths.
  const t = leftHeavy(buildViewTree(profile, { collapseChains: false, foldInternals: false }));
  const kids = (v: number) => t.parent.map((p, c) => (p === v ? c : -1)).filter((c) => c >= 0);
  assert.deepEqual(names(t, kids(0)), ['runMain', '(garbage collector)'], 'heaviest first');
  const b = t.func.findIndex((f) => profile.functions[f].name === 'b');
  assert.deepEqual(names(t, kids(b)), ['hot', 'cold', 'require']);
  const dup = toFlatProfile(
    parseCpuProfile(
      JSON.stringify({
        nodes: [
          { id: 1, callFrame: frame('(root)', ''), children: [2, 3] },
          { id: 2, callFrame: frame('f'), children: [4] },
          { id: 3, callFrame: frame('f'), children: [5] },
          { id: 4, callFrame: frame('g', undefined, 9), children: [] },
          { id: 5, callFrame: frame('g', undefined, 9), children: [] },
        ],
        startTime: 0,
        endTime: 3000,
        samples: [4, 5, 5],
        timeDeltas: [0, 1000, 1000],
      }),
    ),
  );
  const merged = leftHeavy(buildViewTree(dup, { collapseChains: false, foldInternals: false }));
  assert.equal(merged.parent.length, 3, 'root, f, g: the two f → g stacks are one');
  assert.deepEqual(merged.total, [3000, 3000, 3000]);
  assert.deepEqual([...merged.viewOf], [0, 1, 2, 1, 2], 'original pre-order: root, f, g, f, g');
});

test('timeline: consecutive samples on a node are one run; coarsened past the limit, and validated', () => {
  const tl = profile.timeline!;
  assert.deepEqual(names(profile, tl.node), ['lib', 'hot', 'cold', 'hot', '(garbage collector)']);
  assert.deepEqual(tl.start, [0, 1000, 4000, 5000, 7000]);
  assert.deepEqual(tl.duration, [1000, 3000, 1000, 2000, 1000]);
  assert.equal(tl.bucket, undefined);
  const many = Array.from({ length: 1000 }, (_, i) => (i % 2 ? 8 : 9));
  const coarse = buildTimeline(
    many,
    many.map(() => 10),
    10,
    (id) => id,
    100,
  );
  assert.ok(coarse.node.length <= 100 && coarse.bucket! > 0, `${coarse.node.length} runs, bucket ${coarse.bucket}`);
  const covered = coarse.duration.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(covered - 10_000) <= coarse.bucket!, 'the buckets still cover the whole span');
  assert.ok(isTimeline(tl, profile.parent.length));
  assert.equal(isTimeline({ ...tl, node: [99] }, profile.parent.length), false);
  const message = { type: 'profile', title: 't', canSave: false, profile };
  assert.ok(parseFlameToWebview(message), 'a profile with a timeline is accepted');
  const { timeline: _omit, ...withoutTimeline } = profile;
  assert.ok(parseFlameToWebview({ ...message, profile: withoutTimeline }), 'and one without');
  assert.equal(
    parseFlameToWebview({ ...message, profile: { ...profile, timeline: { ...tl, start: [-1, 0, 0, 0, 0] } } }),
    undefined,
  );
});

test('time order: a frame on the stack across runs is one block; x is time', () => {
  const t = buildViewTree(profile, { collapseChains: true, foldInternals: true });
  const l = timeOrderLayout(t, profile.timeline!);
  const blocks = l.node.map((v, i) => `${blockLabel(t, v, profile.func)}@${l.depth[i]}:${l.x0[i] * 8}-${l.x1[i] * 8}`);
  assert.ok(blocks.includes('(root)@0:0-8'));
  assert.ok(blocks.includes('node internals (2 frames)@1:0-7'), 'one block while the loader stays on the stack');
  assert.ok(blocks.includes('(anonymous) › … › b (4)@2:0-7'), blocks.join(' '));
  assert.deepEqual(
    blocks.filter((b) => b.startsWith('hot')),
    ['hot@3:1-4', 'hot@3:5-7'],
    'hot twice: cold ran in between',
  );
  assert.ok(blocks.includes('lib@4:0-1'));
  assert.ok(blocks.includes('(garbage collector)@1:7-8'));
  assert.equal(l.maxDepth, 4);
});

test('search: every block holding a match, inner chain frames included, heaviest first', () => {
  const t = buildViewTree(profile, { collapseChains: true, foldInternals: true });
  const main = matchingBlocks(t, profile.func, searchFunctions(profile, 'main'));
  assert.deepEqual(
    main.map((v) => blockLabel(t, v, profile.func)),
    ['node internals (2 frames)', '(anonymous) › … › b (4)'],
    'runMain is in the folded block, main inside the chain',
  );
  assert.deepEqual(matchingBlocks(t, profile.func, searchFunctions(profile, 'HOT')).length, 1);
  assert.deepEqual(matchingBlocks(t, profile.func, new Set()), []);
});

test('contrast: labels are black or white by luminance, fills adjusted to 7:1 when asked', () => {
  for (const hex of [
    '#d18616',
    '#cca700',
    '#f14c4c',
    '#3794ff',
    '#89d185',
    '#b180d7',
    '#7f7f7f',
    '#924d00',
    '#b06a00',
  ]) {
    const fill = parseColor(hex)!;
    const normal = readableBlock(fill, 4.5);
    assert.ok(contrast(normal.fill, normal.text) >= 4.5, hex);
    assert.deepEqual(normal.fill, fill, 'black or white always reaches 4.5:1 without touching the fill');
    const high = readableBlock(fill, 7);
    assert.ok(contrast(high.fill, high.text) >= 7, `${hex}: ${contrast(high.fill, high.text)}`);
  }
  assert.deepEqual(parseColor('rgba(10, 20, 30, 0.5)'), [10, 20, 30]);
  assert.deepEqual(parseColor('#abc'), [0xaa, 0xbb, 0xcc]);
});

test('packages: npm package (scoped too), node, or the folder', () => {
  assert.equal(packageOf('/w/node_modules/typescript/lib/tsc.js'), 'typescript');
  assert.equal(packageOf('/w/node_modules/a/node_modules/@scope/pkg/x.js'), '@scope/pkg');
  assert.equal(packageOf('node:internal/modules/cjs/loader'), 'node');
  assert.equal(packageOf('/w/src/app.ts'), '/w/src');
});
