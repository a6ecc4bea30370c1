// Entry of dist/worker-hooks.js: run first in a worker thread started on a TypeScript file (see
// workerThreads.ts), it installs the runner's hooks in that thread (no target: no scope hook).
import { installHooks } from './moduleLoader';
import type { TranspileContext } from './transpile';

export function installInWorker(context: TranspileContext, loaderHooksUrl: string): void {
  installHooks(undefined, context, loaderHooksUrl);
}
