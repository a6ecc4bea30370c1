// Finds and ends every process one run created, including descendants that left the runner's
// process group (`spawn(…, { detached: true })`, `setsid`, double forks that re-parent to init).
// Linux: three nets, all read from /proc (nothing else is ever picked: no other process is at risk):
//  1. a marker: the runner's environment carries HOTLINE_RUN_ID=<id>, which every descendant
//     inherits unless it replaces its environment; at the end /proc/*/environ is scanned for it;
//  2. the tree: while the run lasts, /proc/*/stat is polled and every descendant of the runner
//     (and of descendants already seen, so re-parented orphans keep theirs) is remembered with its
//     start time, which catches one that clears its environment while it is still in the tree;
//  3. the runner's process group, killed as a whole.
// What escapes: a descendant that clears its environment AND leaves the group AND is re-parented
// (its parent exits) between two polls. macOS has no /proc: the process group only. Windows:
// `taskkill /T` on the runner's tree while the runner is alive.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  carriesRunId,
  descendantsOf,
  killProcess,
  listProcesses,
  procScanEnabled,
  readStat,
  RUN_ID_VAR,
  type ProcStat,
} from './processTable';

/** Between two walks of the process tree while a run lasts (one walk reads /proc/<pid>/stat for every process). */
export const TREE_POLL_MS = 1000;
const MAX_ROUNDS = 5;

/**
 * The environment a run's child gets: the run id is added to any id already there (a Hotline run
 * inside a run keeps the outer id, so the outer run still ends the inner one's processes).
 */
export function withRunId(env: NodeJS.ProcessEnv, runId: string): NodeJS.ProcessEnv {
  const outer = env[RUN_ID_VAR];
  return { ...env, [RUN_ID_VAR]: outer ? `${outer},${runId}` : runId };
}

export function newRunId(): string {
  return randomUUID();
}

/** The processes of one run: its runner (a process-group leader) and everything it started. */
export class RunProcesses {
  /** The runner and its descendants seen so far, by pid, with their start time (a pid can be reused by another process). */
  private readonly seen = new Map<number, string>();
  private poll: NodeJS.Timeout | undefined;
  private readonly scan = procScanEnabled();

  /** When the runner started (clock ticks since boot): every process of the run started at or after it. */
  private readonly runnerStart: number = 0;

  constructor(
    readonly runId: string,
    private readonly runnerPid: number,
  ) {
    const runner = this.scan ? readStat(runnerPid) : undefined;
    if (runner) {
      this.seen.set(runnerPid, runner.start);
      this.runnerStart = Number(runner.start);
    }
  }

  /** Environments are read only where the id can be: processes no older than the runner (most of the cost otherwise). */
  private marked(p: ProcStat): boolean {
    return Number(p.start) >= this.runnerStart && carriesRunId(p.pid, this.runId);
  }

  /** Starts remembering the runner's descendants while it runs (Linux). */
  watch(): void {
    if (!this.scan || this.poll) return;
    this.poll = setInterval(() => this.walkTree(), TREE_POLL_MS);
    this.poll.unref();
  }

  private isSeen(p: ProcStat): boolean {
    return this.seen.get(p.pid) === p.start;
  }

  /** One walk of the tree below the runner and below every descendant already seen, in one snapshot. */
  walkTree(processes = this.scan ? listProcesses() : []): ProcStat[] {
    for (const p of descendantsOf(
      processes.filter((q) => this.isSeen(q)).map((q) => q.pid),
      processes,
    ))
      this.seen.set(p.pid, p.start);
    return processes;
  }

  /**
   * Kills the runner's group and, on Linux, every process that carries the run id, was seen in the
   * run's tree, or descends from one of those; again until a pass finds none (one may be forking
   * while the others die). Synchronous: also used from process.on('exit'). On Windows only while
   * the runner lives: `taskkill /T` finds the tree through it (and its pid may be reused once it is gone).
   */
  endAll(runnerAlive: boolean): void {
    clearInterval(this.poll);
    this.poll = undefined;
    if (process.platform === 'win32') {
      if (runnerAlive)
        spawnSync('taskkill', ['/T', '/F', '/PID', String(this.runnerPid)], { windowsHide: true, stdio: 'ignore' });
      return;
    }
    // The tree first: once the runner is dead its children are re-parented and no longer below it.
    let processes = this.walkTree();
    killProcess(-this.runnerPid);
    for (let round = 0; round < MAX_ROUNDS && processes.length; round++) {
      const ours = processes.filter((p) => this.isSeen(p) || this.marked(p)).map((p) => p.pid);
      const all = [...ours, ...descendantsOf(ours, processes).map((p) => p.pid)];
      if (!all.length) break;
      for (const pid of all) killProcess(pid);
      processes = listProcesses();
    }
  }
}
