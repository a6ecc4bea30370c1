// A CommonJS TypeScript barrel (`export * from './impl.cjs'` in a .cts) compiles to
// `__exportStar(require("./impl.cjs"), exports)`. Node's CommonJS lexer, which finds the names an
// ES module may import from a CommonJS file, follows such a re-export only into .js/.cjs files, so
// `import { triple } from './barrel.cjs'` fails. The names are found here from the TypeScript
// sources, and written where the lexer reads them: `0 && (module.exports = { triple })`, code that
// never runs (the same note esbuild leaves for Node's lexer).
import fs from 'node:fs';
import type * as TS from 'typescript';
import { isRelative, resolveRelative } from './resolveTs';
import { needsTranspile } from './moduleFormat';
import type { TypeScript } from './typescriptHost';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function bindingNames(ts: TypeScript, name: TS.BindingName, out: string[]): void {
  if (ts.isIdentifier(name)) out.push(name.text);
  else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bindingNames(ts, element.name, out);
}

const hasModifier = (ts: TypeScript, node: TS.Node, kind: TS.SyntaxKind) =>
  ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === kind);

/** The value names a TypeScript file exports (types left out), following its own `export *`. */
function exportedValueNames(ts: TypeScript, file: string, seen: Set<string>): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  let source: string;
  try {
    source = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false);
  const names: string[] = [];
  for (const s of sourceFile.statements) {
    if (ts.isExportDeclaration(s)) {
      if (s.isTypeOnly) continue;
      if (!s.exportClause) names.push(...reexportedNames(ts, s, file, seen));
      else if (ts.isNamespaceExport(s.exportClause)) names.push(s.exportClause.name.text);
      else for (const e of s.exportClause.elements) if (!e.isTypeOnly) names.push(e.name.text);
      continue;
    }
    if (!hasModifier(ts, s, ts.SyntaxKind.ExportKeyword) || hasModifier(ts, s, ts.SyntaxKind.DeclareKeyword)) continue;
    if (hasModifier(ts, s, ts.SyntaxKind.DefaultKeyword)) continue; // `export *` never re-exports default
    if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) bindingNames(ts, d.name, names);
    else if (
      (ts.isFunctionDeclaration(s) ||
        ts.isClassDeclaration(s) ||
        ts.isEnumDeclaration(s) ||
        ts.isModuleDeclaration(s)) &&
      s.name &&
      ts.isIdentifier(s.name)
    )
      names.push(s.name.text);
  }
  return names;
}

function reexportedNames(ts: TypeScript, s: TS.ExportDeclaration, from: string, seen: Set<string>): string[] {
  if (!s.moduleSpecifier || !ts.isStringLiteral(s.moduleSpecifier) || !isRelative(s.moduleSpecifier.text)) return [];
  const target = resolveRelative(s.moduleSpecifier.text, from);
  // A .js/.cjs target is followed by Node's lexer itself.
  return target && needsTranspile(target) ? exportedValueNames(ts, target, seen) : [];
}

/** The note for Node's lexer, or '' when the file re-exports no TypeScript file's names. */
export function reexportNote(ts: TypeScript, source: string, file: string): string {
  if (!/\bexport\s*\*/.test(source)) return '';
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, false);
  const seen = new Set([file]);
  const names = new Set<string>();
  for (const s of sourceFile.statements) {
    if (ts.isExportDeclaration(s) && !s.exportClause && !s.isTypeOnly)
      for (const name of reexportedNames(ts, s, file, seen))
        if (IDENTIFIER.test(name) && name !== 'default') names.add(name);
  }
  return names.size ? `0 && (module.exports = { ${[...names].join(', ')} });\n` : '';
}
