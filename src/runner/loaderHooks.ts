// ESM loader hooks: resolve TypeScript specifiers and tsconfig aliases, compile TypeScript/JSX files
// in the format Node gives them (an ES module, or CommonJS source that Node runs and reads exports
// from), and add the scope hook to the target module. Two ways in, one logic:
//  - `module.registerHooks` (Node ≥ 22.15): synchronous hooks on the runner's own thread, through
//    `inThreadHooks`. Node 26 deprecates `module.register` (DEP0205, printed on every run).
//  - `module.register` (Node 20): this file is also bundled alone (dist/loader-hooks.mjs) and runs
//    on Node's loader thread, through the async `initialize`/`resolve`/`load` exports.
// Files required from CommonJS without going through here use the require hooks in moduleLoader.ts.
import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isRelative, resolveAlias, resolveImportsAlias, resolveRelative } from './resolveTs';
import {
  moduleFormatOf,
  needsTranspile,
  transpile,
  withLineTrampolines,
  withScopeHook,
  type TranspileContext,
} from './transpile';

export interface HookData extends TranspileContext {
  targetUrl: string;
}
let data: HookData = { targetUrl: '', projectDir: '', hotlineDir: '' };

interface ResolveContext {
  parentURL?: string;
}
interface Resolved {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}
interface Loaded {
  format?: string | null;
  source?: string | Buffer | Uint8Array | null;
  shortCircuit?: boolean;
}

/** Where Node's own resolution failed: TypeScript's resolution (./x.js → x.ts, tsconfig paths). */
function resolveFallback(specifier: string, context: ResolveContext, error: unknown): Resolved {
  if (!context.parentURL?.startsWith('file:')) throw error;
  const parent = fileURLToPath(context.parentURL);
  const target = specifier.startsWith('file:') ? fileURLToPath(specifier) : specifier;
  const file = isRelative(target) ? resolveRelative(target, parent) : resolveAlias(target, parent, data);
  if (file) return { url: pathToFileURL(file).href, shortCircuit: true };
  throw error;
}

/** A `#alias` of package.json `imports` that tsc maps to a source file: before Node's resolution, which would find build output. */
function resolveToSource(specifier: string, context: ResolveContext): Resolved | undefined {
  if (!specifier.startsWith('#') || !context.parentURL?.startsWith('file:')) return undefined;
  const file = resolveImportsAlias(specifier, fileURLToPath(context.parentURL), data);
  return file ? { url: pathToFileURL(file).href, shortCircuit: true } : undefined;
}

/** A file Hotline compiles itself (TypeScript, JSX), or undefined to let Node load it. */
function loadCompiled(url: string): Loaded | undefined {
  if (!url.startsWith('file:')) return undefined;
  const file = fileURLToPath(url);
  if (!needsTranspile(file)) return undefined;
  // The format Node would give the file's .js twin. A CommonJS source is also what Node's lexer reads
  // for the named exports an ES module imports from it (Node ≥ 20.17; older 20.x runs it through the
  // require hooks instead, with a default export only).
  const format = moduleFormatOf(file);
  const code = transpile(withLineTrampolines(fs.readFileSync(file, 'utf8'), file, data), file, data, format);
  return {
    format: format === 'cjs' ? 'commonjs' : 'module',
    source: url === data.targetUrl ? withScopeHook(code, format === 'esm' ? url : undefined) : code,
    shortCircuit: true,
  };
}

/**
 * An ES module that Node loaded: the target gets the scope hook (CommonJS ones get it from
 * _compile), and any file of the user's mprun's line trampolines.
 */
function withTargetHook(url: string, loaded: Loaded): Loaded {
  const isTarget = url === data.targetUrl;
  if (loaded.format !== 'module' || loaded.source == null || !url.startsWith('file:')) return loaded;
  if (!isTarget && !data.mprunNames?.length) return loaded;
  // Decoded as Node decodes a module: a byte-order mark dropped (one before a shebang is a syntax error in the text).
  const text =
    typeof loaded.source === 'string' ? loaded.source.replace(/^\uFEFF/, '') : new TextDecoder().decode(loaded.source);
  const code = withLineTrampolines(text, fileURLToPath(url), data);
  if (!isTarget) return code === text ? loaded : { ...loaded, source: code };
  return { ...loaded, source: withScopeHook(code, url) };
}

// Off-thread hooks, for module.register.
export function initialize(d: HookData): void {
  data = d;
}

export async function resolve(
  specifier: string,
  context: ResolveContext,
  next: (s: string, c: ResolveContext) => Promise<Resolved>,
) {
  const source = resolveToSource(specifier, context);
  if (source) return source;
  try {
    return await next(specifier, context);
  } catch (error) {
    return resolveFallback(specifier, context, error);
  }
}

export async function load(url: string, context: object, next: (u: string, c: object) => Promise<Loaded>) {
  return loadCompiled(url) ?? withTargetHook(url, await next(url, context));
}

/** The same hooks, synchronous, for module.registerHooks on the runner's thread. */
export function inThreadHooks(d: HookData) {
  data = d;
  return {
    resolve(specifier: string, context: ResolveContext, next: (s: string, c: ResolveContext) => Resolved): Resolved {
      const source = resolveToSource(specifier, context);
      if (source) return source;
      try {
        return next(specifier, context);
      } catch (error) {
        return resolveFallback(specifier, context, error);
      }
    },
    load(url: string, context: object, next: (u: string, c: object) => Loaded): Loaded {
      return loadCompiled(url) ?? withTargetHook(url, next(url, context));
    },
  };
}
