// TypeScript → JavaScript for the child runner, with an inline source map so stack traces and
// profiles point at the original lines. esbuild when the user's project (or Hotline's own
// development install) has it; otherwise sucrase, which is bundled into the runner so a packaged
// .vsix without node_modules still runs .ts files. Both keep imports that are used as values and
// drop the ones that are only types.
import { createRequire } from 'node:module';
import path from 'node:path';
import { transform as sucraseTransform } from 'sucrase';

export type ModuleFormat = 'esm' | 'cjs';

interface EsbuildLike {
  version: string;
  transformSync(code: string, options: Record<string, unknown>): { code: string };
}

const TS_EXTENSIONS = /\.(m|c)?tsx?$/;

export function isTypeScript(file: string): boolean {
  return TS_EXTENSIONS.test(file);
}

let cachedEsbuild: { key: string; esbuild: EsbuildLike | null } | undefined;

/** esbuild from the first of `searchDirs` that has it: the user's project, then Hotline's own install. */
function findEsbuild(searchDirs: readonly string[]): EsbuildLike | null {
  const key = searchDirs.join('\0');
  if (cachedEsbuild?.key === key) return cachedEsbuild.esbuild;
  let found: EsbuildLike | null = null;
  for (const base of searchDirs) {
    try {
      found = createRequire(path.join(base, 'noop.js'))('esbuild') as EsbuildLike;
      break;
    } catch { /* not installed there */ }
  }
  cachedEsbuild = { key, esbuild: found };
  return found;
}

export function transpilerName(searchDirs: readonly string[]): string {
  const esbuild = findEsbuild(searchDirs);
  return esbuild ? `esbuild ${esbuild.version}` : 'sucrase';
}

/** Transpiles one TypeScript file; JSX in .tsx files is compiled with the classic React runtime. */
export function transpile(source: string, file: string, format: ModuleFormat, searchDirs: readonly string[]): string {
  const esbuild = findEsbuild(searchDirs);
  const jsx = /x$/.test(file);
  if (esbuild) {
    return esbuild.transformSync(source, {
      loader: jsx ? 'tsx' : 'ts', format, sourcemap: 'inline', sourcefile: file, target: 'node20',
    }).code;
  }
  const result = sucraseTransform(source, {
    transforms: format === 'cjs' ? ['typescript', 'imports', ...(jsx ? ['jsx' as const] : [])] : ['typescript', ...(jsx ? ['jsx' as const] : [])],
    filePath: file,
    sourceMapOptions: { compiledFilename: path.basename(file) },
    disableESTransforms: true,
  });
  const map = { ...result.sourceMap, sources: [file] };
  return `${result.code}\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`;
}

/** Name of the global through which the runner reaches the target module's scope. */
export const SCOPE_KEY = 'hotline.scope';

/**
 * Appends the scope hook to the target module: a direct eval inside the module sees its imports,
 * top-level functions and values, as IPython's namespace does. Inserted before the source-map
 * comment so that comment stays last and earlier lines keep their mappings.
 */
export function withScopeHook(code: string): string {
  const hook = `;globalThis[Symbol.for(${JSON.stringify(SCOPE_KEY)})] = (__hotline_code) => eval(__hotline_code);\n`;
  const mapAt = code.lastIndexOf('//# sourceMappingURL=');
  return mapAt >= 0 ? `${code.slice(0, mapAt)}\n${hook}${code.slice(mapAt)}` : `${code}\n${hook}`;
}
