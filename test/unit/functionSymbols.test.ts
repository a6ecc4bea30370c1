import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultStatement, functionAtLine, isFunctionValued, listFunctions, parameterNames, type OutlineSymbol } from '../../src/core/functionSymbols.ts';

const sym = (name: string, kind: OutlineSymbol['kind'], startLine: number, endLine: number, children: OutlineSymbol[] = []): OutlineSymbol =>
  ({ name, kind, startLine, endLine, nameLine: startLine, children });

test('parameterNames strips types, defaults, modifiers and rest', () => {
  assert.deepEqual(parameterNames('export function blur(x: number[], steps = 1024): number[] {'), ['x', 'steps']);
  assert.deepEqual(parameterNames('function f(a: Map<string, number>, { b, c }: Opts, ...rest: T[]) {'), ['a', 'arg2', 'rest']);
  assert.deepEqual(parameterNames('constructor(private readonly size: number, cb = (x: number) => x) {'), ['size', 'cb']);
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
  assert.deepEqual(fns.map((f) => f.name), ['blur', 'constructor', 'step']);
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
  assert.equal(defaultStatement({ ...method, name: 'constructor', kind: 'constructor' }, 'constructor(n: number) {'), 'new Grid(n)');
});
