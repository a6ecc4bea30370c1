// node:inspector, same thread, promise-wrapped (a synchronous session on the main thread: the
// profiler samples from its own thread anyway; connectToMainThread from a worker hangs on stop).
import { Session } from 'node:inspector';

export class InspectorSession {
  private readonly session = new Session();

  constructor() {
    this.session.connect();
  }

  post<T = unknown>(method: string, params?: object): Promise<T> {
    return new Promise((resolve, reject) => {
      this.session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T)));
    });
  }

  on(event: string, listener: (message: { params: unknown }) => void): void {
    this.session.on(event, listener as never);
  }

  disconnect(): void {
    this.session.disconnect();
  }
}
