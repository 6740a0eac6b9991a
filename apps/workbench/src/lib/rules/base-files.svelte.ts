// The base files kept for rule files' `use` lines: name (path) -> text, from the .seg files that
// came with an opened rule file and those the user chose when asked. Kept across reloads in
// IndexedDB (idb-keyval, in the app's settings store, so *Forget all data* erases them too).
import { createStore, get, set, type UseStore } from 'idb-keyval';
import type { SegText } from './base-files.js';

const KEY = 'baseFiles';
let store: UseStore | null = null;
function settings(): UseStore | null {
  if (typeof indexedDB === 'undefined') return null;
  store ??= createStore('segmint', 'settings');
  return store;
}

export class BaseFiles {
  /** path -> text (a new Map on every change, so readers re-run) */
  files = $state.raw<ReadonlyMap<string, string>>(new Map());

  constructor(private readonly changed: () => void = () => undefined) {}

  /** Put back the kept files (never throws: without storage there are none). */
  async restore(): Promise<void> {
    try {
      const s = settings();
      const stored = s ? await get<unknown>(KEY, s) : undefined;
      if (!stored || typeof stored !== 'object') return;
      const entries = Object.entries(stored as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string');
      if (entries.length === 0) return;
      // files added meanwhile win over the stored ones
      this.files = new Map([...entries, ...this.files]);
      this.changed();
    } catch {
      // storage unavailable: the files of this visit only
    }
  }

  /** Keep files (replacing those with the same path), then check the rules again. */
  add(files: readonly SegText[]): void {
    if (files.length === 0) return;
    const next = new Map(this.files);
    for (const f of files) next.set(f.path, f.text.replace(/^\ufeff/, ''));
    this.files = next;
    this.changed();
    const s = settings();
    if (s) set(KEY, Object.fromEntries(next), s).catch(() => undefined);
  }
}
