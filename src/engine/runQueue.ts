// One run at a time: two child processes fighting over two cores would make both timings wrong.
// A new run either waits for the running one ('queue') or cancels it ('cancelPrevious').

export type ConcurrencyPolicy = 'queue' | 'cancelPrevious';

interface Active {
  label: string;
  controller: AbortController;
}

export class SerialRunQueue {
  private active: Active | undefined;
  private tail: Promise<unknown> = Promise.resolve();
  /** Controllers of the running and the waiting runs. */
  private readonly pending = new Set<AbortController>();

  constructor(private readonly policy: () => ConcurrencyPolicy) {}

  /** Label of the run in progress, if any. */
  get running(): string | undefined {
    return this.active?.label;
  }

  /**
   * Runs `task` when it is its turn. `onWait` is told which run is ahead (to tell the user);
   * `onCancelPrevious` which run was cancelled to make room. The signal aborts on cancelAll().
   */
  enqueue<T>(
    label: string,
    task: (signal: AbortSignal) => Promise<T>,
    hooks: {
      onWait?: (ahead: string) => void;
      onCancelPrevious?: (cancelled: string) => void;
      signal?: AbortSignal;
    } = {},
  ): Promise<T> {
    if (this.active) {
      if (this.policy() === 'cancelPrevious') {
        hooks.onCancelPrevious?.(this.active.label);
        this.active.controller.abort(new Error(`cancelled to start ${label}`));
      } else hooks.onWait?.(this.active.label);
    }
    const controller = new AbortController();
    hooks.signal?.addEventListener('abort', () => controller.abort(hooks.signal?.reason), { once: true });
    const start = async (): Promise<T> => {
      if (controller.signal.aborted) throw controller.signal.reason ?? new Error('cancelled');
      const entry: Active = { label, controller };
      this.active = entry;
      try {
        return await task(controller.signal);
      } finally {
        if (this.active === entry) this.active = undefined;
      }
    };
    const result = this.tail.then(start, start);
    this.tail = result.catch(() => undefined);
    this.pending.add(controller);
    void this.tail.then(() => this.pending.delete(controller));
    return result;
  }

  /** Cancels the running and all waiting runs (extension deactivation). */
  cancelAll(): void {
    for (const c of this.pending) c.abort(new Error('Hotline is shutting down'));
  }
}
