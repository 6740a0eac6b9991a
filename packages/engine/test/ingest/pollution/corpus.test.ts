// The pollution corpus on native DuckDB: every case read by readRaw and compared with what the
// file means, cell by cell by position. A cell that differs, a row that is missing or extra, is
// allowed only where the repair report names that row (or line), with a code that fits the
// pollution and the record's text; a silently shifted cell fails.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeBackend } from '../../../src/node/index.js';
import { diskFile, tempDir } from '../fixtures.js';
import { readFile, summary, violations } from './check.js';
import { pollutionCases, type PollutionCase } from './corpus.js';
import { cleanSources, sharedDataPresent, ROWS } from './sources.js';

const cases: PollutionCase[] = sharedDataPresent() ? pollutionCases(cleanSources()) : [];

let db: NativeBackend;
let dir: string;
beforeAll(async () => {
  db = await NativeBackend.create();
  dir = tempDir();
});
afterAll(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the pollution corpus', () => {
  it('is made from the clean files (../shared/data present)', () => {
    expect(sharedDataPresent(), 'the corpus needs ../shared/data (online-retail/by-day, cdnow)').toBe(true);
    // each kind at the first, a middle and the last row of every full source, and in the header
    expect(cases.length).toBeGreaterThan(200);
    for (const c of cases.filter((x) => x.kind === 'clean')) expect(c.expected.rows.length).toBe(ROWS);
    const kinds = new Set(cases.map((c) => c.kind));
    for (const k of [
      'trailing-empty',
      'grouped-number',
      'separator-in-text',
      'field-missing',
      'stray-quote',
      'open-quote',
      'apostrophe-quotes',
      'backslash-escapes',
      'preamble',
      'footer',
      'blank-and-comment',
      'repeated-header',
      'several-tables',
      'no-header',
      'mixed-line-endings',
      'cr-row',
      'nul',
      'long-line',
      'double-space',
      'header-open-quote'
    ])
      expect(kinds.has(k), k).toBe(true);
  });

  it('is the same for the same seed', () => {
    const again = pollutionCases(cleanSources());
    expect(again.map((c) => [c.name, c.bytes.length])).toEqual(cases.map((c) => [c.name, c.bytes.length]));
  });
});

describe.each([...new Set(cases.map((c) => c.source))])('pollution of %s on native DuckDB', (source) => {
  it.each(cases.filter((c) => c.source === source).map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const reading = await readFile(db, diskFile(dir, c.file, c.bytes), c.options);
    const v = summary(violations(c.expected, reading));
    expect(v, v.join('\n')).toEqual([]);
  });
});
