import { describe, expect, it } from 'vitest';
import { EngineHost } from './host.js';
import { LiveQuery } from './live.svelte.js';
import type { Outcome } from './live.js';

function query(evaluate: (text: string) => Promise<Outcome<string>>, ready = () => true) {
  const host = new EngineHost(async () => ({ close: async () => undefined }));
  return new LiveQuery<string>({ text: 'a', serial: (fn) => host.serial(fn), ready, evaluate, blankClears: true, debounceMs: 1 });
}
const ok = (text: string): Promise<Outcome<string>> => Promise.resolve(text.includes('!') ? { diagnostics: [], result: null } : { diagnostics: [], result: text.toUpperCase() });

describe('LiveQuery', () => {
  it('shows the result of the text, then keeps it (stale) while the text is invalid', async () => {
    const q = query(ok);
    await q.run();
    expect([q.result, q.stale, q.pending]).toEqual(['A', false, false]);
    q.text = 'b!';
    await q.run();
    expect([q.result, q.stale]).toEqual(['A', true]);
  });

  it('only the latest text is shown (debounced)', async () => {
    const asked: string[] = [];
    const q = query((t) => {
      asked.push(t);
      return ok(t);
    });
    q.set('x');
    q.set('xy');
    expect(q.pending).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    expect(asked).toEqual(['xy']);
    expect([q.result, q.pending]).toEqual(['XY', false]);
  });

  it('a blank text clears without asking; nothing runs before it is ready', async () => {
    let ready = false;
    const asked: string[] = [];
    const q = query(
      (t) => {
        asked.push(t);
        return ok(t);
      },
      () => ready
    );
    await q.run();
    expect(asked).toEqual([]);
    ready = true;
    await q.run();
    q.text = '  ';
    await q.run();
    expect(asked).toEqual(['a']);
    expect([q.result, q.stale, q.pending]).toEqual([null, false, false]);
  });

  it('an engine failure shows an internal diagnostic', async () => {
    const q = query(() => Promise.reject(new Error('boom')));
    await q.run();
    expect(q.diagnostics[0]?.message).toBe('boom');
    expect(q.pending).toBe(false);
  });
});
