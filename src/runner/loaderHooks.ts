// ESM loader hooks (registered by the runner with module.register; they run on Node's loader
// thread): resolve TypeScript specifiers the way tsc/bundlers do, transpile .ts files, and add
// the scope hook to the target module.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isTypeScript, transpile, withScopeHook } from './transpile';

interface HookData { targetUrl: string; esbuildSearchDirs: string[] }
let data: HookData = { targetUrl: '', esbuildSearchDirs: [] };

export function initialize(d: HookData): void {
  data = d;
}

type Resolve = (specifier: string, context: { parentURL?: string }) => Promise<{ url: string; format?: string | null }>;
type Load = (url: string, context: { format?: string | null }) => Promise<{ format: string; source?: string | Buffer | null; shortCircuit?: boolean }>;

/** `./wave`, `./wave.js` (tsc's convention for wave.ts), `./dir` → index. */
function candidates(specifier: string): string[] {
  const out: string[] = [];
  const swapped = specifier.replace(/\.js$/, '.ts').replace(/\.jsx$/, '.tsx').replace(/\.mjs$/, '.mts').replace(/\.cjs$/, '.cts');
  if (swapped !== specifier) out.push(swapped);
  for (const ext of ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js']) out.push(specifier + ext);
  return out;
}

export async function resolve(specifier: string, context: { parentURL?: string }, next: Resolve) {
  try {
    return await next(specifier, context);
  } catch (error) {
    const relative = specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('file:');
    if (!relative || !context.parentURL?.startsWith('file:')) throw error;
    const base = path.dirname(fileURLToPath(context.parentURL));
    for (const candidate of candidates(specifier)) {
      const file = candidate.startsWith('file:') ? fileURLToPath(candidate) : path.resolve(base, candidate);
      if (fs.existsSync(file) && fs.statSync(file).isFile()) return { url: pathToFileURL(file).href, shortCircuit: true };
    }
    throw error;
  }
}

export async function load(url: string, context: { format?: string | null }, next: Load) {
  if (!url.startsWith('file:')) return next(url, context);
  const file = fileURLToPath(url);
  const isTarget = url === data.targetUrl;
  if (isTypeScript(file) && !file.endsWith('.cts')) {
    const code = transpile(fs.readFileSync(file, 'utf8'), file, 'esm', data.esbuildSearchDirs);
    return { format: 'module', source: isTarget ? withScopeHook(code) : code, shortCircuit: true };
  }
  const loaded = await next(url, context);
  // CommonJS targets get their hook from the runner's Module.prototype._compile patch instead.
  if (isTarget && loaded.format === 'module' && loaded.source != null) {
    return { ...loaded, source: withScopeHook(loaded.source.toString()) };
  }
  return loaded;
}
