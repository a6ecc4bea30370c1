// Time / Profile / Explain "with inputs from the run": the user's command run again unchanged, with
// the arguments of a function's first calls captured in every process (runner/captureInputs.ts),
// and the statement and setup that replay the first usable call (core/run/capture.ts).
// No vscode import: shared with the CLI.
import fs from 'node:fs';
import path from 'node:path';
import type * as TS from 'typescript';
import {
  capturedInputs,
  parseCapturedCall,
  usableCalls,
  type CapturedCall,
  type CaptureSpec,
} from '../core/run/capture';
import { qualifiedName } from '../core/source/functionSymbols';
import { compilerFor, type TypeScript } from '../runner/typescriptHost';
import { runUnchanged, type CommandRequest } from './commandRun';
import { projectDirOf } from './projectDir';
import { locateFunction, type FoundFunction } from './propose/locate';

export interface CaptureRequest extends CommandRequest {
  /** The function's file and its name as Hotline names it (`parse`, `api.math.triple`). */
  file: string;
  name: string;
  /** dist/runner.js: the TypeScript beside it reads the file when the project has none. */
  runnerPath: string;
  /** Where the captured calls are kept (the setup reads them from there). */
  inputsDir: string;
  /** Calls captured per process (default 3). */
  max?: number;
}

export type CaptureOutcome =
  | {
      ok: true;
      /** `name` and the 1-based line where it starts. */
      function: { name: string; line: number };
      calls: CapturedCall[];
      /** The statement and setup replaying the first usable call. */
      proposal?: { statement: string; setup: string; call: CapturedCall };
      exitCode: number | null;
    }
  | { ok: false; message: string };

/** Where to stop and what to take, from the function's syntax. */
export function captureSpecOf(
  ts: TypeScript,
  sourceFile: TS.SourceFile,
  found: FoundFunction,
): { spec: Omit<CaptureSpec, 'file' | 'max' | 'dir'>; callee: string } | { problem: string } {
  const { located, node } = found;
  if (located.className)
    return {
      problem: `${qualifiedName(located)} is a class member: its \`this\` cannot be replayed; time it with a proposal of its own`,
    };
  if (located.kind !== 'function' && located.kind !== 'method')
    return { problem: `${qualifiedName(located)} is an accessor: it has no call to replay` };
  if (located.name === 'default') return { problem: 'a default export has no name to call it by in its module' };
  const body = (node as { body?: TS.Node }).body;
  if (!body) return { problem: `${qualifiedName(located)} has no body` };
  const first = ts.isBlock(body) ? (body.statements[0] ?? body) : body;
  const offset = first === body && ts.isBlock(body) ? body.getStart(sourceFile) + 1 : first.getStart(sourceFile);
  const at = sourceFile.getLineAndCharacterOfPosition(offset);
  let params: string[] | null = [];
  for (const p of node.parameters) {
    if (ts.isIdentifier(p.name) && p.name.text === 'this') continue; // TypeScript's `this` type
    if (!ts.isIdentifier(p.name)) {
      params = null;
      break;
    }
    params.push(`${p.dotDotDotToken ? '...' : ''}${p.name.text}`);
  }
  if (params === null && ts.isArrowFunction(node))
    return {
      problem: `${qualifiedName(located)} destructures its parameters and, as an arrow function, has no \`arguments\` to take them from`,
    };
  return { spec: { line: at.line + 1, column: at.character + 1, params }, callee: qualifiedName(located) };
}

function findTarget(req: CaptureRequest) {
  const file = path.resolve(req.file);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { problem: `${req.file}: no such file` };
  }
  const { ts } = compilerFor(projectDirOf(file), path.dirname(req.runnerPath));
  const kind = /\.[cm]?tsx$|\.jsx$/.test(file)
    ? ts.ScriptKind.TSX
    : /\.[cm]?ts$/.test(file)
      ? ts.ScriptKind.TS
      : ts.ScriptKind.JS;
  const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found = locateFunction(ts, sourceFile, req.name);
  if (!found) return { problem: `no function named ${req.name} in ${path.basename(file)}` };
  const of = captureSpecOf(ts, sourceFile, found);
  return 'problem' in of ? of : { ...of, file, line: found.located.startLine + 1 };
}

export async function runCapture(req: CaptureRequest): Promise<CaptureOutcome> {
  const target = findTarget(req);
  if ('problem' in target) return { ok: false, message: target.problem ?? 'no function' };
  fs.mkdirSync(req.inputsDir, { recursive: true });
  for (const f of fs.readdirSync(req.inputsDir)) if (/^call-/.test(f)) fs.rmSync(path.join(req.inputsDir, f));
  const spec: CaptureSpec = { ...target.spec, file: target.file, max: req.max ?? 3, dir: req.inputsDir };
  req.onProgress?.(`running ${[req.command, ...req.args].join(' ')} to capture the arguments of ${target.callee}`);
  const ran = await runUnchanged(req, { env: { HOTLINE_CAPTURE: JSON.stringify(spec) } });
  if (!ran.ok) return { ok: false, message: ran.message };
  const calls = fs
    .readdirSync(req.inputsDir)
    .filter((f) => /^call-.*\.json$/.test(f))
    .map((f) => parseCapturedCall(fs.readFileSync(path.join(req.inputsDir, f), 'utf8')))
    .filter((c): c is CapturedCall => !!c)
    .sort((a, b) => a.time - b.time);
  const first = usableCalls(calls)[0];
  return {
    ok: true,
    function: { name: target.callee, line: target.line },
    calls,
    proposal: first && {
      ...capturedInputs(target.callee, target.spec.params, first.argCount, first.file!),
      call: first,
    },
    exitCode: ran.exitCode,
  };
}
