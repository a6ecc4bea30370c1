// timeit on library code against the library's own steady state, per Node, with a full collection
// before each run (the former default) and with the young generation only (the default now).
// The reference is a plain loop in a fresh process: 3 s of warm-up, then the best of 7 runs.
//   node --import tsx bench/timeitGc.ts
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTimeit } from '../src/engine/timeit.ts';
import { supportedNodes } from '../test/supportedNodes.ts';

const root = path.resolve(import.meta.dirname, '..');
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { stdio: 'ignore' });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-gc-bench-'));
fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"gc-bench"}');
const source = path.join(root, 'src/core/verdicts/verdicts.ts');
fs.writeFileSync(
  path.join(dir, 'parse.js'),
  `const ts = require(${JSON.stringify(path.join(root, 'node_modules/typescript'))});
const text = require('node:fs').readFileSync(${JSON.stringify(source)}, 'utf8');
exports.parse = () => ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true);
`,
);
fs.writeFileSync(
  path.join(dir, 'reference.js'),
  `const { parse } = require('./parse.js');
const { performance } = require('node:perf_hooks');
const until = performance.now() + 3000;
while (performance.now() < until) parse();
let best = Infinity;
for (let r = 0; r < 7; r++) {
  const t0 = performance.now();
  for (let i = 0; i < 100; i++) parse();
  best = Math.min(best, (performance.now() - t0) / 100);
}
console.log(best / 1000);
`,
);

async function main(): Promise<void> {
  const ms = (s: number) => `${(s * 1000).toFixed(2)} ms`;
  console.log('typescript.createSourceFile of a 700-line file; timeit best per loop / steady reference');
  console.log('Node      reference   major (ratio)        minor (ratio)');
  for (const node of supportedNodes) {
    const reference = Number(execFileSync(node.path, [path.join(dir, 'reference.js')], { encoding: 'utf8' }));
    const cells: string[] = [];
    for (const gc of ['major', 'minor'] as const) {
      const o = await runTimeit({
        file: path.join(dir, 'parse.js'),
        stmt: 'parse()',
        gcBetweenRuns: gc,
        runnerPath: path.join(root, 'dist/runner.js'),
        nodePath: node.path,
        timeoutMs: 300_000,
      });
      if (!o.ok) throw new Error(o.message);
      cells.push(`${ms(o.result.best)} (${(o.result.best / reference).toFixed(2)}×)`.padEnd(21));
    }
    console.log(`${node.version.padEnd(10)}${ms(reference).padEnd(12)}${cells.join('')}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
