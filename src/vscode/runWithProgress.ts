import * as vscode from 'vscode';
import type { SerialRunQueue } from '../engine/runQueue';

/**
 * Runs a child-process job through the one-at-a-time queue, under a cancellable progress
 * notification. Tells the user when the job waits for, or cancelled, another run.
 */
export async function runWithProgress<T>(
  queue: SerialRunQueue,
  title: string,
  job: (signal: AbortSignal, report: (message: string) => void) => Promise<T>,
): Promise<T | 'cancelled'> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const external = new AbortController();
      token.onCancellationRequested(() => external.abort(new Error('cancelled')));
      try {
        return await queue.enqueue(title, (signal) => job(signal, (message) => progress.report({ message })), {
          signal: external.signal,
          onWait: (ahead) =>
            progress.report({ message: `waiting for "${ahead}" to finish (one run at a time keeps timings honest)` }),
          onCancelPrevious: (cancelled) =>
            void vscode.window.showInformationMessage(`Hotline: cancelled "${cancelled}" to start "${title}".`),
        });
      } catch (e) {
        if (external.signal.aborted || token.isCancellationRequested) return 'cancelled';
        throw e;
      }
    },
  );
}
