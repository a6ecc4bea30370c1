import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { functionReport } from '../../src/core/lineProfilerReport.ts';
import { explain, verdictLine, verdictMessage } from '../../src/core/verdicts.ts';
import { readV8Log } from '../../src/core/v8log/stacks.ts';

// A V8 log recorded from real Node (test/fixtures/v8logs/generate.mjs), trimmed to the fixture.
const dir = path.join(import.meta.dirname, '../fixtures/v8logs');
const fixture = '/fixture/shapes.js';
const source = fs.readFileSync(path.join(dir, 'shapes.js'), 'utf8');
const { verdicts } = explain({
  log: readV8Log(fs.readFileSync(path.join(dir, 'shapes.log'), 'latin1')),
  coverage: [],
  coverageSources: {},
  isUserFile: (f) => f === fixture,
  isHarnessFile: () => false,
  readText: (f) => (f === fixture ? source : undefined),
});
const at = (line: number) => verdicts.filter((v) => v.line === line);

test("a type change under optimised code: a deopt at the loop, with V8's reason and kind", () => {
  const [deopt] = at(5).filter((v) => v.kind === 'deopt');
  assert.ok(deopt, JSON.stringify(verdicts, null, 1));
  assert.deepEqual(
    [deopt.fn, deopt.file, deopt.reason, deopt.deoptKind, deopt.count],
    ['total', fixture, 'wrong map', 'eager', 1],
  );
  assert.match(
    verdictMessage(deopt),
    /`total` was optimised for objects of certain shapes and met an object of another shape, and was deoptimised 1× at `values.length` \(wrong map, eager\): create these objects/,
  );
  assert.equal(verdictLine(deopt, 'shapes.js'), `shapes.js:5:${deopt.column}  total  deopt (eager)  wrong map  ×1`);
});

test('a property read over six shapes is megamorphic, over two polymorphic, at the property', () => {
  const [mega] = at(10);
  assert.deepEqual([mega.kind, mega.fn, mega.column, mega.maps, mega.code], ['megamorphic', 'getX', 12, 6, 'o.x']);
  assert.match(
    verdictMessage(mega),
    /^Megamorphic at `o.x`: reads of `x` met 6 different object shapes; V8 stopped caching/,
  );
  const [poly] = at(14);
  assert.deepEqual([poly.kind, poly.fn, poly.maps], ['polymorphic', 'pair', 2]);
});

test('the report gets a V8 column and the findings under the table', () => {
  const fn = {
    name: 'total',
    file: fixture,
    startLine: 3,
    endLine: 7,
    calls: 301,
    selfMicros: 0,
    totalMicros: 0,
    samples: 0,
    recursive: false,
    unplacedMicros: 0,
    lines: [],
  };
  const report = functionReport(fn, source.split('\n'), 'shapes.js', verdicts);
  assert.match(report, /Line #\s+Hits\s+Time\s+Per Hit\s+% Time\s+V8\s+Line Contents/);
  assert.match(report, /^\s+5\s+D\s+for \(let i = 0/m);
  assert.match(
    report,
    /V8's verdicts \(D deopt, M megamorphic, P polymorphic, U not optimised\):\n {2}5:\d+ {2}D {2}`total` was optimised/,
  );
});
