// V8's verdicts on real child runs, on code whose deopts and megamorphic sites are known by
// construction; positions are asserted in the original TypeScript.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { annotateHtml } from '../../src/core/annotateHtml.ts';
import { runExplain, runProfile } from '../../src/engine/profile.ts';
import { ensureBuilt, examples, runnerPath, tempProject } from './buildOnce.ts';

before(ensureBuilt);

const SOURCE = `// types on purpose: the positions below are TypeScript positions
interface Box { x: number }

export function total(values: number[]): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s;
}

export function churn(ints: number[], floats: number[]): number {
  let s = 0;
  for (let k = 0; k < 200; k++) s += total(ints);
  return s + total(floats);
}

export function getX(o: Box): number {
  return o.x;
}

export function readAll(shapes: Box[], n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += getX(shapes[i % shapes.length]);
  return s;
}
`;
const SETUP =
  'const ints = Array.from({ length: 1000 }, (_, i) => i); const floats = ints.map((i) => i + 0.5); ' +
  'const shapes = [{ x: 1 }, { x: 1, a: 1 }, { x: 1, b: 1 }, { x: 1, c: 1 }, { x: 1, d: 1 }, { x: 1, e: 1 }]';

test('a type change under optimised code and a read over six shapes: reported at their TypeScript positions', async () => {
  const dir = tempProject({ 'known.ts': SOURCE });
  const file = path.join(dir, 'known.ts');
  const o = await runExplain({
    file,
    stmt: 'churn(ints, floats) + readAll(shapes, 20000)',
    setup: SETUP,
    runnerPath,
    minDurationMs: 400,
  });
  if (!o.ok) assert.fail(`${o.kind}: ${o.message}`);
  const { verdicts } = o.explanation;
  const deopt = verdicts.find((v) => v.kind === 'deopt' && v.fn === 'total');
  assert.ok(deopt, JSON.stringify(verdicts, null, 1));
  assert.equal(deopt.file, file);
  assert.equal(deopt.line, 6, 'the loop line of total, in the .ts file');
  assert.ok(deopt.count >= 1);
  const mega = verdicts.find((v) => v.kind === 'megamorphic');
  assert.ok(mega, JSON.stringify(verdicts, null, 1));
  assert.deepEqual([mega.fn, mega.line, mega.column, mega.code, mega.maps], ['getX', 17, 12, 'o.x', 6]);
  assert.ok(!/\[bailout/.test(o.stdout), "V8's bailout lines are not the user's output");
});

test('profile with explain: the verdicts come with the line profile; the annotated HTML is self-contained', async () => {
  const file = path.join(examples, 'src/shapes.ts');
  const o = await runProfile({
    file,
    stmt: 'moments(mixed)',
    setup: 'const mixed = mixedPoints(10000)',
    runnerPath,
    minDurationMs: 500,
    explain: true,
  });
  if (!o.ok) assert.fail(`${o.kind}: ${o.message}`);
  const moments = o.lineProfile.functions.find((f) => f.name === 'moments')!;
  const mega = o.explanation!.verdicts.filter((v) => v.kind === 'megamorphic' && v.fn === 'moments');
  assert.deepEqual(mega.map((v) => v.code).sort(), ['p.x', 'p.y'], `p.x and p.y are marked: ${JSON.stringify(mega)}`);
  assert.ok(
    mega.every((v) => (v.maps ?? 0) >= 5),
    'each saw more than four shapes',
  );
  const hot = moments.lines.reduce((a, b) => (b.micros > a.micros ? b : a));
  assert.equal(hot.line, mega[0].line, 'the megamorphic reads are on the hottest line');
  const html = annotateHtml({
    title: 'moments',
    profile: o.lineProfile,
    verdicts: o.explanation!.verdicts,
    producedBy: 'test',
    functions: [{ fn: moments, source: fs.readFileSync(file, 'utf8').split('\n'), displayFile: 'src/shapes.ts' }],
  });
  assert.ok(!/(src|href)=["']?(https?:)?\/\//.test(html) && !/<script/.test(html), 'no remote resources, no script');
  assert.match(html, /prefers-color-scheme: dark/);
  assert.match(html, /<b class="M">M<\/b>/);
  assert.match(html, /Megamorphic at <code>p\.x/);
});
