// "What should I time?": a statement and a setup for a function that run as proposed, like the
// ones a user would type. Candidates, in this order: calls of the function in the project's own
// tests and examples, its JSDoc `@example`, its parameter defaults, values built from its
// parameter types (sized by N), and last the parameter names alone. Each is tried in a child run
// (one execution) until one runs; the editor's proposal and `hotline propose` are this code.
import fs from 'node:fs';
import path from 'node:path';
import type * as TS from 'typescript';
import { parameterNames, proposeStatement } from '../../core/source/functionSymbols';
import { compilerFor, projectConfig, type TypeScript } from '../../runner/typescriptHost';
import { projectDirOf } from '../projectDir';
import { runTimeit } from '../timeit';
import { callsIn, jsDocExamples, type CallProposal } from './fromCalls';
import { argumentsFor, DEFAULT_SIZE, parameterType, SIZE_NAME, valueOf, type ValueContext } from './fromTypes';
import { locateFunction, type FoundFunction } from './locate';
import { projectScripts } from './projectScripts';

export type ProposalSource = 'test' | 'example' | 'default' | 'types' | 'names';

export interface Proposal {
  statement: string;
  setup: string;
  source: ProposalSource;
  /** Where a test or example call came from (file:line). */
  from?: string;
  /** It ran once, as proposed (false: none of the candidates ran; the names are proposed). */
  verified: boolean;
  /** Why the statement is not a plain call (a generator, a getter), or why nothing ran. */
  note?: string;
}

export interface ProposeRequest {
  file: string;
  /** `parse`, `Queue.push`, `api.math.triple` */
  name: string;
  runnerPath: string;
  nodePath?: string;
  /** Try each candidate in a child run until one runs (default true). */
  verify?: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
}

interface Candidate {
  statement: string;
  setup: string[];
  source: ProposalSource;
  from?: string;
}

/** Names the target module's scope has: its declarations and imports (what a copied call may use). */
function moduleScopeNames(ts: TypeScript, sourceFile: TS.SourceFile): Set<string> {
  const names = new Set(['exports', 'module', 'require', '__dirname', '__filename']);
  const bind = (name: TS.BindingName) => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const e of name.elements) if (!ts.isOmittedExpression(e)) bind(e.name);
  };
  for (const s of sourceFile.statements) {
    if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) && s.name)
      names.add(s.name.text);
    else if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) bind(d.name);
    else if (ts.isImportEqualsDeclaration(s)) names.add(s.name.text);
    else if (ts.isModuleDeclaration(s) && ts.isIdentifier(s.name)) names.add(s.name.text);
    else if (ts.isImportDeclaration(s) && s.importClause && !s.importClause.isTypeOnly) {
      if (s.importClause.name) names.add(s.importClause.name.text);
      const b = s.importClause.namedBindings;
      if (b && ts.isNamespaceImport(b)) names.add(b.name.text);
      else if (b) for (const e of b.elements) if (!e.isTypeOnly) names.add(e.name.text);
    }
  }
  return names;
}

/** The proposal with the call replaced, keeping its shape (`[...gen(x)]`, `for await`). */
function reshape(shape: string, shapeCall: string, call: CallProposal): string {
  return shape.includes(shapeCall) ? shape.replace(shapeCall, call.call) : call.call;
}

