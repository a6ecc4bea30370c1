// The attribution benchmark: profiles every workload with Hotline's CLI and compares each line's
// share of the target function with the designed truth (workloads.ts, checked by truth.ts).
// lprun and timeit runs are interleaved in pairs, so the profile's time per execution can be set
// against an unprofiled mean taken under the same machine conditions.
//   npm run build && node --import tsx bench/attribution/run.ts [--only <name>] [--pairs <n> (5)] [--cli <path/to/cli.js>]
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { code, micros, pp, table, type Cell } from './table.ts';
import { ROOT, WORKLOADS, type LineTruth, type Workload } from './workloads.ts';

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
// --cli compares another build (e.g. the last commit's, built elsewhere) on the same fixtures.
const CLI = path.resolve(flag('--cli') ?? path.join(ROOT, 'dist/cli.js'));

// The lprun --json contract. `micros` (time per execution including callees) is the new field;
// the old engine only has the parts, which are summed instead.
interface CliLine {
  line: number;
  micros?: number;
  selfMicros?: number;
  inlinedMicros?: number;
  calleeMicros?: number;
}
interface CliFunction {
  name: string;
  file: string;
  startLine: number;
  endLine: number;
  totalMicros: number;
}
interface LprunJson {
  totalMicros: number;
  executions: number;
  samples: number;
  functions: CliFunction[];
  files: { file: string; lines: CliLine[] }[];
}

const lineMicros = (l: CliLine): number =>
  l.micros ?? (l.selfMicros ?? 0) + (l.inlinedMicros ?? 0) + (l.calleeMicros ?? 0);

/** One function's figures, µs per execution; summed over runs when pooled. */
interface FunctionTimes {
  startLine: number;
  endLine: number;
  total: number;
  lines: Map<number, number>;
}

/** A workload's pooled profile and its unprofiled reference. */
interface Measurement {
  target: FunctionTimes;
  also?: FunctionTimes;
  totals: number[];
  timeitMeans: number[];
}

const run = promisify(execFile);

/** Runs `node dist/cli.js …` from the repository root; a failure carries the CLI's own message. */
async function cli(args: string[]): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [CLI, ...args], { cwd: ROOT, maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  } catch (e) {
    const err = e as { code?: number; stderr?: string; message: string };
    const said = (err.stderr ?? '')
      .split('\n')
      .filter((l) => l && !l.startsWith('hotline: counting') && !l.startsWith('hotline: sampling'));
    throw new Error(`${args[0]} exited with ${err.code ?? '?'}: ${said.slice(-6).join('\n  ') || err.message}`);
  }
}

const setupArgs = (w: Workload): string[] => (w.setup ? ['--setup', w.setup] : []);

async function lprun(w: Workload): Promise<LprunJson> {
  const fns = [w.fn, ...(w.also ? [w.also.fn] : [])].flatMap((f) => ['-f', f]);
  return JSON.parse(await cli(['lprun', w.file, w.stmt, ...setupArgs(w), ...fns, '--json'])) as LprunJson;
}

/** timeit's mean per loop, in µs. */
async function timeitMean(w: Workload): Promise<number> {
  const r = JSON.parse(await cli(['timeit', w.file, w.stmt, ...setupArgs(w), '--json'])) as { average: number };
  return r.average * 1e6;
}

/** The named function of the workload's file, with the lines of that file inside it. */
function functionTimes(lp: LprunJson, name: string, file: string): FunctionTimes {
  const fn = lp.functions.find((f) => f.name === name && f.file === file);
  if (!fn) {
    const seen = lp.functions.map((f) => `${f.name} (${path.relative(ROOT, f.file)})`).join(', ') || 'none';
    throw new Error(`lprun reported no function ${name} in ${path.relative(ROOT, file)}; it reported: ${seen}`);
  }
  const lines = new Map<number, number>();
  for (const f of lp.files.filter((x) => x.file === fn.file)) {
    for (const l of f.lines)
      if (l.line >= fn.startLine && l.line <= fn.endLine) lines.set(l.line, (lines.get(l.line) ?? 0) + lineMicros(l));
  }
  return { startLine: fn.startLine, endLine: fn.endLine, total: fn.totalMicros, lines };
}

/** Pools two runs: summed times are a longer profile, with the sampling noise of one. */
function pool(a: FunctionTimes | undefined, b: FunctionTimes): FunctionTimes {
  if (!a) return b;
  const lines = new Map(a.lines);
  for (const [line, us] of b.lines) lines.set(line, (lines.get(line) ?? 0) + us);
  return {
    startLine: Math.min(a.startLine, b.startLine),
    endLine: Math.max(a.endLine, b.endLine),
    total: a.total + b.total,
    lines,
  };
}

async function measure(w: Workload, pairs: number): Promise<Measurement> {
  let target: FunctionTimes | undefined;
  let also: FunctionTimes | undefined;
  const totals: number[] = [];
  const timeitMeans: number[] = [];
  const file = path.join(ROOT, w.file);
  for (let i = 0; i < pairs; i++) {
    const lp = await lprun(w);
    const t = functionTimes(lp, w.fn, file);
    target = pool(target, t);
    if (w.also) also = pool(also, functionTimes(lp, w.also.fn, file));
    totals.push(t.total);
    timeitMeans.push(await timeitMean(w));
  }
  return { target: target!, also, totals, timeitMeans };
}

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * One table over a function's source lines: truth, Hotline's share of `denominator` (µs), error.
 * Lines Hotline reports but the truth does not list are expected at 0 %.
 */
