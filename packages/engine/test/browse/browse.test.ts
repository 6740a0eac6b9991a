// Browsing customers (src/browse): one ordered, densely numbered table per view, fetched in blocks
// by row number. The same spec on native DuckDB and on duckdb-wasm (its blocking Node build):
// orders checked against a sort done in JS, blocks against the same slice of one full ordered
// query, filters against direct SQL, search with % _ ' \ in the text, and a block at row 999,900
// of 1M customers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileExpression } from '@segmint/dsl';
import { NativeBackend } from '../../src/node/index.js';
import type { Backend, Cell, Row } from '../../src/types.js';
import { BROWSE_TABLE_PREFIX, closeBrowse, dropAllBrowseTables, fetchBlock, openBrowse, rowOf, updateBrowse, type BrowseHandle, type BrowseSort } from '../../src/browse/index.js';
import { Workspace } from '../../src/workspace.js';
import { metricCases, setupCase } from '../cases/index.js';
import { createWasmBlockingBackend } from '../metrics/wasm-blocking.js';

const N = 600;
const CITIES = ['Shanghai', '100% Cotton', 'a_b', "O'Brien", '上海 Pudong', 'back\\slash', 'AB', "it''s", 'Zürich'];

/** A relation with ties and missing values in every kind of column, and a segmentation. */
async function syntheticData(db: Backend): Promise<void> {
  await db.exec('DROP TABLE IF EXISTS segmented');
  await db.exec('DROP TABLE IF EXISTS customers');
  const cities = CITIES.map((c) => `'${c.replace(/'/g, "''")}'`).join(', ');
  await db.exec(`CREATE TABLE customers AS
    SELECT printf('C%04d', (i * 37) % ${N}) AS customer,
      CASE WHEN i % 11 = 0 THEN NULL ELSE CAST(i % 13 AS INTEGER) END AS R,
      CAST(i % 5 AS BIGINT) AS F,
      CASE WHEN i % 17 = 0 THEN NULL ELSE CAST(round((i * 7 % 50) * 1.5, 2) AS DOUBLE) END AS M,
      CAST(i % 9 AS INTEGER) AS T,
      CAST((i % 4) * 2.5 AS DOUBLE) AS AOV,
      DATE '2024-01-01' + CAST(i % 20 AS INTEGER) AS first_purchase,
      DATE '2024-06-01' + CAST(i % 10 AS INTEGER) AS last_purchase,
      CAST(1 + i % 5 AS INTEGER) AS R_score, CAST(1 + i % 3 AS INTEGER) AS F_score, CAST(1 + i % 4 AS INTEGER) AS M_score,
      CAST(1 + i % 5 AS VARCHAR) || CAST(1 + i % 3 AS VARCHAR) || CAST(1 + i % 4 AS VARCHAR) AS RFM,
      CASE WHEN i % 10 = 9 THEN NULL ELSE [${cities}][1 + i % ${CITIES.length}] END AS city,
      (i % 6 = 0) AS vip
    FROM range(${N}) t(i)`);
  await db.exec(`CREATE TABLE segmented AS
    SELECT customer, CASE (i % 3) WHEN 0 THEN 'gold' WHEN 1 THEN 'silver' ELSE NULL END AS segment,
      (i % 4 = 0) AS big, CAST(i % 7 AS DOUBLE) AS spend_pct
    FROM (SELECT customer, CAST(substr(customer, 2) AS INTEGER) AS i FROM customers)`);
}

const ALL_SQL = `SELECT c.customer, s.segment, c.R, c.F, c.M, c.T, c.AOV, c.R_score, c.F_score, c.M_score, s.big, s.spend_pct,
  c.first_purchase, c.last_purchase, c.RFM, c.city, c.vip FROM customers c LEFT JOIN segmented s ON s.customer = c.customer`;

function cmp(a: Cell, b: Cell): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The order the browse must give, computed in JS: keys with missing values last, then the id. */
function jsSort(rows: Row[], sort: BrowseSort[]): Row[] {
  return [...rows].sort((a, b) => {
    for (const k of sort) {
      const x = a[k.column] ?? null;
      const y = b[k.column] ?? null;
      if (x === null && y === null) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      const d = cmp(x, y);
      if (d !== 0) return k.direction === 'asc' ? d : -d;
    }
    return cmp(a.customer ?? null, b.customer ?? null);
  });
}

