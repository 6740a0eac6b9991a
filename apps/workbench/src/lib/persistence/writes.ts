// Settings writes gathered and written together after a short pause (typing in the rule file
// writes once, not at every key), with flush() to write what is pending right away (the page is
// being hidden or closed) and cancel() to drop it (the user erased everything). Only the newest
// value of a key is written. Writes never overlap: a flush waits for the one before it.
export class PendingWrites<V> {
  private readonly pending = new Map<string, V>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last: Promise<void> = Promise.resolve();
  private inFlight = 0;

  constructor(
    private readonly write: (entries: [string, V][]) => Promise<void>,
    private readonly delayMs: number,
    /** told whenever there is (true) or is no longer (false) anything unwritten */
    private readonly busy: (busy: boolean) => void = () => {}
  ) {}

  /** Write `value` under `key` after the pause (a newer value of the key replaces it). */
  put(key: string, value: V): void {
    this.pending.set(key, value);
    this.busy(true);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush().catch(() => {}), this.delayMs);
  }

  /** Anything not yet written (pending or being written). */
  get unwritten(): boolean {
    return this.pending.size > 0 || this.inFlight > 0;
  }

  /** Write what is pending now; resolves when it (and every write before it) is written. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending.size) return this.last;
    const entries = [...this.pending];
    this.pending.clear();
    this.inFlight++;
    const run = this.last.catch(() => {}).then(() => this.write(entries));
    this.last = run.finally(() => {
      this.inFlight--;
      if (!this.unwritten) this.busy(false);
    });
    return this.last;
  }

  /** Drop what is pending (a write already started finishes). */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    if (!this.unwritten) this.busy(false);
  }
}
