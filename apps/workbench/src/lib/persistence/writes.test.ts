import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PendingWrites } from './writes.js';

describe('PendingWrites', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes the newest value of each key once, after the pause', async () => {
    const written: [string, number][][] = [];
    const w = new PendingWrites<number>(async (e) => void written.push(e), 400);
    w.put('rules', 1);
    w.put('rules', 2);
    w.put('locale', 3);
    expect(written).toEqual([]);
    expect(w.unwritten).toBe(true);
    await vi.advanceTimersByTimeAsync(400);
    expect(written).toEqual([
      [
        ['rules', 2],
        ['locale', 3]
      ]
    ]);
    expect(w.unwritten).toBe(false);
  });

  it('flush writes at once and resolves when written; busy says when all is written', async () => {
    const busy: boolean[] = [];
    let release!: () => void;
    const w = new PendingWrites<string>(() => new Promise<void>((r) => (release = r)), 400, (b) => busy.push(b));
    w.put('rules', 'x');
    const done = w.flush();
    let flushed = false;
    void done.then(() => (flushed = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(flushed).toBe(false);
    expect(w.unwritten).toBe(true);
    release();
    await done;
    expect(flushed).toBe(true);
    expect(busy.at(-1)).toBe(false);
  });

  it('cancel drops what is pending', async () => {
    const write = vi.fn(async () => {});
    const w = new PendingWrites<string>(write, 400);
    w.put('rules', 'x');
    w.cancel();
    await vi.advanceTimersByTimeAsync(1000);
    await w.flush();
    expect(write).not.toHaveBeenCalled();
    expect(w.unwritten).toBe(false);
  });

  it('a failed write does not stop the next one', async () => {
    const written: string[] = [];
    let fail = true;
    const w = new PendingWrites<string>(async (e) => {
      if (fail) throw new Error('quota');
      written.push(...e.map(([k]) => k));
    }, 400);
    w.put('rules', 'x');
    await expect(w.flush()).rejects.toThrow('quota');
    fail = false;
    w.put('locale', 'zh-CN');
    await w.flush();
    expect(written).toEqual(['locale']);
  });
});
