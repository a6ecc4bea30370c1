import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { functionReport } from '../../src/core/lines/lineProfilerReport.ts';
import {
  codeAt,
  explain,
  functionNameColumn,
  verdictLine,
  verdictMessage,
  type Verdict,
} from '../../src/core/verdicts/verdicts.ts';
import { isOsrMarker, parseMapDetails, tierOfMarker } from '../../src/core/v8log/logEvents.ts';
import { readV8Log } from '../../src/core/v8log/stacks.ts';

// V8 logs recorded from each supported Node (test/fixtures/v8logs/verdicts/generate.mjs), trimmed to
// the fixture, whose functions each show one phenomenon by construction.
const dir = path.join(import.meta.dirname, '../fixtures/v8logs/verdicts');
const fixture = '/fixture/phenomena.js';
const source = fs.readFileSync(path.join(dir, 'phenomena.js'), 'utf8');
const lines = source.split('\n');
const recorded = fs
  .readdirSync(dir)
  .map((f) => /^phenomena\.node(\d+)\.log$/.exec(f)?.[1])
  .filter((m): m is string => !!m)
  .map(Number)
  .sort((a, b) => a - b);

/** 1-based line and column of `code` inside `lineText` on the fixture's line that has it. */
function where(lineText: string, code: string, at = 0): [number, number] {
  const index = lines.findIndex((l) => l.includes(lineText));
  assert.ok(index >= 0 && lineText.includes(code), lineText);
  return [index + 1, lines[index].indexOf(lineText) + lineText.indexOf(code) + 1 + at];
}

const logText = (major: number) => fs.readFileSync(path.join(dir, `phenomena.node${major}.log`), 'latin1');
function verdictsOf(major: number): Verdict[] {
  return explain({
    log: readV8Log(logText(major)),
    coverage: [],
    coverageSources: {},
    isUserFile: (f) => f === fixture,
    isHarnessFile: () => false,
    readText: (f) => (f === fixture ? source : undefined),
  }).verdicts;
}
const show = (vs: Verdict[]) => JSON.stringify(vs.map((v) => [v.kind, v.line, v.column, v.reason]));

test('every supported Node has a recorded log', () => {
  assert.deepEqual(recorded, [20, 22, 24, 26]);
});

test("tier markers: each Node's code-creation markers map to a tier (recorded: 20/22 ~ ^ *, 24 adds +' *', 26 o+ o*)", () => {
  const expected: Record<string, string> = {
    '~': 'interpreter',
    '^': 'Sparkplug',
    '+': 'Maglev',
    "+'": 'Maglev',
    'o+': 'Maglev',
    '*': 'TurboFan',
    "*'": 'TurboFan',
    'o*': 'TurboFan',
  };
  for (const [marker, tier] of Object.entries(expected)) assert.equal(tierOfMarker(marker), tier, marker);
  assert.equal(tierOfMarker(''), undefined);
  assert.equal(tierOfMarker('x'), undefined);
  assert.ok(isOsrMarker('o*') && !isOsrMarker("*'"));
  test("a function's place is its name, not the space or keyword a source map points at", () => {
    assert.equal(functionNameColumn('export function moments(points: Point[]): number {', 'moments', 7), 17);
    assert.equal(functionNameColumn('  async *walk(node) {', 'walk', 1), 10);
    assert.equal(functionNameColumn('const f = (x) => x;', '', 1), 1);
    assert.equal(functionNameColumn('   (x) => x', '', 2), 4);
  });

  for (const major of recorded) {
    const markers = new Set(
      logText(major)
        .split('\n')
        .filter((l) => l.startsWith('code-creation,'))
        .map((l) => l.split(',').at(-1)!),
    );
    for (const m of markers) assert.ok(tierOfMarker(m), `Node ${major}: marker ${m} has a tier`);
    const optimised = [...markers].filter((m) => tierOfMarker(m) === 'TurboFan');
    assert.ok(optimised.length > 0, `Node ${major}: TurboFan code is seen (${[...markers].join(' ')})`);
  }
});

test("V8's map printout: type, elements kind, dictionary mode", () => {
  const d = parseMapDetails(
    '0x1: [Map] in OldSpace\n - type: JS_OBJECT_TYPE\n - elements kind: HOLEY_ELEMENTS\n - dictionary_map\n - back pointer: 0x2',
  );
  assert.deepEqual(d, { type: 'JS_OBJECT_TYPE', elementsKind: 'HOLEY_ELEMENTS', dictionary: true });
  assert.equal(parseMapDetails(' - type: JS_ARRAY_TYPE\n - elements kind: PACKED_SMI_ELEMENTS').dictionary, false);
});

test('the code at a position: the object path of a property, the left operand of an operator or assignment', () => {
  const at = (text: string, code: string) => codeAt(text, text.indexOf(code) + 1);
  assert.equal(at('  for (let i = 0; i < values.length; i++)', 'length'), 'values.length');
  assert.equal(at('  s += objects[i].a;', 'a;'), 'objects[i].a');
  assert.equal(at('  return a + b;', '+'), 'a + b');
  assert.equal(at('  a[i] = v;', '='), 'a[i] = v');
  assert.equal(at('  s += a[i] | 0;', '['), 'a[i]');
});