async function fetchAll(h: BrowseHandle, block = 97): Promise<Row[]> {
  const out: Row[] = [];
  for (let first = 0; first < h.total; first += block) {
    const b = await fetchBlock(h, first, block);
    expect(b.first).toBe(first);
    expect(b.rows.length).toBe(Math.min(block, h.total - first));
    out.push(...b.rows);
  }
  return out;
}

const ids = (rows: Row[]) => rows.map((r) => r.customer);

const backends: [string, () => Promise<Backend>][] = [
  ['native DuckDB', () => NativeBackend.create({ threads: 2 })],
  ['duckdb-wasm', () => createWasmBlockingBackend()]
];

describe.each(backends)('browse on %s', (_name, create) => {
  let db: Backend;
  let all: Row[];
  beforeAll(async () => {
    db = await create();
    await syntheticData(db);
    all = await db.query(ALL_SQL);
  });
  afterAll(async () => db.close());

  it('lists every column with its type and kind, customers by id by default', async () => {
    const h = await openBrowse(db, { from: 'all' });
    expect(h.table.startsWith(BROWSE_TABLE_PREFIX)).toBe(true);
    expect(h.total).toBe(N);
    expect(h.columns.map((c) => [c.name, c.kind, c.fieldType])).toEqual([
      ['customer', 'customer', 'text'],
      ['segment', 'segment', 'text'],
      ['R', 'metric', 'number'],
      ['F', 'metric', 'number'],
      ['M', 'metric', 'number'],
      ['T', 'metric', 'number'],
      ['AOV', 'metric', 'number'],
      ['R_score', 'metric', 'number'],
      ['F_score', 'metric', 'number'],
      ['M_score', 'metric', 'number'],
      ['big', 'rules', 'boolean'],
      ['spend_pct', 'rules', 'number'],
      ['first_purchase', 'metric', 'date'],
      ['last_purchase', 'metric', 'date'],
      ['RFM', 'metric', 'text'],
      ['city', 'attribute', 'text'],
      ['vip', 'attribute', 'boolean']
    ]);
    expect(h.columns.filter((c) => c.searched).map((c) => c.name)).toEqual(['customer', 'city']);
    const rows = await fetchAll(h);
    expect(rows).toEqual(jsSort(all, []));
    await closeBrowse(h);
  });

  it('orders by each kind of column both ways, ties broken by the customer id', async () => {
    const h = await openBrowse(db, { from: 'all' });
    for (const column of ['R', 'M', 'F', 'AOV', 'segment', 'city', 'big', 'first_purchase', 'RFM', 'vip', 'spend_pct', 'customer']) {
      for (const direction of ['asc', 'desc'] as const) {
        const sort = [{ column, direction }];
        await updateBrowse(h, { sort });
        expect(h.total).toBe(N);
        expect(await fetchAll(h), `${column} ${direction}`).toEqual(jsSort(all, sort));
      }
    }
    // several keys
    const sort: BrowseSort[] = [
      { column: 'segment', direction: 'desc' },
      { column: 'R', direction: 'asc' },
      { column: 'M', direction: 'desc' }
    ];
    await updateBrowse(h, { sort });
    expect(await fetchAll(h, 250)).toEqual(jsSort(all, sort));
    await closeBrowse(h);
  });

  it('blocks at the start, middle and end are the same slice of one full ordered query', async () => {
    const h = await openBrowse(db, { from: 'all', sort: [{ column: 'M', direction: 'desc' }] });
    const full = await db.query(`${ALL_SQL} ORDER BY c.M DESC NULLS LAST, c.customer`);
    for (const [first, count] of [
      [0, 50],
      [0, 1],
      [275, 50],
      [299, 3],
      [N - 50, 50],
      [N - 7, 50],
      [N - 1, 1]
    ] as const) {
      const b = await fetchBlock(h, first, count);
      expect(b.rows, `${first}+${count}`).toEqual(full.slice(first, first + count));
    }
    // where a customer is: its row number in this order
    for (const r of [0, 17, 333, N - 1]) expect(await rowOf(h, String(full[r]!.customer))).toBe(r);
    expect(await rowOf(h, "nobody' OR 1=1 --")).toBeNull();
    expect((await fetchBlock(h, N, 10)).rows).toEqual([]);
    expect((await fetchBlock(h, 5, 0)).rows).toEqual([]);
    await expect(fetchBlock(h, -1, 10)).rejects.toThrow(/whole number/);
    await expect(fetchBlock(h, 1.5, 10)).rejects.toThrow(/whole number/);
    await closeBrowse(h);
  });

  it('searches the id and the text attributes, case-insensitively; % _ \\ and quotes mean themselves', async () => {
    const h = await openBrowse(db, { from: 'all' });
    const expected = (q: string) =>
      jsSort(
        all.filter((r) => [r.customer, r.city].some((v) => v !== null && v !== undefined && String(v).toLowerCase().includes(q.toLowerCase()))),
        []
      );
    for (const q of ['%', '_', "'", "''", '\\', 'a_b', '100%', "o'brien", 'SHANG', '上海', 'zür', 'C001', 'c01', 'b', 'nothing like this', "x' OR 1=1 --"]) {
      await updateBrowse(h, { search: q });
      const rows = await fetchAll(h);
      expect(ids(rows), q).toEqual(ids(expected(q)));
      expect(h.total).toBe(expected(q).length);
    }
    // '%' matches only the city holding a percent sign, not everything
    await updateBrowse(h, { search: '%' });
    expect(new Set((await fetchAll(h)).map((r) => r.city))).toEqual(new Set(['100% Cotton']));
    await updateBrowse(h, { search: '_' });
    expect(new Set((await fetchAll(h)).map((r) => r.city))).toEqual(new Set(['a_b']));
    // search and sort together; the sort is kept when the search changes
    await updateBrowse(h, { sort: [{ column: 'M', direction: 'asc' }], search: 'o' });
    expect(ids(await fetchAll(h))).toEqual(ids(jsSort(expected('o'), [{ column: 'M', direction: 'asc' }])));
    await updateBrowse(h, { search: '' });
    expect(h.total).toBe(N);
    expect(ids(await fetchAll(h))).toEqual(ids(jsSort(all, [{ column: 'M', direction: 'asc' }])));
    await closeBrowse(h);
  });

  it('segment, unassigned, tag and all filters match direct SQL', async () => {
    const check = async (spec: Parameters<typeof openBrowse>[1], where: string, params: Cell[] = []) => {
      const h = await openBrowse(db, { ...spec, sort: [{ column: 'R', direction: 'desc' }] });
      const direct = await db.query(`${ALL_SQL} WHERE ${where} ORDER BY c.R DESC NULLS LAST, c.customer`, params);
      expect(direct.length).toBeGreaterThan(0);
      expect(h.total).toBe(direct.length);
      expect(await fetchAll(h, 41)).toEqual(direct);
      await closeBrowse(h);
    };
    await check({ from: 'segment', segment: 'gold' }, 's.segment = $1', ['gold']);
    await check({ from: 'segment', segment: null }, 's.segment IS NULL');
    await check({ from: 'tag', tag: 'big' }, 's.big');
    await check({ from: 'all' }, 'true');
    await check({ from: 'segment', segment: 'silver', search: 'o' }, "s.segment = 'silver' AND (lower(c.customer) LIKE '%o%' OR lower(c.city) LIKE '%o%')");
    // a quick rule with bound parameters ($1, $2), evaluated over the whole relation (pct sees
    // every customer), then searched: the search text is bound after the rule's own parameters
    const quick = { sql: `(percent_rank() OVER (ORDER BY "M") >= CAST($1 AS DOUBLE)) AND "city" <> CAST($2 AS VARCHAR)`, params: [0.5, 'AB'] };
    const hits = `c.customer IN (SELECT customer FROM (SELECT customer, (percent_rank() OVER (ORDER BY M) >= 0.5) AND city <> 'AB' AS hit FROM customers) WHERE hit)`;
    await check({ from: 'quick', quick }, hits);
    await check({ from: 'quick', quick, search: "o'" }, `${hits} AND (lower(c.customer) LIKE '%o''%' OR lower(c.city) LIKE '%o''%')`);
    const none = await openBrowse(db, { from: 'segment', segment: "gold' OR 1=1 --" });
    expect(none.total).toBe(0);
    expect((await fetchBlock(none, 0, 10)).rows).toEqual([]);
    await closeBrowse(none);
  });

  it('refuses unknown columns, tags and directions; never names a table after user text; close drops the table', async () => {
    await expect(openBrowse(db, { from: 'all', sort: [{ column: 'nope"; DROP TABLE customers; --', direction: 'asc' }] })).rejects.toThrow(/no such column/);
    await expect(openBrowse(db, { from: 'all', sort: [{ column: 'R', direction: 'sideways' as 'asc' }] })).rejects.toThrow(/direction/);
    await expect(openBrowse(db, { from: 'tag', tag: 'spend_pct' })).rejects.toThrow(/not a tag/);
    await expect(openBrowse(db, { from: 'tag', tag: 'missing' })).rejects.toThrow(/no tag/);
    await expect(openBrowse(db, { from: 'segment', segment: 'gold', segmentation: null })).rejects.toThrow(/segmentation/);
    const h = await openBrowse(db, { from: 'all', search: 'x' });
    const first = h.table;
    const v = h.version;
    await updateBrowse(h, { sort: [{ column: 'F', direction: 'desc' }] });
    expect(h.version).toBe(v + 1);
    expect(h.table).not.toBe(first);
    const tables = async () => (await db.query(`SELECT table_name AS t FROM duckdb_tables() WHERE starts_with(table_name, '${BROWSE_TABLE_PREFIX}')`)).map((r) => r.t);
    expect(await tables()).toEqual([h.table]); // the previous table was dropped
    // a temporary table: never persisted with the database
    expect((await db.query('SELECT temporary FROM duckdb_tables() WHERE table_name = $1', [h.table]))[0]!.temporary).toBe(true);
    expect((await db.query('SELECT count(*) AS n FROM customers'))[0]!.n).toBe(N);
    await closeBrowse(h);
    expect(await tables()).toEqual([]);
    await expect(fetchBlock(h, 0, 10)).rejects.toThrow(/closed/);
    await closeBrowse(h);
    const a = await openBrowse(db, { from: 'all' });
    await openBrowse(db, { from: 'all' });
    expect(a.table).toMatch(/^segmint_browse_\d+$/);
    expect(await dropAllBrowseTables(db)).toBe(2);
  });

  it('a workspace: segments, tags and quick rules from real rules, against direct SQL', async () => {
    await setupCase(db, metricCases.scoreTies!);
    await db.exec('DROP TABLE IF EXISTS segmented');
    const ws = new Workspace(db);
    await ws.buildCustomers();
    // before any rules: no segment columns; a quick rule works on the relation alone
    const q0 = await ws.quickRule('M >= 30');
    const h0 = await ws.browse({ from: 'quick', quick: q0.compiled });
    expect(h0.columns.some((c) => c.kind === 'segment')).toBe(false);
    expect(h0.total).toBe(q0.matched);
    await closeBrowse(h0);
    await ws.runRules(['define spend_pct = pct(M)', 'segment recent "Recent" when R <= 10', 'segment loyal "Loyal" when F >= 2', 'tag big "Big" when M >= 30', ''].join('\n'));
    const direct = (where: string) => db.query(`SELECT c.customer FROM customers c JOIN segmented s USING (customer) WHERE ${where} ORDER BY c.M DESC NULLS LAST, c.customer`);
    const sort: BrowseSort[] = [{ column: 'M', direction: 'desc' }];
    const got = async (h: BrowseHandle) => ids((await fetchBlock(h, 0, 100)).rows);
    for (const [spec, where] of [
      [{ from: 'segment', segment: 'recent' }, "s.segment = 'recent'"],
      [{ from: 'segment', segment: null }, 's.segment IS NULL'],
      [{ from: 'tag', tag: 'big' }, 's.big'],
      [{ from: 'all' }, 'true']
    ] as const) {
      const h = await ws.browse({ ...spec, sort });
      expect(await got(h), where).toEqual(ids(await direct(where)));
      expect(h.columns.map((c) => c.name)).toContain('spend_pct');
      await closeBrowse(h);
    }
    // a quick rule with a window function (pct over every customer) and a text parameter
    const q = await ws.quickRule('pct(M) >= 50 and R < 40');
    expect(q.compiled.ok).toBe(true);
    const h = await ws.browse({ from: 'quick', quick: q.compiled, sort });
    expect(h.total).toBe(q.matched);
    const want = await db.query(
      `SELECT customer FROM (SELECT customer, M, CAST((${q.compiled.sql}) AS BOOLEAN) AS hit FROM customers) WHERE hit ORDER BY M DESC NULLS LAST, customer`,
      q.compiled.params as Cell[]
    );
    expect(await got(h)).toEqual(ids(want));
    await updateBrowse(h, { search: 'p1' });
    expect(await got(h)).toEqual(ids(want).filter((c) => String(c).toLowerCase().includes('p1')));
    await closeBrowse(h);
    // the same rule compiled with bound parameters: the search is bound after them
    const bound = compileExpression('pct(M) >= 50 and R < 40', await ws.schema(), { asOf: ws.asOf!, bind: true });
    expect(bound.params.length).toBeGreaterThan(0);
    const hb = await ws.browse({ from: 'quick', quick: bound, sort, search: 'P' });
    expect(await got(hb)).toEqual(ids(want));
    await closeBrowse(hb);
  });

  it("a customers file's attributes (renamed when they clash) are columns, and their text is searched", async () => {
    await setupCase(db, metricCases.attributes!);
    await db.exec('DROP TABLE IF EXISTS segmented');
    const ws = new Workspace(db);
    await ws.buildCustomers();
    await ws.runRules('segment all "All" when F >= 0\n');
    const h = await ws.browse({ from: 'all' });
    const attrs = h.columns.filter((c) => c.kind === 'attribute').map((c) => [c.name, c.fieldType, c.searched]);
    expect(attrs).toEqual([
      ['region', 'text', true],
      ['M_attr', 'number', false],
      ['segment_attr', 'text', true]
    ]);
    const direct = await db.query('SELECT customer, region, M_attr, segment_attr FROM customers ORDER BY customer');
    const rows = (await fetchBlock(h, 0, 100)).rows;
    expect(rows.map((r) => ({ customer: r.customer, region: r.region, M_attr: r.M_attr, segment_attr: r.segment_attr }))).toEqual(direct);
    for (const [q, want] of [
      ['NORTH', ['K']],
      ['y', ['Z']],
      ['1.5', []]
    ] as const) {
      await updateBrowse(h, { search: q });
      expect(ids((await fetchBlock(h, 0, 100)).rows), q).toEqual(want);
    }
    await closeBrowse(h);
  });

  it('1M customers: the block at row 999,900 holds the right rows', async () => {
    await db.exec('DROP TABLE IF EXISTS segmented');
    await db.exec(`CREATE OR REPLACE TABLE customers AS
      SELECT printf('K%07d', i) AS customer, CAST(i % 1000 AS DOUBLE) AS M, CAST(i % 365 AS INTEGER) AS R,
        'city ' || CAST(i % 97 AS VARCHAR) AS city
      FROM range(1000000) t(i)`);
    const h = await openBrowse(db, { from: 'all', sort: [{ column: 'M', direction: 'desc' }] });
    expect(h.total).toBe(1_000_000);
    const b = await fetchBlock(h, 999_900, 100);
    // M descending: the last 1,000 rows have M = 0 (customers K0000000, K0001000, ..., K0999000)
    expect(b.rows.map((r) => [r.customer, r.M])).toEqual(Array.from({ length: 100 }, (_, k) => [`K${String((900 + k) * 1000).padStart(7, '0')}`, 0]));
    const end = await fetchBlock(h, 999_990, 100);
    expect(end.rows.length).toBe(10);
    expect(end.rows.at(-1)!.customer).toBe('K0999000');
    const mid = await fetchBlock(h, 500_000, 3);
    // 500,000 rows = M 999..500 (1,000 each): row 500,000 is the first with M = 499
    expect(mid.rows.map((r) => [r.customer, r.M])).toEqual([['K0000499', 499], ['K0001499', 499], ['K0002499', 499]]);
    await closeBrowse(h);
    await db.exec('DROP TABLE customers');
  });
});
