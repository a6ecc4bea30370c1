// The attribution workloads run as whole programs: `hotline run` on a driver that repeats each
// workload's statement for a few seconds (cold start included, as a real program has it), then
// each truth line's share of the target function, against the designed truth. Every supported Node.
//   npm run build && node --import tsx bench/attribution/wholeRun.ts [--only <name>] [--seconds 3]
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { pp, table, type Cell } from './table.ts';
import { ROOT, WORKLOADS } from './workloads.ts';
import { supportedNodes } from '../../test/supportedNodes.ts';

const argv = process.argv.slice(2);
const flag = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const only = flag('--only');
const seconds = Number(flag('--seconds') ?? 3);
const CLI = path.join(ROOT, 'dist/cli.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-attribution-run-'));

interface RunJson {
  lines: { file: string; line: number; totalMs: number }[];
  functions: { name: string; file: string; totalMs: number }[];
}

/** A program that imports the fixture and repeats the statement, in the fixture's names, for `seconds`. */
function driverFor(file: string, stmt: string, setup = ''): string {
  const driver = path.join(dir, `${path.basename(file)}.driver.mjs`);
  fs.writeFileSync(
    driver,
    `const m = await import(${JSON.stringify(pathToFileURL(path.join(ROOT, file)).href)});
const names = Object.keys(m).filter((k) => k !== 'default' && /^[A-Za-z_$][\\w$]*$/.test(k));
const body = ${JSON.stringify(`${setup}\nconst end = performance.now() + ${seconds * 1000};\nwhile (performance.now() < end) { ${stmt}; }`)};
new Function(...names, body)(...names.map((n) => m[n]));
`,
  );
  return driver;
}

async function main(): Promise<void> {
  const errors: Cell[][] = [];
  for (const w of WORKLOADS.filter((x) => !only || x.name === only)) {
    const driver = driverFor(w.file, w.stmt, w.setup);
    const rows: Cell[][] = w.truth.map((t) => [String(t.line), t.percent]);
    const worst: Cell[] = [w.name];
    for (const node of supportedNodes) {
      try {
        const { stdout } = await promisify(execFile)(
          process.execPath,
          [CLI, 'run', '--json', '--node', node.path, '--', 'node', '--import', 'tsx', driver],
          { cwd: ROOT, maxBuffer: 1 << 30, timeout: 300_000 },
        );
        const report = JSON.parse(stdout) as RunJson;
        const file = path.join(ROOT, w.file);
        const fn = report.functions.find((f) => f.name === w.fn && f.file === file);
        if (!fn) throw new Error(`${w.fn} not in the report`);
        let max = 0;
        w.truth.forEach((t, i) => {
          const share =
            (100 * (report.lines.find((l) => l.file === file && l.line === t.line)?.totalMs ?? 0)) / fn.totalMs;
          max = Math.max(max, Math.abs(share - t.percent));
          rows[i].push(`${share.toFixed(1)} (${pp(share - t.percent)})`);
        });
        worst.push(max);
      } catch (e) {
        w.truth.forEach((_, i) => rows[i].push('—'));
        worst.push(`failed: ${(e as Error).message.split('\n')[0].slice(0, 60)}`);
      }
    }
    console.log(`\n${w.name} (${w.file}, ${w.fn}): % of ${w.fn} as a whole program\n`);
    console.log(table(['line', 'truth %', ...supportedNodes.map((n) => n.label)], rows));
    errors.push(worst);
  }
  console.log(`\nlargest error per workload, pp (whole programs, ${seconds} s each, cold start included)\n`);
  console.log(table(['workload', ...supportedNodes.map((n) => n.label)], errors));
  fs.rmSync(dir, { recursive: true, force: true });
}

void main();
