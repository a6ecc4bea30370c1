// Turns what user code threw into a message that names the cause and where it happened.
import path from 'node:path';
import type { ChildMessage, ErrorKind, SourceLocation } from '../core/protocol/protocol';
import { GENERATED_PREFIX } from '../core/timing/loopSource';
import { TRAMPOLINE_PREFIX } from '../core/memory/mprun';

type ErrorMessage = Extract<ChildMessage, { type: 'error' }>;

/**
 * Not the user's frames: the runner's, Node's internals, and mprun's line trampolines (appended
 * after the file's last line; the frame below one is the user's line that made the call).
 */
const notTheUsers = (line: string, runnerDir: string) =>
  line.includes(runnerDir) || line.includes(TRAMPOLINE_PREFIX) || /\(node:|at node:|node:internal/.test(line);

/** Stack without the frames that are not the user's; generated code shown as <statement>. */
export function cleanStack(stack: string | undefined, runnerDir: string): string | undefined {
  if (!stack) return undefined;
  const lines = stack.split('\n').filter((l) => !notTheUsers(l, runnerDir));
  return lines
    .map((l) =>
      l
        .replace(/hotline-(timeit|probe)-[\w]+\.js/g, '<statement>')
        .replace(new RegExp(`${GENERATED_PREFIX}\\w+`, 'g'), '<statement>'),
    )
    .join('\n');
}

/** First frame that points into a user file. */
export function firstUserFrame(stack: string | undefined, runnerDir: string): SourceLocation | undefined {
  for (const line of stack?.split('\n') ?? []) {
    if (notTheUsers(line, runnerDir)) continue;
    // The path right after `(` or `at `: never a piece of `node:internal/modules/…`.
    const m = /(?:\(|\bat )((?:file:\/\/)?\/[^():]+):(\d+):(\d+)\)?\s*$/.exec(line);
    if (m && !m[1].includes('node_modules/'))
      return { file: m[1].replace(/^file:\/\//, ''), line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

/** An error thrown while importing the target (or one of its imports). */
export function loadError(error: unknown, target: string, runnerDir: string): ErrorMessage {
  const e = error as Error & { code?: string };
  const name = path.basename(target);
  // TypeScript's diagnostics (transpile.ts) start with file:line:col; they may come from the loader thread.
  const compileError = /^(\/[^\n]+?):(\d+):(\d+): ([^\n]*)/.exec(e?.message ?? '');
  if ((e instanceof SyntaxError || e?.name === 'SyntaxError') && compileError) {
    const [, file, line, column, text] = compileError;
    const more = e.message.split('\n').length - 1;
    return {
      type: 'error',
      kind: 'syntax',
      message: `cannot compile ${path.basename(file)}:${line}:${column}: ${text}${more ? ` (and ${more} more)` : ''}`,
      location: { file, line: Number(line), column: Number(column) },
      ...(more ? { stack: e.message } : {}),
    };
  }
  if (e instanceof SyntaxError || e?.name === 'SyntaxError') {
    const where = syntaxLocation(e);
    const at = where ? `${path.basename(where.file)}:${where.line}${where.column ? `:${where.column}` : ''}` : name;
    // Each file is compiled on its own (as isolatedModules): an imported type has no value to link.
    const missing = /does not provide an export named '([^']+)'/.exec(e.message)?.[1];
    const hint = missing ? ` (if ${missing} is a type or interface, import it with \`import type\`)` : '';
    return {
      type: 'error',
      kind: 'syntax',
      message: `syntax error in ${at}: ${e.message.replace(/\s*\(\d+:\d+\)$/, '')}${hint}`,
      ...(where ? { location: where } : {}),
      stack: cleanStack(e.stack, runnerDir),
    };
  }
  if (
    e?.code === 'ERR_MODULE_NOT_FOUND' ||
    e?.code === 'MODULE_NOT_FOUND' ||
    e?.code === 'ERR_UNSUPPORTED_DIR_IMPORT'
  ) {
    return {
      type: 'error',
      kind: 'load',
      message: `an import of ${name} does not resolve: ${firstLine(e.message)}`,
      stack: cleanStack(e.stack, runnerDir),
    };
  }
  return {
    type: 'error',
    kind: 'load',
    message: `${name} threw while loading (its top-level code runs before timing): ${describe(e)}`,
    stack: cleanStack(e?.stack, runnerDir),
    ...(firstUserFrame(e?.stack, runnerDir) ? { location: firstUserFrame(e?.stack, runnerDir) } : {}),
  };
}

function syntaxLocation(e: Error): SourceLocation | undefined {
  const m = /^(?:file:\/\/)?(\/[^\n:]+):(\d+)/.exec(e.stack ?? '');
  return m ? { file: m[1], line: Number(m[2]), column: 0 } : undefined;
}

/** An error thrown by the setup or the statement. */
export function statementError(
  error: unknown,
  target: string,
  runnerDir: string,
  phase: 'setup' | 'statement' = 'statement',
): ErrorMessage {
  const e = error as Error;
  const name = path.basename(target);
  let kind: ErrorKind = 'throw';
  let message = `the ${phase} threw ${describe(e)}`;
  if (e instanceof ReferenceError || e?.name === 'ReferenceError') {
    const missing = /^(\S+) is not defined/.exec(e.message)?.[1];
    kind = 'notFound';
    message = missing
      ? `${missing} is not defined in the scope of ${name} (not a function, import or value of that module, nor in the setup)`
      : describe(e);
  }
  const location = firstUserFrame(e?.stack, runnerDir);
  return { type: 'error', kind, message, stack: cleanStack(e?.stack, runnerDir), ...(location ? { location } : {}) };
}

export function describe(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${firstLine(e.message)}`;
  try {
    return `a non-Error value: ${typeof e === 'string' ? JSON.stringify(e) : String(e)}`;
  } catch {
    return 'a value that cannot be printed';
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}