function lineTable(
  source: string[],
  fn: FunctionTimes,
  truth: LineTruth[],
  denominator: number,
): { text: string; maxError: number } {
  const want = new Map(truth.map((t) => [t.line, t.percent]));
  let maxError = 0;
  const rows: Cell[][] = [];
  for (let line = fn.startLine; line <= fn.endLine; line++) {
    const us = fn.lines.get(line);
    const designed = want.get(line);
    if (us === undefined && designed === undefined) {
      rows.push([String(line), code(source[line - 1]), '', '', '']);
      continue;
    }
    const got = ((us ?? 0) / denominator) * 100;
    const error = got - (designed ?? 0);
    maxError = Math.max(maxError, Math.abs(error));
    rows.push([
      String(line),
      code(source[line - 1]),
      designed === undefined ? '≈ 0' : designed.toFixed(1),
      got.toFixed(1),
      pp(error),
    ]);
  }
  return { text: table(['line', 'code', 'truth %', 'Hotline %', 'error pp'], rows), maxError };
}

const sumOf = (m: Map<number, number>): number => [...m.values()].reduce((a, b) => a + b, 0);

/** Prints the workload's tables; returns its largest error in percentage points. */
function report(w: Workload, m: Measurement): number {
  const source = fs.readFileSync(path.join(ROOT, w.file), 'utf8').split('\n');
  const main = lineTable(source, m.target, w.truth, m.target.total);
  console.log(main.text);
  // The contract says the function's total is the sum of its lines; say so when it is not.
  const linesSum = sumOf(m.target.lines);
  if (Math.abs(linesSum - m.target.total) > 0.01 * m.target.total) {
    console.log(
      `note: the lines of ${w.fn} sum to ${((linesSum / m.target.total) * 100).toFixed(1)} % of its totalMicros`,
    );
  }
  let maxError = main.maxError;
  if (w.also && m.also) {
    console.log(`\n${w.also.fn} — ${w.also.note}`);
    const also = lineTable(source, m.also, w.also.truth, m.target.total);
    console.log(also.text);
    maxError = Math.max(maxError, also.maxError);
    // "No line above 100 %": no line of the callee may hold more than the callee's whole time.
    const callTruth = w.truth.find((t) => source[t.line - 1].includes(`${w.also!.fn}(`));
    const callUs = callTruth ? (m.target.lines.get(callTruth.line) ?? 0) : 0;
    const largest = Math.max(0, ...m.also.lines.values());
    if (callUs > 0)
      console.log(
        `largest ${w.also.fn} line = ${((largest / callUs) * 100).toFixed(1)} % of the time on its call line in ${w.fn} (should be ≤ 100 %)`,
      );
  }
  return maxError;
}

async function main(): Promise<number> {
  const only = flag('--only');
  const pairs = Number(flag('--pairs') ?? 5);
  if (!Number.isInteger(pairs) || pairs < 1) {
    console.error('--pairs takes a whole number >= 1');
    return 2;
  }
  const chosen = WORKLOADS.filter((w) => !only || w.name === only);
  if (chosen.length === 0) {
    console.error(`no workload ${only}; there are: ${WORKLOADS.map((w) => w.name).join(', ')}`);
    return 2;
  }
  if (!fs.existsSync(CLI)) {
    console.error(`${CLI} is missing: run \`npm run build\` first`);
    return 2;
  }
  console.log(
    `${CLI.startsWith(ROOT + path.sep) ? path.relative(ROOT, CLI) : CLI}, Node ${process.version}; ${pairs} interleaved lprun/timeit pairs per workload; line % = line micros / function totalMicros (pooled over the lprun runs)`,
  );
  const summary: Cell[][] = [];
  let overall = 0;
  for (const w of chosen) {
    console.log(`\n## ${w.name} — ${w.fn} in ${w.file}: ${w.note}`);
    try {
      const m = await measure(w, pairs);
      const maxError = report(w, m);
      overall = Math.max(overall, maxError);
      const hotline = median(m.totals);
      const timeit = median(m.timeitMeans);
      summary.push([w.name, maxError.toFixed(1), micros(hotline), micros(timeit), `${(hotline / timeit).toFixed(2)}×`]);
    } catch (e) {
      console.log(`FAILED: ${(e as Error).message}`);
      summary.push([w.name, 'failed', '', '', '']);
    }
  }
  console.log("\n## Summary (per execution: median of the lprun runs' function totals vs median timeit mean)");
  console.log(table(['workload', 'max error pp', 'total per execution (Hotline)', 'timeit mean', 'ratio'], summary));
  console.log(
    `\noverall max error: ${overall.toFixed(1)} pp${summary.some((r) => r[1] === 'failed') ? ' (over the workloads that ran)' : ''}`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(e);
    process.exitCode = 1;
  },
);
