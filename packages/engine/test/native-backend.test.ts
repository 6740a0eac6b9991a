import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeBackend } from '../src/node/index.js';

describe('NativeBackend', () => {
  let db: NativeBackend;
  beforeAll(async () => {
    db = await NativeBackend.create();
  });
  afterAll(async () => db.close());

  it('binds parameters and normalises types', async () => {
    const rows = await db.query(
      "SELECT $1::VARCHAR AS s, 42::BIGINT AS b, DATE '2024-12-31' AS d, TIMESTAMP '2024-01-02 03:04:05' AS t, 1.5::DECIMAL(10,2) AS m, NULL AS n",
      ["it's"]
    );
    expect(rows).toEqual([{ s: "it's", b: 42, d: '2024-12-31', t: '2024-01-02 03:04:05', m: 1.5, n: null }]);
  });

  it('creates a table from columns with hostile names and values', async () => {
    await db.insertColumns('t"x', [
      { name: 'a"; DROP TABLE x; --', type: 'text', values: ["o'k", null, '客户'] },
      { name: 'n', type: 'number', values: [1, 2.5, null] }
    ]);
    const rows = await db.query('SELECT * FROM "t""x" ORDER BY n NULLS LAST');
    expect(rows).toEqual([
      { 'a"; DROP TABLE x; --': "o'k", n: 1 },
      { 'a"; DROP TABLE x; --': null, n: 2.5 },
      { 'a"; DROP TABLE x; --': '客户', n: null }
    ]);
  });

  it('reads a registered file with read_csv', async () => {
    const path = await db.registerFile('x.csv', new TextEncoder().encode('a,b\n1,x\n2,y\n'));
    const rows = await db.query('SELECT count(*) AS n FROM read_csv($1)', [path]);
    expect(rows[0]?.n).toBe(2);
  });
});
