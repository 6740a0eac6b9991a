import { describe, expect, it } from 'vitest';
import { baseFileLoader, missingBaseFiles, resolveAmong, splitBaseFiles } from './base-files.js';

const COMMON = 'define active = R <= 90\n';
const RULES = 'use "common.seg"\nsegment a when active\n';

describe('base files', () => {
  it('several .seg files dropped together: the used ones are kept, the user of them opens', () => {
    const s = splitBaseFiles([
      { path: 'team/common.seg', text: COMMON },
      { path: 'team/rules.seg', text: RULES }
    ]);
    expect(s.open?.path).toBe('team/rules.seg');
    expect(s.bases.map((b) => b.path)).toEqual(['team/common.seg']);
    // one file alone opens; a cycle opens the first
    expect(splitBaseFiles([{ path: 'x.seg', text: RULES }]).open?.path).toBe('x.seg');
    const cyc = splitBaseFiles([
      { path: 'a.seg', text: 'use "b.seg"\n' },
      { path: 'b.seg', text: 'use "a.seg"\n' }
    ]);
    expect(cyc.open?.path).toBe('a.seg');
    expect(cyc.bases.map((b) => b.path)).toEqual(['b.seg']);
  });

  it('a used file is found by its resolved path, else by its name when only one has it', () => {
    const files = new Map([
      ['team/common.seg', COMMON],
      ['other/x.seg', 'define x = 1\n'],
      ['more/x.seg', 'define x = 2\n']
    ]);
    const load = baseFileLoader(files);
    expect(load('team/common.seg', 'team/rules.seg')).toBe(COMMON);
    expect(load('common.seg', 'rules.seg')).toBe(COMMON);
    expect(load('x.seg', 'rules.seg')).toBeNull(); // two candidates: not guessed
    expect(resolveAmong(null, RULES, files).missing).toEqual([]);
  });

  it('lists the missing base files (once each), none for a file without use lines', () => {
    expect(missingBaseFiles('rules.seg', RULES, new Map())).toEqual([expect.objectContaining({ path: 'common.seg', written: 'common.seg' })]);
    expect(missingBaseFiles('rules.seg', RULES, new Map([['common.seg', COMMON]]))).toEqual([]);
    expect(missingBaseFiles('rules.seg', 'segment a when R < 3\n', new Map())).toEqual([]);
    expect(missingBaseFiles('rules.seg', 'use "a.seg"\nuse "a.seg"\n', new Map())).toHaveLength(1);
  });
});
