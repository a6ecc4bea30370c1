// A worker thread the user's code starts on a TypeScript file (`new Worker(new URL('./w.ts',
// import.meta.url))`) has a module loader of its own, which Hotline's hooks do not reach: Node 20
// refuses the .ts extension, and 22+ only strip types (no enums, decorators, tsconfig paths). Such
// a worker starts instead from a short script that installs the same hooks in it
// (dist/worker-hooks.js), then imports the file; the options (workerData, env, …) are passed on.
import Module from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import workerThreads from 'node:worker_threads';
import { needsTranspile, type TranspileContext } from './transpile';

type WorkerOptions = ConstructorParameters<typeof workerThreads.Worker>[1];

/** The worker's file, when it is one that Hotline compiles. */
function compiledFileOf(filename: unknown, options: WorkerOptions): string | undefined {
  if (options?.eval) return undefined;
  let file: string | undefined;
  if (filename instanceof URL) file = filename.protocol === 'file:' ? fileURLToPath(filename) : undefined;
  else if (typeof filename === 'string')
    file = filename.startsWith('file:') ? fileURLToPath(filename) : path.resolve(filename);
  return file && needsTranspile(file) ? file : undefined;
}

export function installWorkerHooks(context: TranspileContext, loaderHooksUrl: string): void {
  const Original = workerThreads.Worker;
  const hooksModule = path.join(context.hotlineDir, 'worker-hooks.js');
  class Worker extends Original {
    constructor(filename: string | URL, options?: WorkerOptions) {
      const file = compiledFileOf(filename, options);
      if (!file) {
        super(filename, options);
        return;
      }
      const bootstrap = [
        `require(${JSON.stringify(hooksModule)}).installInWorker(${JSON.stringify(context)}, ${JSON.stringify(loaderHooksUrl)});`,
        // An error while loading reaches the parent's 'error' event, as it would without the hop.
        `import(${JSON.stringify(pathToFileURL(file).href)}).catch((e) => process.nextTick(() => { throw e; }));`,
      ].join('\n');
      super(bootstrap, { ...options, eval: true });
    }
  }
  workerThreads.Worker = Worker;
  Module.syncBuiltinESMExports(); // `import { Worker } from 'node:worker_threads'` sees it too
}