for (const major of recorded) {
  test(`Node ${major}: a type change under optimised code is a deopt with V8's reason`, () => {
    const vs = verdictsOf(major);
    const deopt = vs.find((v) => v.kind === 'deopt' && v.fn === 'total');
    assert.ok(deopt, show(vs));
    assert.deepEqual([deopt.file, deopt.reason, deopt.deoptKind], [fixture, 'wrong map', 'eager']);
    assert.deepEqual(
      [deopt.line, deopt.column, deopt.code],
      [...where('i < values.length', 'length'), 'values.length'],
    );
    assert.match(
      verdictMessage(deopt),
      /^`total` was optimised for values of certain shapes .* at `values.length` \(wrong map, eager\)/,
    );
    assert.equal(verdictLine(deopt, 'p.js'), `p.js:${deopt.line}:${deopt.column}  total  deopt (eager)  wrong map  ×1`);
  });

  test(`Node ${major}: six shapes megamorphic (a floor), two polymorphic, at the property`, () => {
    const vs = verdictsOf(major);
    const mega = vs.find((v) => v.kind === 'megamorphic' && v.fn === 'getX');
    assert.ok(mega, show(vs));
    assert.deepEqual([mega.line, mega.column, mega.code, mega.atLeast], [...where('return o.x', 'x'), 'o.x', true]);
    assert.ok(mega.maps! >= 5 && mega.maps! <= 6, `${mega.maps}`);
    assert.match(verdictMessage(mega), /^Megamorphic at `o.x`: reads of `x` met at least \d different object shapes/);
    const poly = vs.find((v) => v.kind === 'polymorphic' && v.fn === 'pair');
    assert.ok(poly, show(vs));
    assert.deepEqual([poly.line, poly.column, poly.maps, poly.atLeast], [...where('return o.y', 'y'), 2, false]);
  });

  test(`Node ${major}: a small-integer array given a double: the elements kind at the write, not shapes`, () => {
    const vs = verdictsOf(major);
    const write = vs.find((v) => v.kind === 'elements kind' && v.fn === 'fill');
    assert.ok(write, show(vs));
    assert.deepEqual(
      [write.line, write.column, write.code, write.elementsKinds],
      [...where('a[i] = v', '= v'), 'a[i] = v', ['PACKED_SMI_ELEMENTS', 'PACKED_DOUBLE_ELEMENTS']],
    );
    assert.match(write.reason, /^a write here changed arrays from PACKED_SMI_ELEMENTS to PACKED_DOUBLE_ELEMENTS$/);
    assert.ok(!vs.some((v) => v.fn === 'fill' && /object shapes/.test(v.reason)), show(vs));
    // `total` met both kinds of arrays (ints, then floats) without changing any: said so.
    const met = vs.find((v) => v.kind === 'elements kind' && v.fn === 'total');
    assert.match(met?.reason ?? '', /^arrays of PACKED_SMI_ELEMENTS and of PACKED_DOUBLE_ELEMENTS met here$/);
  });

  test(`Node ${major}: a read past the end of an array`, () => {
    const vs = verdictsOf(major);
    const oob = vs.find((v) => v.kind === 'out of bounds');
    assert.ok(oob, show(vs));
    assert.deepEqual(
      [oob.fn, oob.line, oob.column, oob.code, oob.reason],
      ['sumPast', ...where('s += a[i] | 0', '['), 'a[i]', 'read past the end of an array (index 1000)'],
    );
  });

  test(`Node ${major}: dictionary mode at the delete and at the reads of those objects only`, () => {
    const vs = verdictsOf(major);
    const dict = vs.filter((v) => v.kind === 'dictionary mode');
    assert.deepEqual(
      dict.map((v) => [v.fn, v.line, v.column, v.code]),
      [
        ['strip', ...where('delete o.b', 'delete'), 'delete o.b'],
        ['readA', ...where('objects[i].a', '.a', 1), 'objects[i].a'],
      ],
      show(vs),
    );
    assert.equal(dict[0].count, 100, 'one per object deleted from');
    assert.deepEqual(
      dict[1].madeAt?.map((m) => m.line),
      [where('delete o.b', 'delete')[0]],
    );
  });

  test(`Node ${major}: OSR is not a verdict, strings are not object shapes`, () => {
    const vs = verdictsOf(major);
    assert.ok(!vs.some((v) => /stack replacement|OSR/i.test(v.reason)), show(vs));
    assert.ok(!vs.some((v) => v.fn === 'lower' || v.fn === 'spin'), show(vs));
  });
}

test('the report gets a V8 column and the findings under the table', () => {
  const verdicts = verdictsOf(recorded[0]);
  const [start, end] = [where('function total', 'total')[0], where('function total', 'total')[0] + 4];
  const fn = {
    name: 'total',
    file: fixture,
    startLine: start,
    endLine: end,
    calls: 301,
    selfMicros: 0,
    totalMicros: 0,
    samples: 0,
    recursive: false,
    unplacedMicros: 0,
    lines: [],
  };
  const report = functionReport(fn, lines, 'phenomena.js', verdicts);
  assert.match(report, /Line #\s+Hits\s+Time\s+Per Hit\s+% Time\s+V8\s+Line Contents/);
  assert.match(report, /^\s+10\s+DE\s+for \(let i = 0/m);
  assert.match(
    report,
    /V8's verdicts \(D deopt, M megamorphic, P polymorphic, E elements kind, O out of bounds, H dictionary mode \(hash table\), U not optimised\):\n {2}10:\d+ {2}D {2}`total` was optimised/,
  );
});
