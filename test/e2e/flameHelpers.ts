// Shared by the flame e2e tests and bench/flame/vscode.ts: open a .cpuprofile from the explorer,
// and read the extension host's peak memory from /proc.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export { openFromExplorer } from './harness.ts';

/** The extension host of the code-server started for `runDir`: a descendant of its server whose command line says so. */
export function extensionHostPid(runDir: string): number | undefined {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m) => !!m);
  const ours = new Set(rows.filter((m) => m[3].includes(runDir)).map((m) => Number(m[1])));
  for (let grew = true; grew;) {
    grew = false;
    for (const m of rows)
      if (ours.has(Number(m[2])) && !ours.has(Number(m[1]))) {
        ours.add(Number(m[1]));
        grew = true;
      }
  }
  return rows
    .map((m) => ({ pid: Number(m[1]), args: m[3] }))
    .find((p) => ours.has(p.pid) && /extensionHost/.test(p.args))?.pid;
}

/** Current and peak resident memory of a process, in MB. */
export function memoryOf(pid: number): { rssMB: number; peakMB: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMB: kb('VmRSS') / 1024, peakMB: kb('VmHWM') / 1024 };
}
