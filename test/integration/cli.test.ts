// The CLI's own messages: options refused by name with the command's usage, a missing file or a
// wrong --node said in CLI terms, and exit 130 after Ctrl-C from every command that runs code.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureBuilt, root, tempProject } from './buildOnce.ts';

const cli = path.join(root, 'dist/cli.js');
before(ensureBuilt);

const project = () =>
  tempProject({ 'w.js': 'export const spin = () => { const end = Date.now() + 100; while (Date.now() < end); };\n' });

function hotline(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

test('unknown options and options of another command are refused, with that command usage', () => {
  const dir = project();
  for (const [args, message] of [
    [['timeit', 'w.js', 'spin()', '--repeat', '2'], /^hotline: unknown option --repeat\nusage: hotline timeit /],
    [['timeit', 'w.js', 'spin()', '--bogus'], /^hotline: unknown option --bogus\n/],
    [['deopts', 'w.js', 'spin()', '-n', '3'], /^hotline: deopts does not take -n\nusage: hotline deopts /],
    [['lprun', 'w.js', 'spin()', '-f'], /^hotline: -f needs a value \(<function>\)/],
  ] as const) {
    const r = hotline([...args], dir);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, message);
  }
});

test('--node and --timeout are in the usage of every command that runs code', () => {
  const usage = hotline(['--help'], root).stdout;
  for (const command of ['timeit', 'compare', 'lprun', 'prun', 'deopts', 'annotate']) {
    const line = usage.split('\n').find((l) => l.startsWith(`  hotline ${command} `)) ?? '';
    assert.match(line, /\[--timeout seconds\] \[--node path\]/, command);
    assert.equal(hotline([command, '--help'], root).stdout.trim(), `usage: ${line.trim()}`);
  }
});

test('a missing file, a folder and a wrong --node are said in the CLI terms', () => {
  const dir = project();
  assert.match(hotline(['timeit', 'nothere.ts', 'x()'], dir).stderr, /^hotline: nothere\.ts: no such file\n/);
  assert.match(hotline(['lprun', dir, 'x()', '-f', 'x'], dir).stderr, /is a folder; give the file whose scope/);
  const wrongNode = hotline(['timeit', 'w.js', 'spin()', '--node', '/nonexistent/node'], dir);
  assert.equal(wrongNode.code, 2);
  assert.match(wrongNode.stderr, /^hotline: --node \/nonexistent\/node: no such file\n/);
  assert.doesNotMatch(wrongNode.stderr, /hotline\.nodePath/);
});

test('--interval below what V8 honours is raised and said so', () => {
  const r = hotline(['prun', 'w.js', 'spin()', '-o', 'w.cpuprofile', '--interval', '1'], project());
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /--interval 1 is below what V8 honours; sampling every 100 µs/);
});

for (const command of [
  ['timeit', 'w.js', 'spin()'],
  ['lprun', 'w.js', 'spin()', '-f', 'spin'],
  ['deopts', 'w.js', 'spin()'],
  ['compare', 'w.js', 'spin()', 'spin()'],
])
  test(`Ctrl-C: hotline ${command[0]} exits 130`, async () => {
    const child = spawn(process.execPath, [cli, ...command, '--timeout', '60'], { cwd: project(), stdio: 'pipe' });
    let stderr = '';
    // Once the run is under way (the runner reports progress; timeit prints none: 1.5 s of its
    // 7 runs of ≥ 0.2 s), interrupt it as a terminal would.
    const interrupt = () => !child.killed && child.kill('SIGINT');
    const timer = setTimeout(interrupt, 1500);
    child.stderr.on('data', (c: Buffer) => {
      stderr += c;
      if (/hotline: (counting|collecting|sampling|warming)/.test(stderr)) interrupt();
    });
    child.on('exit', () => clearTimeout(timer));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    assert.equal(code, 130, stderr);
  });
