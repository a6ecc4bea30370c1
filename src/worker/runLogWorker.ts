// Reads some of a whole run's V8 logs off the main thread (engine/wholeRun.ts gives each worker a
// share, so a run of many processes is read on every core) and posts their threads back.
import fs from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { ProcessNote } from '../core/run/threads';
import { threadProfiles } from '../engine/wholeRun';

const { files, notes, preloadPath } = workerData as { files: string[]; notes: ProcessNote[]; preloadPath: string };
const logs = files.map((file) => ({ fileName: path.basename(file), text: fs.readFileSync(file, 'utf8') }));
parentPort?.postMessage(threadProfiles(logs, new Map(notes.map((n) => [n.pid, n])), preloadPath));
