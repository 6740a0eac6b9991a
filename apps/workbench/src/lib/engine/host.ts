// The engine host: the engine in use (one duckdb-wasm database and its Workspace), a spare one
// started in the background for the next load, the swap from one to the next, and the serial
// queue that keeps engine calls one at a time (a load never interleaves with an evaluation).
// Generic over the engine, so its logic is tested with fakes (host.test.ts).

export interface Closable {
  close(): Promise<void>;
}

export class EngineHost<E extends Closable> {
  /** the engine holding the data set on screen (null before the first load succeeded) */
  current: E | null = null;
  /** one engine call at a time */
  private queue: Promise<unknown> = Promise.resolve();
  /** an empty engine started in the background for the next load (starting one takes a second
   * or two: the wasm module is compiled for each new worker); null when it failed to start */
  private spare: Promise<E | null> | null = null;

  constructor(private readonly create: () => Promise<E>) {}

  /** Run `fn` after every engine call queued before it (whether those failed or not). */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Start a spare engine in the background, unless there is one. */
  prepareSpare(): void {
    this.spare ??= this.create().catch(() => null);
  }

  /** A new engine for a load: the spare if it started, else a new one (may throw). */
  async fresh(): Promise<E> {
    const spare = this.spare;
    this.spare = null;
    return (await spare) ?? (await this.create());
  }

  /** Put `next` in use and let the previous engine go. */
  swap(next: E): void {
    const old = this.current;
    this.current = next;
    if (old) this.discard(old);
  }

  /** Close an engine that is not (or no longer) used. */
  discard(e: E): void {
    void e.close().catch(() => undefined);
  }
}
