// `hotline capture`: the arguments a program really passed, from a child process the program
// starts, through a tsc-built file's source map, with what cannot be kept said by name; the
// statement and setup it prints time the function on exactly those values. On every supported Node.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { deserialize } from 'node:v8';
import fs from 'node:fs';
import path from 'node:path';
import { ensureBuilt, root, tempProject } from './buildOnce.ts';
import { supportedNodes } from '../supportedNodes.ts';

const cli = path.join(root, 'dist/cli.js');
before(ensureBuilt);

interface Captured {
  function: { name: string; line: number };
  calls: { pid: number; index: number; file?: string; problems: string[] }[];
  proposal?: { statement: string; setup: string };
  exitCode: number;
}

function project() {
  return tempProject({
    'package.json': JSON.stringify({ name: 'cap', type: 'commonjs' }),
    'lib.js': `class Point { constructor(x, y) { this.x = x; this.y = y; } }
function total(items, rate) {
  let s = 0;
  for (const it of items) s += it.price * it.qty;
  return s * (1 + rate);
}
const scale = (p, ...factors) => factors.reduce((q, f) => ({ x: q.x * f, y: q.y * f }), p);
function each(list, fn) { return list.map(fn); }
module.exports = { Point, total, scale, each };
`,
    // The calls happen in a child process the program starts, not in the command's own process.
    'app.js': `require('node:child_process').spawnSync(process.execPath, [__dirname + '/child.js'], { stdio: 'inherit' });\n`,
    'child.js': `const { Point, total, scale, each } = require('./lib.js');
for (let i = 1; i <= 5; i++) total([{ price: i, qty: 2 }, { price: 10, qty: 1 }], 0.25);
scale(new Point(1, 2), 2, 3);
each([1, 2], (v) => v * 2);
`,
  });
}

function capture(dir: string, nodePath: string, file: string, name: string, calls = 3) {
  const r = spawnSync(
    nodePath,
    [cli, 'capture', '--json', '--calls', String(calls), file, name, '--', 'node', 'app.js'],
    { cwd: dir, encoding: 'utf8', timeout: 60_000 },
  );
  assert.ok(r.stdout.trim().startsWith('{'), `no JSON (exit ${r.status}): ${r.stderr}`);
  return { status: r.status, captured: JSON.parse(r.stdout) as Captured, stderr: r.stderr };
}

for (const node of supportedNodes) {
  test(`${node.label}: the first calls' arguments, exactly, and a statement that times them`, () => {
    const dir = project();
    const { status, captured, stderr } = capture(dir, node.path, 'lib.js', 'total', 2);
    assert.equal(status, 0, stderr);
    assert.equal(captured.calls.length, 2, 'two calls, as asked');
    const first = captured.calls[0];
    assert.deepEqual(deserialize(fs.readFileSync(first.file!)), {
      args: [
        [
          { price: 1, qty: 2 },
          { price: 10, qty: 1 },
        ],
        0.25,
      ],
    });
    assert.equal(captured.proposal?.statement, 'total(items, rate)');
    const timed = spawnSync(
      node.path,
      [
        cli,
        'timeit',
        '--node',
        node.path,
        'lib.js',
        captured.proposal!.statement,
        '-s',
        captured.proposal!.setup,
        '-n',
        '1000',
        '-r',
        '3',
      ],
      { cwd: dir, encoding: 'utf8', timeout: 60_000 },
    );
    assert.equal(timed.status, 0, timed.stderr);
    assert.match(timed.stdout, /per loop \(mean ± std\. dev\. of 3 runs, 1,000 loops each\)/);
  });
}

test('a rest parameter of an arrow: taken by name; a class instance arrives as a plain object, and says so', () => {
  const dir = project();
  const { status, captured } = capture(dir, process.execPath, 'lib.js', 'scale');
  assert.equal(status, 0);
  assert.equal(captured.proposal?.statement, 'scale(p, ...factors)');
  assert.deepEqual(deserialize(fs.readFileSync(captured.calls[0].file!)), { args: [{ x: 1, y: 2 }, 2, 3] });
  assert.deepEqual(captured.calls[0].problems, [
    'argument 1 is a Point: it arrives as a plain object, without its methods',
  ]);
});

test('a function argument cannot be cloned: no statement, and the reason by name', () => {
  const dir = project();
  const { status, captured } = capture(dir, process.execPath, 'lib.js', 'each');
  assert.equal(status, 1);
  assert.equal(captured.proposal, undefined);
  assert.deepEqual(captured.calls[0].problems, ['argument 2 is a function, which cannot be cloned']);
  const text = spawnSync(process.execPath, [cli, 'capture', 'lib.js', 'each', '--', 'node', 'app.js'], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.match(text.stderr, /argument 2 is a function[\s\S]*no call of each could be kept whole/);
});

test('a function of a tsc-built file is captured in its .ts through the map beside the .js', () => {
  const dir = tempProject({
    'package.json': JSON.stringify({ name: 'tsc', type: 'commonjs' }),
    'src/lib.ts': 'export function area(w: number, h: number): number {\n  return w * h;\n}\n',
    'dist/lib.js':
      '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.area = area;\nfunction area(w, h) {\n    return w * h;\n}\n//# sourceMappingURL=lib.js.map',
    'dist/lib.js.map':
      '{"version":3,"file":"lib.js","sourceRoot":"","sources":["../src/lib.ts"],"names":[],"mappings":";;AAAA,oBAEC;AAFD,SAAgB,IAAI,CAAC,CAAS,EAAE,CAAS;IACvC,OAAO,CAAC,GAAG,CAAC,CAAC;AACf,CAAC"}',
    'app.js': "require('./dist/lib.js').area(6, 7);\n",
  });
  const { status, captured } = capture(dir, process.execPath, 'src/lib.ts', 'area');
  assert.equal(status, 0);
  assert.deepEqual(deserialize(fs.readFileSync(captured.calls[0].file!)), { args: [6, 7] });
});
