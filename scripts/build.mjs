// Builds the bundles with esbuild: the extension (node/cjs, `vscode` external), the child-process
// runner and its ESM loader hooks (plain Node), the CLI, and the webview scripts (browser).
// Usage: node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const exists = (p) => fs.existsSync(path.join(root, p));

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  legalComments: 'none',
};
const node = { ...common, platform: 'node', target: 'node20' };
const configs = [
  { ...node, entryPoints: ['extension.ts'], outfile: 'dist/extension.js', format: 'cjs', external: ['vscode'] },
  // The runner's own frames are filtered out of user stack traces by path, so no source maps here.
  {
    ...node,
    entryPoints: ['src/runner/main.ts'],
    outfile: 'dist/runner.js',
    format: 'cjs',
    external: ['esbuild'],
    sourcemap: false,
  },
  {
    ...node,
    entryPoints: ['src/runner/loaderHooks.ts'],
    outfile: 'dist/loader-hooks.mjs',
    format: 'esm',
    external: ['esbuild'],
    sourcemap: false,
  },
  // Installs the runner's hooks in a worker thread the user's code starts on a TypeScript file.
  {
    ...node,
    entryPoints: ['src/runner/workerHooks.ts'],
    outfile: 'dist/worker-hooks.js',
    format: 'cjs',
    external: ['esbuild'],
    sourcemap: false,
  },
  // Preloaded into every process of a whole run (hotline run, Profile Run…): plain Node, no maps.
  {
    ...node,
    entryPoints: ['src/runner/wholeRunPreload.ts'],
    outfile: 'dist/run-preload.js',
    format: 'cjs',
    sourcemap: false,
  },
  // Reads a whole run's V8 logs, a share per core (src/engine/wholeRun.ts).
  {
    ...node,
    entryPoints: ['src/worker/runLogWorker.ts'],
    outfile: 'dist/run-log-worker.js',
    format: 'cjs',
    sourcemap: false,
  },
  // Opens .cpuprofile files off the extension host's main thread (src/core/flame/profileJob.ts).
  { ...node, entryPoints: ['src/worker/profileWorker.ts'], outfile: 'dist/profileWorker.js', format: 'cjs' },
  {
    ...node,
    entryPoints: ['src/cli.ts'],
    outfile: 'dist/cli.js',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
    external: ['esbuild'],
  },
  ...(fs.existsSync(path.join(root, 'webview'))
    ? fs
        .readdirSync(path.join(root, 'webview'), { withFileTypes: true })
        .filter((d) => d.isDirectory() && exists(`webview/${d.name}/main.ts`))
        .map((d) => ({
          ...common,
          platform: 'browser',
          target: 'chrome120',
          format: 'iife',
          entryPoints: [`webview/${d.name}/main.ts`],
          outfile: `dist/webview/${d.name}.js`,
          loader: { '.ttf': 'file', '.css': 'css' },
        }))
    : []),
].filter((c) => exists(c.entryPoints[0]));

fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true });
if (watch) {
  for (const c of configs) await (await esbuild.context(c)).watch();
  console.log(`watching ${configs.length} bundles`);
} else {
  await Promise.all(configs.map((c) => esbuild.build(c)));
  // codicons for the webviews (font + css), served through asWebviewUri
  const codicons = path.join(root, 'node_modules/@vscode/codicons/dist');
  fs.mkdirSync(path.join(root, 'dist/codicons'), { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf'])
    fs.copyFileSync(path.join(codicons, f), path.join(root, 'dist/codicons', f));
  // The TypeScript compiler the runner uses when the user's project has none (see src/runner/typescriptHost.ts):
  // shipped as a file of its own, loaded only when a file needs compiling, never part of a bundle.
  const ts = path.join(root, 'node_modules/typescript');
  const shippedTs = path.join(root, 'dist/typescript');
  fs.mkdirSync(shippedTs, { recursive: true });
  fs.copyFileSync(path.join(ts, 'lib/typescript.js'), path.join(shippedTs, 'typescript.js'));
  fs.copyFileSync(path.join(ts, 'LICENSE.txt'), path.join(shippedTs, 'LICENSE.txt'));
  const { version, license } = JSON.parse(fs.readFileSync(path.join(ts, 'package.json'), 'utf8'));
  fs.writeFileSync(
    path.join(shippedTs, 'package.json'),
    JSON.stringify({ name: 'typescript', version, license, main: 'typescript.js' }),
  );
  console.log(`built ${configs.map((c) => c.outfile).join(', ')}`);
}
