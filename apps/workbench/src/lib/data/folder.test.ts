import { describe, expect, it } from 'vitest';
import { filesOfDrop, filesOfEntry, filesOfInput, type DirectoryEntryLike, type EntryLike, type FileEntryLike } from './folder.js';

const file = (fullPath: string): FileEntryLike => {
  const name = fullPath.split('/').pop()!;
  return { isFile: true, isDirectory: false, name, fullPath, file: (ok) => ok(new File(['x'], name)) };
};
/** A folder whose reader hands out its entries `batch` at a time (Chromium: 100). */
const dir = (fullPath: string, entries: EntryLike[], batch = 2): DirectoryEntryLike => ({
  isFile: false,
  isDirectory: true,
  name: fullPath.split('/').pop()!,
  fullPath,
  createReader() {
    let at = 0;
    return {
      readEntries(ok) {
        const part = entries.slice(at, at + batch);
        at += batch;
        ok(part);
      }
    };
  }
});

describe('the files of a dropped folder', () => {
  it('are every file inside, nested folders included, read batch by batch, with their paths; hidden ones skipped', async () => {
    const days = Array.from({ length: 5 }, (_, i) => file(`/by-day/2011-01-0${i + 1}.csv`));
    const root = dir('/by-day', [...days, file('/by-day/.DS_Store'), dir('/by-day/more', [file('/by-day/more/extra.csv')]), dir('/by-day/.git', [file('/by-day/.git/HEAD')])]);
    const got = await filesOfEntry(root);
    expect(got.map((f) => f.path)).toEqual(['by-day/2011-01-01.csv', 'by-day/2011-01-02.csv', 'by-day/2011-01-03.csv', 'by-day/2011-01-04.csv', 'by-day/2011-01-05.csv', 'by-day/more/extra.csv']);
    expect(got[0]!.file.name).toBe('2011-01-01.csv');
  });

  it('a drop of files and a folder: entries where the browser gives them, plain files otherwise', async () => {
    const items = [
      { kind: 'file', webkitGetAsEntry: () => dir('/d', [file('/d/a.csv')]), getAsFile: () => null },
      { kind: 'file', webkitGetAsEntry: () => null, getAsFile: () => new File(['y'], 'b.csv') },
      { kind: 'string', getAsFile: () => null }
    ];
    expect((await filesOfDrop(items, null)).map((f) => f.path)).toEqual(['b.csv', 'd/a.csv']);
    // no items (an old browser): the file list
    expect((await filesOfDrop(null, [new File(['z'], 'c.csv')])).map((f) => f.path)).toEqual(['c.csv']);
  });

  it('a folder picker gives folder-relative paths', () => {
    const f = new File(['x'], 'a.csv');
    Object.defineProperty(f, 'webkitRelativePath', { value: 'shop/a.csv' });
    const hiddenFile = new File(['x'], '.DS_Store');
    Object.defineProperty(hiddenFile, 'webkitRelativePath', { value: 'shop/.DS_Store' });
    const list = [f, hiddenFile, new File(['y'], 'b.csv')] as unknown as FileList;
    expect(filesOfInput(list).map((x) => x.path)).toEqual(['shop/a.csv', 'b.csv']);
  });
});
