// The worker thread that opens a .cpuprofile (bundled as dist/profileWorker.js): one request, one
// answer, then the extension terminates it, which frees the parse's memory at once.
import { parentPort } from 'node:worker_threads';
import { isProfileJobRequest, runProfileJob } from '../core/profileJob';

parentPort?.once('message', (request: unknown) => {
  parentPort!.postMessage(
    isProfileJobRequest(request)
      ? runProfileJob(request)
      : { type: 'error', reason: 'the profile worker got a malformed request.' },
  );
});
