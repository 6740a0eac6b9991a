import { describe, expect, it } from 'vitest';
import { LOCK_NAME, takeOwnership } from './lock.js';

/** Web Locks with `ifAvailable`, as the browser keeps them for one origin: a held lock is not
 * granted again until its callback's promise settles. */
function fakeLocks(): LockManager {
  const held = new Set<string>();
  const request = async (name: string, options: LockOptions, cb: LockGrantedCallback<unknown>) => {
    if (held.has(name) && options.ifAvailable) return cb(null);
    held.add(name);
    try {
      return await cb({ name, mode: 'exclusive' } as Lock);
    } finally {
      held.delete(name);
    }
  };
  return { request, query: async () => ({ held: [], pending: [] }) } as unknown as LockManager;
}

describe('takeOwnership', () => {
  it('the first tab owns the stored workspace, the next one is read-only', async () => {
    const locks = fakeLocks();
    expect(await takeOwnership(locks)).toBe('owner');
    expect(await takeOwnership(locks)).toBe('readOnly');
    expect(await takeOwnership(locks)).toBe('readOnly');
    expect(LOCK_NAME).toBe('segmint.workspace');
  });

  it('without Web Locks the tab saves as before (no second tab can be told apart)', async () => {
    expect(await takeOwnership(null)).toBe('unsupported');
  });
});
