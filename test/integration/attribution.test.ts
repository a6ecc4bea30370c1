// Line attribution on real child runs, on code written the way users write it. Each case has a
// truth by construction; the assertions check its shape with a wide tolerance (these are timings):
// which line is hottest, the split between call sites, no line over 100 %, lines adding up.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { FunctionProfile, LineProfile } from '../../src/core/lines/lineProfile.ts';
import { runProfile } from '../../src/engine/profile.ts';
import { supportedNodes, type SupportedNode } from '../supportedNodes.ts';
import { ensureBuilt, runnerPath, tempProject } from './buildOnce.ts';

before(ensureBuilt);

/** The test once per supported Node (each runs real child processes on that Node). */
function eachNode(name: string, fn: (node: SupportedNode) => Promise<void>): void {
  for (const node of supportedNodes) test(`${name} (${node.label})`, () => fn(node));
}

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

async function profile(
  node: SupportedNode,
  files: Record<string, string>,
  target: string,
  stmt: string,
  setup = '',
  options: { warmUp?: boolean } = {},
) {
  const dir = tempProject(files);
  const o = await runProfile({
    file: path.join(dir, target),
    stmt,
    setup,
    runnerPath,
    nodePath: node.path,
    minDurationMs: 700,
    // The steady state is what these check; a shorter bound keeps four Nodes' runs short.
    warmUpMaxMs: 1500,
    ...options,
  });
  if (!o.ok) assert.fail(`${o.kind}: ${o.message}\n${o.detail ?? ''}\n${o.stderr}`);
  return { dir, ...o };
}

const HELPER = `function helper(n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += (i * 7) % 13;
  return s;
}
`;

