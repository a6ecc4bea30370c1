// Proposals from the parameters themselves: a default is used as written; otherwise a value is
// built from the declared type (TypeScript's, or JSDoc's in a .js file), sized by N: numbers,
// strings, arrays and tuples, object literals for interfaces and type aliases, literal and union
// types, enums, and classes of the project with their constructors. Type references are resolved
// with TypeScript's checker; values are built from the type's syntax, so no lib.d.ts is needed.
import type * as TS from 'typescript';
import type { TypeScript } from '../../runner/typescriptHost';

/** The size a generated value takes (`Array.from({ length: N }, …)`), bound in the setup. */
export const SIZE_NAME = 'N';
export const DEFAULT_SIZE = 1000;
const MAX_DEPTH = 4;

export interface ValueContext {
  ts: TypeScript;
  checker: TS.TypeChecker;
  /** Names reachable from the target module's scope (a class or an enum must be one of them). */
  moduleNames: ReadonlySet<string>;
}

/** The declarations a type reference names (through imports and aliases). */
function declarationsOf(c: ValueContext, name: TS.EntityName): TS.Declaration[] {
  let symbol = c.checker.getSymbolAtLocation(name);
  if (symbol && symbol.flags & c.ts.SymbolFlags.Alias) symbol = c.checker.getAliasedSymbol(symbol);
  return symbol?.declarations ?? [];
}

/** A value of type `type` as source text, `index` being an expression that varies per element. */
export function valueOf(c: ValueContext, type: TS.TypeNode, index: string, depth = 0): string | undefined {
  const { ts } = c;
  if (depth > MAX_DEPTH) return undefined;
  switch (type.kind) {
    case ts.SyntaxKind.NumberKeyword:
      return index === SIZE_NAME ? SIZE_NAME : `(${index} % 100) + 0.5`;
    case ts.SyntaxKind.StringKeyword:
      return index === SIZE_NAME ? `'lorem ipsum dolor sit amet '.repeat(${SIZE_NAME} / 25)` : `'item' + ${index}`;
    case ts.SyntaxKind.BooleanKeyword:
      return index === SIZE_NAME ? 'true' : `${index} % 2 === 0`;
    case ts.SyntaxKind.BigIntKeyword:
      return `BigInt(${index})`;
    case ts.SyntaxKind.UndefinedKeyword:
    case ts.SyntaxKind.VoidKeyword:
      return 'undefined';
    case ts.SyntaxKind.NullKeyword:
      return 'null';
  }
  if (ts.isParenthesizedTypeNode(type)) return valueOf(c, type.type, index, depth);
  if (ts.isLiteralTypeNode(type)) {
    const l = type.literal;
    if (ts.isStringLiteral(l)) return JSON.stringify(l.text);
    if (l.kind === ts.SyntaxKind.NullKeyword) return 'null';
    return l.getText();
  }
  if (ts.isUnionTypeNode(type)) {
    // The first member that is a value (not null or undefined) and can be built.
    const members = [...type.types].sort((a, b) => Number(isNothing(ts, a)) - Number(isNothing(ts, b)));
    for (const m of members) {
      const v = valueOf(c, m, index, depth + 1);
      if (v !== undefined) return v;
    }
    return undefined;
  }
  if (ts.isArrayTypeNode(type)) return arrayOf(c, type.elementType, depth);
  if (ts.isTupleTypeNode(type)) {
    const items = type.elements.map((e) => valueOf(c, ts.isNamedTupleMember(e) ? e.type : e, index, depth + 1));
    return items.every((i) => i !== undefined) ? `[${items.join(', ')}]` : undefined;
  }
  if (ts.isTypeLiteralNode(type)) return objectOf(c, type.members, index, depth);
  if (ts.isFunctionTypeNode(type)) return '() => undefined';
  if (ts.isTypeOperatorNode(type)) return valueOf(c, type.type, index, depth); // readonly T[]
  if (ts.isTypeReferenceNode(type)) return referenceValue(c, type, index, depth);
  return undefined;
}

const isNothing = (ts: TypeScript, t: TS.TypeNode) =>
  t.kind === ts.SyntaxKind.UndefinedKeyword ||
  (ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword);

function arrayOf(c: ValueContext, element: TS.TypeNode, depth: number): string | undefined {
  const item = valueOf(c, element, 'i', depth + 1);
  return item === undefined ? undefined : `Array.from({ length: ${SIZE_NAME} }, (_, i) => ${item})`;
}

