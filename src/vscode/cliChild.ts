// Hotline's CLI (dist/cli.js) as a child of the extension: the commands that run a user's whole
// program (run, capture) do it there, never in the extension host.
import { spawn } from 'node:child_process';
import path from 'node:path';

/** dist/cli.js, beside the runner (dist/runner.js). */
export const cliBeside = (runnerPath: string): string => path.join(path.dirname(runnerPath), 'cli.js');

/**
 * A CLI command with --json in a child Node.js: its stderr (the program's output and Hotline's
 * progress) to the Output channel, its JSON back; cancel = SIGINT, which the CLI hands to the program.
 */
export function runCliJson<T>(
  nodePath: string,
  args: string[],
  cwd: string,
  signal: AbortSignal,
  report: (message: string) => void,
  output: (text: string) => void,
): Promise<{ json?: T; error?: string }> {
  return new Promise((resolve) => {
    const child = spawn(nodePath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderrTail = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      const text = d.toString();
      output(text);
      stderrTail = (stderrTail + text).slice(-2000);
      const progress = /hotline: ([^\n]+)\n?$/.exec(text)?.[1];
      if (progress) report(progress);
    });
    report('running (Cancel stops the program and keeps what was sampled)');
    // Stop = SIGINT to the CLI, which gives the program its SIGINT, then reads what was logged.
    const onAbort = () => child.kill('SIGINT');
    signal.addEventListener('abort', onAbort);
    child.on('error', (e) => resolve({ error: `could not start ${nodePath}: ${e.message} (set hotline.nodePath)` }));
    child.on('close', () => {
      signal.removeEventListener('abort', onAbort);
      try {
        resolve({ json: JSON.parse(stdout) as T });
      } catch {
        const said = /hotline: (?!note)([^\n]+)\n*$/.exec(stderrTail)?.[1];
        resolve({ error: said ?? 'no report (see the Output channel)' });
      }
    });
  });
}
