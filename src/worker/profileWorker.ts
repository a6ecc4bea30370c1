// The child process that opens a .cpuprofile (bundled as dist/profileWorker.js, started by
// src/core/flame/profileWorkerClient.ts): one request, one answer, then it is killed, which returns the
// parse's memory to the system at once. It leaves on its own if the extension host goes away.
import { isProfileJobRequest, runProfileJob } from '../core/flame/profileJob';

process.once('message', (request: unknown) => {
  process.send!(
    isProfileJobRequest(request)
      ? runProfileJob(request)
      : { type: 'error', reason: 'the profile reader got a malformed request.' },
  );
});
process.once('disconnect', () => process.exit(0));
