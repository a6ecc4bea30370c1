// Loads the user's module so that statements can be evaluated in its scope (see transpile.ts for
// the scope hook): ESM and TypeScript through loader hooks, CommonJS through the require machinery.
import Module, { register } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isTypeScript, SCOPE_KEY, transpile, withScopeHook } from './transpile';

export type ScopeEval = (code: string) => unknown;

interface CompilableModule { _compile(content: string, filename: string): unknown }
type Extensions = Record<string, (module: CompilableModule, filename: string) => void>;

function installCommonJsHooks(targetFile: string, esbuildSearchDirs: string[]): void {
  const proto = Module.prototype as unknown as CompilableModule;
  const originalCompile = proto._compile;
  proto._compile = function (content: string, filename: string) {
    return originalCompile.call(this, filename === targetFile ? withScopeHook(content) : content, filename);
  };
  const extensions = (Module as unknown as { _extensions: Extensions })._extensions;
  for (const ext of ['.ts', '.tsx', '.cts', '.mts']) {
    extensions[ext] = (module, filename) => module._compile(transpile(fs.readFileSync(filename, 'utf8'), filename, 'cjs', esbuildSearchDirs), filename);
  }
}

/** Imports the target and returns an eval bound to its module scope. */
export async function loadTarget(targetFile: string, esbuildSearchDirs: string[], loaderHooksUrl: string): Promise<ScopeEval> {
  if (typeof register !== 'function') throw new Error(`Hotline needs Node.js 20.6 or later to load modules (this is ${process.version}); set hotline.nodePath.`);
  const targetUrl = pathToFileURL(targetFile).href;
  register(loaderHooksUrl, { data: { targetUrl, esbuildSearchDirs } });
  installCommonJsHooks(targetFile, esbuildSearchDirs);
  await import(targetUrl);
  const scope = (globalThis as Record<symbol, unknown>)[Symbol.for(SCOPE_KEY)];
  if (typeof scope !== 'function') {
    throw new Error(`${path.basename(targetFile)} loaded, but Hotline could not reach its scope${isTypeScript(targetFile) ? '' : ' (is it loaded through another path?)'}.`);
  }
  return scope as ScopeEval;
}
