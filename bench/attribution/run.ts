// The attribution benchmark: profiles every workload with Hotline's CLI and compares each line's
// share of the target function with the designed truth (workloads.ts, checked by truth.ts).
// lprun and timeit runs are interleaved in pairs, so the profile's time per execution can be set
// against an unprofiled mean taken under the same machine conditions. Every supported Node gets
// its own column (test/supportedNodes.ts; HOTLINE_TEST_NODES=24,26 narrows them).
//   npm run build && node --import tsx bench/attribution/run.ts [--only <name>] [--pairs <n> (3)] [--cli <path/to/cli.js>] [--cold]
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { code, micros, pp, table, type Cell } from './table.ts';
import { ROOT, WORKLOADS, type LineTruth, type Workload } from './workloads.ts';
import { supportedNodes, type SupportedNode } from '../../test/supportedNodes.ts';

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
  /** The function's own lines (absent in old engines: then the file's lines in its range). */
  lines?: CliLine[];
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

const COLD = argv.includes('--cold') ? ['--cold'] : [];

async function lprun(w: Workload, node: SupportedNode): Promise<LprunJson> {
  const fns = [w.fn, ...(w.also ? [w.also.fn] : [])].flatMap((f) => ['-f', f]);
  return JSON.parse(
    await cli(['lprun', w.file, w.stmt, ...setupArgs(w), ...fns, ...COLD, '--json', '--node', node.path]),
  ) as LprunJson;
}

