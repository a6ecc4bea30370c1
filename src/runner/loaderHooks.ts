// ESM loader hooks (registered by the runner with module.register; they run on Node's loader
// thread): resolve TypeScript specifiers and tsconfig aliases, compile TypeScript/JSX files in the
// format Node gives them (an ES module, or CommonJS source that Node runs and reads exports from),
// and add the scope hook to the target module. Files required from CommonJS without going through
// here use the require hooks in moduleLoader.ts.
import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isRelative, resolveAlias, resolveRelative } from './resolveTs';
import { moduleFormatOf, needsTranspile, transpile, withScopeHook, type TranspileContext } from './transpile';

interface HookData extends TranspileContext {
  targetUrl: string;
}
let data: HookData = { targetUrl: '', projectDir: '', hotlineDir: '' };

export function initialize(d: HookData): void {
  data = d;
}

type Resolve = (specifier: string, context: { parentURL?: string }) => Promise<{ url: string; format?: string | null }>;
type Load = (
  url: string,
  context: { format?: string | null },
) => Promise<{ format: string; source?: string | Buffer | null; shortCircuit?: boolean }>;

export async function resolve(specifier: string, context: { parentURL?: string }, next: Resolve) {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (!context.parentURL?.startsWith('file:')) throw error;
    const parent = fileURLToPath(context.parentURL);
    const target = specifier.startsWith('file:') ? fileURLToPath(specifier) : specifier;
    const file = isRelative(target) ? resolveRelative(target, parent) : resolveAlias(target, parent, data);
    if (file) return { url: pathToFileURL(file).href, shortCircuit: true };
    throw error;
  }
}

export async function load(url: string, context: { format?: string | null }, next: Load) {
  if (!url.startsWith('file:')) return next(url, context);
  const file = fileURLToPath(url);
  const isTarget = url === data.targetUrl;
  if (needsTranspile(file)) {
    // The format Node would give the file's .js twin. A CommonJS source is also what Node's lexer reads
    // for the named exports an ES module imports from it (Node ≥ 20.17; older 20.x runs it through the
    // require hooks instead, with a default export only).
    const format = moduleFormatOf(file);
    const code = transpile(fs.readFileSync(file, 'utf8'), file, data, format);
    return {
      format: format === 'cjs' ? 'commonjs' : 'module',
      source: isTarget ? withScopeHook(code, format === 'esm' ? url : undefined) : code,
      shortCircuit: true,
    };
  }
  const loaded = await next(url, context);
  // CommonJS targets get their hook from the runner's Module.prototype._compile patch instead.
  if (isTarget && loaded.format === 'module' && loaded.source != null) {
    return { ...loaded, source: withScopeHook(loaded.source.toString(), url) };
  }
  return loaded;
}
