// Real data from ../shared/data: all 305 Online Retail daily files as one table, and CDNOW
// (whitespace-separated, leading spaces, CRLF, YYYYMMDD dates).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeBackend, expandInputs, nodeFile } from '../../src/node/index.js';
import { ingestTransactions, profileFiles } from '../../src/ingest/index.js';
import type { LoadReport } from '../../src/types.js';
import { str } from '../../src/sql/quote.js';

const here = dirname(fileURLToPath(import.meta.url));
const shared = process.env.SEGMINT_SHARED ?? resolve(here, '../../../../../shared');
const retailDir = join(shared, 'data/online-retail/by-day');
const cdnow = join(shared, 'data/cdnow/CDNOW_master.txt');
if (!existsSync(retailDir)) throw new Error(`the shared data is missing: expected ${retailDir} (set SEGMINT_SHARED)`);

describe('Online Retail, all 305 daily files', () => {
  let db: NativeBackend;
  let report: LoadReport;
  let paths: string[];
  beforeAll(async () => {
    db = await NativeBackend.create();
    paths = expandInputs([retailDir]);
    report = await ingestTransactions(
      db,
      paths.map((p) => nodeFile(p)),
      { roles: { customer: 'CustomerID', date: 'InvoiceDate', order: 'InvoiceNo', amount: 'Quantity * UnitPrice' } }
    );
  });
  afterAll(async () => db.close());

  it('reads 305 files as one table of exactly 541,909 rows', () => {
    expect(paths).toHaveLength(305);
    expect(report.files).toHaveLength(305);
    expect(report.rows).toBe(541_909);
    expect(report.columns.map((c) => c.name)).toEqual(['InvoiceNo', 'StockCode', 'Description', 'Quantity', 'InvoiceDate', 'UnitPrice', 'CustomerID', 'Country']);
    expect(report.encoding).toBe('utf-8');
  });

  it('leaves out the rows without a customer id, counted, with examples naming file and row', async () => {
    // independently: plain DuckDB over the raw CSVs
    const list = `[${paths.map(str).join(', ')}]`;
    const [ref] = await db.query(
      `SELECT count(*) FILTER (CustomerID IS NULL) AS missing, count(DISTINCT CAST(CAST(CustomerID AS DOUBLE) AS BIGINT)) AS customers FROM read_csv(${list}, header = true, all_varchar = true)`
    );
    const noId = report.leftOut.find((l) => l.reason.startsWith('no customer id'));
    expect(noId?.count).toBe(Number(ref!.missing));
    expect(noId?.count).toBe(135_080);
    expect(noId?.examples).toHaveLength(5);
    expect(noId?.examples[0]?.file).toMatch(/^2010-12-01\.csv$/);
    expect(report.leftOut.reduce((s, l) => s + l.count, 0)).toBe(135_080);
    const [tx] = await db.query('SELECT count(*) AS n, count(DISTINCT customer) AS customers FROM segmint_tx');
    expect(Number(tx!.n)).toBe(541_909 - 135_080);
    expect(Number(tx!.customers)).toBe(Number(ref!.customers));
    expect(Number(tx!.customers)).toBe(4372);
  });

  it('normalises ids (17850.0 -> 17850), computes the amount expression and keeps orders and timestamps', async () => {
    const rows = await db.query(
      `SELECT customer, CAST(ts AS VARCHAR) AS ts, amount, order_id, src_file, src_row FROM segmint_tx WHERE src_file = '2010-12-01.csv' ORDER BY src_row LIMIT 1`
    );
    expect(rows[0]).toEqual({ customer: '17850', ts: '2010-12-01 08:26:00', amount: 6 * 2.55, order_id: '536365', src_file: '2010-12-01.csv', src_row: 1 });
    const [c] = await db.query(`SELECT count(*) AS n FROM segmint_tx WHERE order_id LIKE 'C%' AND amount < 0`);
    expect(Number(c!.n)).toBeGreaterThan(8000);
    expect(report.roleSource).toEqual({ customer: 'given', date: 'given', amount: 'given', order: 'given' });
  });

  it('guesses customer, date and order but not the amount, and says how to map it', async () => {
    await expect(ingestTransactions(db, paths.slice(0, 3).map((p) => nodeFile(p)))).rejects.toThrow(/amount.*--map "amount=Quantity \* UnitPrice"/s);
    const p = await profileFiles(db, paths.slice(0, 3).map((x) => nodeFile(x)));
    expect(p.roles).toEqual({ customer: 'CustomerID', date: 'InvoiceDate', order: 'InvoiceNo' });
    expect(p.issues.some((i) => /amount=Quantity \* UnitPrice/.test(i.hint ?? ''))).toBe(true);
    // profiling changed nothing: the full load is still there
    const [tx] = await db.query('SELECT count(*) AS n FROM segmint_tx');
    expect(Number(tx!.n)).toBe(406_829);
  });
});

describe('CDNOW master (whitespace-separated, leading spaces, CRLF)', () => {
  it('loads 69,659 transactions of 23,570 customers with YYYYMMDD dates', async () => {
    const db = await NativeBackend.create();
    try {
      const report = await ingestTransactions(db, [nodeFile(cdnow)]);
      expect(report.format).toMatch(/whitespace/);
      expect(report.columns).toEqual([
        { name: 'customer_id', type: 'integer' },
        { name: 'date', type: 'date' },
        { name: 'number_of_cds', type: 'integer' },
        { name: 'dollar_value', type: 'number' }
      ]);
      expect(report.roles).toEqual({ customer: 'customer_id', date: 'date', amount: 'dollar_value' });
      expect(report.rows).toBe(69_659);
      expect(report.leftOut).toEqual([]);
      const [r] = await db.query(`SELECT count(*) AS n, count(DISTINCT customer) AS c, CAST(min(ts) AS VARCHAR) AS first, CAST(max(ts) AS VARCHAR) AS last FROM segmint_tx`);
      expect(r).toEqual({ n: 69_659, c: 23_570, first: '1997-01-01 00:00:00', last: '1998-06-30 00:00:00' });
    } finally {
      await db.close();
    }
  });
});

