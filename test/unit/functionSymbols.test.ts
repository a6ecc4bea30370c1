import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  defaultStatement,
  functionAtLine,
  isFunctionValued,
  listFunctions,
  parameterNames,
  proposeStatement,
  qualifiedName,
  type OutlineSymbol,
} from '../../src/core/source/functionSymbols.ts';

const sym = (
  name: string,
  kind: OutlineSymbol['kind'],
  startLine: number,
  endLine: number,
  children: OutlineSymbol[] = [],
): OutlineSymbol => ({ name, kind, startLine, endLine, nameLine: startLine, children });

test('parameterNames strips types, defaults, modifiers and rest', () => {
  assert.deepEqual(parameterNames('export function blur(x: number[], steps = 1024): number[] {'), ['x', 'steps']);
  assert.deepEqual(parameterNames('function f(a: Map<string, number>, { b, c }: Opts, ...rest: T[]) {'), [
    'a',
    'arg2',
    'rest',
  ]);
  assert.deepEqual(parameterNames('constructor(private readonly size: number, cb = (x: number) => x) {'), [
    'size',
    'cb',
  ]);
  assert.deepEqual(parameterNames('const square = n => n * n;'), ['n']);
  assert.deepEqual(parameterNames('function f(this: Window, n: number) {'), ['n']);
  assert.deepEqual(parameterNames('function empty() {}'), []);
});

test('isFunctionValued recognises arrow and function expressions only', () => {
  assert.equal(isFunctionValued('const f = (a: number) => a'), true);
  assert.equal(isFunctionValued('const f = async (a) => a'), true);
  assert.equal(isFunctionValued('const f = x => x'), true);
  assert.equal(isFunctionValued('const g = function () {}'), true);
  assert.equal(isFunctionValued('export const N = 1024;'), false);
  assert.equal(isFunctionValued('const y = (a + b) * 2'), false);
});

test('functionAtLine finds the innermost function and skips nested ones', () => {
  const outline = [
    sym('N', 'variable', 0, 0),
    sym('blur', 'function', 2, 12, [sym('inner', 'function', 4, 6)]),
    sym('Grid', 'class', 14, 30, [sym('constructor', 'constructor', 15, 17), sym('step', 'method', 18, 29)]),
  ];
  const fns = listFunctions(outline);
  assert.deepEqual(
    fns.map((f) => f.name),
    ['blur', 'constructor', 'step'],
  );
  assert.equal(functionAtLine(fns, 5)?.name, 'blur');
  assert.equal(functionAtLine(fns, 20)?.className, 'Grid');
  assert.equal(functionAtLine(fns, 0), undefined);
  assert.equal(functionAtLine(fns, 13), undefined);
});

test('defaultStatement calls the function with its parameter names', () => {
  const fn = { name: 'blur', kind: 'function' as const, startLine: 0, endLine: 3, nameLine: 0 };
  assert.equal(defaultStatement(fn, 'export function blur(x: number[], steps = 1024) {'), 'blur(x, steps)');
  const method = { ...fn, name: 'step', kind: 'method' as const, className: 'Grid' };
  assert.equal(defaultStatement(method, '  step(dt: number) {'), 'new Grid().step(dt)');
  assert.equal(defaultStatement(method, '  static step(dt: number) {'), 'Grid.step(dt)');
  assert.equal(
    defaultStatement({ ...method, name: 'constructor', kind: 'constructor' }, 'constructor(n: number) {'),
    'new Grid(n)',
  );
});

test('isFunctionValued: object properties, class fields, typed variables, default parameters', () => {
  assert.equal(isFunctionValued('  triple: (n: number) => n * 3,'), true);
  assert.equal(isFunctionValued('  onClick = (times: number) => {'), true);
  assert.equal(isFunctionValued('  handler: Handler = function (e) {'), true);
  assert.equal(isFunctionValued('  scale: (n = 2) => n * 2,'), true);
  assert.equal(
    isFunctionValued('const f: (a: number) => number = compute();'),
    false,
    'a function type is not a function value',
  );
  assert.equal(isFunctionValued('  get value(): number {'), false);
  assert.equal(isFunctionValued('  size: 3,'), false);
});

/** The outline VS Code's TypeScript server gives for `lines`, and what Hotline proposes for each function. */
function proposals(lines: string[], outline: OutlineSymbol[]): Record<string, ReturnType<typeof proposeStatement>> {
  const fns = listFunctions(outline, (l) => lines[l]);
  return Object.fromEntries(
    fns.map((f) => [qualifiedName(f), proposeStatement(f, lines.slice(f.nameLine, f.endLine + 1).join('\n'))]),
  );
}

