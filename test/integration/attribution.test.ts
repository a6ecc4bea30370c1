// Line attribution on real child runs, on code written the way users write it. Each case has a
// truth by construction; the assertions check its shape with a wide tolerance (these are timings):
// which line is hottest, the split between call sites, no line over 100 %, lines adding up.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { FunctionProfile, LineProfile } from '../../src/core/lineProfile.ts';
import { runProfile } from '../../src/engine/profile.ts';
import { ensureBuilt, runnerPath, tempProject } from './buildOnce.ts';

before(ensureBuilt);

const share = (fn: FunctionProfile, line: number) =>
  (fn.lines.find((l) => l.line === line)?.micros ?? 0) / fn.totalMicros;
const fnNamed = (lp: LineProfile, name: string) => {
  const fn = lp.functions.find((f) => f.name === name);
  assert.ok(fn, `${name} is in the profile (${lp.functions.map((f) => f.name).join(', ')})`);
  return fn;
};
/** No line over 100 %; the lines add up to the total, unless the function recurses (then they overlap). */
const addsUp = (fn: FunctionProfile) => {
  for (const l of fn.lines) assert.ok(l.micros <= fn.totalMicros * (1 + 1e-9), `${fn.name} line ${l.line} over 100 %`);
  if (fn.recursive) return;
  const sum = fn.lines.reduce((a, l) => a + l.micros, 0);
  assert.ok(
    Math.abs(sum - fn.totalMicros) <= 1e-6 * fn.totalMicros,
    `${fn.name}: lines ${sum} vs total ${fn.totalMicros}`,
  );
};

async function profile(files: Record<string, string>, target: string, stmt: string, setup = '') {
  const dir = tempProject(files);
  const o = await runProfile({ file: path.join(dir, target), stmt, setup, runnerPath, minDurationMs: 700 });
  if (!o.ok) assert.fail(`${o.kind}: ${o.message}\n${o.detail ?? ''}\n${o.stderr}`);
  return { dir, ...o };
}

const HELPER = `function helper(n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += (i * 7) % 13;
  return s;
}
`;

test('two calls of one helper split by their real cost (20 % / 80 %), not by name', async () => {
  const { lineProfile: lp } = await profile(
    {
      'calls.ts': `${HELPER}
export function work(n: number): number {
  const a = helper(n);
  const b = helper(4 * n);
  return a + b;
}
`,
    },
    'calls.ts',
    'work(20000)',
  );
  const work = fnNamed(lp, 'work');
  addsUp(work);
  const first = share(work, 8);
  const second = share(work, 9);
  assert.ok(first > 0.1 && first < 0.3, `helper(n) ${first}`);
  assert.ok(second > 0.7 && second < 0.9, `helper(4 * n) ${second}`);
  assert.equal(work.lines.find((l) => l.line === 9)!.callees[0].name, 'helper');
  assert.equal(work.lines.find((l) => l.line === 9)!.callees[0].column, 13, 'the call site, to the column');
});

test('an inlined callee: its time is on the calling lines, and in its own table with its samples', async () => {
  const { lineProfile: lp } = await profile(
    {
      'mix.ts': `function mix(x: number): number { return (x * 2654435761) % 1000; }

export function mixAll(n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += mix(i);
  for (let i = 0; i < 4 * n; i++) s += mix(i + 1);
  return s;
}
`,
    },
    'mix.ts',
    'mixAll(50000)',
  );
  const all = fnNamed(lp, 'mixAll');
  addsUp(all);
  assert.ok(share(all, 4) < 0.02, `let s = 0 is ${share(all, 4)}`);
  assert.ok(share(all, 5) > 0.1 && share(all, 5) < 0.3, `mix(i) ${share(all, 5)}`);
  assert.ok(share(all, 6) > 0.7 && share(all, 6) < 0.9, `mix(i + 1) ${share(all, 6)}`);
  const mix = fnNamed(lp, 'mix');
  assert.equal(mix.calls, 250000);
  assert.ok(
    mix.samples > 0 && mix.totalMicros > 0.3 * all.totalMicros,
    `mix took ${mix.samples} samples, ${mix.totalMicros} µs`,
  );
});

test('a callee in another file: its lines are mapped through its own file, nothing lands on uncalled functions', async () => {
  const { lineProfile: lp, dir } = await profile(
    {
      'lib/cost.ts': `// padding so that line numbers differ from the caller's\n\n\nexport function cost(n: number): number {\n  let s = 0;\n  for (let i = 0; i < n; i++) s += Math.sqrt(i);\n  return s;\n}\n`,
      'main.ts': `import { cost } from './lib/cost.ts';

export function neverCalled(): number { return 1; }

export function caller(n: number): number {
  const small = cost(n);
  const big = cost(3 * n);
  return small + big;
}
`,
    },
    'main.ts',
    'caller(100000)',
  );
  const caller = fnNamed(lp, 'caller');
  addsUp(caller);
  assert.ok(share(caller, 6) > 0.15 && share(caller, 6) < 0.35, `cost(n) ${share(caller, 6)}`);
  assert.ok(share(caller, 7) > 0.65 && share(caller, 7) < 0.85, `cost(3 * n) ${share(caller, 7)}`);
  const cost = fnNamed(lp, 'cost');
  assert.equal(cost.file, path.join(dir, 'lib/cost.ts'));
  assert.ok(share(cost, 6) > 0.8, 'the loop line of cost.ts');
  const mainLines = lp.files.find((f) => f.file === path.join(dir, 'main.ts'))!.lines;
  assert.equal(mainLines.find((l) => l.line === 3)?.micros ?? 0, 0, 'neverCalled gets no time');
});

