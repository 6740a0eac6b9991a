import { describe, expect, it } from 'vitest';
import { addRecent, formatWhen, parseRecent, removeRecent, RECENT_LIMIT, SNAPSHOT_LIMIT, type RecentEntry } from './recent.js';

const entry = (id: string, name: string, at: number, kind: 'rules' | 'playbook' = 'rules'): RecentEntry<string> => ({ id, kind, name, at, text: `text of ${id}`, handle: null });
const isHandle = (h: unknown): h is string => typeof h === 'string';

describe('the recent files list', () => {
  it('puts the newest first', () => {
    let list: RecentEntry<string>[] = [];
    list = addRecent(list, entry('1', 'a.seg', 1));
    list = addRecent(list, entry('2', 'b.seg', 2));
    expect(list.map((e) => e.name)).toEqual(['b.seg', 'a.seg']);
  });
  it('keeps one entry per file: the same name seen again moves to the top with its new text', () => {
    let list = [entry('2', 'b.seg', 2), entry('1', 'a.seg', 1)];
    list = addRecent(list, { ...entry('3', 'a.seg', 3), text: 'new' });
    expect(list.map((e) => [e.id, e.name, e.text])).toEqual([
      ['3', 'a.seg', 'new'],
      ['2', 'b.seg', 'text of 2']
    ]);
  });
  it('a rule file and a playbook of the same name are two entries', () => {
    const list = addRecent([entry('1', 'x', 1, 'rules')], entry('2', 'x', 2, 'playbook'));
    expect(list).toHaveLength(2);
  });
  it('keeps only the last ten', () => {
    let list: RecentEntry<string>[] = [];
    for (let i = 0; i < 15; i++) list = addRecent(list, entry(String(i), `f${i}.seg`, i));
    expect(list).toHaveLength(RECENT_LIMIT);
    expect(list[0]!.name).toBe('f14.seg');
    expect(list.at(-1)!.name).toBe('f5.seg');
  });
  it('keeps no snapshot of a huge text', () => {
    const list = addRecent([], { ...entry('1', 'big.seg', 1), text: 'x'.repeat(SNAPSHOT_LIMIT + 1), handle: 'h' });
    expect(list[0]!.text).toBeNull();
    expect(list[0]!.handle).toBe('h');
  });
  it('removes one entry', () => {
    expect(removeRecent([entry('1', 'a', 1), entry('2', 'b', 2)], '1').map((e) => e.id)).toEqual(['2']);
  });
  it('reads a stored list, dropping what is malformed, newest first', () => {
    const stored = [entry('1', 'a.seg', 1), { id: 'x' }, null, { ...entry('2', 'b.seg', 5), handle: 'h' }, { ...entry('3', 'c.seg', 3), text: null, handle: 42 }, entry('1', 'dup', 9)];
    const list = parseRecent(stored, isHandle);
    expect(list.map((e) => [e.id, e.handle])).toEqual([
      ['2', 'h'],
      ['1', null]
    ]);
    expect(parseRecent('nope', isHandle)).toEqual([]);
  });
});

describe('when an entry was seen', () => {
  it('is the time today, the date and time before', () => {
    const now = new Date(2026, 10, 29, 15, 0).getTime();
    expect(formatWhen(new Date(2026, 10, 29, 9, 5).getTime(), 'en', now)).toMatch(/^9:05\s?AM$/);
    expect(formatWhen(new Date(2026, 10, 2, 9, 5).getTime(), 'en', now)).toMatch(/Nov 2, 2026/);
    expect(formatWhen(new Date(2026, 10, 2, 9, 5).getTime(), 'zh-CN', now)).toMatch(/2026年11月2日/);
  });
});
