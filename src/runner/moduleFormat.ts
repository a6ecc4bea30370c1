// The module format of a file exactly as Node decides it: .mjs/.mts are ES modules, .cjs/.cts are
// CommonJS, anything else follows the "type" of the nearest package.json ("module" → ESM, else
// CommonJS). TypeScript files get the format their .js twin would have, as tsc's node16 mode does.
import fs from 'node:fs';
import path from 'node:path';

export type ModuleFormat = 'esm' | 'cjs';

const packageTypeCache = new Map<string, ModuleFormat>();

/** The "type" of the nearest package.json above `dir` (Node stops at the first one it finds). */
function packageFormat(dir: string): ModuleFormat {
  const cached = packageTypeCache.get(dir);
  if (cached) return cached;
  let format: ModuleFormat = 'cjs';
  const manifest = path.join(dir, 'package.json');
  if (fs.existsSync(manifest)) {
    try {
      format = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { type?: unknown }).type === 'module' ? 'esm' : 'cjs';
    } catch {
      format = 'cjs'; // Node fails on a broken package.json later, with its own message
    }
  } else if (path.dirname(dir) !== dir) {
    format = packageFormat(path.dirname(dir));
  }
  packageTypeCache.set(dir, format);
  return format;
}

export function moduleFormatOf(file: string): ModuleFormat {
  if (/\.m[jt]s$/.test(file)) return 'esm';
  if (/\.c[jt]s$/.test(file)) return 'cjs';
  return packageFormat(path.dirname(file));
}

/** Files Node cannot run as they are: TypeScript, and JSX in .jsx files. */
export function needsTranspile(file: string): boolean {
  return /\.([mc]?ts|tsx|jsx)$/.test(file) && !file.endsWith('.d.ts');
}
