// Which TypeScript compiles the user's files, and with which of their tsconfig's options.
// The project's own `typescript` when it has one (its version matches its tsconfig), else the copy
// Hotline ships in dist/typescript.js: the packaged .vsix and the CLI take the same path.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import type * as TS from 'typescript';
import { TranspileError } from './transpileError';

export interface TranspileContext {
  /** The user's project (nearest package.json): where its own TypeScript is looked for. */
  projectDir: string;
  /** Hotline's dist directory: its shipped TypeScript. */
  hotlineDir: string;
  /** mprun: the functions whose allocation sites get line trampolines (lineTrampolines.ts). */
  mprunNames?: string[];
}

export type TypeScript = typeof TS;

export interface Compiler {
  ts: TypeScript;
  /** e.g. "TypeScript 5.9.3 (the project's)" */
  label: string;
}

/** The oldest TypeScript whose transpileModule knows every option Hotline passes. */
const MIN_PROJECT_VERSION = [4, 7];
const compilerCache = new Map<string, Compiler>();

function atLeast(version: string, min: number[]): boolean {
  const [major, minor] = version.split('.').map(Number);
  return major > min[0] || (major === min[0] && minor >= min[1]);
}

/** dist/typescript: the copy of TypeScript that scripts/build.mjs puts beside the runner. */
const shippedDir = (hotlineDir: string) => path.join(hotlineDir, 'typescript');

function versionAt(manifest: string): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** Which TypeScript a project gets, decided from package.json files alone (TypeScript itself loads in ~0.3 s). */
export interface CompilerChoice {
  source: 'project' | 'hotline';
  dir: string;
  version: string;
}

const choiceCache = new Map<string, CompilerChoice>();

/** Decided once per project for a run: every compiled file asks (its cache key and its label name it). */
export function chooseCompiler(projectDir: string, hotlineDir: string): CompilerChoice {
  const key = `${projectDir}\0${hotlineDir}`;
  let choice = choiceCache.get(key);
  if (!choice) {
    choice = projectCompiler(projectDir) ?? {
      source: 'hotline',
      dir: shippedDir(hotlineDir),
      version: versionAt(path.join(shippedDir(hotlineDir), 'package.json')) ?? '?',
    };
    choiceCache.set(key, choice);
  }
  return choice;
}

function projectCompiler(projectDir: string): CompilerChoice | undefined {
  try {
    const manifest = createRequire(path.join(projectDir, 'noop.js')).resolve('typescript/package.json');
    const version = versionAt(manifest);
    if (version && atLeast(version, MIN_PROJECT_VERSION))
      return { source: 'project', dir: path.dirname(manifest), version };
  } catch {
    /* the project has no TypeScript of its own */
  }
  return undefined;
}

export function compilerLabel(choice: CompilerChoice): string {
  return `TypeScript ${choice.version} (${choice.source === 'project' ? "the project's" : "Hotline's"})`;
}

/** The compiler for a file in `projectDir`: the project's TypeScript if installed there, else Hotline's. */
export function compilerFor(projectDir: string, hotlineDir: string): Compiler {
  const cached = compilerCache.get(projectDir);
  if (cached) return cached;
  const choice = chooseCompiler(projectDir, hotlineDir);
  const ts = createRequire(path.join(choice.dir, 'noop.js'))(choice.dir) as TypeScript;
  const compiler = { ts, label: compilerLabel(choice) };
  compilerCache.set(projectDir, compiler);
  return compiler;
}

export interface ProjectConfig {
  /** tsconfig.json that applies, if any. */
  file?: string;
  options: TS.CompilerOptions;
  /** Problems in the tsconfig itself, reported as notes rather than failing the run. */
  problems: string[];
}

const configCache = new Map<string, ProjectConfig>();

/** The nearest tsconfig.json above `dir`, as tsc finds it for a file in `dir`. */
const tsconfigOfDir = new Map<string, string | undefined>();

export function findTsconfig(dir: string): string | undefined {
  if (!tsconfigOfDir.has(dir)) {
    const candidate = path.join(dir, 'tsconfig.json');
    const parent = path.dirname(dir);
    tsconfigOfDir.set(dir, fs.existsSync(candidate) ? candidate : parent === dir ? undefined : findTsconfig(parent));
  }
  return tsconfigOfDir.get(dir);
}

/** compilerOptions of the tsconfig that applies to `file`, with `extends` followed by TypeScript itself. */
export function projectConfig(ts: TypeScript, file: string): ProjectConfig {
  const configFile = findTsconfig(path.dirname(file));
  if (!configFile) return { options: {}, problems: [] };
  const cached = configCache.get(configFile);
  if (cached) return cached;
  const problems: string[] = [];
  // A tsconfig that cannot be read, or extends one that is not there, would compile the code with
  // other semantics (legacy decorators lost, say): refused by name, as tsc refuses it.
  const json = ts.readJsonConfigFile(configFile, ts.sys.readFile);
  const syntax = (json as unknown as { parseDiagnostics?: TS.Diagnostic[] }).parseDiagnostics ?? [];
  if (syntax.length) throw unreadableConfig(ts, configFile, syntax[0]);
  // No file list is needed: only the options are used, so `include`/`files` errors are not ours.
  const parsed = ts.parseJsonSourceFileConfigFileContent(json, ts.sys, path.dirname(configFile), undefined, configFile);
  const options = parsed.options;
  for (const d of parsed.errors) {
    if (UNREADABLE_CONFIG.has(d.code)) throw unreadableConfig(ts, configFile, d);
    if (d.code !== 18003 /* no inputs found */) problems.push(flatten(ts, d));
  }
  const config = { file: configFile, options, problems };
  configCache.set(configFile, config);
  return config;
}

/** TS6053 (an `extends` or file not found), TS5083 (cannot read file), TS18001 (a config that extends itself). */
const UNREADABLE_CONFIG = new Set([6053, 5083, 18001]);

function unreadableConfig(ts: TypeScript, configFile: string, d: TS.Diagnostic): TranspileError {
  const at =
    d.file && d.start !== undefined && d.file.fileName === configFile
      ? d.file.getLineAndCharacterOfPosition(d.start)
      : { line: 0, character: 0 };
  const fix = d.code === 6053 ? 'install the package it extends, or fix the path' : 'fix it';
  return new TranspileError(
    `${configFile}:${at.line + 1}:${at.character + 1}: tsconfig.json cannot be used: ${flatten(ts, d)} (TS${d.code}); tsc refuses it too: ${fix}`,
  );
}

export function flatten(ts: TypeScript, d: TS.Diagnostic): string {
  return ts.flattenDiagnosticMessageText(d.messageText, '\n');
}
