// Linux's process table as /proc shows it, limited to our own uid: who is whose parent, which
// process carries a run id in its environment, and a kill that does not mind a process already gone.
// Used by the parent (runProcesses.ts) and by the runner as it exits. Linux only: see procScanEnabled.
import fs from 'node:fs';

export const RUN_ID_VAR = 'HOTLINE_RUN_ID';
const hasProcTable = process.platform === 'linux' && fs.existsSync('/proc/self/stat');

/** HOTLINE_PROCESS_SCAN=off: the process group only, no /proc reads (an escape hatch, and the benchmark's baseline). */
export function procScanEnabled(): boolean {
  return hasProcTable && process.env.HOTLINE_PROCESS_SCAN !== 'off';
}

/** One line of /proc/<pid>/stat, the fields used here. */
export interface ProcStat { pid: number; ppid: number; state: string; start: string }

export function readStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined; // gone meanwhile
  }
  // "pid (comm) state ppid pgrp session … starttime(22nd)"; comm may hold spaces and parentheses
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { pid, ppid: Number(fields[1]), state: fields[0], start: fields[19] };
}

/** Every live (not zombie) process of our uid but this one and init. */
export function listProcesses(): ProcStat[] {
  const uid = process.getuid?.();
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
    try {
      if (fs.statSync(`/proc/${name}`).uid !== uid) continue;
    } catch {
      continue;
    }
    const stat = readStat(pid);
    if (stat && stat.state !== 'Z' && stat.state !== 'X') out.push(stat);
  }
  return out;
}

/** Whether the process's environment has HOTLINE_RUN_ID with `runId` among its comma-separated ids. */
export function carriesRunId(pid: number, runId: string): boolean {
  let env: string;
  try {
    env = fs.readFileSync(`/proc/${pid}/environ`, 'latin1');
  } catch {
    return false;
  }
  const key = `${RUN_ID_VAR}=`;
  const at = `\0${env}`.indexOf(`\0${key}`); // where the entry starts in env
  if (at < 0) return false;
  const end = env.indexOf('\0', at);
  return env.slice(at + key.length, end < 0 ? undefined : end).split(',').includes(runId);
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
