// The attribution benchmark's workloads: small fixtures whose per-line split of time is known by
// construction (see README.md). Truth lines are found by their code, so editing a fixture's
// comments or layout cannot silently shift them.
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface LineTruth {
  /** 1-based line of the workload's file. */
  line: number;
  /** Share of the target function's total time. */
  percent: number;
}

export interface Workload {
  name: string;
  /** Fixture path relative to the repository root. */
  file: string;
  /** The target function (lprun -f). */
  fn: string;
  stmt: string;
  setup?: string;
  /** Lines of `fn` with a designed share; lines not listed are expected to take ≈ 0 %. */
  truth: LineTruth[];
  note: string;
  /** Another function of the same file whose lines are reported too, as % of `fn`'s total. */
  also?: { fn: string; truth: LineTruth[]; note: string };
}

const FIXTURES = 'bench/attribution/fixtures';

/** 1-based line of `file` (repo-relative) holding `code`, which must occur exactly once. */
export function lineOf(file: string, code: string): number {
  const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
  const found = lines.flatMap((text, i) => (text.includes(code) ? [i + 1] : []));
  if (found.length !== 1) throw new Error(`${file}: expected one line with \`${code}\`, found ${found.length}`);
  return found[0];
}

/** Designed shares of a fixture's lines, each line given by its code. */
const truthOf = (file: string, shares: [code: string, percent: number][]): LineTruth[] =>
  shares.map(([code, percent]) => ({ line: lineOf(file, code), percent }));

const fixture = (name: string) => `${FIXTURES}/${name}`;

export const WORKLOADS: Workload[] = [
  {
    name: 'twoCalls',
    file: fixture('twoCalls.ts'),
    fn: 'twoCalls',
    stmt: 'twoCalls(1500000)',
    truth: truthOf(fixture('twoCalls.ts'), [
      ['const a = helper(n);', 20],
      ['const b = helper(4 * n);', 80],
    ]),
    note: 'one helper, linear cost, called with n and 4n: callee time goes to each call site',
  },
  {
    name: 'inlinedCallee',
    file: fixture('inlinedCallee.ts'),
    fn: 'inlinedCallee',
    stmt: 'inlinedCallee(2000000)',
    truth: truthOf(fixture('inlinedCallee.ts'), [
      ['for (let i = 0; i < n; i++) s ^= mix(i);', 20],
      ['for (let i = 0; i < 4 * n; i++) s ^= mix(i);', 80],
    ]),
    note: 'mix is inlined by TurboFan: its ticks must go to the loop lines calling it; `let s = 0` ≈ 0',
  },
  {
    name: 'otherFile',
    file: fixture('otherFile.ts'),
    fn: 'otherFile',
    stmt: 'otherFile(500000)',
    truth: truthOf(fixture('otherFile.ts'), [
      ['const small = cost(n);', 25],
      ['const large = cost(3 * n);', 75],
    ]),
    note: 'the callee is in lib/cost.ts: its time belongs to the call lines in otherFile.ts',
  },
  {
    name: 'recursion',
    file: fixture('recursion.js'),
    fn: 'work',
    stmt: 'work(10, 20000)',
    truth: truthOf(fixture('recursion.js'), [
      ['const leaves = fib(n, k);', 25],
      ['const b = spin(3 * leaves * k);', 75],
    ]),
    note: 'fib(10) has 89 leaves of k rounds each; the flat spin line does 3x that',
    also: {
      fn: 'fib',
      truth: truthOf(fixture('recursion.js'), [
        ['if (n < 2) return spin(k) >= 0 ? 1 : 0;', 25],
        ['return fib(n - 1, k) + fib(n - 2, k);', 25],
      ]),
      note: "fib's lines as % of work: each holds fib's time once per stack, so none exceeds fib's own 25 %",
    },
  },
  {
    name: 'libraryCallee',
    file: fixture('libraryCallee.js'),
    fn: 'libraryCallee',
    stmt: 'libraryCallee(2000000)',
    truth: truthOf(fixture('libraryCallee.js'), [
      ['const first = checksum(n);', 100 / 3],
      ['const second = checksum(2 * n);', 200 / 3],
    ]),
    note: 'the callee is an anonymous function in node_modules/fakelib: no name to match, not a user file',
  },
  {
    name: 'method',
    file: fixture('method.ts'),
    fn: 'measure',
    stmt: 'report.measure(other, 1500000)',
    setup: 'const report = new Report(new Store()); const other = new Store();',
    truth: truthOf(fixture('method.ts'), [
      ['const mine = this.store.sum(n);', 25],
      ['const theirs = obj.sum(3 * n);', 75],
    ]),
    note: 'a method reached through this.store and through a parameter: member calls, not `sum(`',
  },
  {
    name: 'mjsChain',
    file: fixture('mjsChain.mjs'),
    fn: 'mjsChain',
    stmt: 'mjsChain(records)',
    truth: truthOf(fixture('mjsChain.mjs'), [
      ['.filter((item) => hash(item.value, ROUNDS) === item.check)', 100 / 6],
      ['.map((item) => hash(item.value, 3 * ROUNDS))', 50],
      ['.reduce((total, h) => total + (hash(h, 2 * ROUNDS) & 0xff), 0);', 100 / 3],
    ]),
    note: 'continuation lines of one chained statement keep their own time (1 : 3 : 2 work per element)',
  },
  {
    name: 'loopCalls',
    file: fixture('loopCalls.js'),
    fn: 'loopCalls',
    stmt: 'loopCalls(20000, 400)',
    truth: truthOf(fixture('loopCalls.js'), [
      ['s ^= spin(k);', 25],
      ['s ^= spin(3 * k);', 75],
    ]),
    note: 'a loop calling a local function on two lines (1 : 3 work), inlined by Maglev and TurboFan: calls on their lines, the for line ≈ 0',
  },
];

/** The hand-written instrumented sibling of a fixture: twoCalls.ts → twoCalls.instrumented.ts. */
export function instrumentedFile(file: string): string {
  const ext = path.extname(file);
  return `${file.slice(0, -ext.length)}.instrumented${ext}`;
}
