// In every process of a capture run (HOTLINE_CAPTURE, core/run/capture.ts): a conditional
// breakpoint at the function body's first position, set through this thread's own inspector
// session as the script is compiled (before it runs), whose condition hands the call's arguments to
// __hotlineCapture and answers false, so the program never pauses. The first calls are written
// with v8.serialize (the structured clone), each with a note of what could not be kept.
// A script whose URL is not the function's file (tsc output, a bundle) is matched through its
// source map, and the position mapped to the code V8 runs.
import { generatedPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import fs from 'node:fs';
import inspector from 'node:inspector';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { types } from 'node:util';
import v8 from 'node:v8';
import { threadId } from 'node:worker_threads';
import { captureCondition, type CaptureSpec } from '../core/run/capture';
import { sourceMapOfRef } from '../core/source/sourceMapping';

const pathOf = (url: string): string => {
  try {
    return url.startsWith('file://') ? fileURLToPath(url) : url;
  } catch {
    return url;
  }
};

/** Why an argument does not survive the structured clone as it was, if it does not. */
function lossOf(value: unknown, i: number): { fatal: boolean; problem: string } | undefined {
  const which = `argument ${i + 1}`;
  if (typeof value === 'function') return { fatal: true, problem: `${which} is a function, which cannot be cloned` };
  if (typeof value === 'symbol') return { fatal: true, problem: `${which} is a symbol, which cannot be cloned` };
  if (!value || typeof value !== 'object') return undefined;
  if (types.isProxy(value)) return { fatal: true, problem: `${which} is a Proxy, which cannot be cloned` };
  const proto = Object.getPrototypeOf(value) as object | null;
  const builtin =
    proto === null ||
    proto === Object.prototype ||
    Array.isArray(value) ||
    types.isDate(value) ||
    types.isRegExp(value) ||
    types.isMap(value) ||
    types.isSet(value) ||
    types.isTypedArray(value) ||
    types.isAnyArrayBuffer(value) ||
    types.isNativeError(value) ||
    types.isBoxedPrimitive(value);
  if (builtin) return undefined;
  const name = (proto as { constructor?: { name?: string } }).constructor?.name || 'object of a class';
  return { fatal: false, problem: `${which} is a ${name}: it arrives as a plain object, without its methods` };
}

export function installCapture(spec: CaptureSpec): void {
  let taken = 0;
  const session = new inspector.Session();
  const breakpoints: string[] = [];
  /** Enough calls: the breakpoints go (a condition evaluated on every call costs ~100 µs a call), then the debugger. */
  const done = () => {
    for (const breakpointId of breakpoints.splice(0)) session.post('Debugger.removeBreakpoint', { breakpointId });
    // Not from inside the condition (V8 crashes disabling its debugger while it evaluates one): later.
    setImmediate(() => session.post('Debugger.disable')).unref();
  };
  (globalThis as { __hotlineCapture?: (args: unknown[]) => boolean }).__hotlineCapture = (args) => {
    if (taken >= spec.max) return false;
    taken++;
    if (taken === spec.max) done();
    const base = path.join(spec.dir, `call-${process.pid}-${threadId}-${taken}`);
    const problems: string[] = [];
    let fatal = false;
    args.forEach((a, i) => {
      const loss = lossOf(a, i);
      if (loss) problems.push(loss.problem);
      if (loss?.fatal) fatal = true;
    });
    let file: string | undefined;
    if (!fatal) {
      try {
        fs.writeFileSync(`${base}.bin`, v8.serialize({ args }));
        file = `${base}.bin`;
      } catch (e) {
        problems.push(`the arguments could not be cloned: ${(e as Error).message}`);
      }
    }
    const note = { pid: process.pid, index: taken, time: Date.now(), file, argCount: args.length, problems };
    try {
      fs.writeFileSync(`${base}.json`, JSON.stringify(note));
    } catch {
      // the capture folder is gone: the run was stopped
    }
    return false;
  };

  session.connect();
  const condition = captureCondition(spec.params);
  session.on('Debugger.scriptParsed', ({ params }) => {
    const at = positionIn(params.url, params.sourceMapURL, spec);
    if (!at || taken >= spec.max) return;
    session.post(
      'Debugger.setBreakpoint',
      { location: { scriptId: params.scriptId, lineNumber: at.line - 1, columnNumber: at.column - 1 }, condition },
      (error, result) => {
        if (!error && result) breakpoints.push(result.breakpointId);
      },
    );
  });
  session.post('Debugger.enable');
}

/** The function's body in this script (1-based), directly or through the script's source map. */
function positionIn(url: string, sourceMapURL: string | undefined, spec: CaptureSpec) {
  const file = pathOf(url);
  if (file === spec.file) {
    // A transpiled copy of the file itself (tsx, vitest) carries its map inline.
    const viaMap = sourceMapURL ? mapped(file, sourceMapURL, spec) : undefined;
    return viaMap ?? { line: spec.line, column: spec.column };
  }
  if (!sourceMapURL || !path.isAbsolute(file) || file.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
  return mapped(file, sourceMapURL, spec);
}

function mapped(script: string, sourceMapURL: string, spec: CaptureSpec) {
  try {
    const found = sourceMapOfRef(sourceMapURL, script, (file) => fs.readFileSync(file, 'utf8'));
    if (!found) return undefined;
    const map = new TraceMap(found.json, found.mapPath);
    const source = map.resolvedSources.find((s) => s && pathOf(s) === spec.file);
    if (!source) return undefined;
    const g = generatedPositionFor(map, { source, line: spec.line, column: spec.column - 1 });
    return g.line === null ? undefined : { line: g.line, column: g.column + 1 };
  } catch {
    return undefined;
  }
}
