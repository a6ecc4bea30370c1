// Finds a function in a file's syntax tree by the name Hotline gives it (`parse`, `Queue.push`,
// `api.math.triple`, `default`), as a LocatedFunction the statement proposal understands, with its
// declaration node (parameters, defaults, types, JSDoc).
import type * as TS from 'typescript';
import type { LocatedFunction } from '../../core/source/functionSymbols';
import type { TypeScript } from '../../runner/typescriptHost';

export type FunctionNode = TS.SignatureDeclaration & { parameters: TS.NodeArray<TS.ParameterDeclaration> };

export interface FoundFunction {
  located: LocatedFunction;
  node: FunctionNode;
  /** The class whose method it is (to construct a receiver). */
  classNode?: TS.ClassLikeDeclaration;
  /** The declaration's text up to its body, as the outline-based proposal reads it. */
  declarationText: string;
}

export function locateFunction(
  ts: TypeScript,
  sourceFile: TS.SourceFile,
  qualified: string,
): FoundFunction | undefined {
  const found: FoundFunction[] = [];
  const lineOf = (n: TS.Node) => sourceFile.getLineAndCharacterOfPosition(n.getStart(sourceFile)).line;
  const add = (
    name: string,
    kind: LocatedFunction['kind'],
    node: FunctionNode,
    declaration: TS.Node,
    owner: { className?: string; objectPath?: string; classNode?: TS.ClassLikeDeclaration },
  ) => {
    const body = (node as { body?: TS.Node }).body;
    const text = sourceFile.text.slice(declaration.getStart(sourceFile), body ? body.getStart(sourceFile) : node.end);
    found.push({
      located: {
        name,
        kind,
        className: owner.className,
        objectPath: owner.objectPath,
        startLine: lineOf(declaration),
        endLine: sourceFile.getLineAndCharacterOfPosition(declaration.end).line,
        nameLine: lineOf(declaration),
      },
      node,
      classNode: owner.classNode,
      declarationText: text,
    });
  };
  const isFunctionValue = (e: TS.Node | undefined): e is TS.ArrowFunction | TS.FunctionExpression =>
    !!e && (ts.isArrowFunction(e) || ts.isFunctionExpression(e));
  const visitObject = (object: TS.ObjectLiteralExpression, path: string) => {
    for (const p of object.properties) {
      const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
      if (!name) continue;
      if (ts.isMethodDeclaration(p)) add(name, 'method', p, p, { objectPath: path });
      else if (ts.isGetAccessorDeclaration(p)) add(name, 'getter', p, p, { objectPath: path });
      else if (ts.isSetAccessorDeclaration(p)) add(name, 'setter', p, p, { objectPath: path });
      else if (ts.isPropertyAssignment(p) && isFunctionValue(p.initializer))
        add(name, 'method', p.initializer, p, { objectPath: path });
      else if (ts.isPropertyAssignment(p) && ts.isObjectLiteralExpression(p.initializer))
        visitObject(p.initializer, `${path}.${name}`);
    }
  };
  const visitClass = (c: TS.ClassLikeDeclaration) => {
    const className = c.name?.text ?? 'default';
    for (const m of c.members) {
      const name = m.name && (ts.isIdentifier(m.name) || ts.isPrivateIdentifier(m.name)) ? m.name.text : undefined;
      const owner = { className, classNode: c };
      if (ts.isConstructorDeclaration(m) && m.body) add('constructor', 'constructor', m, m, owner);
      else if (!name) continue;
      else if (ts.isMethodDeclaration(m) && m.body) add(name, 'method', m, m, owner);
      else if (ts.isGetAccessorDeclaration(m)) add(name, 'getter', m, m, owner);
      else if (ts.isSetAccessorDeclaration(m)) add(name, 'setter', m, m, owner);
      else if (ts.isPropertyDeclaration(m) && isFunctionValue(m.initializer))
        add(name, 'method', m.initializer, m, owner);
    }
  };
  const visitStatements = (statements: TS.NodeArray<TS.Statement>) => {
    for (const s of statements) {
      if (ts.isFunctionDeclaration(s) && s.body) add(s.name?.text ?? 'default', 'function', s, s, {});
      else if (ts.isClassDeclaration(s)) visitClass(s);
      else if (ts.isVariableStatement(s)) {
        for (const d of s.declarationList.declarations) {
          if (!ts.isIdentifier(d.name)) continue;
          if (isFunctionValue(d.initializer)) add(d.name.text, 'function', d.initializer, s, {});
          else if (d.initializer && ts.isObjectLiteralExpression(d.initializer))
            visitObject(d.initializer, d.name.text);
          else if (d.initializer && ts.isClassExpression(d.initializer)) visitClass(d.initializer);
        }
      } else if (ts.isExportAssignment(s) && isFunctionValue(s.expression))
        add('default', 'function', s.expression, s, {});
      else if (ts.isModuleDeclaration(s) && s.body && ts.isModuleBlock(s.body)) visitStatements(s.body.statements);
      else if (
        ts.isExpressionStatement(s) &&
        ts.isBinaryExpression(s.expression) &&
        s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        isFunctionValue(s.expression.right)
      ) {
        // module.exports = function name() {}, exports.name = () => {}
        const left = s.expression.left.getText(sourceFile);
        const exported = /^(?:module\.)?exports\.([A-Za-z_$][\w$]*)$/.exec(left)?.[1];
        const own = ts.isFunctionExpression(s.expression.right) ? s.expression.right.name?.text : undefined;
        const name = exported ?? own ?? (left === 'module.exports' ? 'default' : undefined);
        if (name) add(name, 'function', s.expression.right, s, {});
      }
    }
  };
  visitStatements(sourceFile.statements);
  const qualifiedOf = (f: FoundFunction) => {
    const owner = f.located.className ?? f.located.objectPath;
    return owner ? `${owner}.${f.located.name}` : f.located.name;
  };
  // An overload is listed once: the implementation (it has the body).
  return found.find((f) => qualifiedOf(f) === qualified) ?? found.find((f) => f.located.name === qualified);
}
