// An unsaved (untitled) editor buffer as a module the runner can load: its text in a fresh
// temporary folder, named after the buffer with the extension of its language, in an ES module
// package when the text uses import/export syntax (else CommonJS, as Node would take a loose .js).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const EXTENSIONS: Record<string, string> = {
  typescript: '.ts',
  typescriptreact: '.tsx',
  javascript: '.js',
  javascriptreact: '.jsx',
};

export interface ScratchModule {
  file: string;
  /** Removes the folder; safe to call twice. */
  dispose(): void;
}

export function usesModuleSyntax(text: string): boolean {
  return /^\s*(import\s*[{*'"]|import\s+[\w$]|export\s)/m.test(text);
}

export function writeScratchModule(text: string, languageId: string, bufferName: string): ScratchModule {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-untitled-'));
  const base = bufferName.replace(/[^\w.-]+/g, '_').replace(/\.[jt]sx?$/, '') || 'Untitled';
  const file = path.join(dir, `${base}${EXTENSIONS[languageId] ?? '.js'}`);
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ type: usesModuleSyntax(text) ? 'module' : 'commonjs' }),
  );
  fs.writeFileSync(file, text);
  return { file, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
