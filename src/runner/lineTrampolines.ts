// mprun's way to the line. V8's sampling heap profiler records physical frames only (an inlined
// callee's bytes land on its caller, and no frame says which line), so each allocation site in the
// reported function — a call, a `new`, an array, object or template literal — is moved into a
// trampoline of its own, named after its line: `f(a, b)` on line 12 becomes
// `__hotline_mprun_<file>_<fn>_L12_<k>(f, a, b)`. The operands are still evaluated in the function, in
// their order; only the call (or the literal) happens in the trampoline, whose frame then stands in
// every sample of what that call allocates, callees included (lprun's call-site convention).
// A trampoline is too large for V8 to inline (a never-taken branch of stores pads its bytecode past
// the inlining limits of TurboFan and Maglev) yet optimised like any function, so it allocates as
// the call would have: no interpreter mementos, no boxing beyond a call boundary's. What the move
// changes (escape analysis across the boundary) is measured, not assumed: mprun compares its total
// with memit's on the unchanged code. Every line keeps its number: replaced text keeps its newlines.
import crypto from 'node:crypto';
import type * as TS from 'typescript';
import { TRAMPOLINE_NAME, TRAMPOLINE_PREFIX, type MprunTarget } from '../core/memory/mprun';

/** The global the runner defines: trampolines read `on` (count ArrayBuffer bytes) and register their function. */
export const PROBE_GLOBAL = '__hotline_mprun';

/** Stores in a branch never taken: more bytecode than V8 inlines (460 bytes in TurboFan and Maglev). */
const PADDING = Array.from({ length: 130 }, (_, i) => `P.p${i % 10}=${i};`).join('');

/** Functions V8 computes without allocating (Math.*): a trampoline would only add a boxed double. */
const PURE_CALLEES = /^Math\.\w+$/;

interface Site {
  name: string;
  line: number;
  /** The trampoline's parameters and the expression it evaluates (see trampolineSource). */
  params: string[];
  body: string;
}

/** `key`: the line's (`<id>:<line>`), for its bytes; `site`: this site's, for how often the line ran. */
function trampolineSource(site: Site, key: string, siteKey: string): string {
  const p = site.params.join(', ');
  return (
    `function ${site.name}(${p}) { const P = globalThis.${PROBE_GLOBAL}; ` +
    `if (P !== undefined && P.on) { P.enter(${key}, ${siteKey}); try { return ${site.body}; } finally { P.leave(${key}); } } ` +
    `if (P === null) { ${PADDING} } return ${site.body}; }`
  );
}

const newlinesIn = (text: string) => text.replace(/[^\n]/g, '');

/**
 * The same never-taken stores at the top of the reported function: too large to inline, it keeps
 * a frame of its own, so what its own code allocates between its sites is its own in the heap
 * profile (inlined into its caller, it would be the caller's).
 */
const NOT_INLINED = `if (globalThis.${PROBE_GLOBAL} === null) { const P = globalThis.${PROBE_GLOBAL}; ${PADDING} }`;

/**
 * The source with each allocation site of the functions named `names` moved into a line
 * trampoline, or undefined when no such function is in the file (or it has no site).
 */
