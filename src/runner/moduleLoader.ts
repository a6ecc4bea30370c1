// Loads the user's module so that statements can be evaluated in its scope (see transpile.ts for
// the scope hook): ESM-format files through loader hooks, CommonJS-format ones (.cts, .cjs, .ts/.js
// in a package without "type": "module") through the require machinery, as Node itself decides.
import Module, { createRequire, register } from 'node:module';
import { inThreadHooks } from './loaderHooks';
import { installWorkerHooks } from './workerThreads';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isRelative, resolveAlias, resolveImportsAlias, resolveRelative } from './resolveTs';
import {
  moduleFormatOf,
  needsTranspile,
  SCOPE_KEY,
  transpile,
  withLineTrampolines,
  withScopeHook,
  type TranspileContext,
} from './transpile';

export type ScopeEval = (code: string) => unknown;

interface CompilableModule {
  _compile(content: string, filename: string): unknown;
}
type Extensions = Record<string, (module: CompilableModule, filename: string) => void>;
type ResolveFilename = (
  request: string,
  parent: { filename?: string | null } | undefined,
  ...rest: unknown[]
) => string;

function installCommonJsHooks(targetFile: string | undefined, context: TranspileContext): void {
  const proto = Module.prototype as unknown as CompilableModule;
  const originalCompile = proto._compile;
  proto._compile = function (content: string, filename: string) {
    // Compiled files got their trampolines before compiling (below); JavaScript ones get them here.
    const code = needsTranspile(filename) ? content : withLineTrampolines(content, filename, context);
    return originalCompile.call(this, filename === targetFile ? withScopeHook(code) : code, filename);
  };
  const extensions = (Module as unknown as { _extensions: Extensions })._extensions;
  for (const ext of ['.ts', '.tsx', '.cts', '.mts', '.jsx']) {
    extensions[ext] = (module, filename) => {
      if (moduleFormatOf(filename) === 'esm') {
        // require(esm), as Node does for an ES module .js file, compiled as a module. Its own imports
        // of TypeScript load synchronously: only through module.registerHooks (Node 22.15+), not Node 20's.
        const registerHooks = (Module as unknown as { registerHooks?: unknown }).registerHooks;
        if ((process.features as { require_module?: boolean }).require_module && typeof registerHooks === 'function') {
          const compile = module._compile as (content: string, filename: string, format: 'module') => unknown;
          compile.call(
            module,
            transpile(
              withLineTrampolines(fs.readFileSync(filename, 'utf8'), filename, context),
              filename,
              context,
              'esm',
            ),
            filename,
            'module',
          );
          return;
        }
        // What Node says for require() of an ES module .js file, for its TypeScript twin.
        throw Object.assign(
          new Error(
            `require() of ES module ${filename} is not supported on Node ${process.versions.node}: Node gives it the ES module format (.mts, or "type": "module" in its package.json); use import(), or Node 22.15 or later`,
          ),
          { code: 'ERR_REQUIRE_ESM' },
        );
      }
      const source = withLineTrampolines(fs.readFileSync(filename, 'utf8'), filename, context);
      module._compile(transpile(source, filename, context, 'cjs'), filename);
    };
  }
  const moduleStatics = Module as unknown as { _resolveFilename: ResolveFilename };
  const originalResolve = moduleStatics._resolveFilename;
  moduleStatics._resolveFilename = function (request, parent, ...rest) {
    const source = parent?.filename ? resolveImportsAlias(request, parent.filename, context) : undefined;
    if (source) return source;
    try {
      return originalResolve.call(this, request, parent, ...rest);
    } catch (error) {
      const from = parent?.filename;
      if (!from || !needsTranspile(from)) throw error;
      const file = isRelative(request) ? resolveRelative(request, from) : resolveAlias(request, from, context);
      if (file) return file;
      throw error;
    }
  };
}

/**
 * Hotline's hooks on this thread: TypeScript compiled, its specifiers resolved, the target (if any)
 * given the scope hook. Also what a worker thread of the user's gets (workerThreads.ts).
 */
export function installHooks(targetFile: string | undefined, context: TranspileContext, loaderHooksUrl: string): void {
  const targetUrl = targetFile ? pathToFileURL(targetFile).href : '';
  const registerHooks = (Module as unknown as { registerHooks?: (hooks: object) => unknown }).registerHooks;
  if (typeof registerHooks === 'function') registerHooks(inThreadHooks({ targetUrl, ...context }));
  else if (typeof register === 'function') register(loaderHooksUrl, { data: { targetUrl, ...context } });
  else
    throw new Error(
      `Hotline needs Node.js 20.6 or later to load modules (this is ${process.version}); set hotline.nodePath.`,
    );
  installCommonJsHooks(targetFile, context);
  installWorkerHooks(context, loaderHooksUrl);
}

/** Imports the target and returns an eval bound to its module scope. */
export async function loadTarget(
  targetFile: string,
  context: TranspileContext,
  loaderHooksUrl: string,
): Promise<ScopeEval> {
  const targetUrl = pathToFileURL(targetFile).href;
  installHooks(targetFile, context, loaderHooksUrl);
  // A CommonJS target is required, as `node file.js` would run it: through the ESM loader, Node 20
  // and 22 give its require() an ES-module shim that fails on require(esm) ("request for
  // 'node:crypto' is not in cache").
  const namespace = (
    moduleFormatOf(targetFile) === 'cjs' ? { default: createRequire(targetFile)(targetFile) } : await import(targetUrl)
  ) as { default?: unknown };
  const scope = (globalThis as Record<symbol, unknown>)[Symbol.for(SCOPE_KEY)];
  if (typeof scope !== 'function') {
    throw new Error(
      `${path.basename(targetFile)} loaded, but Hotline could not reach its scope${needsTranspile(targetFile) ? '' : ' (is it loaded through another path?)'}.`,
    );
  }
  return moduleFormatOf(targetFile) === 'cjs'
    ? withExportsInScope(scope as ScopeEval, namespace.default)
    : (scope as ScopeEval);
}

/**
 * In a CommonJS module, `exports.total = …` (and TypeScript's emit of `export const total`) binds no
 * local name, yet it is the module's own value, as a Python module's globals are: such exports are
 * declared for each statement, read from `module.exports` when the statement is compiled.
 */
function withExportsInScope(scope: ScopeEval, exported: unknown): ScopeEval {
  if ((typeof exported !== 'object' && typeof exported !== 'function') || exported === null) return scope;
  const unbound = Object.keys(exported).filter((name) => {
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) return false;
    try {
      return scope(`(() => { try { void ${name}; return false; } catch { return true; } })()`) === true;
    } catch {
      return false; // a reserved word
    }
  });
  if (unbound.length === 0) return scope;
  const prelude = `const { ${unbound.join(', ')} } = module.exports; `; // same line: the code's line numbers are kept
  return (code) => scope(prelude + code);
}
