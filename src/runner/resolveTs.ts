// Resolution the way tsc and bundlers see a TypeScript project, for specifiers Node alone cannot
// resolve: `./wave.js` meaning wave.ts (tsc's node16 convention), extensionless `./wave` and
// directory `./dir` → index, and tsconfig `paths`/`baseUrl` aliases (`@lib/x`) through TypeScript's
// own resolver. Used by the ESM resolve hook and the CommonJS resolver alike.
import fs from 'node:fs';
import path from 'node:path';
import { compilerFor, projectConfig, type TranspileContext } from './typescriptHost';
import { needsTranspile } from './moduleFormat';

const isFile = (file: string) => fs.existsSync(file) && fs.statSync(file).isFile();

/** `./wave.js` → wave.ts first, then the specifier with each extension and as a directory index. */
function relativeCandidates(specifier: string): string[] {
  const out: string[] = [];
  const swapped = specifier
    .replace(/\.js$/, '.ts')
    .replace(/\.jsx$/, '.tsx')
    .replace(/\.mjs$/, '.mts')
    .replace(/\.cjs$/, '.cts');
  if (swapped !== specifier) out.push(swapped);
  if (specifier.endsWith('.js')) out.push(specifier.replace(/\.js$/, '.tsx'));
  for (const ext of [
    '.ts',
    '.tsx',
    '.mts',
    '.cts',
    '.js',
    '.jsx',
    '.mjs',
    '.cjs',
    '/index.ts',
    '/index.tsx',
    '/index.js',
  ])
    out.push(specifier + ext);
  return out;
}

export function isRelative(specifier: string): boolean {
  return (
    specifier.startsWith('./') ||
    specifier.startsWith('../') ||
    specifier === '.' ||
    specifier === '..' ||
    path.isAbsolute(specifier)
  );
}

/** A TypeScript-style relative import resolved to a file on disk, or undefined. */
export function resolveRelative(specifier: string, parentFile: string): string | undefined {
  const base = path.dirname(parentFile);
  for (const candidate of relativeCandidates(specifier)) {
    const file = path.resolve(base, candidate);
    if (isFile(file)) return file;
  }
  return undefined;
}

/** A bare specifier mapped by the tsconfig's `paths` (or `baseUrl`) to a source file, or undefined. */
export function resolveAlias(specifier: string, parentFile: string, context: TranspileContext): string | undefined {
  if (isRelative(specifier) || specifier.startsWith('node:')) return undefined;
  const { ts } = compilerFor(context.projectDir, context.hotlineDir);
  const { options } = projectConfig(ts, parentFile);
  if (!options.paths && !options.baseUrl) return undefined;
  const resolved = ts.resolveModuleName(
    specifier,
    parentFile,
    { ...options, moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext },
    ts.sys,
  ).resolvedModule;
  if (!resolved || resolved.isExternalLibraryImport || /\.d\.[mc]?ts$/.test(resolved.resolvedFileName))
    return undefined;
  return resolved.resolvedFileName;
}

/**
 * A package.json `imports` specifier (`#lib/x` → `./dist/lib/x.js`) from a TypeScript file: the
 * source file tsc maps it to through the tsconfig's rootDir/outDir, so that build output is never
 * run in place of the source (stale, or not built at all). Undefined where tsc finds no source.
 */
export function resolveImportsAlias(
  specifier: string,
  parentFile: string,
  context: TranspileContext,
): string | undefined {
  if (!specifier.startsWith('#') || !needsTranspile(parentFile)) return undefined;
  const { ts } = compilerFor(context.projectDir, context.hotlineDir);
  const { options } = projectConfig(ts, parentFile);
  if (!options.outDir) return undefined; // no build output to map back from
  const resolved = ts.resolveModuleName(
    specifier,
    parentFile,
    { ...options, moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext },
    ts.sys,
  ).resolvedModule;
  if (!resolved || resolved.isExternalLibraryImport || /\.d\.[mc]?ts$/.test(resolved.resolvedFileName))
    return undefined;
  return needsTranspile(resolved.resolvedFileName) ? resolved.resolvedFileName : undefined;
}
