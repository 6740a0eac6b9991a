// The clean files take the fast path unchanged: DuckDB reads them where they are (no lenient
// reader's copy), nothing is repaired, left out or skipped, and the table is exactly DuckDB's
// own plain read_csv of the same file (every value as text), row by row in file order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeBackend, nodeFile } from '../../../src/node/index.js';
import { str } from '../../../src/sql/quote.js';
import { readFile } from './check.js';
import { CUSTOMERS, ORDERS, RETAIL_DAYS, sharedDataPresent } from './sources.js';

let db: NativeBackend;
beforeAll(async () => {
  db = await NativeBackend.create();
});
afterAll(async () => db.close());

const files = [ORDERS, CUSTOMERS, ...(sharedDataPresent() ? RETAIL_DAYS : [])];

describe('clean files take the fast path unchanged', () => {
  it('has the real files (../shared/data)', () => {
    expect(files.length).toBe(5);
  });

  it.each(files.map((f) => [f.split('/').slice(-2).join('/'), f] as const))('%s', async (_name, path) => {
    const got = await readFile(db, nodeFile(path));
    expect(got.fastPath).toBe(true);
    expect(got.repairs).toEqual([]);
    expect(got.issues).toEqual([]);
    const plain = await db.query(`SELECT * FROM read_csv(${str(path)}, all_varchar = true)`);
    const names = Object.keys(plain[0] ?? {});
    expect(got.columns).toEqual(names);
    expect(got.rows.length).toBe(plain.length);
    expect(got.rows.map((r) => r.row)).toEqual(plain.map((_, i) => i + 1));
    // cell by cell, by position (a first difference is shown, not 20,000 rows)
    const diff = plain.findIndex((r, i) => names.some((n, k) => (r[n] ?? null) !== got.rows[i]!.cells[k]));
    expect(diff < 0 ? null : { row: diff + 1, plain: plain[diff], got: got.rows[diff]!.cells }).toBeNull();
  });
});
