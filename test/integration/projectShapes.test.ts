// Every common project shape, run the two ways a user runs Hotline: through the runner of the
// packaged .vsix (unzipped, no node_modules beside it) and through the CLI of the dev tree. Each
// statement checks what the code computed, so "ok" means the file was compiled and loaded with the
// semantics its project asks for; both ways must give the same outcome and the same compiler.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { runTimeit } from '../../src/engine/timeit.ts';
import { ensureBuilt, root, tempDir, tempProject } from './buildOnce.ts';
import { supportedNodes, type SupportedNode } from '../supportedNodes.ts';

const cli = path.join(root, 'dist/cli.js');
let packagedRunner = '';

before(() => {
  ensureBuilt();
  const vsix = path.join(root, 'hotline.vsix');
  if (!fs.existsSync(vsix) || fs.statSync(vsix).mtimeMs < fs.statSync(path.join(root, 'dist/runner.js')).mtimeMs) {
    execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'ignore' });
  }
  const unpacked = tempDir('hotline-test-vsix-');
  execFileSync('unzip', ['-q', vsix, '-d', unpacked]);
  packagedRunner = path.join(unpacked, 'extension/dist/runner.js');
  assert.ok(!fs.existsSync(path.join(unpacked, 'extension/node_modules')), 'the .vsix ships no node_modules');
});

interface Outcome {
  ok: boolean;
  transpiler?: string;
  message?: string;
}

async function viaPackagedRunner(file: string, stmt: string, node: SupportedNode): Promise<Outcome> {
  const o = await runTimeit({
    file,
    stmt,
    loops: 1,
    repeat: 1,
    runnerPath: packagedRunner,
    nodePath: node.path,
    timeoutMs: 60_000,
  });
  return o.ok ? { ok: true, transpiler: o.transpiler } : { ok: false, message: o.message };
}

async function viaCli(file: string, stmt: string, node: SupportedNode): Promise<Outcome> {
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [cli, 'timeit', file, stmt, '-n', '1', '-r', '1', '--json', '--node', node.path],
      { timeout: 60_000 },
    );
    return { ok: true, transpiler: (JSON.parse(stdout) as { transpiler: string }).transpiler };
  } catch (e) {
    const stderr = String((e as { stderr?: string }).stderr ?? '');
    return { ok: false, message: /^hotline: (.*)$/m.exec(stderr)?.[1] ?? stderr };
  }
}

/** A statement that fails the run unless `condition` holds in the module's scope. */
const expect = (condition: string) =>
  `(() => { if (!(${condition})) throw new Error('wrong result: ${condition.replace(/'/g, '')}'); })()`;

const fakeReact = {
  'node_modules/react/package.json': JSON.stringify({
    name: 'react',
    main: 'index.js',
    exports: { '.': './index.js', './jsx-runtime': './jsx-runtime.js' },
  }),
  'node_modules/react/index.js':
    'exports.createElement = (type, props, ...children) => ({ type, props: { ...props, children } });\n',
  'node_modules/react/jsx-runtime.js':
    'exports.jsx = (type, props) => ({ type, props });\nexports.jsxs = exports.jsx;\nexports.Fragment = "fragment";\n',
};
const esm = { 'package.json': JSON.stringify({ type: 'module' }) };
const commonjs = { 'package.json': JSON.stringify({ name: 'plain' }) };

interface Shape {
  name: string;
  files: Record<string, string>;
  target: string;
  stmt: string;
  fails?: RegExp;
}

