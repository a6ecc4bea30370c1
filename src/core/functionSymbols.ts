// Finds "the function under the cursor" in an outline (VS Code's document symbols, reduced to a
// plain shape so this stays testable without VS Code) and proposes the statement to time.

export type OutlineKind = 'function' | 'method' | 'constructor' | 'class' | 'variable' | 'other';

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
  kind: 'function' | 'method' | 'constructor';
  /** Enclosing class for methods, so the statement can construct an instance. */
  className?: string;
  startLine: number;
  endLine: number;
  nameLine: number;
}

/** A variable counts as a function when its declaration text holds an arrow or function expression. */
export function isFunctionValued(declarationText: string): boolean {
  const afterEquals = declarationText.split('=').slice(1).join('=');
  return /^\s*(async\s+)?(function\b|\([^)]*\)\s*(:[^=]*)?=>|[A-Za-z_$][\w$]*\s*=>)/.test(afterEquals);
}

/** All functions in the outline, outermost first, methods with their class. */
export function listFunctions(symbols: OutlineSymbol[], isFunctionVariable: (s: OutlineSymbol) => boolean = () => false): LocatedFunction[] {
  const found: LocatedFunction[] = [];
  const visit = (list: OutlineSymbol[], className?: string) => {
    for (const s of list) {
      const functionLike = s.kind === 'function' || s.kind === 'method' || s.kind === 'constructor' || (s.kind === 'variable' && isFunctionVariable(s));
      if (functionLike) {
        const kind = s.kind === 'variable' ? 'function' : (s.kind as LocatedFunction['kind']);
        found.push({ name: s.name, kind, className: kind === 'function' ? undefined : className, startLine: s.startLine, endLine: s.endLine, nameLine: s.nameLine });
      }
      // Functions nested in functions are not reachable from module scope: do not offer them.
      if (!functionLike) visit(s.children, s.kind === 'class' ? s.name : className);
    }
  };
  visit(symbols);
  return found;
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
  return params.map((p, i) => {
    const cleaned = p.trim().replace(/^(?:(?:public|private|protected|readonly|override)\s+)+/, '').replace(/^\.\.\./, '');
    const name = /^[A-Za-z_$][\w$]*/.exec(cleaned);
    return name ? name[0] : `arg${i + 1}`;
  }).filter((n) => n !== 'this');
}

/** The statement proposed by default: a call with the parameter names, as IPython users write it. */
export function defaultStatement(fn: LocatedFunction, declarationText: string): string {
  const args = parameterNames(declarationText).join(', ');
  if (fn.kind === 'constructor' && fn.className) return `new ${fn.className}(${args})`;
  if (fn.kind === 'method' && fn.className) {
    return /\bstatic\b/.test(declarationText.split('(')[0]) ? `${fn.className}.${fn.name}(${args})` : `new ${fn.className}().${fn.name}(${args})`;
  }
  return `${fn.name}(${args})`;
}
