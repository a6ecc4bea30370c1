// The comparison end to end: statements timed in one real child with interleaved runs. The only
// numeric assertions are on ratios of work known by construction (4:1, 1:1), with wide bounds.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { runCompare, type CompareOutcome } from '../../src/engine/compare.ts';
import { ensureBuilt, root, runnerPath, tempProject } from './buildOnce.ts';

before(ensureBuilt);

const ok = (o: CompareOutcome) => {
  if (!o.ok) assert.fail(`${o.kind}: ${o.message}\n${o.detail ?? ''}\n${o.stderr}`);
  return o;
};

// `work(k)` does k passes over the same 4 KB array (in cache, no allocation): time is linear in k.
// Both statements call the same function, so they run the same optimised code.
const workload = tempProject({
  'work.js': [
    'const data = new Float64Array(512).map((_, i) => (i % 7) + 0.5);',
    'export function work(k) {',
    '  let acc = 0;',
    '  for (let pass = 0; pass < k * 400; pass++) for (let i = 0; i < data.length; i++) acc += data[i] * (pass & 3);',
    '  return acc;',
    '}',
    '',
  ].join('\n'),
});
const file = path.join(workload, 'work.js');
const request = { file, runnerPath, timeoutMs: 240_000 };

test('a 4:1 work ratio reads 3.3–4.8× slower, with an interval around it', async (t) => {
  // 11 runs each rather than 7: a steadier point estimate on a shared 2-core machine.
  const o = ok(await runCompare({ ...request, stmts: ['work(1)', 'work(4)'], repeat: 11 }));
  assert.equal(o.statements.length, 2);
  for (const s of o.statements) assert.match(s.line, /per loop \(mean ± std\. dev\. of 11 runs, [\d,]+ loops? each\)$/);
  const [v] = o.verdicts;
  assert.ok(v.ratio, 'an interval');
  const slower = 1 / v.ratio.ratio;
  t.diagnostic(`work(4) vs work(1): ${v.phrase}`);
  assert.ok(slower >= 3.3 && slower <= 4.8, `work(4) read ${slower.toFixed(2)}× slower (${v.phrase})`);
  assert.ok(v.ratio.low <= v.ratio.ratio && v.ratio.ratio <= v.ratio.high);
  assert.equal(v.ratio.significant, true, v.phrase);
  assert.match(v.phrase, /^\d\.\d\d× slower \(95 % CI \d\.\d\d–\d\.\d\d\)$/);
});

test('identical statements are a tie: no significant difference', async (t) => {
  // By design a 95 % interval misses 1 in 5 % of ties, so a miss gets one more try (both: 0.25 %).
  const phrases: string[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    const o = ok(await runCompare({ ...request, stmts: ['work(2)', 'work(2)'] }));
    phrases.push(o.verdicts[0].phrase);
    if (!o.verdicts[0].ratio!.significant) break;
  }
  t.diagnostic(`work(2) vs work(2): ${phrases.join('; then ')}`);
  assert.match(phrases.at(-1)!, /^no significant difference \(\d\.\d\d–\d\.\d\d×\)$/, phrases.join('; '));
});

test("the CLI prints each statement's IPython line, then the verdicts against the first", () => {
  const out = execFileSync(
    process.execPath,
    [path.join(root, 'dist/cli.js'), 'compare', file, 'work(1)', 'work(1)', 'work(3)', '-n', '20', '-r', '5'],
    { encoding: 'utf8' },
  );
  // IPython's "slowest run took … longer" warning may precede a line on a busy machine
  const lines = out
    .trimEnd()
    .split('\n')
    .filter((l) => !/^work\(\d\): The slowest run took/.test(l));
  assert.match(lines[0], /^work\(1\) {2}.* per loop \(mean ± std\. dev\. of 5 runs, 20 loops each\)$/);
  assert.match(lines[2], /^work\(3\) {2}/);
  assert.equal(lines[3], '');
  assert.match(
    lines[4],
    /^`work\(1\)` (vs `work\(1\)`: no significant difference|is \d\.\d\d× (faster|slower) than `work\(1\)`)/,
  );
  // the format only (20 loops × 5 runs decide nothing on a busy machine; the 4:1 test above does)
  const significant = /^`work\(3\)` is \d\.\d\d× (slower|faster) than `work\(1\)` \(95 % CI \d\.\d\d–\d\.\d\d\)$/;
  const tie = /^`work\(3\)` vs `work\(1\)`: no significant difference \(\d\.\d\d–\d\.\d\d×\)$/;
  assert.ok(significant.test(lines[5]) || tie.test(lines[5]), lines[5]);
  const json = JSON.parse(
    execFileSync(
      process.execPath,
      [path.join(root, 'dist/cli.js'), 'compare', file, 'work(1)', 'work(2)', '-n', '10', '-r', '3', '--json'],
      { encoding: 'utf8' },
    ),
  );
  assert.equal(json.statements.length, 2);
  assert.equal(json.verdicts[0].stmt, 'work(2)');
  assert.ok(json.verdicts[0].low > 0 && json.verdicts[0].high >= json.verdicts[0].low);
});

test('bad input: one statement, a failing statement named by its number', async () => {
  const one = await runCompare({ ...request, stmts: ['work(1)'] });
  assert.equal(one.ok, false);
  const broken = await runCompare({ ...request, stmts: ['work(1)', 'work(1) +'], loops: 1, repeat: 2 });
  assert.ok(
    !broken.ok && broken.kind === 'syntax' && /statement 2 \(work\(1\) \+\)/.test(broken.message),
    JSON.stringify(broken),
  );
  const throwing = await runCompare({ ...request, stmts: ['work(1)', 'nothere(1)'], loops: 1, repeat: 2 });
  assert.ok(!throwing.ok && /nothere/.test(throwing.message), JSON.stringify(throwing));
});
