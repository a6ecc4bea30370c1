// Proposals from calls the project already makes: in its tests and examples, and in the
// function's JSDoc `@example`. A call qualifies when its arguments can be rebuilt in the module's
// scope: literals, globals, the target module's own names, and values declared before the call in
// the same test (their declarations become the setup).
import type * as TS from 'typescript';
import type { TypeScript } from '../../runner/typescriptHost';

/** Names every module scope has: what a copied argument may use besides its own declarations. */
const GLOBALS = new Set(
  (
    'undefined NaN Infinity globalThis Math JSON Array Object String Number Boolean BigInt Symbol Date RegExp Map Set ' +
    'WeakMap WeakSet Promise Error TypeError RangeError Int8Array Uint8Array Uint8ClampedArray Int16Array Uint16Array ' +
    'Int32Array Uint32Array Float32Array Float64Array BigInt64Array BigUint64Array ArrayBuffer DataView Buffer URL ' +
    'URLSearchParams TextEncoder TextDecoder structuredClone parseInt parseFloat encodeURIComponent decodeURIComponent ' +
    'encodeURI decodeURI console process performance queueMicrotask setTimeout Intl'
  ).split(' '),
);

export interface CallProposal {
  /** The call, as the test wrote it but through the name the module's scope has. */
  call: string;
  /** Declarations the call's arguments need, in order. */
  setup: string[];
}

/** Identifiers an expression reads that it does not bind itself (parameters of its own arrows, say). */
function freeNames(ts: TypeScript, node: TS.Node): Set<string> {
  const free = new Set<string>();
  const visit = (n: TS.Node, bound: Set<string>) => {
    if (ts.isIdentifier(n)) {
      const p = n.parent;
      const isPropertyName =
        (ts.isPropertyAccessExpression(p) && p.name === n) ||
        (ts.isPropertyAssignment(p) && p.name === n) ||
        (ts.isMethodDeclaration(p) && p.name === n) ||
        (ts.isBindingElement(p) && p.propertyName === n);
      if (!isPropertyName && !bound.has(n.text)) free.add(n.text);
      return;
    }
    if (ts.isShorthandPropertyAssignment(n)) {
      if (!bound.has(n.name.text)) free.add(n.name.text);
      return;
    }
    if (ts.isFunctionLike(n)) {
      const inner = new Set(bound);
      const bind = (name: TS.BindingName) => {
        if (ts.isIdentifier(name)) inner.add(name.text);
        else for (const e of name.elements) if (!ts.isOmittedExpression(e)) bind(e.name);
      };
      for (const p of n.parameters) bind(p.name);
      const body = (n as { body?: TS.Node }).body;
      // Names declared anywhere inside the body count as bound (a light approximation of scopes).
      if (body)
        body.forEachChild(function collect(c: TS.Node): void {
          if (ts.isVariableDeclaration(c)) bind(c.name);
          if ((ts.isFunctionDeclaration(c) || ts.isClassDeclaration(c)) && c.name) inner.add(c.name.text);
          c.forEachChild(collect);
        });
      if (body) visit(body, inner);
      for (const p of n.parameters) if (p.initializer) visit(p.initializer, inner);
      return;
    }
    if (ts.isTypeNode(n)) return;
    n.forEachChild((c) => visit(c, bound));
  };
  visit(node, new Set());
  return free;
}

/** The variable declarations visible at `at` in the blocks that enclose it, before it, by name. */
function declarationsBefore(ts: TypeScript, at: TS.Node): Map<string, TS.VariableStatement> {
  const out = new Map<string, TS.VariableStatement>();
  for (let block: TS.Node | undefined = at.parent; block; block = block.parent) {
    if (!ts.isBlock(block) && !ts.isSourceFile(block)) continue;
    for (const s of block.statements) {
      if (s.pos >= at.pos) break;
      if (!ts.isVariableStatement(s)) continue;
      for (const d of s.declarationList.declarations)
        if (ts.isIdentifier(d.name) && !out.has(d.name.text)) out.set(d.name.text, s);
    }
  }
  return out;
}

interface SetupLine {
  text: string;
  defines: string[];
  reads: Set<string>;
}

/** The names a variable statement declares. */
function declaredNames(ts: TypeScript, s: TS.VariableStatement): string[] {
  const out: string[] = [];
  const bind = (name: TS.BindingName) => {
    if (ts.isIdentifier(name)) out.push(name.text);
    else for (const e of name.elements) if (!ts.isOmittedExpression(e)) bind(e.name);
  };
  for (const d of s.declarationList.declarations) bind(d.name);
  return out;
}

/** The named function (`function suite(map)`, `const suite = (map) =>`) whose parameter `name` is visible at `at`. */
function enclosingParameter(ts: TypeScript, at: TS.Node, name: string): { fnName: string; index: number } | undefined {
  for (let n: TS.Node | undefined = at.parent; n; n = n.parent) {
    if (!ts.isFunctionLike(n)) continue;
    const index = n.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === name);
    if (index < 0) continue;
    const fnName =
      ts.isFunctionDeclaration(n) && n.name
        ? n.name.text
        : ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name)
          ? n.parent.name.text
          : undefined;
    return fnName ? { fnName, index } : undefined;
  }
  return undefined;
}

const MAX_SETUP_LINES = 8;

/**
 * The setup that makes `expressions` runnable in the module's scope, in dependency order, or
 * undefined when they read something that cannot come along (a helper imported from elsewhere, a
 * fixture file's content…). A name declared before the call in an enclosing block brings its
 * declaration; a parameter of an enclosing named function (a shared test suite, `suite(map)`)
 * brings the argument of a call of that function in the same file (`const map = decodedMap;`).
 */
