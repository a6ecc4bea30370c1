// Runs a real VS Code (code-server 4.100.3, installed by scripts/install-code-server.sh) with a
// run folder of its own: profile, extensions, XDG dirs and TMPDIR all live in it, so nothing
// leaks into $HOME and a fresh folder is a fresh VS Code. Used by `npm start` and the e2e tests.
//   node scripts/code-server.mjs install <runDir> <vsix>
//   node scripts/code-server.mjs serve <runDir> <port>
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const entry = path.join(root, '.tools/code-server/node_modules/code-server/out/node/entry.js');

const baseSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'typescript.disableAutomaticTypeAcquisition': true,
  'git.enabled': false,
  'editor.codeLens': true,
  'window.menuBarVisibility': 'classic',
  'chat.commandCenter.enabled': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
};

function env(runDir) {
  const dirs = { XDG_CONFIG_HOME: 'xdg/config', XDG_DATA_HOME: 'xdg/data', XDG_CACHE_HOME: 'xdg/cache', TMPDIR: 'tmp' };
  const out = { ...process.env };
  for (const [k, v] of Object.entries(dirs)) {
    out[k] = path.join(runDir, v);
    fs.mkdirSync(out[k], { recursive: true });
  }
  return out;
}

function commonArgs(runDir) {
  return [
    '--config',
    path.join(runDir, 'config.yaml'),
    '--user-data-dir',
    path.join(runDir, 'ud'),
    '--extensions-dir',
    path.join(runDir, 'ext'),
  ];
}

export function installExtension(runDir, vsix) {
  if (!fs.existsSync(entry)) throw new Error('code-server is not installed: run scripts/install-code-server.sh');
  fs.mkdirSync(runDir, { recursive: true });
  const r = spawnSync(
    process.execPath,
    [entry, ...commonArgs(runDir), '--force', '--install-extension', path.resolve(vsix)],
    { env: env(runDir), encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`installing ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
}

/**
 * Starts code-server in its own process group (so stop() kills the extension host, file watchers
 * and every child Hotline started) and resolves once /healthz answers.
 */
export async function startCodeServer({ runDir, port, trust = true, settings = {} }) {
  const userDir = path.join(runDir, 'ud/User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(
    path.join(userDir, 'settings.json'),
    JSON.stringify({ ...baseSettings, 'security.workspace.trust.enabled': !trust, ...settings }, null, 2),
  );
  const args = [
    entry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(trust ? ['--disable-workspace-trust'] : []),
    ...commonArgs(runDir),
  ];
  const log = fs.openSync(path.join(runDir, 'code-server.log'), 'a');
  const child = spawn(process.execPath, args, { env: env(runDir), detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`code-server exited (${child.exitCode}); see ${runDir}/code-server.log`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error(`code-server did not answer on ${url}; see ${runDir}/code-server.log`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, pid: child.pid, stop };
}

async function main() {
  const [cmd, runDir, arg] = process.argv.slice(2);
  if (cmd === 'install') installExtension(path.resolve(runDir), arg);
  else if (cmd === 'serve') {
    const server = await startCodeServer({ runDir: path.resolve(runDir), port: Number(arg) || 8080 });
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'])
      process.on(sig, () => {
        server.stop();
        process.exit(0);
      });
    console.log(`code-server ready on ${server.url}`);
    setInterval(() => {}, 1 << 30); // keep serving until a signal
  } else {
    console.error('usage: code-server.mjs install <runDir> <vsix> | serve <runDir> <port>');
    process.exit(2);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  main().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
