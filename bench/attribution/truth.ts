// Checks the designed truth of every workload against its instrumented copy: each heavy line of
// the copy is timed with performance.now() (≥ 20 µs per execution, so the timer's cost is
// negligible), in a child process per workload, over 50 executions after a warm-up.
//   node --import tsx bench/attribution/truth.ts [--only <name>]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { code, micros, pp, table, type Cell } from './table.ts';
import { takeLaps } from './lap.ts';
import { instrumentedFile, lineOf, ROOT, WORKLOADS, type Workload } from './workloads.ts';

const EXECUTIONS = 50;
const WARMUP_MS = 500;

interface ChildResult {
  totalMs: number;
  executions: number;
  laps: [code: string, ms: number][];
}

export interface MeasuredTruth {
  /** Per execution, in microseconds. */
  totalMicros: number;
  /** Line → measured share of the target function's time. */
  percent: Map<number, number>;
}

/** Compiles the workload's statement (and setup) in the scope of the instrumented module's exports. */
async function statementOf(w: Workload): Promise<() => unknown> {
  const mod = (await import(pathToFileURL(path.join(ROOT, instrumentedFile(w.file))).href)) as Record<string, unknown>;
  // A CommonJS module arrives as `default`; its detected named exports may be missing.
  const exports = { ...(typeof mod.default === 'object' ? (mod.default as object) : {}), ...mod };
  delete (exports as Record<string, unknown>).default;
  // Node ≥ 23 also names a CommonJS module's whole exports object 'module.exports': not a parameter name.
  const names = Object.keys(exports).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
  const make = new Function(...names, `${w.setup ?? ''};\nreturn () => (${w.stmt});`);
  return make(...names.map((n) => (exports as Record<string, unknown>)[n])) as () => unknown;
}

/** Child side: warm up, then time EXECUTIONS runs of the statement and report the laps. */
async function child(name: string): Promise<void> {
  const w = WORKLOADS.find((x) => x.name === name);
  if (!w) throw new Error(`no workload ${name}`);
  const run = await statementOf(w);
  const warmEnd = performance.now() + WARMUP_MS;
  for (let i = 0; i < 20 || performance.now() < warmEnd; i++) run();
  takeLaps();
  let totalMs = 0;
  for (let i = 0; i < EXECUTIONS; i++) {
    const t = performance.now();
    run();
    totalMs += performance.now() - t;
  }
  const result: ChildResult = { totalMs, executions: EXECUTIONS, laps: [...takeLaps()] };
  console.log(JSON.stringify(result));
}

/** Runs the workload's instrumented copy in a fresh `node --import tsx` and returns its split. */
export function measureTruth(w: Workload, nodePath = process.execPath): MeasuredTruth {
  const out = execFileSync(nodePath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', w.name], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const r = JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
  const percent = new Map<number, number>();
  for (const [snippet, ms] of r.laps) percent.set(lineOf(w.file, snippet), (ms / r.totalMs) * 100);
  return { totalMicros: (r.totalMs / r.executions) * 1000, percent };
}

/** Rows for one workload: every line with a designed or a measured share, then the remainder. */
function rowsOf(w: Workload, m: MeasuredTruth): { rows: Cell[][]; maxDiff: number } {
  const source = fs.readFileSync(path.join(ROOT, w.file), 'utf8').split('\n');
  const designed = new Map([...w.truth, ...(w.also?.truth ?? [])].map((t) => [t.line, t.percent]));
  const lines = [...new Set([...designed.keys(), ...m.percent.keys()])].sort((a, b) => a - b);
  let maxDiff = 0;
  const rows: Cell[][] = lines.map((line) => {
    const want = designed.get(line) ?? 0;
    const got = m.percent.get(line) ?? NaN;
    if (Number.isFinite(got)) maxDiff = Math.max(maxDiff, Math.abs(got - want));
    return [w.name, String(line), want, got, pp(got - want), code(source[line - 1])];
  });
  // The target function's untimed remainder (returns, the stopwatch itself); `also` lines nest inside.
  const nested = new Set(w.also?.truth.map((t) => t.line));
  const restWant = 100 - w.truth.reduce((s, t) => s + t.percent, 0);
  const restGot = 100 - [...m.percent].filter(([line]) => !nested.has(line)).reduce((s, [, p]) => s + p, 0);
  rows.push([
    w.name,
    'rest',
    restWant,
    restGot,
    pp(restGot - restWant),
    `(other lines of ${w.fn}; ${micros(m.totalMicros)} per execution)`,
  ]);
  return { rows, maxDiff };
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === '--child') return child(argv[1]);
  const only = argv.indexOf('--only') >= 0 ? argv[argv.indexOf('--only') + 1] : undefined;
  const chosen = WORKLOADS.filter((x) => !only || x.name === only);
  if (chosen.length === 0)
    throw new Error(`no workload ${only}; there are: ${WORKLOADS.map((x) => x.name).join(', ')}`);
  const rows: Cell[][] = [];
  let worst = 0;
  for (const w of chosen) {
    try {
      const r = rowsOf(w, measureTruth(w));
      rows.push(...r.rows);
      worst = Math.max(worst, r.maxDiff);
    } catch (e) {
      rows.push([w.name, '—', '', '', '', `failed: ${(e as Error).message.split('\n')[0]}`]);
    }
  }
  console.log(
    `Node ${process.version}; ${EXECUTIONS} executions per workload after ${WARMUP_MS} ms of warm-up; % of the target function's time`,
  );
  console.log(table(['workload', 'line', 'designed %', 'instrumented %', 'diff pp', 'code'], rows));
  console.log(`\nlargest |diff|: ${worst.toFixed(1)} pp`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e) => {
    console.error((e as Error).message);
    process.exitCode = 1;
  });
}