test('targets reachable from the module scope: object literals, property arrows, getters, setters', () => {
  const lines = [
    'export const shapes = {', // 0
    '  triple(n: number) { return n * 3; },',
    '  half: (n: number) => n / 2,',
    '  get area() { return 4; },',
    '  nested: {',
    '    deep(x: number) { return x; },',
    '  },',
    '};',
    'export class Button {', // 8
    '  onClick = (times: number) => times + 1;',
    '  get label(): string { return "b"; }',
    '  set label(v: string) { this.l = v; }',
    '  static get count(): number { return 1; }',
    '}',
  ];
  const outline = [
    sym('shapes', 'variable', 0, 7, [
      sym('triple', 'method', 1, 1),
      sym('half', 'accessor', 2, 2),
      sym('area', 'accessor', 3, 3),
      sym('nested', 'accessor', 4, 6, [sym('deep', 'method', 5, 5)]),
    ]),
    sym('Button', 'class', 8, 13, [
      sym('onClick', 'accessor', 9, 9),
      sym('(get) label', 'accessor', 10, 10),
      sym('(set) label', 'accessor', 11, 11),
      sym('(get) count', 'accessor', 12, 12),
    ]),
  ];
  const p = proposals(lines, outline);
  assert.equal(p['shapes.triple'].stmt, 'shapes.triple(n)');
  assert.equal(p['shapes.half'].stmt, 'shapes.half(n)');
  assert.equal(p['shapes.area'].stmt, 'shapes.area');
  assert.match(p['shapes.area'].note ?? '', /getter/);
  assert.equal(p['Button.onClick'].stmt, 'new Button().onClick(times)');
  assert.equal(p['Button.count'].stmt, 'Button.count');
  const fns = listFunctions(outline, (l) => lines[l]);
  assert.deepEqual(
    fns.filter((f) => f.name === 'label').map((f) => [f.kind, proposeStatement(f, lines[f.nameLine]).stmt]),
    [
      ['getter', 'new Button().label'],
      ['setter', 'new Button().label = v'],
    ],
  );
  assert.equal(functionAtLine(fns, 10)?.kind, 'getter', 'a right-click in a getter finds it');
});

test('nested object literals are reached through their path', () => {
  const lines = ['export const api = {', '  math: {', '    triple(n: number) { return n * 3; },', '  },', '};'];
  const p = proposals(lines, [
    sym('api', 'variable', 0, 4, [sym('math', 'variable', 1, 3, [sym('triple', 'method', 2, 2)])]),
  ]);
  assert.equal(p['api.math.triple'].stmt, 'api.math.triple(n)');
});

test('default exports, module.exports, generators and overloads', () => {
  const lines = [
    'export default function (items: number[]) {', // 0
    '  return items.length;',
    '}',
    'module.exports = function square(n) { return n * n; };', // 3
    'export function* gen(limit: number) { for (let i = 0; i < limit; i++) yield i; }', // 4
    'export async function* pages(count: number) { yield count; }', // 5
    'export function total(a: number): number;', // 6
    'export function total(a: string): string;',
    'export function total(a: any): any {',
    '  return a;',
    '}', // 10
    'exports.cube = function (n) { return n ** 3; };', // 11
  ];
  const outline = [
    sym('default', 'function', 0, 2),
    sym('square', 'function', 3, 3),
    sym('gen', 'function', 4, 4),
    sym('pages', 'function', 5, 5),
    sym('total', 'function', 6, 6),
    sym('total', 'function', 7, 7),
    sym('total', 'function', 8, 10),
    sym('cube', 'function', 11, 11),
  ];
  const fns = listFunctions(outline, (l) => lines[l]);
  assert.deepEqual(
    fns.filter((f) => f.name === 'total').map((f) => f.startLine),
    [8],
    'one target per overloaded function: its implementation',
  );
  const p = proposals(lines, outline);
  assert.equal(p.default.stmt, 'exports.default(items)');
  assert.equal(p.square.stmt, 'module.exports(n)');
  assert.equal(p.cube.stmt, 'exports.cube(n)');
  assert.equal(p.gen.stmt, '[...gen(limit)]');
  assert.match(p.gen.note ?? '', /generator.*consumes/);
  assert.equal(p.pages.stmt, '(async () => { for await (const _ of pages(count)); })()');
  assert.equal(p.total.stmt, 'total(a)');
});
