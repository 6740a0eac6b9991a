// Bad input: every case gives a LoadError whose message names the file, where (data row,
// column) and what to do, and the previously loaded data stays as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { NativeBackend } from '../../src/node/index.js';
import { ingestTransactions, profileFiles } from '../../src/ingest/index.js';
import { LoadError, type InputFile, type LoadOptions } from '../../src/types.js';
import { Workspace } from '../../src/workspace.js';
import { renderMessage } from '../../src/messages/index.js';
import type { IngestOptions } from '../../src/ingest/index.js';
import { diskFile, memFile, tempDir } from './fixtures.js';

let db: NativeBackend;
let dir: string;
const GOOD = 'customer_id,order_date,amount\nA,2024-01-01,10\nB,2024-01-02,20\nA,2024-01-03,5\n';

beforeAll(async () => {
  db = await NativeBackend.create();
  dir = tempDir();
  await ingestTransactions(db, [diskFile(dir, 'good.csv', GOOD)]);
});
afterAll(async () => db.close());

/** Loads, expects a LoadError, and checks that the good data set is still loaded. */
async function failing(files: InputFile[], options: IngestOptions | LoadOptions = {}): Promise<LoadError> {
  let caught: unknown = null;
  try {
    await ingestTransactions(db, files, options);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(LoadError);
  const rows = await db.query('SELECT customer, amount FROM segmint_tx ORDER BY src_row');
  expect(rows).toEqual([
    { customer: 'A', amount: 10 },
    { customer: 'B', amount: 20 },
    { customer: 'A', amount: 5 }
  ]);
  return caught as LoadError;
}

describe('bad input', () => {
  it('an empty file', async () => {
    const e = await failing([diskFile(dir, 'empty.csv', '')]);
    expect(e.message).toMatch(/^empty\.csv: is empty \(0 bytes\)\. Export the data again/);
    const blank = await failing([diskFile(dir, 'blank.csv', '\n  \r\n')]);
    expect(blank.message).toMatch(/^blank\.csv: is empty/);
  });

  it('a header without rows', async () => {
    const e = await failing([diskFile(dir, 'header.csv', 'customer_id,order_date,amount\r\n')]);
    expect(e.message).toMatch(/^header\.csv: has a header \(customer_id, order_date, amount\) but no data rows\. Export the data again/);
  });

  it('no customer column', async () => {
    const e = await failing([diskFile(dir, 'nocust.csv', 'product,order_date,amount\nX,2024-01-01,3\n')]);
    expect(e.message).toMatch(/^nocust\.csv: no column was recognised as the customer column \(columns: 'product', 'order_date', 'amount'\)\. Map one: --map customer=COLUMN/);
    expect(e.issues[0]).toMatchObject({ file: 'nocust.csv', severity: 'error', code: 'values.role_missing', params: { role: 'customer', columns: "'product', 'order_date', 'amount'" } });
    expect(e.columns).toEqual(['product', 'order_date', 'amount']);
  });

  it('a mapped column that does not exist', async () => {
    const e = await failing([diskFile(dir, 'good2.csv', GOOD)], { roles: { customer: 'klant' } });
    expect(e.message).toMatch(/good2\.csv: the column 'klant' given for customer is not in the file\. Its columns are: 'customer_id', 'order_date', 'amount'/);
  });

  it('unparseable dates: loaded without them, counted, five examples with file and row', async () => {
    const lines = ['customer_id,order_date,amount'];
    for (let i = 1; i <= 20; i++) lines.push(`C${i},${i % 3 === 0 ? `not a date ${i}` : `2024-02-${String(i).padStart(2, '0')}`},${i}`);
    const report = await ingestTransactions(db, [diskFile(dir, 'dates.csv', lines.join('\n'))]);
    expect(report.leftOut).toEqual([
      {
        reason: "date that cannot be read (column 'order_date')",
        code: 'values.date_unreadable',
        params: { column: 'order_date' },
        count: 6,
        examples: [3, 6, 9, 12, 15].map((row) => ({ file: 'dates.csv', row, value: `not a date ${row}` }))
      }
    ]);
    const [n] = await db.query('SELECT count(*) AS n FROM segmint_tx');
    expect(n!.n).toBe(14);
    await ingestTransactions(db, [diskFile(dir, 'good.csv', GOOD)]);
  });

  it('every date unreadable: an error that names file, row and value', async () => {
    const e = await failing([diskFile(dir, 'alldates.csv', 'customer_id,order_date,amount\nA,yesterday,1\nB,,2\n')]);
    expect(e.message).toMatch(/alldates\.csv: no row could be used, all 2 were left out/);
    expect(e.message).toMatch(/1 row left out: date that cannot be read \(column 'order_date'\); e\.g\. alldates\.csv data row 1: 'yesterday'/);
    expect(e.message).toMatch(/1 row left out: no date \(column 'order_date' empty\); e\.g\. alldates\.csv data row 2/);
  });

  it('DD/MM or MM/DD that the data cannot decide: asks the user to choose', async () => {
    const e = await failing([diskFile(dir, 'ambiguous.csv', 'customer_id,order_date,amount\nA,01/02/2024,1\nB,03/04/2024,2\n')]);
    expect(e.message).toMatch(/^ambiguous\.csv, data row 1, column 'order_date': the dates in column 'order_date' can be read both as DD\/MM\/YYYY and as MM\/DD\/YYYY \(e\.g\. '01\/02\/2024' at data row 1\).*dayFirst=true for DD\/MM\/YYYY/);
    expect(e.issues[0]).toMatchObject({ file: 'ambiguous.csv', row: 1, column: 'order_date' });
  });

  it('mixed number formats: read value by value, warned with file, row and column; (35.00) is negative, ￥1,200 a number', async () => {
    const f = diskFile(dir, 'money.csv', 'customer_id,order_date,amount\nA,2024-01-01,"1,234.50"\nB,2024-01-02,"1.234,50"\nC,2024-01-03,"￥1,200"\nD,2024-01-04,(35.00)\nE,2024-01-05,12abc\n');
    const report = await ingestTransactions(db, [f]);
    const warn = report.issues.find((i) => /mixed number formats/.test(i.message));
    expect(warn).toMatchObject({ severity: 'warning', file: 'money.csv', column: 'amount' });
    expect(warn?.message).toMatch(/'1,234.50' in money\.csv at data row 1.*'1\.234,50' in money\.csv at data row 2/);
    expect(report.leftOut).toEqual([{ reason: "amount that cannot be read as a number (column 'amount')", code: 'values.amount_unreadable', params: { column: 'amount' }, count: 1, examples: [{ file: 'money.csv', row: 5, value: '12abc' }] }]);
    expect((await db.query('SELECT customer, amount FROM segmint_tx ORDER BY src_row')).map((r) => r.amount)).toEqual([1234.5, 1234.5, 1200, -35]);
    await ingestTransactions(db, [diskFile(dir, 'good.csv', GOOD)]);
  });

  it('an amount of 10^14 or more is left out with a reason (it cannot be summed exactly), and the metrics build', async () => {
    const f = diskFile(dir, 'huge.csv', 'customer_id,order_date,amount\nA,2024-01-01,10\nB,2024-01-02,123456789012345678\nA,2024-01-03,-1e15\nC,2024-01-04,99999999999999\n');
    const ws = new Workspace(db);
    const report = await ws.loadTransactions([f]);
    expect(report.leftOut).toEqual([
      {
        reason: "amount too large to add up exactly (10^14 or more, column 'amount'): a misplaced decimal point or run-together numbers?",
        code: 'values.amount_too_large',
        params: { column: 'amount' },
        count: 2,
        examples: [
          { file: 'huge.csv', row: 2, value: '123456789012345678' },
          { file: 'huge.csv', row: 3, value: '-1e15' }
        ]
      }
    ]);
    expect((await ws.buildCustomers()).customers).toBe(2);
    expect((await db.query('SELECT customer, M FROM customers ORDER BY customer')).map((r) => [r.customer, r.M])).toEqual([['A', 10], ['C', 99999999999999]]);    await ingestTransactions(db, [diskFile(dir, 'good.csv', GOOD)]);
  });

  it('ragged rows: left out with file, line, data row and text (lenient); strict mode refuses naming the first', async () => {
    const text = 'customer_id,order_date,amount\nA,2024-01-01,1\nB,2024-01-02\nC,2024-01-03,3,extra\nD,2024-01-04,4\n';
    const report = await ingestTransactions(db, [diskFile(dir, 'ragged.csv', text)]);
    expect(report.repairs.map((g) => [g.code, g.action, g.count, g.examples.map((e) => [e.file, e.line, e.row, e.before])])).toEqual([
      ['text.row_too_few_fields', 'left_out', 1, [['ragged.csv', 3, 2, 'B,2024-01-02']]],
      ['text.row_too_many_fields', 'left_out', 1, [['ragged.csv', 4, 3, 'C,2024-01-03,3,extra']]]
    ]);
    expect(report.repairs[0]!.message).toBe('rows with 2 fields where the header has 3 were left out: a value is missing and its place is not certain');
    expect(await db.query('SELECT customer, amount, src_row FROM segmint_tx ORDER BY src_row')).toEqual([
      { customer: 'A', amount: 1, src_row: 1 },
      { customer: 'D', amount: 4, src_row: 4 }
    ]);
    await ingestTransactions(db, [diskFile(dir, 'good.csv', GOOD)]);
    const e = await failing([diskFile(dir, 'ragged.csv', text)], { strict: true });
    expect(e.message).toMatch(/^ragged\.csv, data row 2: strict mode stops here instead of leaving the row out: rows with 2 fields where the header has 3 were left out/);
    expect(e.issues[0]).toMatchObject({ code: 'text.strict_left_out', params: expect.objectContaining({ problem: 'text.row_too_few_fields' }), file: 'ragged.csv', line: 3, row: 2 });
  });

  it('a ragged row far below the first rows (past the sample that types are read from)', async () => {
    const lines = ['customer_id,order_date,amount'];
    for (let i = 1; i <= 25_000; i++) lines.push(i === 24_000 ? `C${i},2024-01-01` : `C${i},2024-01-01,${i}`);
    const report = await ingestTransactions(db, [diskFile(dir, 'long.csv', lines.join('\n'))]);
    expect(report.repairs.map((g) => [g.code, g.count, g.examples[0]!.line, g.examples[0]!.row])).toEqual([['text.row_too_few_fields', 1, 24_001, 24_000]]);
    const [n] = await db.query('SELECT count(*) AS n, max(src_row) AS last FROM segmint_tx');
    expect(n).toEqual({ n: 24_999, last: 25_000 });
    await ingestTransactions(db, [diskFile(dir, 'good.csv', GOOD)]);
    const e = await failing([diskFile(dir, 'long.csv', lines.join('\n'))], { strict: true });
    expect(e.issues[0]).toMatchObject({ code: 'text.strict_left_out', params: expect.objectContaining({ problem: 'text.row_too_few_fields' }), line: 24_001, row: 24_000 });
  });

  it('an unbalanced quote damages its own row only, and is reported', async () => {
    const report = await ingestTransactions(db, [diskFile(dir, 'quote.csv', 'customer_id,order_date,amount\nA,2024-01-01,"12\nB,2024-01-02,3\n')]);
    expect(report.repairs.map((g) => [g.code, g.examples[0]!.line, g.examples[0]!.after])).toEqual([['text.quote_literal', 2, 'A,2024-01-01,12']]);
    expect(report.leftOut).toEqual([]);
    expect(await db.query('SELECT customer, amount FROM segmint_tx ORDER BY src_row')).toEqual([{ customer: 'A', amount: 12 }, { customer: 'B', amount: 3 }]);
    await ingestTransactions(db, [diskFile(dir, 'good.csv', GOOD)]);
    const e = await failing([diskFile(dir, 'quote.csv', 'customer_id,order_date,amount\nA,2024-01-01,"12\nB,2024-01-02,3\n')], { strict: true });
    expect(e.issues[0]).toMatchObject({ code: 'text.strict_repaired', params: expect.objectContaining({ problem: 'text.quote_literal' }), file: 'quote.csv', line: 2, row: 1 });
  });

  it('binary junk', async () => {
    const junk = new Uint8Array(2048).map((_, i) => (i * 7919) % 256);
    const e = await failing([diskFile(dir, 'export.csv', junk)]);
    expect(e.message).toMatch(/^export\.csv: is not a text file: binary data at byte \d+\. Load a CSV, TSV, Excel/);
  });

  it('a 0-byte and a truncated Parquet file', async () => {
    const e0 = await failing([diskFile(dir, 'zero.parquet', new Uint8Array(0))]);
    expect(e0.message).toMatch(/^zero\.parquet: is empty \(0 bytes\)/);
    const full = new Uint8Array(parquetWriteBuffer({ columnData: [{ name: 'customer_id', data: ['a', 'b'], type: 'STRING' }] }));
    const e1 = await failing([diskFile(dir, 'cut.parquet', full.slice(0, Math.floor(full.length / 2)))]);
    expect(e1.message).toMatch(/^cut\.parquet: is a truncated Parquet file \(\d+ bytes, the closing Parquet marker is missing\)\. The file is incomplete/);
    const e2 = await failing([memFile('cut.parquet', full.slice(0, Math.floor(full.length / 2)))]);
    expect(e2.message).toMatch(/truncated Parquet/);
    // the markers are there, the inside is junk: on disk (DuckDB) and in memory (hyparquet)
    const junk = new Uint8Array([0x50, 0x41, 0x52, 0x31, ...new Array<number>(40).fill(7), 0x50, 0x41, 0x52, 0x31]);
    const e3 = await failing([diskFile(dir, 'junk.parquet', junk)]);
    expect(e3.message).toMatch(/^junk\.parquet: cannot be read as Parquet \(.+\)\. The file may be damaged/);
    const e4 = await failing([memFile('junk.parquet', junk)]);
    expect(e4.message).toMatch(/^junk\.parquet: cannot be read as Parquet \(.+\)\. The file may be damaged/);
  });

  it('a file too big for the browser tab', async () => {
    const e = await failing([memFile('huge.csv', GOOD)], { maxBytes: 50 });
    expect(e.message).toMatch(/^huge\.csv: is too big to load here: it is 0\.0 MB, over the limit of 0\.0 MB.*Use the segmint command line/);
    // the Workspace passes the limit through (LoadOptions.maxBytes)
    await expect(new Workspace(db).loadTransactions([memFile('huge.csv', GOOD)], { maxBytes: 50 })).rejects.toThrow(/^huge\.csv: is too big to load here/);
    await expect(new Workspace(db).loadCustomers([memFile('huge.csv', GOOD)], { maxBytes: 50 })).rejects.toThrow(/^huge\.csv: is too big to load here/);
  });

  it('a customers file without a recognisable id column: names it, its columns, and both ways to say which', async () => {
    const e = await new Workspace(db).loadCustomers([memFile('kunden.csv', 'kundennummer,stadt\nC1,Berlin\n')]).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(LoadError);
    expect(String((e as LoadError).message)).toMatch(/^kunden\.csv: no column was recognised as the customer id \(columns: 'kundennummer', 'stadt'\)\. Name the customers file's id column like the orders' customer column: the command line looks for that name/);
    // the app says it in its own words: its load settings
    const issue = (e as LoadError).issues[0]!;
    expect(renderMessage(issue.code, issue.params, 'en', 'app').hint).toMatch(/or choose it in the app's load settings, under the customers file/);
  });

  it('files with different columns: names the odd file and the difference', async () => {
    const a = diskFile(dir, 'day1.csv', GOOD);
    const b = diskFile(dir, 'day2.csv', 'customer_id,order_date,total\nA,2024-01-05,1\n');
    const e = await failing([a, b]);
    expect(e.message).toMatch(/^day2\.csv: has different columns from day1\.csv \(missing 'amount'; extra 'total'\)/);
  });

  it('an unknown encoding name', async () => {
    const e = await failing([diskFile(dir, 'enc.csv', GOOD)], { encoding: 'klingon' });
    expect(e.message).toMatch(/^enc\.csv: encoding 'klingon' is not one Segmint knows\. Use one of: utf-8/);
  });

  it('profiling a bad file throws the same message and leaves the data alone', async () => {
    await expect(profileFiles(db, [diskFile(dir, 'header2.csv', 'a,b\n')])).rejects.toThrow(/header2\.csv: has a header \(a, b\) but no data rows/);
    const [n] = await db.query('SELECT count(*) AS n FROM segmint_tx');
    expect(n!.n).toBe(3);
  });
});

describe('cancelling a load', () => {
  it('stops with file.cancelled and leaves the data loaded before', async () => {
    const lines = ['customer_id,order_date,amount'];
    for (let i = 1; i <= 20_000; i++) lines.push(`C${i},2024-01-01,${i}`);
    const before = await db.query('SELECT count(*) AS n FROM segmint_tx');
    const controller = new AbortController();
    const e = await ingestTransactions(db, [diskFile(dir, 'long-cancel.csv', lines.join('\n'))], {
      signal: controller.signal,
      onProgress: () => controller.abort()
    }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(LoadError);
    expect((e as LoadError).issues[0]).toMatchObject({ code: 'file.cancelled' });
    expect(await db.query('SELECT count(*) AS n FROM segmint_tx')).toEqual(before);
    // a lenient read is cancelled alike (a messy file)
    const c2 = new AbortController();
    c2.abort();
    const e2 = await ingestTransactions(db, [diskFile(dir, 'messy-cancel.csv', 'Title\n' + lines.join('\n'))], { signal: c2.signal }).catch((err: unknown) => err);
    expect((e2 as LoadError).issues[0]).toMatchObject({ code: 'file.cancelled' });
  });
});
