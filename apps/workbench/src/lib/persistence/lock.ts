// One tab owns the stored workspace: the first to take the Web Lock keeps it until it closes
// (the lock is released with the page). Another tab of the same origin does not get it and
// works read-only: it may read what is stored but never writes, so two tabs never interleave
// their writes.
export const LOCK_NAME = 'segmint.workspace';

export type Ownership = 'owner' | 'readOnly' | 'unsupported';

export function takeOwnership(locks: LockManager | null = globalThis.navigator?.locks ?? null): Promise<Ownership> {
  if (!locks) return Promise.resolve('unsupported');
  return new Promise<Ownership>((resolve, reject) => {
    locks
      .request(LOCK_NAME, { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve('readOnly');
          return undefined;
        }
        resolve('owner');
        // held for the page's lifetime: this promise never settles
        return new Promise<never>(() => {});
      })
      .catch(reject);
  });
}
