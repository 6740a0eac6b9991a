// The recent rule and playbook files: the last few opened or saved, newest first, each with when,
// a snapshot of its text and, where the browser gave one, its file handle (IndexedDB stores
// handles: reopening can read the file itself again). Pure: the state is recent.svelte.ts.
import type { FileKind } from './save.js';

export const RECENT_LIMIT = 10;
/** a snapshot longer than this is not kept (the entry then reopens through its handle only) */
export const SNAPSHOT_LIMIT = 1_000_000;

export interface RecentEntry<H = unknown> {
  /** unique in the list */
  id: string;
  kind: FileKind;
  name: string;
  /** when it was last opened or saved (ms since the epoch) */
  at: number;
  /** the text then (null: too long to keep) */
  text: string | null;
  /** the file's handle (File System Access API), when there is one */
  handle: H | null;
}

/** The list with `entry` first: an older entry of the same kind and name goes (it is the same
 * file, seen again), and only the newest `limit` stay. */
export function addRecent<H>(list: readonly RecentEntry<H>[], entry: RecentEntry<H>, limit = RECENT_LIMIT): RecentEntry<H>[] {
  const text = entry.text !== null && entry.text.length > SNAPSHOT_LIMIT ? null : entry.text;
  const rest = list.filter((e) => e.id !== entry.id && !(e.kind === entry.kind && e.name === entry.name));
  return [{ ...entry, text }, ...rest].slice(0, Math.max(0, limit));
}

export function removeRecent<H>(list: readonly RecentEntry<H>[], id: string): RecentEntry<H>[] {
  return list.filter((e) => e.id !== id);
}

/** A stored list, checked (anything malformed is dropped), newest first. */
export function parseRecent<H>(value: unknown, isHandle: (h: unknown) => h is H): RecentEntry<H>[] {
  if (!Array.isArray(value)) return [];
  const out: RecentEntry<H>[] = [];
  for (const v of value as unknown[]) {
    if (typeof v !== 'object' || v === null) continue;
    const e = v as Record<string, unknown>;
    if (typeof e.id !== 'string' || (e.kind !== 'rules' && e.kind !== 'playbook') || typeof e.name !== 'string' || typeof e.at !== 'number' || !Number.isFinite(e.at)) continue;
    const text = typeof e.text === 'string' ? e.text : null;
    const handle = isHandle(e.handle) ? e.handle : null;
    if (text === null && handle === null) continue;
    if (out.some((o) => o.id === e.id)) continue;
    out.push({ id: e.id, kind: e.kind, name: e.name, at: e.at, text, handle });
  }
  return out.sort((a, b) => b.at - a.at).slice(0, RECENT_LIMIT);
}

/** When an entry was opened or saved, for the list: the time today, else the date and time. */
export function formatWhen(at: number, locale: string, now = Date.now()): string {
  const d = new Date(at);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  return new Intl.DateTimeFormat(locale, sameDay ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