eachNode('two calls of one helper split by their real cost (20 % / 80 %), not by name', async (node) => {
  const { lineProfile: lp } = await profile(
    node,
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

eachNode('an inlined callee: its time is on the calling lines, and in its own table with its samples', async (node) => {
  const { lineProfile: lp } = await profile(
    node,
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

eachNode(
  'a callee in another file: its lines are mapped through its own file, nothing lands on uncalled functions',
  async (node) => {
    const { lineProfile: lp, dir } = await profile(
      node,
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
  },
);

eachNode('a library callee (anonymous, in node_modules): its time is on the line that called it', async (node) => {
  const { lineProfile: lp } = await profile(
    node,
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

eachNode('recursion and a method through an object: every line ≤ 100 %, the leaf line keeps its work', async (node) => {
  const { lineProfile: lp } = await profile(
    node,
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

eachNode('the same code gives the same Hits as .ts and as .mjs, multi-line chains keep their lines', async (node) => {
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
  const ts = await profile(node, { 'c.ts': body(true) }, 'c.ts', 'chain(xs)', setup);
  const js = await profile(node, { 'c.mjs': body(false) }, 'c.mjs', 'chain(xs)', setup);
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

eachNode('an async statement: time after an await still lands on the right lines', async (node) => {
  const { lineProfile: lp } = await profile(
    node,
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

const LOOP_CALLS = `function spin(k) {
  let h = 0;
  for (let i = 0; i < k; i++) h = Math.imul(h ^ i, 0x9e3779b1) >>> 7;
  return h;
}

export function loopCalls(n, k) {
  let s = 0;
  for (let i = 0; i < n; i++) {
    s ^= spin(k);
    s ^= spin(3 * k);
  }
  return s;
}
`;

eachNode(
  'a loop calling a local function on two lines (1 : 3): the calls on their own lines, not on the for',
  async (node) => {
    const { lineProfile: lp } = await profile(node, { 'loop.mjs': LOOP_CALLS }, 'loop.mjs', 'loopCalls(2000, 400)');
    const fn = fnNamed(lp, 'loopCalls');
    addsUp(fn);
    assert.equal(fn.recursive, false, 'no recursion, no "recurses" note');
    assert.ok(fn.unplacedMicros < 0.05 * fn.totalMicros, `unplaced ${fn.unplacedMicros} of ${fn.totalMicros}`);
    const first = share(fn, 10);
    const second = share(fn, 11);
    assert.ok(first > 0.15 && first < 0.35, `spin(k) ${first}`);
    assert.ok(second > 0.65 && second < 0.85, `spin(3 * k) ${second}`);
    assert.ok(share(fn, 9) < 0.05, `for line ${share(fn, 9)}`);
  },
);

eachNode(
  'small calls in a long loop (what Maglev inlines and peels): the for line keeps only the loop',
  async (node) => {
    const { lineProfile: lp } = await profile(node, { 'loop.mjs': LOOP_CALLS }, 'loop.mjs', 'loopCalls(100000, 5)');
    const fn = fnNamed(lp, 'loopCalls');
    addsUp(fn);
    assert.equal(fn.recursive, false);
    assert.ok(share(fn, 9) < 0.15, `for line ${share(fn, 9)}, calls ${share(fn, 10)} / ${share(fn, 11)}`);
    assert.ok(share(fn, 11) > share(fn, 10), 'the 3x call is the larger');
  },
);

eachNode('Hits stay exact after a warm-up in the setup; no "recurses" for a function that does not', async (node) => {
  const { lineProfile: lp } = await profile(
    node,
    {
      'looped.ts': `function cost(units: number): number {
  let h = 0;
  for (let i = 0; i < units * 200; i++) h = Math.imul(h ^ i, 0x9e3779b1) >>> 7;
  return h;
}

export function looped(reps: number): number {
  let s = 0;
  for (let r = 0; r < reps * 20; r++) {
    s ^= cost(1);
    s ^= cost(3);
  }
  return s;
}
`,
    },
    'looped.ts',
    'looped(1)',
    'for (let i = 0; i < 2000; i++) looped(1);',
  );
  const looped = fnNamed(lp, 'looped');
  const hits = (fn: FunctionProfile) => Object.fromEntries(fn.lines.map((l) => [l.line, l.hits]));
  assert.deepEqual(hits(looped), { 7: 1, 8: 1, 9: 21, 10: 20, 11: 20, 13: 1 });
  // the loop header on one line with its body: 40 entries + 20 · 200 + 20 · 600 iterations
  assert.deepEqual(hits(fnNamed(lp, 'cost')), { 1: 40, 2: 40, 3: 40 + 20 * 200 + 20 * 600, 4: 40 });
  assert.equal(looped.recursive, false);
  addsUp(looped);
  const callShare = share(looped, 10) + share(looped, 11);
  assert.ok(callShare > 0.9, `the calls hold the time: ${callShare}`);
});

eachNode('the profile says whether it is the steady state (warm-up) or the cold start', async (node) => {
  const files = { 'w.mjs': LOOP_CALLS };
  const warm = await profile(node, files, 'w.mjs', 'loopCalls(200, 50)');
  assert.ok(warm.lineProfile.warmUp, 'warm by default');
  assert.ok(warm.lineProfile.warmUp.executions > 0 && warm.lineProfile.warmUp.ms > 0);
  const cold = await profile(node, files, 'w.mjs', 'loopCalls(200, 50)', '', { warmUp: false });
  assert.equal(cold.lineProfile.warmUp, null);
});

eachNode("--json's lines name their function: a nested closure's lines are the closure's", async (node) => {
  const { lineProfile: lp, dir } = await profile(
    node,
    {
      'nested.mjs': `${LOOP_CALLS}
export function outer(items) {
  const a = spin(20000);
  const mapped = items.map((x) => {
    const y = spin(x);
    return y & 1;
  });
  return a + mapped.length;
}
`,
    },
    'nested.mjs',
    'outer([20000, 20000, 20000])',
  );
  const lines = lp.files.find((f) => f.file === path.join(dir, 'nested.mjs'))!.lines;
  const ownerOf = (line: number) => lines.find((l) => l.line === line)?.owner;
  assert.deepEqual(ownerOf(17), { name: 'outer', line: 16 });
  assert.deepEqual(ownerOf(18), { name: 'outer', line: 16 });
  assert.equal(ownerOf(19)?.line, 18, 'the closure starts on line 18');
  assert.notEqual(ownerOf(19)?.name, 'outer');
  const outer = fnNamed(lp, 'outer');
  const own = lines.filter((l) => l.owner?.name === 'outer' && l.owner.line === 16);
  const sum = own.reduce((a, l) => a + l.micros, 0);
  assert.ok(
    Math.abs(sum - outer.totalMicros) <= 0.02 * outer.totalMicros,
    `outer's own lines ${sum} vs ${outer.totalMicros}`,
  );
});
