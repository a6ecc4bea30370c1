// Linux's process table as /proc shows it: who is whose parent, which process carries a run id in
// its environment, and a kill that does not mind a process already gone. Nothing here picks a
// process by anything but its descent from a run or that run's id (so no uid filter is needed:
// another user's environment cannot be read, nor their processes killed, unless we are root).
// Used by the parent (runProcesses.ts) and by the runner as it exits. Linux only: see procScanEnabled.
import fs from 'node:fs';

export const RUN_ID_VAR = 'HOTLINE_RUN_ID';
const hasProcTable = process.platform === 'linux' && fs.existsSync('/proc/self/stat');

/** HOTLINE_PROCESS_SCAN=off: the process group only, no /proc reads (an escape hatch, and the benchmark's baseline). */
export function procScanEnabled(): boolean {
  return hasProcTable && process.env.HOTLINE_PROCESS_SCAN !== 'off';
}

/** One line of /proc/<pid>/stat, the fields used here. */
export interface ProcStat {
  pid: number;
  ppid: number;
  state: string;
  start: string;
}

// One buffer for every read: a walk reads hundreds of small files, and readFileSync's fstat and
// allocation per file doubled the cost of a walk (bench/processHygiene.ts).
let buffer = Buffer.alloc(16 * 1024);

/** A /proc file's text (latin1), or undefined when the process is gone or the file unreadable. */
function readProcFile(file: string): string | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    let length = 0;
    for (;;) {
      if (length === buffer.length) buffer = Buffer.concat([buffer, Buffer.alloc(buffer.length)]);
      const n = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) return buffer.toString('latin1', 0, length);
      length += n;
    }
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

export function readStat(pid: number): ProcStat | undefined {
  const text = readProcFile(`/proc/${pid}/stat`);
  if (text === undefined) return undefined; // gone meanwhile
  // "pid (comm) state ppid pgrp session … starttime(22nd)"; comm may hold spaces and parentheses
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { pid, ppid: Number(fields[1]), state: fields[0], start: fields[19] };
}

/** Every live (not zombie) process but this one and init. */
export function listProcesses(): ProcStat[] {
  const out: ProcStat[] = [];
  let names: string[];
  try {
    names = fs.readdirSync('/proc');
  } catch {
    return out;
  }
  for (const name of names) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid <= 1 || pid === process.pid) continue;
    const stat = readStat(pid);
    if (stat && stat.state !== 'Z' && stat.state !== 'X') out.push(stat);
  }
  return out;
}

/** Whether the process's environment has HOTLINE_RUN_ID with `runId` among its comma-separated ids. */
export function carriesRunId(pid: number, runId: string): boolean {
  const env = readProcFile(`/proc/${pid}/environ`);
  if (env === undefined) return false;
  const key = `${RUN_ID_VAR}=`;
  const at = `\0${env}`.indexOf(`\0${key}`); // where the entry starts in env
  if (at < 0) return false;
  const end = env.indexOf('\0', at);
  return env
    .slice(at + key.length, end < 0 ? undefined : end)
    .split(',')
    .includes(runId);
}

/** Every process below `roots` (by parent pid) in one snapshot; the roots themselves are not included. */
export function descendantsOf(roots: Iterable<number>, processes: ProcStat[]): ProcStat[] {
  const children = new Map<number, ProcStat[]>();
  for (const p of processes) {
    const list = children.get(p.ppid);
    if (list) list.push(p);
    else children.set(p.ppid, [p]);
  }
  const found: ProcStat[] = [];
  const queue = [...roots];
  const seen = new Set(queue);
  while (queue.length) {
    for (const child of children.get(queue.pop()!) ?? []) {
      if (seen.has(child.pid)) continue;
      seen.add(child.pid);
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

/** SIGKILL; false when the process is already gone (or not ours). */
export function killProcess(pid: number): boolean {
  try {
    process.kill(pid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}

/** The runner, as it exits: ends its own descendants while they still have it as their parent. */
export function killOwnDescendants(): void {
  if (!procScanEnabled()) return;
  for (const p of descendantsOf([process.pid], listProcesses())) killProcess(p.pid);
}
