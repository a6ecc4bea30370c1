// "With inputs from the run": the arguments a program really passed to a function, captured on
// its first calls (runner/captureInputs.ts writes them with v8.serialize, the structured clone),
// and the statement and setup that replay them in Time / Profile / Explain Function.
//  - Where: the function's first statement (its body's first position), so the arguments are
//    there and nothing of the body has run; an expression-bodied arrow at its expression.
//  - What: the parameters by name (arrows have no `arguments`), or `arguments` for a plain
//    function whose parameters are destructured; `this` is not replayed (methods are refused).
//  - Lost on the way: functions and symbols cannot be cloned (the call is not usable), and an
//    instance of a class arrives as a plain object (said, the call is still offered).

/** What the capture run is told (HOTLINE_CAPTURE): where to stop and what to take. */
export interface CaptureSpec {
  /** Absolute path of the original source file. */
  file: string;
  /** 1-based line and column of the function body's first position in the original file. */
  line: number;
  column: number;
  /** Parameter names in order (`...rest` for a rest parameter); null: take `arguments`. */
  params: string[] | null;
  /** Calls captured per process. */
  max: number;
  /** Where the captured calls are written. */
  dir: string;
}

/** One captured call, as the capture run notes it beside its `.bin`. */
export interface CapturedCall {
  pid: number;
  /** The call's number in its process (1 = first). */
  index: number;
  /** When it was captured (ms since the epoch), to order calls across processes. */
  time: number;
  /** The serialised `{ args }`, when it could be. */
  file?: string;
  /** Arguments the call was given. */
  argCount: number;
  /** What was lost or why nothing could be kept. */
  problems: string[];
}

export function parseCapturedCall(text: string): CapturedCall | undefined {
  try {
    const v = JSON.parse(text) as Partial<CapturedCall>;
    if (typeof v.pid !== 'number' || typeof v.index !== 'number' || typeof v.time !== 'number') return undefined;
    const problems = Array.isArray(v.problems) ? v.problems.filter((p): p is string => typeof p === 'string') : [];
    return {
      pid: v.pid,
      index: v.index,
      time: v.time,
      file: typeof v.file === 'string' ? v.file : undefined,
      argCount: Number(v.argCount ?? 0),
      problems,
    };
  } catch {
    return undefined;
  }
}

/** The breakpoint condition that takes the call's inputs and never pauses. */
export function captureCondition(params: string[] | null): string {
  const args = params ? `[${params.join(', ')}]` : 'Array.from(arguments)';
  return `globalThis.__hotlineCapture(${args})`;
}

/**
 * The statement and setup that call `callee` (how the module's scope names the function) with a
 * captured call's arguments, read back with the structured clone.
 */
export function capturedInputs(
  callee: string,
  params: string[] | null,
  argCount: number,
  binFile: string,
): { statement: string; setup: string } {
  // `...rest` is a rest element in the setup and a spread in the call: the same text in both.
  const names = params ?? Array.from({ length: argCount }, (_, i) => `arg${i + 1}`);
  const read = `process.getBuiltinModule('v8').deserialize(process.getBuiltinModule('fs').readFileSync(${JSON.stringify(binFile)}))`;
  return {
    statement: `${callee}(${names.join(', ')})`,
    setup: `const { args: [${names.join(', ')}] } = ${read};`,
  };
}

/** The first usable calls, in the order the program made them. */
export function usableCalls(calls: readonly CapturedCall[]): CapturedCall[] {
  return calls.filter((c) => c.file).sort((a, b) => a.time - b.time || a.index - b.index);
}
