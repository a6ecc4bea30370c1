// Finds "the function under the cursor" in an outline (VS Code's document symbols, reduced to a
// plain shape so this stays testable without VS Code) and proposes the statement to time.

export type OutlineKind = 'function' | 'method' | 'constructor' | 'class' | 'variable' | 'field' | 'accessor' | 'other';

export interface OutlineSymbol {
  name: string;
  kind: OutlineKind;
  /** 0-based, inclusive line span of the whole declaration. */
  startLine: number;
  endLine: number;
  /** 0-based line of the name (where a CodeLens or hint goes). */
  nameLine: number;
  children: OutlineSymbol[];
}

export interface LocatedFunction {
  name: string;
  kind: 'function' | 'method' | 'constructor' | 'getter' | 'setter';
  /** Enclosing class for methods, so the statement can construct an instance. */
  className?: string;
  /** Enclosing object literal(s) for methods of one, e.g. `api.math` for `api.math.triple(n)`. */
  objectPath?: string;
  startLine: number;
  endLine: number;
  nameLine: number;
}

/** The first `=` (an initialiser, not `=>` or a comparison) or, without one, `:` (an object property) at bracket depth 0. */
function initialiserStart(text: string): number {
  let depth = 0;
  let colon = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if ('([{<'.includes(ch)) depth++;
    else if (')]}'.includes(ch) || (ch === '>' && text[i - 1] !== '=')) depth = Math.max(0, depth - 1);
    else if (depth === 0 && ch === '=' && !'=>'.includes(text[i + 1] ?? '') && !'=!<>'.includes(text[i - 1] ?? ''))
      return i + 1;
    else if (depth === 0 && ch === ':' && colon < 0) colon = i + 1;
  }
  return colon;
}

/** A variable or property whose value is an object literal: `const api = {`, `math: {`. */
function holdsObjectLiteral(declarationText: string): boolean {
  const at = initialiserStart(declarationText);
  return at >= 0 && /^\s*\{/.test(declarationText.slice(at));
}

/** A variable, class field (`x = …`) or object property (`x: …`) whose value is an arrow or function expression. */
export function isFunctionValued(declarationText: string): boolean {
  const at = initialiserStart(declarationText);
  return (
    at >= 0 &&
    /^\s*(async\s+)?(function\b|\([^)]*\)\s*(:[^=]*)?=>|[A-Za-z_$][\w$]*\s*=>)/.test(declarationText.slice(at))
  );
}

/** `obj.triple`, `Grid.step`, `blur`: how the function is named in labels and remembered inputs. */
export function qualifiedName(fn: LocatedFunction): string {
  const owner = fn.className ?? fn.objectPath;
  return owner ? `${owner}.${fn.name}` : fn.name;
}

/**
 * All functions in the outline, outermost first: functions, class methods and property arrows with
 * their class, methods and function properties of object literals with the object's path, getters
 * and setters. An overloaded function is listed once (its implementation, the widest declaration).
 * `lineText` gives a line of the document, to tell function-valued variables and accessors apart.
 */
export function listFunctions(
  symbols: OutlineSymbol[],
  lineText: (line: number) => string = () => '',
): LocatedFunction[] {
  const found = new Map<string, LocatedFunction>();
  const add = (fn: LocatedFunction) => {
    const key = `${fn.kind}:${qualifiedName(fn)}`;
    const seen = found.get(key);
    if (!seen || fn.endLine - fn.startLine > seen.endLine - seen.startLine) found.set(key, fn);
  };
  const visit = (list: OutlineSymbol[], owner: { className?: string; objectPath?: string }) => {
    for (const s of list) {
      const text = lineText(s.nameLine);
      const span = { name: s.name, startLine: s.startLine, endLine: s.endLine, nameLine: s.nameLine, ...owner };
      const inOwner = owner.className !== undefined || owner.objectPath !== undefined;
      // Accessors come as Properties or Fields depending on the language server's version: read the text.
      const bare = s.name.replace(/^(?:\((?:get|set)\)|get|set)\s+/, ''); // TypeScript's outline names them `(get) x`
      const accessor =
        inOwner && s.kind !== 'class'
          ? new RegExp(`\\b(get|set)\\s+${bare.replace(/[$]/g, '\\$')}\\s*\\(`).exec(text)?.[1]
          : undefined;
      if (accessor) {
        add({ ...span, name: bare, kind: accessor === 'get' ? 'getter' : 'setter' });
        continue;
      }
      if (s.kind === 'function' || s.kind === 'method' || s.kind === 'constructor') {
        add({
          ...span,
          kind: s.kind === 'function' && !inOwner ? 'function' : s.kind === 'constructor' ? 'constructor' : 'method',
        });
        continue; // functions nested in functions are not reachable from module scope
      }
      if ((s.kind === 'variable' || s.kind === 'field' || s.kind === 'accessor') && isFunctionValued(text)) {
        add({ ...span, kind: inOwner ? 'method' : 'function' });
        continue;
      }
      if (s.kind === 'class') visit(s.children, { className: s.name });
      else if (holdsObjectLiteral(text) && /^[A-Za-z_$][\w$]*$/.test(s.name) && !owner.className) {
        // An object literal's members are reached through its name: `api.math.triple(n)`.
        visit(s.children, { objectPath: owner.objectPath ? `${owner.objectPath}.${s.name}` : s.name });
      } else if (!inOwner && s.kind !== 'variable') visit(s.children, owner); // e.g. a namespace's members
      // Other values (a field's initialiser, a call's callback) hold no function reachable by name.
    }
  };
  visit(symbols, {});
  return [...found.values()].sort((a, b) => a.startLine - b.startLine);
}

