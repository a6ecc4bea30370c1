// TypeScript (and JSX) → JavaScript for the child runner, through TypeScript's own transpileModule
// with the project's tsconfig options that change the emitted code (decorators and their metadata,
// JSX runtime, class-field semantics, CommonJS interop), in the module format Node gives the file.
// An inline source map keeps stack traces and profiles on the original lines. Unlike a type-strip
// transpiler, nothing is dropped silently: namespaces, enums, decorators and parameter properties
// compile as tsc compiles them, and a construct TypeScript cannot compile alone is reported by
// name with file:line:col.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as TS from 'typescript';
import { disposeOnUsingLine } from './disposeLine';
import { addLineTrampolines } from './lineTrampolines';
import { moduleFormatOf, needsTranspile, type ModuleFormat } from './moduleFormat';
import { reexportNote } from './reexportNames';
import { mapInEditorLines } from './separatorLines';
import { TranspileError } from './transpileError';
import {
  chooseCompiler,
  compilerFor,
  compilerLabel,
  findTsconfig,
  flatten,
  projectConfig,
  type TranspileContext,
  type TypeScript,
} from './typescriptHost';

export { moduleFormatOf, needsTranspile };

export type { TranspileContext };

/** Emitted JavaScript runs on Node ≥ 20, whatever the tsconfig's target (only its class-field semantics are kept). */
const EMIT_TARGET = 'ES2022';

/** The tsconfig options that change what the emitted code does, plus Hotline's fixed ones. */
export function emitOptions(
  ts: TypeScript,
  project: TS.CompilerOptions,
  hasConfig: boolean,
  file: string,
  format: ModuleFormat,
): TS.CompilerOptions {
  const jsx = /x$/.test(file);
  const projectTarget = project.target ?? ts.ScriptTarget.ES5;
  return {
    target: ts.ScriptTarget[EMIT_TARGET],
    module: format === 'esm' ? ts.ModuleKind.ESNext : ts.ModuleKind.CommonJS,
    // tsc's rule (define semantics from ES2022 on) when there is a tsconfig; Node's own semantics without one.
    useDefineForClassFields:
      project.useDefineForClassFields ?? (hasConfig ? projectTarget >= ts.ScriptTarget.ES2022 : true),
    experimentalDecorators: project.experimentalDecorators,
    emitDecoratorMetadata: project.emitDecoratorMetadata,
    esModuleInterop: project.esModuleInterop ?? !hasConfig,
    allowSyntheticDefaultImports: project.allowSyntheticDefaultImports,
    alwaysStrict: project.alwaysStrict ?? project.strict,
    // Each file is compiled alone (as isolatedModules): a const enum imported from another file must exist there.
    preserveConstEnums: true,
    verbatimModuleSyntax: format === 'esm' ? project.verbatimModuleSyntax : undefined,
    ...(jsx ? jsxOptions(ts, project) : {}),
    // Helpers inline: a project that imports them from tslib may not have it installed for .ts sources.
    importHelpers: false,
    noEmitHelpers: false,
    sourceMap: true,
    inlineSourceMap: false,
    inlineSources: false,
    removeComments: false,
    declaration: false,
    allowJs: true,
  };
}

/** "preserve" (Next.js, Vite) leaves JSX for another tool; Hotline must run it, so it uses the automatic runtime. */
function jsxOptions(ts: TypeScript, project: TS.CompilerOptions): TS.CompilerOptions {
  const keep =
    project.jsx === ts.JsxEmit.React || project.jsx === ts.JsxEmit.ReactJSX || project.jsx === ts.JsxEmit.ReactJSXDev;
  return {
    jsx: keep ? project.jsx : ts.JsxEmit.ReactJSX,
    jsxFactory: project.jsxFactory,
    jsxFragmentFactory: project.jsxFragmentFactory,
    jsxImportSource: project.jsxImportSource,
  };
}

/** Thrown for code TypeScript reports as not compilable; the message starts with file:line:col. */
export { TranspileError };

