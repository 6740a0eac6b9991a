// One live query: a text the user types (the quick rule, the rule file) evaluated by the engine
// as it changes: at once (no debounce by default: while the engine is busy, the texts typed
// meanwhile queue up behind it and all but the latest are dropped unrun, so a fast typist costs
// one evaluation per engine round trip), run through the engine host's serial queue, numbered
// so that only the answer to the latest text is shown, and "stale" while the text has errors (the last valid
// result stays on screen, dimmed). The outcome logic is in live.ts.
import type { Diagnostic } from '@segmint/dsl';
import { failed, settle, type Outcome } from './live.js';

/** A pause before evaluating (0: evaluate at once; superseded texts are dropped in the queue). */
export const DEBOUNCE_MS = 0;

export interface LiveOptions<R> {
  /** the text shown first */
  text: string;
  /** queue an engine call (EngineHost.serial) */
  serial: <T>(fn: () => Promise<T>) => Promise<T>;
  /** false: nothing to evaluate against yet (no data set); the query waits for run() */
  ready: () => boolean;
  evaluate: (text: string) => Promise<Outcome<R>>;
  /** run after a valid result is shown, still in the queue (e.g. follow an `as of` line) */
  afterResult?: (result: R) => Promise<void>;
  /** a blank text shows nothing, without asking the engine */
  blankClears?: boolean;
  /** a pause before evaluating, in ms; 'frame': after the next paint (default 0: at once) */
  debounceMs?: number | 'frame';
}

export class LiveQuery<R> {
  text = $state('');
  diagnostics = $state<Diagnostic[]>([]);
  result = $state<R | null>(null);
  /** the shown result belongs to an earlier text (the current one has errors) */
  stale = $state(false);
  pending = $state(false);

  private seq = 0;
  private afterFrame = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly opts: LiveOptions<R>) {
    this.text = opts.text;
  }

  /** The user changed the text: evaluate it after a short pause in typing. */
  set(text: string): void {
    this.text = text;
    this.pending = true;
    clearTimeout(this.timer);
    const wait = this.opts.debounceMs ?? DEBOUNCE_MS;
    if (wait === 'frame' && typeof requestAnimationFrame === 'function') {
      // after the next frame is painted (the editor's squiggles first), then at once; texts
      // typed meanwhile ride on the same wait (run() reads the latest)
      if (this.afterFrame) return;
      this.afterFrame = true;
      requestAnimationFrame(() => {
        this.timer = setTimeout(() => {
          this.afterFrame = false;
          void this.run();
        }, 0);
      });
    } else if (typeof wait !== 'number' || wait <= 0) void this.run();
    else this.timer = setTimeout(() => void this.run(), wait);
  }

  /** Forget the shown result (another data set is in). */
  clear(): void {
    this.result = null;
  }

  /** Evaluate the current text now (queued behind the engine calls before it). */
  run(): Promise<void> {
    const seq = ++this.seq;
    const text = this.text;
    const current = () => seq === this.seq;
    return this.opts.serial(async () => {
      if (!current() || !this.opts.ready()) return; // superseded, or nothing to run against
      if (this.opts.blankClears && !text.trim()) {
        this.show({ diagnostics: [], result: null, stale: false });
        this.pending = false;
        return;
      }
      try {
        const outcome = await this.opts.evaluate(text);
        if (!current()) return; // a newer text is on its way: drop this answer
        this.show(settle(this.result, outcome));
        if (outcome.result !== null && this.opts.afterResult) await this.opts.afterResult(outcome.result);
      } catch (e) {
        if (!current()) return;
        this.show(failed(this.result, e));
      } finally {
        if (current()) this.pending = false;
      }
    });
  }

  private show(s: { diagnostics: Diagnostic[]; result: R | null; stale: boolean }): void {
    this.diagnostics = s.diagnostics;
    this.result = s.result;
    this.stale = s.stale;
  }
}