/** The function whose span contains `line`; the innermost one when classes nest. */
export function functionAtLine(functions: LocatedFunction[], line: number): LocatedFunction | undefined {
  let best: LocatedFunction | undefined;
  for (const f of functions) {
    if (line < f.startLine || line > f.endLine) continue;
    if (!best || f.endLine - f.startLine < best.endLine - best.startLine) best = f;
  }
  return best;
}

/**
 * Parameter names from the text of a declaration, e.g. `function blur(x: number[], steps = 1024)`
 * gives ["x", "steps"]. Destructured parameters become `arg1`, `arg2`… (there is no name to reuse).
 */
export function parameterNames(declarationText: string): string[] {
  const open = declarationText.indexOf('(');
  if (open < 0) {
    const single = /^\s*(?:async\s+)?([A-Za-z_$][\w$]*)\s*=>/.exec(declarationText.split('=').slice(1).join('='));
    return single ? [single[1]] : [];
  }
  const params: string[] = [];
  let depth = 0;
  let current = '';
  for (let i = open + 1; i < declarationText.length; i++) {
    const ch = declarationText[i];
    if ('([{<'.includes(ch)) depth++;
    if (')]}>'.includes(ch)) {
      if (depth === 0) break;
      if (!(ch === '>' && declarationText[i - 1] === '=')) depth--;
    }
    if (ch === ',' && depth === 0) {
      params.push(current);
      current = '';
    } else current += ch;
  }
  if (current.trim()) params.push(current);
  return params
    .map((p, i) => {
      const cleaned = p
        .trim()
        .replace(/^(?:(?:public|private|protected|readonly|override)\s+)+/, '')
        .replace(/^\.\.\./, '');
      const name = /^[A-Za-z_$][\w$]*/.exec(cleaned);
      return name ? name[0] : `arg${i + 1}`;
    })
    .filter((n) => n !== 'this');
}

/** Names V8 gives the function in a profile: accessors are `get x`/`set x`, anonymous defaults `default`. */
export function v8Names(fn: LocatedFunction): string[] {
  if (fn.kind === 'getter') return [`get ${fn.name}`];
  if (fn.kind === 'setter') return [`set ${fn.name}`];
  return fn.name === 'default' ? ['default', ''] : [fn.name];
}

export interface Proposal {
  stmt: string;
  /** Said next to the proposal when the statement is not simply a call (a generator, a getter…). */
  note?: string;
}

/**
 * The statement proposed by default: a call with the parameter names, as IPython users write it,
 * through the way the function is reachable from the module's scope. Anonymous default exports go
 * through `exports.default` (the runner binds `exports` to an ES module's own namespace, as CommonJS
 * has it), `module.exports = function` through `module.exports`. Generators are consumed (creating
 * one runs none of its body), getters are read, setters assigned.
 */
export function proposeStatement(fn: LocatedFunction, declarationText: string): Proposal {
  const params = parameterNames(declarationText);
  const args = params.join(', ');
  const head = declarationText.split('(')[0];
  const isStatic = /\bstatic\b/.test(head);
  const receiver = fn.objectPath ?? (fn.className ? (isStatic ? fn.className : `new ${fn.className}()`) : undefined);
  if (fn.kind === 'constructor' && fn.className) return { stmt: `new ${fn.className}(${args})` };
  if (fn.kind === 'getter' && receiver)
    return { stmt: `${receiver}.${fn.name}`, note: `${fn.name} is a getter: the statement reads the property.` };
  if (fn.kind === 'setter' && receiver)
    return {
      stmt: `${receiver}.${fn.name} = ${params[0] ?? 'value'}`,
      note: `${fn.name} is a setter: the statement assigns the property.`,
    };
  let callee = receiver ? `${receiver}.${fn.name}` : fn.name;
  const commonJs = /^\s*(module\.exports|(?:module\.)?exports\.[A-Za-z_$][\w$]*)\s*=/.exec(declarationText)?.[1];
  if (commonJs) callee = commonJs;
  else if (!receiver && fn.name === 'default') callee = 'exports.default';
  const call = `${callee}(${args})`;
  const asyncGenerator = /\basync\s+(function\s*\*|\*)/.test(head);
  if (asyncGenerator) {
    return {
      stmt: `(async () => { for await (const _ of ${call}); })()`,
      note: `${fn.name} is an async generator: the statement consumes it (calling it alone runs none of its body).`,
    };
  }
  if (/function\s*\*|^\s*(static\s+)?\*/.test(head)) {
    return {
      stmt: `[...${call}]`,
      note: `${fn.name} is a generator: the statement consumes it with [...] (calling it alone runs none of its body).`,
    };
  }
  return { stmt: call };
}

export function defaultStatement(fn: LocatedFunction, declarationText: string): string {
  return proposeStatement(fn, declarationText).stmt;
}