test('a library callee (anonymous, in node_modules): its time is on the line that called it', async () => {
  const { lineProfile: lp } = await profile(
    {
      'node_modules/spin/package.json': JSON.stringify({ name: 'spin', main: 'index.js' }),
      'node_modules/spin/index.js':
        'module.exports = function (n) { let s = 0; for (let i = 0; i < n; i++) s += Math.cbrt(i); return s; };\n',
      'app.js': `import spin from 'spin';

export function component(n) {
  const x = spin(n);
  const y = spin(2 * n);
  return x + y;
}
`,
    },
    'app.js',
    'component(50000)',
  );
  const c = fnNamed(lp, 'component');
  addsUp(c);
  assert.ok(share(c, 4) + share(c, 5) > 0.95, `the two call lines hold the time (${share(c, 4)}, ${share(c, 5)})`);
  assert.ok(share(c, 4) > 0.2 && share(c, 4) < 0.45, `spin(n) ${share(c, 4)}`);
  assert.ok(!lp.files.some((f) => f.file.includes('node_modules')), 'library files get no hot lines');
});

test('recursion and a method through an object: every line ≤ 100 %, the leaf line keeps its work', async () => {
  const { lineProfile: lp } = await profile(
    {
      'rec.ts': `export function fib(n: number): number {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}

class Store {
  sum(n: number): number {
    let s = 0;
    for (let i = 0; i < n; i++) s += i & 3;
    return s;
  }
}

export function both(n: number): number {
  const store = new Store();
  const a = fib(n);
  const b = store.sum(20000 * n);
  return a + b;
}
`,
    },
    'rec.ts',
    'both(25)',
  );
  const fib = fnNamed(lp, 'fib');
  addsUp(fib);
  assert.ok(fib.recursive);
  assert.ok(share(fib, 3) > 0.8, `the recursive line ${share(fib, 3)}`);
  const both = fnNamed(lp, 'both');
  addsUp(both);
  assert.ok(
    share(both, 16) > 0.1 && share(both, 17) > 0.1,
    `both call sites get their share (${share(both, 16)}, ${share(both, 17)})`,
  );
  assert.equal(both.lines.find((l) => l.line === 17)!.callees[0].name, 'sum');
});

test('the same code gives the same Hits as .ts and as .mjs, multi-line chains keep their lines', async () => {
  const body = (types: boolean) => `export function chain(xs${types ? ': number[]' : ''})${types ? ': number' : ''} {
  let t = 0;
  for (const x of xs) {
    // a comment line
    if (x % 3 === 0) {
      t += 1;
    } else if (x % 3 === 1) {
      t += 2;
    } else {
      t += 3;
    }
    try {
      if (x === 5) throw new Error('five');
    } catch (e) {
      t -= 1;
    } finally {
      t += 0;
    }
  }
  return xs
    .filter((x) => x % 2 === 0)
    .map((x) => {
      let s = 0;
      for (let k = 0; k < 40; k++) s += Math.sqrt(x + k);
      return s;
    })
    .reduce((a, b) => a + b, t);
}
`;
  const setup = 'const xs = Array.from({ length: 3000 }, (_, i) => i)';
  const ts = await profile({ 'c.ts': body(true) }, 'c.ts', 'chain(xs)', setup);
  const js = await profile({ 'c.mjs': body(false) }, 'c.mjs', 'chain(xs)', setup);
  const hits = (lp: LineProfile) => Object.fromEntries(fnNamed(lp, 'chain').lines.map((l) => [l.line, l.hits]));
  assert.deepEqual(hits(ts.lineProfile), hits(js.lineProfile));
  const h = hits(ts.lineProfile);
  assert.deepEqual(
    [h[1], h[4], h[5], h[7], h[9], h[12], h[14], h[16]],
    [1, undefined, 3000, 2000, 1000, 3000, 1, 3000],
    'function line = calls, comment none, else-if = evaluations, else/catch/finally = entries',
  );
  for (const o of [ts, js]) {
    const chain = fnNamed(o.lineProfile, 'chain');
    addsUp(chain);
    assert.ok(share(chain, 22) > 0.5, `the .map stage (${o.dir}) ${share(chain, 22)}`);
  }
});

test('an async statement: time after an await still lands on the right lines', async () => {
  const { lineProfile: lp } = await profile(
    {
      'a.ts': `${HELPER}
export async function later(n: number): Promise<number> {
  await null;
  const a = helper(n);
  await null;
  return a + helper(3 * n);
}
`,
    },
    'a.ts',
    'later(20000)',
  );
  const later = fnNamed(lp, 'later');
  addsUp(later);
  assert.ok(share(later, 9) > 0.1 && share(later, 9) < 0.4, `helper(n) ${share(later, 9)}`);
  assert.ok(share(later, 11) > 0.6 && share(later, 11) < 0.9, `helper(3 * n) ${share(later, 11)}`);
});