const shapes: Shape[] = [
  {
    name: 'a .cts file (CommonJS in a "type": "module" package)',
    files: {
      ...esm,
      'calc.cts':
        "import os = require('node:os');\nexport function area(r: number): number { return Math.PI * r * r; }\nexport const home = typeof os.homedir() === 'string' && __dirname;\n",
    },
    target: 'calc.cts',
    stmt: expect('Math.round(area(2)) === 13 && home === __dirname'),
  },
  {
    name: 'a .ts ES module importing a .cts (written ./calc.cjs, as tsc wants)',
    files: {
      ...esm,
      'calc.cts': 'export function area(r: number): number { return Math.PI * r * r; }\n',
      'main.ts': "import { area } from './calc.cjs';\nexport const ring = (r: number) => area(r) - area(r / 2);\n",
    },
    target: 'main.ts',
    stmt: expect('Math.round(ring(2)) === 9'),
  },
  {
    name: 'a .ts file in a package without "type": "module" using __dirname and require',
    files: {
      ...commonjs,
      'paths.ts':
        "import path from 'node:path';\nconst os = require('node:os');\nexport function here(): string { return path.basename(__dirname) + (os.EOL ? '' : '?'); }\n",
    },
    target: 'paths.ts',
    stmt: expect("here() === require('node:path').basename(__dirname)"),
  },
  {
    name: 'a JSON import with an import attribute',
    files: {
      ...esm,
      'data.json': '{ "size": 3 }',
      'useData.ts':
        "import data from './data.json' with { type: 'json' };\nexport function size(): number { return data.size; }\n",
    },
    target: 'useData.ts',
    stmt: expect('size() === 3'),
  },
  {
    name: 'a TS namespace with values',
    files: {
      ...esm,
      'geo.ts':
        'export namespace Geo {\n  export const unit = 2;\n  export function double(x: number): number { return x * unit; }\n}\nnamespace Inner { export const k = 5; }\nexport const five = () => Inner.k;\n',
    },
    target: 'geo.ts',
    stmt: expect('Geo.double(3) === 6 && five() === 5'),
  },
  {
    name: 'experimentalDecorators with emitDecoratorMetadata and a parameter decorator',
    files: {
      ...esm,
      'tsconfig.json': JSON.stringify({
        compilerOptions: { experimentalDecorators: true, emitDecoratorMetadata: true, target: 'ES2022' },
      }),
      'service.ts': [
        'export const calls: string[] = [];',
        'export const injected: number[] = [];',
        'function logged(_t: object, key: string, desc: PropertyDescriptor) {',
        '  const original = desc.value;',
        '  desc.value = function (this: unknown, ...args: unknown[]) { calls.push(key); return original.apply(this, args); };',
        '}',
        'function inject(_t: object, _key: string | undefined, index: number) { injected.push(index); }',
        'export class Service {',
        '  constructor(@inject readonly rate: number) {}',
        '  @logged',
        '  total(n: number): number { return n * this.rate; }',
        '}',
      ].join('\n'),
    },
    target: 'service.ts',
    stmt: expect('new Service(2).total(3) === 6 && calls.length > 0 && injected[0] === 0'),
  },
  {
    name: 'standard (TC39) decorators',
    files: {
      ...esm,
      'counter.ts': [
        'function bound<T>(method: T, context: ClassMethodDecoratorContext) {',
        '  context.addInitializer(function (this: any) { this[context.name] = (method as any).bind(this); });',
        '}',
        'export class Counter {',
        '  count = 0;',
        '  @bound',
        '  inc(): number { return ++this.count; }',
        '}',
      ].join('\n'),
    },
    target: 'counter.ts',
    stmt: expect('(() => { const c = new Counter(); const inc = c.inc; inc(); return c.count === 1; })()'),
  },
  {
    name: 'a .tsx component with "jsx": "react-jsx" and no React import',
    files: {
      ...esm,
      ...fakeReact,
      'tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'react-jsx' } }),
      'Hello.tsx':
        'export function Hello({ name }: { name: string }) {\n  return <div title={name}>hi {name}</div>;\n}\n',
    },
    target: 'Hello.tsx',
    stmt: expect("Hello({ name: 'x' }).type === 'div'"),
  },
  {
    name: 'a .tsx component with "jsx": "preserve" (Next.js) runs with the automatic runtime',
    files: {
      ...esm,
      ...fakeReact,
      'tsconfig.json': JSON.stringify({ compilerOptions: { jsx: 'preserve' } }),
      'Page.tsx': 'export const Page = () => <main><h1>t</h1></main>;\n',
    },
    target: 'Page.tsx',
    stmt: expect("Page().type === 'main'"),
  },
  {
    name: 'a .jsx file in a CommonJS package',
    files: {
      ...commonjs,
      ...fakeReact,
      'list.jsx':
        "const React = require('react');\nexports.List = ({ n }) => <ul>{Array.from({ length: n }, (_, i) => <li key={i}>{i}</li>)}</ul>;\n",
    },
    target: 'list.jsx',
    stmt: expect("List({ n: 3 }).type === 'ul'"),
  },
  {
    name: 'tsconfig paths (@lib/x) in an ES module package',
    files: {
      ...esm,
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@lib/*': ['src/lib/*'] } } }),
      'src/lib/math.ts': 'export const twice = (n: number): number => n * 2;\n',
      'src/app.ts': "import { twice } from '@lib/math';\nexport function run(): number { return twice(21); }\n",
    },
    target: 'src/app.ts',
    stmt: expect('run() === 42'),
  },
  {
    name: 'tsconfig paths without baseUrl in a CommonJS package',
    files: {
      ...commonjs,
      'tsconfig.json': JSON.stringify({ compilerOptions: { paths: { '~/*': ['./src/*'] } } }),
      'src/util.ts': 'export const inc = (n: number): number => n + 1;\n',
      'src/index.ts': "import { inc } from '~/util';\nexport const run = () => inc(41);\n",
    },
    target: 'src/index.ts',
    stmt: expect('run() === 42'),
  },
  {
    name: 'class fields follow the tsconfig target (ES2020: assignment, so a base setter runs)',
    files: {
      ...esm,
      'tsconfig.json': JSON.stringify({ compilerOptions: { target: 'ES2020' } }),
      'fields.ts':
        'class Base {\n  seen = -1;\n  set value(v: number) { this.seen = v; }\n  get value(): number { return this.seen; }\n}\nexport class Child extends Base { value = 5; }\n',
    },
    target: 'fields.ts',
    stmt: expect('new Child().seen === 5'),
  },
  {
    name: 'an .mts file in a CommonJS package, importing a .ts twin by its .js name',
    files: {
      ...commonjs,
      'wave.mts':
        "import { peak } from './peak.js';\nexport const url = import.meta.url;\nexport const top = () => peak([1, 5, 2]);\n",
      'peak.ts': 'export const peak = (xs: number[]) => Math.max(...xs);\n',
    },
    target: 'wave.mts',
    stmt: expect("top() === 5 && url.endsWith('wave.mts')"),
  },
  {
    name: 'targets: an anonymous default export through exports.default (ES module)',
    files: { ...esm, 'count.ts': 'export default function (items: number[]): number {\n  return items.length;\n}\n' },
    target: 'count.ts',
    stmt: expect('exports.default([1, 2]) === 2'),
  },
  {
    name: 'targets: export default in a CommonJS .ts, and module.exports = function',
    files: {
      ...commonjs,
      'count.ts': 'export default function (items: number[]): number {\n  return items.length;\n}\n',
      'square.js': 'module.exports = function square(n) { return n * n; };\n',
    },
    target: 'count.ts',
    stmt: expect("exports.default([1]) === 1 && require('./square.js')(3) === 9"),
  },
  {
    name: 'targets: module.exports = function is called through module.exports',
    files: { ...commonjs, 'square.js': 'module.exports = function square(n) { return n * n; };\n' },
    target: 'square.js',
    stmt: expect('module.exports(3) === 9'),
  },
  {
    name: 'targets: object-literal methods, property arrows, getters and generators',
    files: {
      ...esm,
      'ui.ts': [
        'export const shapes = { triple(n: number) { return n * 3; }, half: (n: number) => n / 2 };',
        'export class Button {',
        '  onClick = (times: number) => times + 1;',
        '  get label(): string { return "b"; }',
        '}',
        'export function* gen(limit: number) { for (let i = 0; i < limit; i++) yield i; }',
      ].join('\n'),
    },
    target: 'ui.ts',
    stmt: expect(
      "shapes.triple(2) === 6 && shapes.half(4) === 2 && new Button().onClick(1) === 2 && new Button().label === 'b' && [...gen(3)].length === 3",
    ),
  },
  {
    name: '`export =` in an ES module is refused by name, with file:line:col',
    files: { ...esm, 'legacy.ts': 'const value = 1;\nexport = value;\n' },
    target: 'legacy.ts',
    stmt: '1',
    fails: /^cannot compile legacy\.ts:2:1: `export =` is CommonJS syntax/,
  },
  {
    name: 'a type imported as a value is explained (each file is compiled on its own)',
    files: {
      ...esm,
      'types.ts': 'export interface Point { x: number }\n',
      'use.ts':
        "import { Point } from './types.js';\nexport const origin = (): Point => ({ x: 0 });\nexport { Point };\n",
    },
    target: 'use.ts',
    stmt: 'origin()',
    fails: /does not provide an export named 'Point'.*import it with `import type`/,
  },
  {
    name: 'CommonJS TypeScript requiring an ESM-only package (require(esm), like nanoid@5 or chalk@5)',
    files: {
      'package.json': '{}',
      'node_modules/esm-only/package.json': JSON.stringify({ name: 'esm-only', type: 'module', exports: './index.js' }),
      'node_modules/esm-only/index.js':
        "import { randomBytes } from 'node:crypto';\nexport const id = () => randomBytes(4).toString('hex');\n",
      'use.ts': "import { id } from 'esm-only';\nexport const make = (): string => id();\n",
    },
    target: 'use.ts',
    stmt: expect('make().length === 8'),
  },
  {
    name: 'an ES module importing named exports through a CommonJS TypeScript barrel (export * in a .cts)',
    files: {
      ...esm,
      'impl.cts':
        'export function triple(n: number): number {\n  return 3 * n;\n}\nexport interface Shape { n: number }\n',
      'more.cts': 'export const four = 4;\n',
      'barrel.cts': "export * from './impl.cjs';\nexport * from './more.cjs';\n",
      'use.ts':
        "import { triple, four } from './barrel.cjs';\nexport const nine = (): number => triple(3) + four - 4;\n",
    },
    target: 'use.ts',
    stmt: expect('nine() === 9'),
  },
  {
    name: 'a CommonJS workspace library with a TypeScript barrel, imported by an ES module',
    files: {
      ...esm,
      'node_modules/@ws/lib/package.json': JSON.stringify({ name: '@ws/lib', main: 'src/index.ts' }),
      'node_modules/@ws/lib/src/index.ts': "export * from './impl';\n",
      'node_modules/@ws/lib/src/impl.ts': 'export const double = (n: number): number => 2 * n;\n',
      'use.ts': "import { double } from '@ws/lib';\nexport const four = (): number => double(2);\n",
    },
    target: 'use.ts',
    stmt: expect('four() === 4'),
  },
  ...(['not built', 'built (stale output in dist/)'] as const).map((state) => ({
    name: `package.json "imports" aliases pointing at build output, ${state}: the source runs, as tsc maps it`,
    files: {
      'package.json': JSON.stringify({ type: 'module', imports: { '#lib/*': './dist/lib/*.js' } }),
      'tsconfig.json': JSON.stringify({
        compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', rootDir: 'src', outDir: 'dist' },
      }),
      'src/lib/x.ts': 'export const val = (): number => 1;\n',
      'src/use.ts': "import { val } from '#lib/x';\nexport const get = (): number => val();\n",
      ...(state === 'not built' ? {} : { 'dist/lib/x.js': 'export const val = () => 2;\n' }),
    },
    target: 'src/use.ts',
    stmt: expect('get() === 1'),
  })),
  {
    name: 'package.json "imports" aliases in a CommonJS package, built: the source runs',
    files: {
      'package.json': JSON.stringify({ imports: { '#lib/*': './dist/lib/*.js' } }),
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'commonjs', rootDir: 'src', outDir: 'dist' } }),
      'src/lib/x.ts': 'export const val = (): number => 1;\n',
      'src/use.ts': "import { val } from '#lib/x';\nexport const get = (): number => val();\n",
      'dist/lib/x.js': 'exports.val = () => 2;\n',
    },
    target: 'src/use.ts',
    stmt: expect('get() === 1'),
  },
  {
    name: "a worker thread on a .ts file (new Worker(new URL('./w.ts', import.meta.url))), with an enum",
    files: {
      ...esm,
      'w.ts':
        "import { parentPort, workerData } from 'node:worker_threads';\nenum Factor { Two = 2 }\nparentPort!.postMessage((workerData as number) * Factor.Two);\n",
      'main.ts': [
        "import { Worker } from 'node:worker_threads';",
        'export const viaWorker = (n: number): Promise<number> =>',
        '  new Promise((resolve, reject) => {',
        "    const w = new Worker(new URL('./w.ts', import.meta.url), { workerData: n });",
        "    w.once('message', (v: number) => void w.terminate().then(() => resolve(v)));",
        "    w.once('error', reject);",
        '  });',
        '',
      ].join('\n'),
    },
    target: 'main.ts',
    stmt: "viaWorker(21).then((v) => { if (v !== 42) throw new Error('wrong result ' + v); })",
  },
  {
    name: 'a tsconfig that is not valid JSON is refused by name, as tsc refuses it',
    files: {
      ...esm,
      'tsconfig.json': '{ "compilerOptions": { "experimentalDecorators": true, } ',
      'x.ts': 'export const one = (): number => 1;\n',
    },
    target: 'x.ts',
    stmt: 'one()',
    fails: /^cannot compile tsconfig\.json:\d+:\d+: tsconfig\.json cannot be used: '\}' expected\. \(TS1005\)/,
  },
  {
    name: 'a tsconfig extending a package that is not installed is refused by name (TS6053)',
    files: {
      ...esm,
      'tsconfig.json': JSON.stringify({ extends: '@tsconfig/not-installed/tsconfig.json' }),
      'x.ts': 'export const one = (): number => 1;\n',
    },
    target: 'x.ts',
    stmt: 'one()',
    fails:
      /tsconfig\.json cannot be used: File '@tsconfig\/not-installed\/tsconfig\.json' not found\. \(TS6053\); tsc refuses it too: install the package it extends/,
  },
  {
    name: 'a source file with a byte-order mark before its shebang',
    files: {
      ...esm,
      'bom.ts': '\uFEFF#!/usr/bin/env node\nexport const two = (): number => 2;\n',
    },
    target: 'bom.ts',
    stmt: expect('two() === 2'),
  },
  {
    name: 'a syntax error names file:line:col',
    files: { ...esm, 'broken.ts': 'export function f( {\n  return 1;\n}\n' },
    target: 'broken.ts',
    stmt: 'f()',
    fails: /^cannot compile broken\.ts:2:10: ':' expected\./,
  },
];

for (const node of supportedNodes)
  for (const shape of shapes) {
    test(`project shape: ${shape.name} (${node.label})`, async () => {
      const dir = tempProject(shape.files);
      const file = path.join(dir, shape.target);
      const [packaged, fromCli] = [
        await viaPackagedRunner(file, shape.stmt, node),
        await viaCli(file, shape.stmt, node),
      ];
      if (shape.fails) {
        assert.equal(packaged.ok, false, 'the packaged runner refuses it');
        assert.match(packaged.message ?? '', shape.fails);
      } else {
        assert.ok(packaged.ok, `packaged .vsix runner: ${packaged.message}`);
        assert.match(
          packaged.transpiler ?? '',
          /^TypeScript \d+\.\d+\.\d+ \(Hotline's\)$/,
          'no TypeScript in the project: the shipped one',
        );
      }
      assert.deepEqual(fromCli, packaged, 'the CLI gives the same outcome as the packaged extension');
    });
  }

for (const node of supportedNodes)
  test(`a project's own TypeScript is used when it has one (${node.label})`, async () => {
    const dir = tempProject({
      ...esm,
      'sum.ts': 'export const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);\n',
    });
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(path.join(root, 'node_modules/typescript'), path.join(dir, 'node_modules/typescript'), 'dir');
    const o = await viaPackagedRunner(path.join(dir, 'sum.ts'), expect('sum([1, 2]) === 3'), node);
    assert.match(o.transpiler ?? '', /^TypeScript \d+\.\d+\.\d+ \(the project's\)$/, o.message);
    assert.deepEqual(await viaCli(path.join(dir, 'sum.ts'), expect('sum([1, 2]) === 3'), node), o);
  });

// Node 26 deprecates module.register (DEP0205, printed on every run that registers hooks): the
// runner uses module.registerHooks where Node has it, so nothing of Node's own reaches the user.
for (const node of supportedNodes)
  test(`no warning of Node's reaches the user, ES module or CommonJS TypeScript (${node.label})`, async () => {
    const dir = tempProject({
      ...esm,
      'esm.ts': 'export const twice = (n: number): number => 2 * n;\n',
      'lib/package.json': JSON.stringify({ type: 'commonjs' }),
      'lib/cjs.ts': 'export const thrice = (n: number): number => 3 * n;\n',
    });
    for (const [file, stmt] of [
      ['esm.ts', expect('twice(2) === 4')],
      ['lib/cjs.ts', expect('thrice(2) === 6')],
    ]) {
      const o = await runTimeit({
        file: path.join(dir, file),
        stmt,
        loops: 1,
        repeat: 1,
        runnerPath: packagedRunner,
        nodePath: node.path,
      });
      assert.ok(o.ok, o.ok ? '' : o.message);
      assert.doesNotMatch(o.stderr, /Warning|DEP0\d+/, `${file}: ${o.stderr}`);
    }
  });

// A home folder like "Jane Doe" (macOS, Windows) and non-ASCII folder names, through every engine:
// a CommonJS script is named by its path in V8's log, spaces included.
for (const node of supportedNodes)
  test(`a path with a space and non-ASCII characters, through timeit, lprun, prun, deopts and annotate (${node.label})`, async () => {
    const dir = path.join(tempDir(), 'Jane Doe', 'calcul 計算');
    const busy = [
      'function work(n) {',
      '  let s = 0;',
      '  for (let i = 0; i < n; i++) s += Math.sqrt(i);',
      '  return s;',
      '}',
      'module.exports = { work };',
      '',
    ].join('\n');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), '{}');
    fs.writeFileSync(path.join(dir, 'w.js'), busy);
    fs.writeFileSync(path.join(dir, 'w.cts'), busy);
    fs.writeFileSync(path.join(dir, 'esm.mts'), busy.replace('module.exports = { work };', 'export { work };'));
    const hotline = (...args: string[]) =>
      promisify(execFile)(process.execPath, [cli, ...args, '--node', node.path], { cwd: dir, timeout: 120_000 });
    const lprun = async (name: string) => {
      const profiled = JSON.parse((await hotline('lprun', name, 'work(20000)', '-f', 'work', '--json')).stdout) as {
        functions: { name: string; lines: { line: number }[] }[];
      };
      const work = profiled.functions.find((f) => f.name === 'work');
      assert.ok(
        work?.lines.some((l) => l.line === 3),
        `${name}: lprun found work's loop line`,
      );
    };
    const timeit = async (name: string) =>
      assert.ok(
        JSON.parse((await hotline('timeit', name, 'work(1000)', '-n', '10', '-r', '2', '--json')).stdout).best > 0,
      );
    // CommonJS .js: the case that lost every line time and gave deopts a false all-clear
    await timeit('w.js');
    await lprun('w.js');
    const explained = JSON.parse((await hotline('deopts', 'w.js', 'work(20000)', '--json')).stdout) as {
      functions: { fn: string; file: string }[];
    };
    assert.deepEqual(
      explained.functions.filter((f) => f.fn === 'work').map((f) => f.file),
      [path.join(dir, 'w.js')],
      'deopts judged work, in its file',
    );
    // CommonJS TypeScript
    await lprun('w.cts');
    await hotline('prun', 'w.cts', 'work(20000)', '-o', 'w.cpuprofile');
    const cpuprofile = fs.readFileSync(path.join(dir, 'w.cpuprofile'), 'utf8');
    assert.ok(cpuprofile.includes('計算') && cpuprofile.includes('"work"'), 'prun wrote the path and the function');
    await hotline('annotate', 'w.cts', 'work(20000)', '-f', 'work', '-o', 'w.html');
    assert.match(fs.readFileSync(path.join(dir, 'w.html'), 'utf8'), /s \+= Math\.sqrt\(i\)/, 'annotate');
    // an ES module (its URL is percent-encoded)
    await timeit('esm.mts');
    await lprun('esm.mts');
  });

// Source text that node and tsc take: a byte-order mark before a shebang, lone CR line endings
// (classic Mac), a function named in CJK characters (in V8's log, its name is raw UTF-8).
for (const node of supportedNodes)
  test(`odd source text: BOM + shebang, lone CR line endings, U+2028 in a string, a CJK function name (${node.label})`, async () => {
    const bomShebang = '\uFEFF#!/usr/bin/env node\nexport function f(n: number): number {\n  return n + 1;\n}\n';
    const loop = [
      'export function g(n: number): number {',
      '  let s = 0;',
      '  for (let i = 0; i < n; i++) {',
      '    s += i;',
      '  }',
      '  return s;',
      '}',
      '',
    ];
    const dir = tempProject({
      ...esm,
      'bom.ts': bomShebang,
      'bom.mjs': bomShebang.replace(': number', '').replace(': number', ''),
      'cr.ts': loop.join('\r'),
      // U+2028 inside a string: TypeScript's source map counts it as a line break, the editor does not
      'separator.ts':
        'const sep = "a\u2028b";\nexport function h(n: number): number {\n  let s = 0;\n  for (let i = 0; i < n; i++) s += i;\n  return s + sep.length;\n}\n',
      'cjk.mjs':
        'export function 計算(n) {\n  let t = 0;\n  for (let i = 0; i < n; i++) t += Math.sqrt(i);\n  return t;\n}\n',
    });
    const hotline = async (...args: string[]) =>
      (await promisify(execFile)(process.execPath, [cli, ...args, '--node', node.path], { cwd: dir, timeout: 120_000 }))
        .stdout;
    for (const file of ['bom.ts', 'bom.mjs']) await hotline('timeit', file, expect('f(1) === 2'), '-n', '1', '-r', '1');
    type Report = { functions: { name: string; lines: { line: number; hits: number | null }[] }[] };
    const cr = JSON.parse(await hotline('lprun', 'cr.ts', 'g(1000)', '-f', 'g', '--json')) as Report;
    const hits = new Map(cr.functions.find((f) => f.name === 'g')!.lines.map((l) => [l.line, l.hits]));
    assert.equal(hits.get(3), 1001, 'the loop header on line 3: entries + iterations');
    assert.equal(hits.get(4), 1000, 'the body on line 4');
    const separator = JSON.parse(await hotline('lprun', 'separator.ts', 'h(1000)', '-f', 'h', '--json')) as Report;
    const separatorHits = new Map(separator.functions.find((f) => f.name === 'h')!.lines.map((l) => [l.line, l.hits]));
    assert.equal(separatorHits.get(4), 1001, 'the loop after a U+2028 stays on its line 4');
    assert.equal(separatorHits.get(5), 1, 'the return on line 5');
    const cjk = JSON.parse(await hotline('lprun', 'cjk.mjs', '計算(20000)', '-f', '計算', '--json')) as Report;
    assert.ok(
      cjk.functions.some((f) => f.name === '計算' && f.lines.some((l) => l.hits === 20001)),
      '-f 計算 is found',
    );
    await hotline('prun', 'cjk.mjs', '計算(20000)', '-o', 'cjk.cpuprofile');
    assert.match(
      fs.readFileSync(path.join(dir, 'cjk.cpuprofile'), 'utf8'),
      /"functionName":"計算"/,
      'prun writes the name in UTF-8',
    );
  });

// `using` is lowered by TypeScript to a try/finally that maps to the function's first line: the
// dispose's cost belongs on the `using` line, as line_profiler puts a `with` block's __exit__ on the `with` line.
for (const node of supportedNodes)
  test(`a using declaration's dispose is timed on its line, sync and await using (${node.label})`, async () => {
    const dir = tempProject({
      ...esm,
      'res.ts': [
        'class Busy {',
        '  [Symbol.dispose]() {',
        '    let s = 0;',
        '    for (let i = 0; i < 300000; i++) s += Math.sqrt(i);',
        '    (globalThis as { sink?: number }).sink = s;',
        '  }',
        '  async [Symbol.asyncDispose]() {',
        '    this[Symbol.dispose]();',
        '  }',
        '}',
        'export function held(n: number): number {',
        '  let t = 0;',
        '  using busy = new Busy();',
        '  for (let i = 0; i < n; i++) t += i;',
        '  return t;',
        '}',
        'export async function heldAsync(n: number): Promise<number> {',
        '  await using busy = new Busy();',
        '  return n + 1;',
        '}',
        '',
      ].join('\n'),
    });
    type Report = { functions: { name: string; lines: { line: number; micros: number }[] }[] };
    for (const [fn, stmt, usingLine, header] of [
      ['held', 'held(10)', 13, 11],
      ['heldAsync', 'await heldAsync(1)', 18, 17],
    ] as const) {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [cli, 'lprun', 'res.ts', stmt, '-f', fn, '--cold', '--json', '--node', node.path],
        { cwd: dir, timeout: 120_000 },
      );
      const lines = (JSON.parse(stdout) as Report).functions.find((f) => f.name === fn)!.lines;
      const total = lines.reduce((sum, l) => sum + l.micros, 0);
      const on = (line: number) => (lines.find((l) => l.line === line)?.micros ?? 0) / total;
      assert.ok(on(usingLine) > 0.8, `${fn}: ${(100 * on(usingLine)).toFixed(1)} % on the using line`);
      assert.ok(on(header) < 0.05, `${fn}: ${(100 * on(header)).toFixed(1)} % on the function's first line`);
    }
  });

// CommonJS TypeScript requiring TypeScript that Node gives the ES module format: require(esm), as
// Node does for .js, where the ES module's own TypeScript imports can load synchronously
// (module.registerHooks, Node 22.15+); on Node 20 refused by name.
for (const node of supportedNodes)
  test(`CommonJS TypeScript requiring an ES module .ts (require(esm) of TypeScript) (${node.label})`, async () => {
    const dir = tempProject({
      'package.json': '{}',
      'lib/package.json': JSON.stringify({ type: 'module' }),
      'lib/wave.ts': 'export const wave = (n: number): number[] => Array.from({ length: n }, (_, i) => i % 4);\n',
      'lib/sum.ts':
        "import { wave } from './wave.ts';\nexport const sumWave = (n: number): number => wave(n).reduce((a, b) => a + b, 0);\n",
      'use.ts': "import { sumWave } from './lib/sum.ts';\nexport const total = (): number => sumWave(8);\n",
      'tsconfig.json': JSON.stringify({ compilerOptions: { allowImportingTsExtensions: true, noEmit: true } }),
    });
    const packaged = await viaPackagedRunner(path.join(dir, 'use.ts'), expect('total() === 12'), node);
    if (node.major >= 22) assert.ok(packaged.ok, packaged.message);
    else {
      assert.equal(packaged.ok, false);
      assert.match(
        packaged.message ?? '',
        /not supported on Node 20\.\d+\.\d+.*use import\(\), or Node 22\.15 or later/,
      );
    }
    assert.deepEqual(await viaCli(path.join(dir, 'use.ts'), expect('total() === 12'), node), packaged);
  });
