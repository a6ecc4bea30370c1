// The runner's side of the protocol: one JSON message per line on fd 3, written synchronously so
// a message is out before a process.exit or a crash can lose it.
import fs from 'node:fs';
import type { ChildMessage } from '../core/protocol/protocol';

const CHANNEL_FD = 3;

export function send(message: ChildMessage): void {
  try {
    fs.writeSync(CHANNEL_FD, JSON.stringify(message) + '\n');
  } catch {
    // The parent is gone: nothing to tell.
  }
}