/** timeit's mean per loop, in µs. */
async function timeitMean(w: Workload, node: SupportedNode): Promise<number> {
  const r = JSON.parse(await cli(['timeit', w.file, w.stmt, ...setupArgs(w), '--json', '--node', node.path])) as {
    average: number;
  };
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
  const own = fn.lines ?? lp.files.filter((x) => x.file === fn.file).flatMap((f) => f.lines);
  for (const l of own)
    if (l.line >= fn.startLine && l.line <= fn.endLine) lines.set(l.line, (lines.get(l.line) ?? 0) + lineMicros(l));
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

async function measure(w: Workload, pairs: number, node: SupportedNode): Promise<Measurement> {
  let target: FunctionTimes | undefined;
  let also: FunctionTimes | undefined;
  const totals: number[] = [];
  const timeitMeans: number[] = [];
  const file = path.join(ROOT, w.file);
  for (let i = 0; i < pairs; i++) {
    const lp = await lprun(w, node);
    const t = functionTimes(lp, w.fn, file);
    target = pool(target, t);
    if (w.also) also = pool(also, functionTimes(lp, w.also.fn, file));
    totals.push(t.total);
    timeitMeans.push(await timeitMean(w, node));
  }
  return { target: target!, also, totals, timeitMeans };
}

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * One table over a function's source lines: truth, then per Node Hotline's share of that Node's
 * `denominator` (µs) and the error. Lines Hotline reports but the truth does not list are expected at 0 %.
 */
function lineTable(
  source: string[],
  fns: (FunctionTimes | undefined)[],
  labels: string[],
  truth: LineTruth[],
  denominators: number[],
): { text: string; maxErrors: number[] } {
  const want = new Map(truth.map((t) => [t.line, t.percent]));
  const maxErrors = fns.map(() => 0);
  const rows: Cell[][] = [];
  const present = fns.filter((f): f is FunctionTimes => f !== undefined);
  const startLine = Math.min(...present.map((f) => f.startLine));
  const endLine = Math.max(...present.map((f) => f.endLine));
  for (let line = startLine; line <= endLine; line++) {
    const designed = want.get(line);
    const cells = fns.map((fn, i) => {
      const us = fn?.lines.get(line);
      if (!fn || (us === undefined && designed === undefined)) return '';
      const got = ((us ?? 0) / denominators[i]) * 100;
      const error = got - (designed ?? 0);
      maxErrors[i] = Math.max(maxErrors[i], Math.abs(error));
      return `${got.toFixed(1)} (${pp(error)})`;
    });
    rows.push([
      String(line),
      code(source[line - 1], 40),
      designed === undefined ? (cells.some(Boolean) ? '≈ 0' : '') : designed.toFixed(1),
      ...cells,
    ]);
  }
  return { text: table(['line', 'code', 'truth %', ...labels.map((l) => `${l} % (pp)`)], rows), maxErrors };
}

const sumOf = (m: Map<number, number>): number => [...m.values()].reduce((a, b) => a + b, 0);

/** Prints the workload's tables; returns its largest error per Node in percentage points. */
function report(w: Workload, ms: (Measurement | undefined)[], labels: string[]): number[] {
  const source = fs.readFileSync(path.join(ROOT, w.file), 'utf8').split('\n');
  const targets = ms.map((m) => m?.target);
  const totals = ms.map((m) => m?.target.total ?? NaN);
  const main = lineTable(source, targets, labels, w.truth, totals);
  console.log(main.text);
  // The contract says the function's total is the sum of its lines; say so when it is not.
  ms.forEach((m, i) => {
    if (!m) return;
    const linesSum = sumOf(m.target.lines);
    if (Math.abs(linesSum - m.target.total) > 0.01 * m.target.total)
      console.log(
        `note (${labels[i]}): the lines of ${w.fn} sum to ${((linesSum / m.target.total) * 100).toFixed(1)} % of its totalMicros`,
      );
  });
  const maxErrors = main.maxErrors;
  if (w.also) {
    console.log(`\n${w.also.fn} — ${w.also.note}`);
    const also = lineTable(
      source,
      ms.map((m) => m?.also),
      labels,
      w.also.truth,
      totals,
    );
    console.log(also.text);
    also.maxErrors.forEach((e, i) => (maxErrors[i] = Math.max(maxErrors[i], e)));
    // "No line above 100 %": no line of the callee may hold more than the callee's whole time.
    const callTruth = w.truth.find((t) => source[t.line - 1].includes(`${w.also!.fn}(`));
    ms.forEach((m, i) => {
      if (!m?.also || !callTruth) return;
      const callUs = m.target.lines.get(callTruth.line) ?? 0;
      const largest = Math.max(0, ...m.also.lines.values());
      if (callUs > 0)
        console.log(
          `${labels[i]}: largest ${w.also!.fn} line = ${((largest / callUs) * 100).toFixed(1)} % of the time on its call line in ${w.fn} (should be ≤ 100 %)`,
        );
    });
  }
  return maxErrors;
}

async function main(): Promise<number> {
  const only = flag('--only');
  const pairs = Number(flag('--pairs') ?? 3);
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
  const labels = supportedNodes.map((n) => `Node ${n.major}`);
  console.log(
    `${CLI.startsWith(ROOT + path.sep) ? path.relative(ROOT, CLI) : CLI} on ${supportedNodes.map((n) => n.label).join(', ')}; ${COLD.length ? 'cold profiles (--cold)' : 'steady-state profiles (warm-up before sampling)'}; ${pairs} interleaved lprun/timeit pairs per workload and Node; line % = line micros / function totalMicros (pooled over the lprun runs), error in pp`,
  );
  const errorRows: Cell[][] = [];
  const ratioRows: Cell[][] = [];
  const overall = supportedNodes.map(() => 0);
  for (const w of chosen) {
    console.log(`\n## ${w.name} — ${w.fn} in ${w.file}: ${w.note}`);
    const ms: (Measurement | undefined)[] = [];
    for (const node of supportedNodes) {
      try {
        ms.push(await measure(w, pairs, node));
      } catch (e) {
        console.log(`FAILED on ${node.label}: ${(e as Error).message}`);
        ms.push(undefined);
      }
    }
    if (ms.every((m) => !m)) {
      errorRows.push([w.name, ...labels.map(() => 'failed')]);
      continue;
    }
    const maxErrors = report(w, ms, labels);
    errorRows.push([w.name, ...ms.map((m, i) => (m ? maxErrors[i].toFixed(1) : 'failed'))]);
    ratioRows.push([
      w.name,
      ...ms.map((m) => {
        if (!m) return 'failed';
        const hotline = median(m.totals);
        const timeit = median(m.timeitMeans);
        return `${micros(hotline)} / ${micros(timeit)} = ${(hotline / timeit).toFixed(2)}×`;
      }),
    ]);
    ms.forEach((m, i) => (overall[i] = m ? Math.max(overall[i], maxErrors[i]) : overall[i]));
  }
  console.log('\n## Largest per-line error (pp)');
  console.log(table(['workload', ...labels], [...errorRows, ['all', ...overall.map((e) => e.toFixed(1))]]));
  console.log("\n## Total per execution: median of the lprun runs' function totals / median timeit mean");
  console.log(table(['workload', ...labels], ratioRows));
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