interface Problem {
  file: string;
  line: number;
  column: number;
  text: string;
}

/**
 * CommonJS-only TypeScript syntax that transpileModule drops without a word when emitting an ES
 * module (`export =` vanishes, `import x = require()` leaves x unbound); tsc reports TS1202/TS1203.
 */
function commonJsOnlySyntax(ts: TypeScript, problems: Problem[]): TS.TransformerFactory<TS.SourceFile> {
  return () => (sourceFile) => {
    const report = (node: TS.Node, text: string) => {
      const { line, character } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
      problems.push({ file: sourceFile.fileName, line: line + 1, column: character + 1, text });
    };
    const esm = 'an ES module (a .mts file, or a .ts file in a package with "type": "module")';
    for (const statement of sourceFile.statements) {
      if (ts.isExportAssignment(statement) && statement.isExportEquals) {
        report(
          statement,
          `\`export =\` is CommonJS syntax and cannot be used in ${esm}; use \`export default\` (tsc: TS1203)`,
        );
      } else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) {
        report(
          statement,
          `\`import ${statement.name.text} = require(…)\` is CommonJS syntax and cannot be used in ${esm}; use \`import\` (tsc: TS1202)`,
        );
      }
    }
    return sourceFile;
  };
}

export function transpileWith(ts: TypeScript, source: string, file: string, options: TS.CompilerOptions): string {
  const problems: Problem[] = [];
  const esm = options.module === ts.ModuleKind.ESNext;
  const out = ts.transpileModule(source, {
    compilerOptions: options,
    fileName: file,
    reportDiagnostics: true,
    ...(esm ? { transformers: { before: [commonJsOnlySyntax(ts, problems)] } } : {}),
  });
  for (const d of out.diagnostics ?? []) {
    if (d.category !== ts.DiagnosticCategory.Error) continue;
    const at =
      d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
    problems.push({ file, line: at.line + 1, column: at.character + 1, text: `${flatten(ts, d)} (TS${d.code})` });
  }
  if (problems.length) {
    problems.sort((a, b) => a.line - b.line || a.column - b.column);
    throw new TranspileError(
      problems
        .slice(0, 5)
        .map((p) => `${file}:${p.line}:${p.column}: ${p.text}`)
        .join('\n'),
    );
  }
  const code = out.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
  const map = {
    ...disposeOnUsingLine(code, mapInEditorLines(code, source, JSON.parse(out.sourceMapText ?? '{"mappings":""}'))),
    sources: [file],
    file: path.basename(file),
  };
  return `${code}//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(map)).toString('base64')}\n`;
}

