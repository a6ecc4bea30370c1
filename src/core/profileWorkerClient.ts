// Runs one ProfileJobRequest in a worker thread and resolves with its answer. Aborting (the panel
// closed) terminates the worker mid-parse; a crash or out-of-memory becomes an error answer.
import { Worker } from 'node:worker_threads';
import type { ProfileJobRequest, ProfileJobResult } from './profileJob';

export interface WorkerOptions {
  signal?: AbortSignal;
}

export function runProfileJobInWorker(
  workerFile: string,
  request: ProfileJobRequest,
  options: WorkerOptions = {},
): Promise<ProfileJobResult | undefined> {
  return new Promise((resolve) => {
    if (options.signal?.aborted) return resolve(undefined);
    const worker = new Worker(workerFile);
    let settled = false;
    const finish = (result: ProfileJobResult | undefined) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', abort);
      void worker.terminate();
      resolve(result);
    };
    const abort = () => finish(undefined);
    options.signal?.addEventListener('abort', abort);
    worker.once('message', (result: ProfileJobResult) => finish(result));
    worker.once('error', (e) => finish({ type: 'error', reason: `could not read it: ${e.message}` }));
    worker.once('exit', (code) =>
      finish({ type: 'error', reason: `could not read it: the profile reader stopped (exit code ${code})` }),
    );
    worker.postMessage(request);
  });
}