function objectOf(
  c: ValueContext,
  members: readonly TS.TypeElement[],
  index: string,
  depth: number,
): string | undefined {
  const { ts } = c;
  const fields: string[] = [];
  for (const m of members) {
    if (m.questionToken || !m.name || !(ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) continue;
    const key = ts.isIdentifier(m.name) ? m.name.text : JSON.stringify(m.name.text);
    if (ts.isMethodSignature(m)) fields.push(`${key}: () => undefined`);
    else if (ts.isPropertySignature(m) && m.type) {
      const v = valueOf(c, m.type, index, depth + 1);
      if (v === undefined) return undefined;
      fields.push(`${key}: ${v}`);
    } else return undefined;
  }
  return `{ ${fields.join(', ')} }`;
}

const BUILT_INS: Record<string, (c: ValueContext, args: readonly TS.TypeNode[], depth: number) => string | undefined> =
  {
    Array: (c, [e], d) => (e ? arrayOf(c, e, d) : undefined),
    ReadonlyArray: (c, [e], d) => (e ? arrayOf(c, e, d) : undefined),
    Set: (c, [e], d) => {
      const items = e ? arrayOf(c, e, d) : undefined;
      return items ? `new Set(${items})` : 'new Set()';
    },
    Map: () => 'new Map()',
    Record: () => '{}',
    Date: () => 'new Date(0)',
    RegExp: () => '/a/',
    Promise: (c, [e], d) => {
      const v = e ? valueOf(c, e, SIZE_NAME, d + 1) : 'undefined';
      return v === undefined ? undefined : `Promise.resolve(${v})`;
    },
    Uint8Array: () => `new Uint8Array(${SIZE_NAME})`,
    Int32Array: () => `new Int32Array(${SIZE_NAME})`,
    Float64Array: () => `new Float64Array(${SIZE_NAME})`,
    Float32Array: () => `new Float32Array(${SIZE_NAME})`,
    Buffer: () => `Buffer.alloc(${SIZE_NAME})`,
  };

function referenceValue(c: ValueContext, type: TS.TypeReferenceNode, index: string, depth: number): string | undefined {
  const { ts } = c;
  const name = ts.isIdentifier(type.typeName) ? type.typeName.text : type.typeName.right.text;
  const declarations = declarationsOf(c, type.typeName);
  const own = declarations.find((d) => !d.getSourceFile().isDeclarationFile);
  if (!own) return BUILT_INS[name]?.(c, type.typeArguments ?? [], depth);
  if (ts.isInterfaceDeclaration(own)) return objectOf(c, own.members, index, depth);
  if (ts.isTypeAliasDeclaration(own)) return valueOf(c, own.type, index, depth + 1);
  if (ts.isEnumDeclaration(own)) {
    const first = own.members[0];
    if (!first || !c.moduleNames.has(own.name.text)) return undefined;
    return `${own.name.text}.${first.name.getText()}`;
  }
  if (ts.isEnumMember(own)) return c.moduleNames.has(own.parent.name.text) ? type.typeName.getText() : undefined;
  if (ts.isClassDeclaration(own) && own.name && c.moduleNames.has(own.name.text)) {
    const ctor = own.members.find(ts.isConstructorDeclaration);
    const args = ctor ? argumentsFor(c, ctor.parameters, depth + 1) : [];
    return args ? `new ${own.name.text}(${args.join(', ')})` : undefined;
  }
  return undefined;
}

/** The declared type of a parameter: its annotation, or its JSDoc `@param {T}` in a .js file. */
export function parameterType(ts: TypeScript, p: TS.ParameterDeclaration): TS.TypeNode | undefined {
  return p.type ?? ts.getJSDocType(p);
}

/** Values for each required parameter (optional ones are left out), or undefined if one cannot be built. */
export function argumentsFor(
  c: ValueContext,
  parameters: readonly TS.ParameterDeclaration[],
  depth = 0,
): string[] | undefined {
  const out: string[] = [];
  for (const p of parameters) {
    if (p.questionToken || p.initializer || p.dotDotDotToken) break;
    const type = parameterType(c.ts, p);
    const v = type ? valueOf(c, type, SIZE_NAME, depth) : undefined;
    if (v === undefined) return undefined;
    out.push(v);
  }
  return out;
}