export function addLineTrampolines(
  ts: typeof TS,
  source: string,
  file: string,
  names: readonly string[],
): { code: string; functions: MprunTarget[] } | undefined {
  if (!names.some((n) => source.includes(n))) return undefined;
  const kind = /\.[cm]?tsx?$/.test(file)
    ? file.endsWith('x')
      ? ts.ScriptKind.TSX
      : ts.ScriptKind.TS
    : file.endsWith('x')
      ? ts.ScriptKind.JSX
      : ts.ScriptKind.JS;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const hash = crypto.createHash('sha256').update(file).digest('hex').slice(0, 8);
  const lineOf = (pos: number) => sf.getLineAndCharacterOfPosition(pos).line + 1;
  const original = (node: TS.Node) => source.slice(node.getStart(sf), node.end);

  const functions: MprunTarget[] = [];
  const sites: Site[] = [];
  let current: MprunTarget | undefined;

  /** A rewritten node's text: sites replaced, nested functions untouched, newlines kept. */
  function rewrite(node: TS.Node): string {
    // Nested functions run under the call that invokes them; a tagged template's literal is its argument.
    if (ts.isFunctionLike(node) || ts.isClassLike(node) || ts.isTaggedTemplateExpression(node)) return original(node);
    const site = siteOf(node);
    if (site) return site;
    return spliced(node);
  }

  /** The node's own text with its children rewritten. */
  function spliced(node: TS.Node): string {
    let out = '';
    let at = node.getStart(sf);
    node.forEachChild((child) => {
      const start = child.getStart(sf);
      if (start < at) return;
      const text = rewrite(child);
      if (text === source.slice(start, child.end)) return;
      out += source.slice(at, start) + text;
      at = child.end;
    });
    return out + source.slice(at, node.end);
  }

  /**
   * `NAME(` + operands + `)`, each operand's rewritten text where it was, every newline of the
   * removed text kept between them.
   */
  function call(node: TS.Node, line: number, operands: { node?: TS.Node; text?: string }[], body: string): string {
    const name = `${TRAMPOLINE_PREFIX}${current!.id}_L${line}_${sites.length}`;
    const params = operands.map((_, i) => `a${i}`);
    sites.push({ name, line, params, body });
    if (!current!.siteLines.includes(line)) current!.siteLines.push(line);
    let out = `${name}(`;
    let at = node.getStart(sf);
    operands.forEach((operand, i) => {
      if (i > 0) out += ', ';
      if (operand.node) {
        const start = operand.node.getStart(sf);
        out += newlinesIn(source.slice(at, start)) + rewrite(operand.node);
        at = operand.node.end;
      } else out += operand.text;
    });
    return out + ')' + newlinesIn(source.slice(at, node.end));
  }

  function siteOf(node: TS.Node): string | undefined {
    if (!current) return undefined;
    if (ts.isCallExpression(node)) return callSite(node);
    if (ts.isNewExpression(node)) {
      const args = node.arguments ?? ts.factory.createNodeArray();
      const line = lineOf(node.arguments ? node.arguments.pos - 1 : node.expression.end);
      return call(
        node,
        line,
        [{ node: node.expression }, ...args.map((a) => operand(a))],
        `new a0(${spreadList(args, 1)})`,
      );
    }
    if (ts.isArrayLiteralExpression(node)) {
      if (isAssignmentTarget(node) || isDestructured(node) || node.elements.some(ts.isOmittedExpression))
        return undefined;
      return call(node, lineOf(node.getStart(sf)), node.elements.map(operand), `[${spreadList(node.elements, 0)}]`);
    }
    if (ts.isObjectLiteralExpression(node)) return objectSite(node);
    if (ts.isTemplateExpression(node)) {
      // The spans' raw text, escapes and all: `head${a0}middle${a1}tail`.
      const body = node.head.getText(sf) + node.templateSpans.map((s, i) => `a${i}` + s.literal.getText(sf)).join('');
      return call(
        node,
        lineOf(node.getStart(sf)),
        node.templateSpans.map((s) => ({ node: s.expression })),
        body,
      );
    }
    return undefined;
  }

  function operand(node: TS.Expression): { node: TS.Node } {
    return { node: ts.isSpreadElement(node) ? node.expression : node };
  }

  /** `a1, ...a2, a3`: the parameters from `first` on, spread where the source spreads. */
  function spreadList(items: readonly TS.Expression[], first: number): string {
    return items.map((item, i) => `${ts.isSpreadElement(item) ? '...' : ''}a${i + first}`).join(', ');
  }

  function isAssignmentTarget(node: TS.Node): boolean {
    let n = node;
    while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
    const p = n.parent;
    if (ts.isBinaryExpression(p) && p.left === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) return true;
    if ((ts.isForOfStatement(p) || ts.isForInStatement(p)) && p.initializer === n) return true;
    // Inside a pattern: an element or property value of an outer target.
    if (ts.isArrayLiteralExpression(p) || ts.isSpreadElement(p)) return isAssignmentTarget(p);
    if (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) || ts.isSpreadAssignment(p))
      return isAssignmentTarget(p.parent);
    return false;
  }

  /**
   * A literal taken apart where it is made (`[a, b] = [b, a]`, `const { x } = { x: 1 }`): V8's
   * escape analysis never allocates it, and a trampoline would.
   */
  function isDestructured(node: TS.Node): boolean {
    let n = node;
    while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
    const p = n.parent;
    if (ts.isBinaryExpression(p) && p.right === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken)
      return ts.isArrayLiteralExpression(p.left) || ts.isObjectLiteralExpression(p.left);
    return ts.isVariableDeclaration(p) && p.initializer === n && !ts.isIdentifier(p.name);
  }

  function callSite(node: TS.CallExpression): string | undefined {
    if (node.questionDotToken || (node.flags & ts.NodeFlags.OptionalChain) !== 0) return undefined;
    let callee: TS.Expression = node.expression;
    while (ts.isNonNullExpression(callee)) callee = callee.expression;
    if (callee.kind === ts.SyntaxKind.SuperKeyword || callee.kind === ts.SyntaxKind.ImportKeyword) return undefined;
    if (ts.isIdentifier(callee) && (callee.text === 'eval' || callee.text === 'require')) return undefined;
    if (PURE_CALLEES.test(original(callee))) return undefined;
    const line = lineOf(node.arguments.pos - 1);
    const args = node.arguments.map(operand);
    if (ts.isPropertyAccessExpression(callee)) {
      if (ts.isPrivateIdentifier(callee.name) || callee.expression.kind === ts.SyntaxKind.SuperKeyword)
        return undefined;
      return call(
        node,
        line,
        [{ node: callee.expression }, { text: JSON.stringify(callee.name.text) }, ...args],
        `a0[a1](${spreadList(node.arguments, 2)})`,
      );
    }
    if (ts.isElementAccessExpression(callee)) {
      if (callee.expression.kind === ts.SyntaxKind.SuperKeyword) return undefined;
      return call(
        node,
        line,
        [{ node: callee.expression }, { node: callee.argumentExpression }, ...args],
        `a0[a1](${spreadList(node.arguments, 2)})`,
      );
    }
    return call(node, line, [{ node: callee }, ...args], `a0(${spreadList(node.arguments, 1)})`);
  }

  function objectSite(node: TS.ObjectLiteralExpression): string | undefined {
    if (isAssignmentTarget(node) || isDestructured(node)) return undefined;
    const operands: { node: TS.Node }[] = [];
    const parts: string[] = [];
    for (const p of node.properties) {
      if (ts.isSpreadAssignment(p)) {
        parts.push(`...a${operands.length}`);
        operands.push({ node: p.expression });
      } else if (ts.isShorthandPropertyAssignment(p)) {
        if (p.objectAssignmentInitializer) return undefined;
        parts.push(`${JSON.stringify(p.name.text)}: a${operands.length}`);
        operands.push({ node: p.name });
      } else if (ts.isPropertyAssignment(p)) {
        let key: string;
        if (ts.isComputedPropertyName(p.name)) {
          key = `[a${operands.length}]`;
          operands.push({ node: p.name.expression });
        } else if (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) || ts.isNoSubstitutionTemplateLiteral(p.name))
          key = JSON.stringify(p.name.text);
        else if (ts.isNumericLiteral(p.name)) key = p.name.text;
        else return undefined; // a private name or a bigint key
        parts.push(`${key}: a${operands.length}`);
        operands.push({ node: p.initializer });
      } else return undefined; // methods and accessors: left in place
    }
    return call(node, lineOf(node.getStart(sf)), operands, `({${parts.join(', ')}})`);
  }

  /** The block's rewritten text with NOT_INLINED after its directives ("use strict" stays first), on the same line. */
  function withOwnFrame(body: TS.Block, text: string): string {
    let directives = 0;
    while (
      directives < body.statements.length &&
      ts.isExpressionStatement(body.statements[directives]) &&
      ts.isStringLiteral((body.statements[directives] as TS.ExpressionStatement).expression)
    )
      directives++;
    const at = directives > 0 ? body.statements[directives - 1].end - body.getStart(sf) : 1;
    return `${text.slice(0, at)} ${NOT_INLINED}${text.slice(at)}`;
  }

  /** The name a function-like node is known by (its declaration, variable, property or method). */
  function nameOf(node: TS.Node): string | undefined {
    const named = (n: TS.Node | undefined) =>
      n && (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isPrivateIdentifier(n)) ? n.text : undefined;
    if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isAccessor(node)) return named(node.name);
    if (ts.isFunctionExpression(node) || ts.isArrowFunction(node)) {
      if (ts.isFunctionExpression(node) && node.name) return node.name.text;
      const p = node.parent;
      if (ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p))
        return named(p.name);
      if (ts.isBinaryExpression(p) && ts.isPropertyAccessExpression(p.left)) return p.left.name.text;
    }
    return undefined;
  }

  // Edits: each matched function's body rewritten in place (outermost matches only).
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: TS.Node): void => {
    const body = (node as TS.FunctionLikeDeclarationBase).body;
    const name = ts.isFunctionLike(node) ? nameOf(node) : undefined;
    if (name && body && names.includes(name)) {
      current = {
        id: `${hash}_${functions.length}`,
        name,
        file,
        startLine: lineOf(node.getStart(sf)),
        endLine: lineOf(node.end),
        siteLines: [],
      };
      const text = ts.isBlock(body)
        ? withOwnFrame(body, spliced(body))
        : `{ ${NOT_INLINED} return (${rewrite(body)}); }`;
      if (current.siteLines.length > 0) {
        current.siteLines.sort((a, b) => a - b);
        functions.push(current);
        edits.push({ start: body.getStart(sf), end: body.end, text });
      }
      current = undefined;
      return;
    }
    node.forEachChild(visit);
  };
  visit(sf);
  if (functions.length === 0) return undefined;

  let code = source;
  for (const e of edits.sort((a, b) => b.start - a.start)) code = code.slice(0, e.start) + e.text + code.slice(e.end);
  const trampolines = sites.map((s, k) => {
    const key = `${s.name.match(TRAMPOLINE_NAME)![1]}:${s.line}`;
    return trampolineSource(s, JSON.stringify(key), JSON.stringify(`${key}:${k}`));
  });
  // After the last line: what the user wrote keeps its line numbers (and a trailing source-map comment stays valid).
  code += '\n' + trampolines.join('\n') + `\nglobalThis.${PROBE_GLOBAL}?.register(${JSON.stringify(functions)});\n`;
  return { code, functions };
}