function closure(
  ts: TypeScript,
  expressions: TS.Node[],
  at: TS.Node,
  moduleNames: ReadonlySet<string>,
): string[] | undefined {
  const sourceFile = at.getSourceFile();
  const lines: SetupLine[] = [];
  const added = new Set<TS.Node>();
  const defined = new Set<string>();
  const need = (name: string, from: TS.Node, depth: number): boolean => {
    if (defined.has(name)) return true;
    if (lines.length >= MAX_SETUP_LINES || depth > 6) return false;
    // The test's own names first: they shadow the module's (a test's `const decodedMap` is not the
    // library's function of that name).
    const declaration = declarationsBefore(ts, from).get(name);
    if (declaration) {
      if (added.has(declaration)) return true;
      added.add(declaration);
      const reads = freeNames(ts, declaration.declarationList);
      const names = declaredNames(ts, declaration);
      for (const n of names) defined.add(n);
      lines.push({ text: declaration.getText(sourceFile), defines: names, reads });
      return [...reads].every((r) => names.includes(r) || need(r, declaration, depth + 1));
    }
    const parameter = enclosingParameter(ts, from, name);
    if (!parameter) return GLOBALS.has(name) || moduleNames.has(name);
    const calls: TS.CallExpression[] = [];
    sourceFile.forEachChild(function find(n: TS.Node): void {
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === parameter.fnName)
        calls.push(n);
      n.forEachChild(find);
    });
    for (const call of calls) {
      const arg = call.arguments[parameter.index];
      if (!arg || ts.isSpreadElement(arg)) continue;
      const reads = freeNames(ts, arg);
      const mark = lines.length;
      defined.add(name);
      lines.push({ text: `const ${name} = ${arg.getText(sourceFile)};`, defines: [name], reads });
      if ([...reads].every((r) => need(r, call, depth + 1))) return true;
      lines.length = mark; // that call's argument cannot come along: try the next call
      defined.delete(name);
    }
    return false;
  };
  for (const e of expressions) for (const name of freeNames(ts, e)) if (!need(name, at, 0)) return undefined;
  // Each line after the lines it reads from.
  const ordered: SetupLine[] = [];
  const visit = (line: SetupLine, path: Set<SetupLine>) => {
    if (ordered.includes(line) || path.has(line)) return;
    path.add(line);
    for (const r of line.reads) {
      const source = lines.find((l) => l !== line && l.defines.includes(r));
      if (source) visit(source, path);
    }
    ordered.push(line);
  };
  for (const line of lines) visit(line, new Set());
  return ordered.map((l) => l.text);
}

export interface CallSearch {
  /** The function's name as called (`parseQuery`, or a method's `push`). */
  name: string;
  /** For a method: its class, whose construction in the test becomes the receiver. */
  className?: string;
  /** Names the target module's scope has (its own declarations and imports). */
  moduleNames: ReadonlySet<string>;
  /** How the module's scope reaches the function (`parseQuery`, `api.math.triple`). */
  callee: string;
}

/** Calls of the function in one file's text whose arguments can come along, simplest first. */
export function callsIn(ts: TypeScript, sourceFile: TS.SourceFile, search: CallSearch): CallProposal[] {
  const found: { proposal: CallProposal; weight: number }[] = [];
  const text = (n: TS.Node) => n.getText(sourceFile);
  const visit = (n: TS.Node) => {
    if (
      ts.isCallExpression(n) &&
      !n.arguments.some((a) => ts.isSpreadElement(a) && !ts.isArrayLiteralExpression(a.expression))
    ) {
      const callee = n.expression;
      const plain = ts.isIdentifier(callee) && callee.text === search.name && !search.className;
      const member = ts.isPropertyAccessExpression(callee) && callee.name.text === search.name;
      if (plain || (member && !search.className)) {
        const setup = closure(ts, [...n.arguments], n, search.moduleNames);
        if (setup) {
          const args = n.arguments.map(text).join(', ');
          found.push({
            proposal: { call: `${search.callee}(${args})`, setup },
            weight: setup.length * 1000 + args.length,
          });
        }
      } else if (member && search.className && ts.isIdentifier(callee.expression)) {
        // `const q = new Queue(8); q.push(x)`: the receiver comes along with its construction.
        const receiver = callee.expression.text;
        const declaration = declarationsBefore(ts, n).get(receiver);
        const init = declaration?.declarationList.declarations.find(
          (d) => ts.isIdentifier(d.name) && d.name.text === receiver,
        )?.initializer;
        if (
          init &&
          ts.isNewExpression(init) &&
          ts.isIdentifier(init.expression) &&
          init.expression.text === search.className
        ) {
          // the receiver's own declaration is read by the call: it comes along with what it reads
          const setup = closure(ts, [...n.arguments, callee.expression], n, search.moduleNames);
          if (setup) {
            const args = n.arguments.map(text).join(', ');
            found.push({
              proposal: { call: `${receiver}.${search.name}(${args})`, setup },
              weight: setup.length * 1000 + args.length,
            });
          }
        }
      }
    }
    n.forEachChild(visit);
  };
  visit(sourceFile);
  return found.sort((a, b) => a.weight - b.weight).map((f) => f.proposal);
}

/** The code of each `@example` in the function's JSDoc (fences and a leading `>` dropped). */
export function jsDocExamples(ts: TypeScript, node: TS.Node): string[] {
  const out: string[] = [];
  for (const tag of ts.getJSDocTags(node)) {
    if (tag.tagName.text !== 'example') continue;
    const comment = typeof tag.comment === 'string' ? tag.comment : ts.getTextOfJSDocComment(tag.comment);
    if (comment) out.push(comment.replace(/```\w*/g, '').replace(/^\s*>\s?/gm, ''));
  }
  return out;
}