/** Compiles one file for Node, in the format Node gives it, through the on-disk cache. */
export function transpile(
  source: string,
  file: string,
  context: TranspileContext,
  format: ModuleFormat = moduleFormatOf(file),
): string {
  source = source.replace(/^\uFEFF/, ''); // as Node and tsc read it: a byte-order mark before a shebang is no error
  const key = cacheKey(source, file, format, context);
  let code = key && readCache(key);
  if (!code) {
    const { ts } = compilerFor(context.projectDir, context.hotlineDir);
    const config = projectConfig(ts, file);
    code = transpileWith(ts, source, file, emitOptions(ts, config.options, !!config.file, file, format));
    if (key) writeCache(key, code);
  }
  // Not cached: it depends on the re-exported files, read each time.
  const note =
    format === 'cjs' && /\bexport\s*\*/.test(source)
      ? reexportNote(compilerFor(context.projectDir, context.hotlineDir).ts, source, file)
      : '';
  return note ? code.replace(/\/\/# sourceMappingURL=[^\n]*\n?$/, (map) => note + map) : code;
}

/** A file of the user's with mprun's line trampolines in the functions it reports (see lineTrampolines.ts). */
export function withLineTrampolines(source: string, file: string, context: TranspileContext): string {
  const names = context.mprunNames;
  if (!names?.length || file.includes(`${path.sep}node_modules${path.sep}`)) return source;
  if (file.startsWith(context.hotlineDir + path.sep)) return source; // Hotline's own TypeScript, loading
  if (!names.some((n) => source.includes(n))) return source;
  const { ts } = compilerFor(context.projectDir, context.hotlineDir);
  return addLineTrampolines(ts, source.replace(/^\uFEFF/, ''), file, names)?.code ?? source;
}

/** The compiler that `transpile` uses for a project, by name (shown in results), without loading it. */
export function transpilerName(context: TranspileContext): string {
  return compilerLabel(chooseCompiler(context.projectDir, context.hotlineDir));
}

// The cache spares loading TypeScript (~0.3 s per run) when the code has not changed since the
// last run. Its key holds everything the output depends on; a tsconfig that `extends` another is
// not cached (its inputs are more than one file).
const CACHE_VERSION = 4;
const CACHE_LIMIT = 400;

function cacheDir(): string {
  return path.join(os.tmpdir(), `hotline-transpiled-${process.getuid?.() ?? 'user'}`);
}

function cacheKey(source: string, file: string, format: ModuleFormat, context: TranspileContext): string | undefined {
  const tsconfig = findTsconfig(path.dirname(file));
  const configText = tsconfig ? fs.readFileSync(tsconfig, 'utf8') : '';
  if (/"extends"\s*:/.test(configText)) return undefined;
  return crypto
    .createHash('sha256')
    .update(JSON.stringify([CACHE_VERSION, transpilerName(context), file, format, tsconfig, configText, source]))
    .digest('hex');
}

function readCache(key: string): string | undefined {
  try {
    return fs.readFileSync(path.join(cacheDir(), `${key}.js`), 'utf8');
  } catch {
    return undefined;
  }
}

function writeCache(key: string, code: string): void {
  try {
    const dir = cacheDir();
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const temp = path.join(dir, `${key}.${process.pid}.tmp`);
    fs.writeFileSync(temp, code);
    fs.renameSync(temp, path.join(dir, `${key}.js`));
    const entries = fs.readdirSync(dir);
    if (entries.length > CACHE_LIMIT) {
      const byAge = entries
        .map((name) => ({ name, mtime: fs.statSync(path.join(dir, name)).mtimeMs }))
        .sort((a, b) => a.mtime - b.mtime);
      for (const { name } of byAge.slice(0, entries.length - CACHE_LIMIT / 2))
        fs.rmSync(path.join(dir, name), { force: true });
    }
  } catch {
    /* a cache that cannot be written only costs time */
  }
}

/** Name of the global through which the runner reaches the target module's scope. */
export const SCOPE_KEY = 'hotline.scope';

/** An ES module that declares or imports a name `exports` of its own keeps it. */
const declaresExports = (code: string) =>
  /\b(?:const|let|var|function|class)\s+exports\b|\bas\s+exports\b|import\s+exports\b|[{,]\s*exports\s*[,}]/.test(code);

/**
 * Appends the scope hook to the target module: a direct eval inside the module sees its imports,
 * top-level functions and values, as IPython's namespace does. An ES module target (`selfUrl`) also
 * gets `exports`, its own namespace (a module may import itself), so an anonymous default export is
 * `exports.default` as in CommonJS. Inserted before the source-map comment so that comment stays
 * last and earlier lines keep their mappings.
 */
export function withScopeHook(code: string, selfUrl?: string): string {
  let hook = `;globalThis[Symbol.for(${JSON.stringify(SCOPE_KEY)})] = (__hotline_code) => eval(__hotline_code);\n`;
  if (code.includes(hook)) return code; // added by the loader hook already
  if (selfUrl && !declaresExports(code)) hook += `import * as exports from ${JSON.stringify(selfUrl)};\n`;
  const mapAt = code.lastIndexOf('//# sourceMappingURL=');
  return mapAt >= 0 ? `${code.slice(0, mapAt)}\n${hook}${code.slice(mapAt)}` : `${code}\n${hook}`;
}
