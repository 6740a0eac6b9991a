import { describe, expect, it } from 'vitest';
import { EngineHost } from './host.js';

class Fake {
  closed = false;
  constructor(readonly id: number) {}
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

function host(fail = false) {
  let n = 0;
  const created: Fake[] = [];
  const h = new EngineHost(async () => {
    if (fail) throw new Error('no engine');
    const f = new Fake(++n);
    created.push(f);
    return f;
  });
  return { h, created };
}

describe('EngineHost', () => {
  it('runs calls one at a time, in order, past failures', async () => {
    const { h } = host();
    const log: string[] = [];
    const a = h.serial(async () => {
      await new Promise((r) => setTimeout(r, 10));
      log.push('a');
    });
    const b = h.serial(async () => {
      log.push('b');
      throw new Error('b failed');
    });
    const c = h.serial(async () => {
      log.push('c');
      return 3;
    });
    await a;
    await expect(b).rejects.toThrow('b failed');
    expect(await c).toBe(3);
    expect(log).toEqual(['a', 'b', 'c']);
  });

  it('uses the spare once, then starts a new engine', async () => {
    const { h, created } = host();
    h.prepareSpare();
    h.prepareSpare(); // one spare only
    expect(created.length).toBe(1);
    const first = await h.fresh();
    expect(first.id).toBe(1);
    const second = await h.fresh();
    expect(second.id).toBe(2);
  });

  it('a spare that failed to start is replaced by a new attempt', async () => {
    const { h } = host(true);
    h.prepareSpare();
    await expect(h.fresh()).rejects.toThrow('no engine');
  });

  it('swap closes the previous engine only', async () => {
    const { h } = host();
    const a = await h.fresh();
    const b = await h.fresh();
    h.swap(a);
    expect(a.closed).toBe(false);
    h.swap(b);
    expect(h.current).toBe(b);
    expect(a.closed).toBe(true);
    expect(b.closed).toBe(false);
  });
});
