// `hotline propose` (the editor's first proposal): a statement and a setup that run, taken from the
// project's tests, the JSDoc @example, the parameters' defaults or their types, in that order.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { propose } from '../../src/engine/propose/index.ts';
import { ensureBuilt, runnerPath, tempProject } from './buildOnce.ts';
import { supportedNodes } from '../supportedNodes.ts';

before(ensureBuilt);

const library = {
  'src/query.ts': [
    'export interface Range { start: number; end: number }',
    'export enum Mode { Strict, Loose }',
    'export class Window { constructor(public size: number) {} total(xs: number[]): number { return xs.slice(0, this.size).reduce((a, b) => a + b, 0); } }',
    '/**',
    ' * Parses a query string.',
    ' * @example',
    ' * parseQuery("?from=example")',
    ' */',
    'export function parseQuery(parametersString = ""): Record<string, string> {',
    '  const out: Record<string, string> = {};',
    "  for (const pair of parametersString.replace(/^\\?/, '').split('&')) {",
    "    const [k, v = ''] = pair.split('=');",
    '    if (k) out[k] = v;',
    '  }',
    '  return out;',
    '}',
    '/** @example join(["a", "b"], "-") */',
    'export const join = (parts: string[], sep: string): string => parts.join(sep);',
    'export function clamp(x: number, range: Range, mode: Mode): number {',
    '  if (mode === Mode.Strict && x < range.start) throw new Error("below");',
    '  return Math.min(Math.max(x, range.start), range.end);',
    '}',
    'export function sizeOf(map: Map<string, number>): number { return map.size; }',
    '',
  ].join('\n'),
  'test/query.test.ts': [
    "import { parseQuery, Window } from '../src/query';",
    "import { fixture } from './fixtures';",
    "test('parses', () => {",
    "  const input: string = '?a=1&b=' + 'x'.repeat(3);",
    '  expect(parseQuery(input)).toEqual({ a: "1", b: "xxx" });',
    '  expect(parseQuery(fixture.long)).toBeTruthy();',
    '});',
    "test('window', () => {",
    '  const w = new Window(2);',
    '  expect(w.total([1, 2, 3])).toBe(3);',
    '});',
    '',
  ].join('\n'),
};

for (const node of supportedNodes)
  test(`proposals run as proposed, each from where it should come (${node.label})`, async () => {
    const dir = tempProject(library);
    const file = path.join(dir, 'src/query.ts');
    const run = async (name: string) => {
      const o = await propose({ file, name, runnerPath, nodePath: node.path });
      assert.ok(o.ok, o.ok ? '' : o.message);
      assert.ok(o.proposal.verified, `${name}: ${o.proposal.note}`);
      return o.proposal;
    };
    // a test's call, with the declaration its argument needs (types stripped); not the one that reads a fixture
    assert.deepEqual(
      { ...(await run('parseQuery')), note: undefined },
      {
        statement: 'parseQuery(input)',
        setup: "const input = '?a=1&b=' + 'x'.repeat(3);",
        source: 'test',
        from: 'test/query.test.ts',
        verified: true,
        note: undefined,
      },
    );
    // a method: the receiver built as the test builds it
    const total = await run('Window.total');
    assert.equal(total.source, 'test');
    assert.equal(total.statement, 'w.total([1, 2, 3])');
    assert.equal(total.setup, 'const w = new Window(2);');
    // no test calls it: its JSDoc @example
    assert.equal((await run('join')).statement, 'join(["a", "b"], "-")');
    // neither: values from the types (an interface, an enum of the module), sized by N
    const clamp = await run('clamp');
    assert.equal(clamp.source, 'types');
    assert.equal(clamp.statement, 'clamp(x, range, mode)');
    assert.match(
      clamp.setup,
      /const N = 1000;\s*const x = N;\s*const range = \{ start: N, end: N \};\s*const mode = Mode\.Strict;/,
    );
    assert.equal((await run('sizeOf')).setup.includes('new Map()'), true);
  });

test('a function that is not there is said so', async () => {
  const dir = tempProject(library);
  const o = await propose({ file: path.join(dir, 'src/query.ts'), name: 'nothere', runnerPath, verify: false });
  assert.deepEqual(o, { ok: false, message: 'no function named nothere in query.ts' });
});
