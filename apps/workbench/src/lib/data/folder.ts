// The files of a drop: plain files, and every file inside dropped folders (recursively), read
// through DataTransferItem.webkitGetAsEntry(). Each comes with its path inside the drop
// ("by-day/2010-12-01.csv"). The entry types are the File and Directory Entries API's, written
// out here as the few members used (so tests can give plain objects).
import type { Incoming } from './staging.js';

export interface FileEntryLike {
  isFile: true;
  isDirectory: false;
  name: string;
  fullPath: string;
  file(ok: (f: File) => void, fail: (e: unknown) => void): void;
}
export interface DirectoryEntryLike {
  isFile: false;
  isDirectory: true;
  name: string;
  fullPath: string;
  createReader(): { readEntries(ok: (entries: EntryLike[]) => void, fail: (e: unknown) => void): void };
}
export type EntryLike = FileEntryLike | DirectoryEntryLike;

/** Hidden files and folders (.DS_Store, .git) are not data. */
const hidden = (name: string) => name.startsWith('.');

/** Every file under `entry`, depth first, paths relative to the drop (no leading slash). */
export async function filesOfEntry(entry: EntryLike): Promise<Incoming<File>[]> {
  if (hidden(entry.name)) return [];
  if (entry.isFile) {
    const file = await new Promise<File>((ok, fail) => entry.file(ok, fail));
    return [{ file, path: entry.fullPath.replace(/^\//, '') || entry.name }];
  }
  const reader = entry.createReader();
  const out: Incoming<File>[] = [];
  // readEntries returns a batch at a time (100 in Chromium): read until an empty batch
  for (;;) {
    const batch = await new Promise<EntryLike[]>((ok, fail) => reader.readEntries(ok, fail));
    if (!batch.length) break;
    for (const e of batch) out.push(...(await filesOfEntry(e)));
  }
  return out;
}

interface ItemLike {
  kind: string;
  webkitGetAsEntry?(): unknown;
  getAsFile(): File | null;
}

/** The files of a drop: from entries where the browser gives them (folders included), else the
 * plain file list. Entries must be taken synchronously in the drop event (the items are
 * emptied after it): call this inside the handler and await the promise afterwards. */
export function filesOfDrop(items: ArrayLike<ItemLike> | null, files: ArrayLike<File> | null): Promise<Incoming<File>[]> {
  const entries: EntryLike[] = [];
  const plain: File[] = [];
  for (const item of Array.from(items ?? [])) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry?.() as EntryLike | null | undefined;
    if (entry) entries.push(entry);
    else {
      const f = item.getAsFile();
      if (f) plain.push(f);
    }
  }
  if (!entries.length && !plain.length) return Promise.resolve(Array.from(files ?? []).map((file) => ({ file, path: file.name })));
  return (async () => {
    const out: Incoming<File>[] = plain.map((file) => ({ file, path: file.name }));
    for (const e of entries) out.push(...(await filesOfEntry(e)));
    return out;
  })();
}

/** The files of a file input: a folder picker gives each file's folder-relative path. */
export function filesOfInput(list: FileList | null): Incoming<File>[] {
  return Array.from(list ?? [])
    .filter((file) => !(file.webkitRelativePath || file.name).split('/').some(hidden))
    .map((file) => ({ file, path: file.webkitRelativePath || file.name }));
}
