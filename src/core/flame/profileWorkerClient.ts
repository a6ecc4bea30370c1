// Runs one ProfileJobRequest in a child Node process (dist/profileWorker.js) and resolves with its
// answer. A child, not a worker thread: the parse of a 150 MB profile peaks at several hundred MB,
// and in a worker thread that memory is the extension host's (shared by every extension) until the
// collector gives it back; a child's is returned to the system when it exits. Aborting (the panel
// closed) kills it mid-parse; a crash or out-of-memory becomes an error answer.
import { fork } from 'node:child_process';
import type { ProfileJobRequest, ProfileJobResult } from './profileJob';

export interface WorkerOptions {
  signal?: AbortSignal;
  /** Node binary; the extension host's own (Electron run as Node) by default. */
  execPath?: string;
}

export function runProfileJobInChild(
  workerFile: string,
  request: ProfileJobRequest,
  options: WorkerOptions = {},
): Promise<ProfileJobResult | undefined> {
  return new Promise((resolve) => {
    if (options.signal?.aborted) return resolve(undefined);
    const child = fork(workerFile, [], {
      execPath: options.execPath ?? process.execPath,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      // Structured clone over the pipe: typed arrays and large number arrays without JSON text.
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    let settled = false;
    const finish = (result: ProfileJobResult | undefined) => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', abort);
      child.kill('SIGKILL');
      resolve(result);
    };
    const abort = () => finish(undefined);
    options.signal?.addEventListener('abort', abort);
    child.once('message', (result: ProfileJobResult) => finish(result));
    child.once('error', (e) => finish({ type: 'error', reason: `could not read it: ${e.message}` }));
    child.once('exit', (code, signal) => {
      const why = /heap out of memory/i.test(stderr) ? 'it ran out of memory' : `exit ${signal ?? code}`;
      finish({ type: 'error', reason: `could not read it: the profile reader stopped (${why})` });
    });
    child.send(request);
  });
}