function candidatesFor(
  ts: TypeScript,
  req: ProposeRequest,
  projectDir: string,
): { found?: FoundFunction; list: Candidate[]; shape?: string } {
  const file = path.resolve(req.file);
  let options: TS.CompilerOptions = {};
  try {
    options = projectConfig(ts, file).options;
  } catch {
    /* an unreadable tsconfig: the run will say so */
  }
  const program = ts.createProgram({
    rootNames: [file],
    options: { ...options, noLib: true, types: [], noEmit: true, allowJs: true, checkJs: false, skipLibCheck: true },
  });
  const sourceFile = program.getSourceFile(file);
  if (!sourceFile) return { list: [] };
  const found = locateFunction(ts, sourceFile, req.name);
  if (!found) return { list: [] };
  const checker = program.getTypeChecker();
  const moduleNames = moduleScopeNames(ts, sourceFile);
  const located = found.located;
  const shape = proposeStatement(located, found.declarationText);
  const params = parameterNames(found.declarationText);
  const list: Candidate[] = [];
  const namesCall = `(${params.join(', ')})`;
  const at = shape.stmt.lastIndexOf(namesCall);
  const callee = /[\w$.]+$/.exec(at >= 0 ? shape.stmt.slice(0, at) : '')?.[0] ?? located.name;
  const isStatic = /\bstatic\b/.test(found.declarationText.split('(')[0]);
  const onInstance = !!located.className && located.kind !== 'constructor' && !isStatic;
  const shapeCall = onInstance ? `new ${located.className}().${located.name}${namesCall}` : `${callee}${namesCall}`;
  const fromCall = (call: CallProposal, source: ProposalSource, from: string) =>
    list.push({ statement: reshape(shape.stmt, shapeCall, call), setup: call.setup, source, from });
  const search = {
    name: located.name,
    className: onInstance ? located.className : undefined,
    moduleNames,
    callee,
  };
  // 1. the project's tests and examples
  if (located.kind === 'function' || located.kind === 'method') {
    for (const script of projectScripts(projectDir, located.name)) {
      if (path.resolve(script) === file) continue;
      const text = fs.readFileSync(script, 'utf8');
      const testFile = ts.createSourceFile(script, text, ts.ScriptTarget.Latest, true);
      for (const call of callsIn(ts, testFile, search).slice(0, 2))
        fromCall(call, 'test', `${path.relative(projectDir, script)}`);
      if (list.length >= 4) break;
    }
    // 2. its JSDoc @example
    for (const example of jsDocExamples(
      ts,
      found.node.parent && ts.isVariableDeclaration(found.node.parent) ? found.node.parent.parent.parent : found.node,
    )) {
      const exampleFile = ts.createSourceFile('example.ts', example, ts.ScriptTarget.Latest, true);
      for (const call of callsIn(ts, exampleFile, search).slice(0, 1)) fromCall(call, 'example', 'JSDoc @example');
    }
  }
  // 3–4. defaults and types: the parameter names bound in the setup, the shape kept
  const context: ValueContext = { ts, checker, moduleNames };
  const bound: string[] = [];
  let allDefaults = true;
  let usesSize = false;
  found.node.parameters.forEach((p, i) => {
    if (bound.length < i) return;
    const name = params[i];
    if (!name) return;
    const type = parameterType(ts, p);
    let value: string | undefined;
    if (p.initializer) value = p.initializer.getText(sourceFile);
    else {
      allDefaults = false;
      const element = p.dotDotDotToken && type && ts.isArrayTypeNode(type) ? type.elementType : type;
      value = element ? valueOf(context, element, SIZE_NAME) : p.questionToken ? 'undefined' : undefined;
      if (value?.includes(SIZE_NAME)) usesSize = true;
    }
    if (value !== undefined) bound.push(`const ${name} = ${value};`);
  });
  let receiver: string[] = [];
  let statement = shape.stmt;
  if (onInstance && located.className) {
    const ctor = found.classNode?.members.find(ts.isConstructorDeclaration);
    if (ctor && ctor.parameters.some((p) => !p.questionToken && !p.initializer)) {
      const args = argumentsFor(context, ctor.parameters);
      if (args) {
        const instance = located.className[0].toLowerCase() + located.className.slice(1);
        receiver = [`const ${instance} = new ${located.className}(${args.join(', ')});`];
        if (args.some((a) => a.includes(SIZE_NAME))) usesSize = true;
        statement = statement.replace(`new ${located.className}()`, instance);
      } else receiver = ['?'];
    }
  }
  if (bound.length === params.length && !receiver.includes('?')) {
    const setup = [...(usesSize ? [`const ${SIZE_NAME} = ${DEFAULT_SIZE};`] : []), ...receiver, ...bound];
    list.push({ statement, setup, source: allDefaults && receiver.length === 0 ? 'default' : 'types' });
  }
  return { found, list, shape: shape.stmt };
}

/** Type annotations out of a snippet copied from a .ts test (the runner evaluates JavaScript). */
function asJavaScript(ts: TypeScript, code: string): string {
  if (!code.trim()) return '';
  const out = ts.transpileModule(code, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, removeComments: true },
    reportDiagnostics: false,
  }).outputText;
  return out.replace(/\n?export \{\};\s*$/, '').trim();
}

export async function propose(
  req: ProposeRequest,
): Promise<{ ok: true; proposal: Proposal; tried: number } | { ok: false; message: string }> {
  const file = path.resolve(req.file);
  if (!fs.existsSync(file)) return { ok: false, message: `${req.file}: no such file` };
  const projectDir = projectDirOf(file);
  const { ts } = compilerFor(projectDir, path.dirname(req.runnerPath));
  const { found, list, shape } = candidatesFor(ts, req, projectDir);
  if (!found || !shape) return { ok: false, message: `no function named ${req.name} in ${path.basename(file)}` };
  const note = proposeStatement(found.located, found.declarationText).note;
  const names: Candidate = { statement: shape, setup: [], source: 'names' };
  const candidates = [...list, names].map((c) => ({
    ...c,
    statement: asJavaScript(ts, c.statement).replace(/;$/, ''),
    setup: asJavaScript(ts, c.setup.join('\n')),
  }));
  const unique = candidates.filter(
    (c, i) => candidates.findIndex((d) => d.statement === c.statement && d.setup === c.setup) === i,
  );
  if (req.verify === false) return { ok: true, proposal: { ...unique[0], verified: false, note }, tried: 0 };
  let firstFailure = '';
  let tried = 0;
  for (const c of unique.slice(0, 6)) {
    if (req.signal?.aborted) break;
    tried++;
    const o = await runTimeit({
      file,
      stmt: c.statement,
      setup: c.setup,
      loops: 1,
      repeat: 1,
      runnerPath: req.runnerPath,
      nodePath: req.nodePath,
      timeoutMs: req.timeoutMs ?? 20_000,
      signal: req.signal,
    });
    if (o.ok) return { ok: true, proposal: { ...c, verified: true, note }, tried };
    if (!o.ok && o.kind === 'cancelled') return { ok: false, message: 'cancelled' };
    firstFailure ||= `${c.statement}: ${o.message}`;
  }
  return {
    ok: true,
    proposal: {
      ...names,
      setup: '',
      verified: false,
      note: `none of ${tried} candidate statements ran (first: ${firstFailure}); the parameter names are proposed: define them in the setup`,
    },
    tried,
  };
}
