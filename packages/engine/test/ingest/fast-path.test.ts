// A CSV read by DuckDB converts the role columns while it reads (ISO timestamps, plain numbers,
// ids) and converts only the other values the exact, slower way. Whatever the file holds past
// the first rows (the sample the decisions start from), the result must be what the all-text
// path gives (convertWhileReading: false): the same rows, left-out counts, examples and
// messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { NativeBackend, nodeFile } from '../../src/node/index.js';
import { ingestTransactions, profileFiles } from '../../src/ingest/index.js';
import type { InputFile, LoadReport, Row } from '../../src/types.js';
import { diskFile, tempDir } from './fixtures.js';

let db: NativeBackend;
let dir: string;
beforeAll(async () => {
  db = await NativeBackend.create();
  dir = tempDir();
});
afterAll(async () => db.close());

type Cells = (string | null)[];
const HEADER = ['customer_id', 'order_date', 'amount', 'order_id'];
const SAMPLE = 20_000;

function csvField(v: string | null): string {
  if (v === null) return '';
  return /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** `SAMPLE` clean rows, then the given ones (past the sample). */
function rowsWith(tail: Cells[]): Cells[] {
  const rows: Cells[] = [];
  for (let i = 1; i <= SAMPLE; i++) rows.push([`C${i % 997}`, `2024-0${1 + (i % 9)}-1${i % 10} 0${i % 10}:15:00`, `${(i % 500) + 0.25}`, `O${i}`]);
  return [...rows, ...tail];
}

const tx = async (): Promise<Row[]> => db.query('SELECT customer, CAST(ts AS VARCHAR) AS ts, amount, order_id, src_row FROM segmint_tx ORDER BY src_row');

async function both(rows: Cells[]): Promise<{ csv: LoadReport; rows: Row[] }> {
  const text = [HEADER, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
  return bothOf(diskFile(dir, 'fast.csv', text), 'read_csv');
}

/** Loads `file` converting while reading (which must happen, with `reader`) and all as text,
 * and requires the same report and transactions. */
async function bothOf(file: InputFile, reader: 'read_csv' | 'read_parquet'): Promise<{ csv: LoadReport; rows: Row[] }> {
  // the statements run: the fast path must really have been taken
  const statements: string[] = [];
  const exec = db.exec.bind(db);
  db.exec = async (sql, params) => {
    statements.push(sql);
    return exec(sql, params);
  };
  let csv: LoadReport;
  try {
    csv = await ingestTransactions(db, [file]);
  } finally {
    db.exec = exec;
  }
  expect(statements.some((s) => new RegExp(`INSERT INTO .*__segmint_fast_\\d.*FROM ${reader}`, 's').test(s))).toBe(true);
  const csvRows = await tx();
  const slow = await ingestTransactions(db, [file], { convertWhileReading: false });
  expect(csv).toEqual(slow);
  expect(csvRows).toEqual(await tx());
  return { csv, rows: csvRows };
}

describe('converting while reading gives what the all-text path gives', () => {
  it('odd values past the sample: ids, D/M/Y and unreadable dates, currency, blanks, infinity', { timeout: 60_000 }, async () => {
    const { csv, rows } = await both(
      rowsWith([
        ['  C5 ', '31/01/2024', '(35.00)', 'O5.0'],
        ['17850.0', '2024-01-05', '$12', ''],
        [null, '2024-01-06', '7', 'X1'],
        ['\u3000', '2024-01-06', '7', 'X2'],
        ['C7', null, '7', 'X3'],
        ['C7', 'not a date', '7', 'X4'],
        ['C7', '2024-02-30', '7', 'X5'],
        ['C7', ' 2024-01-07 ', ' 8 ', 'X6'],
        ['C7', 'epoch', '1', 'X7'],
        ['C7', '2024-01-08', 'inf', 'X8'],
        ['C7', '2024-01-08', null, 'X9'],
        ['C7', '2024-01-08', '12abc', 'X10'],
        ['C8', '13/02/2024 10:30', '1e2', 'X11']
      ])
    );
    expect(csv.leftOut.map((l) => [l.reason, l.count])).toEqual([
      ["no customer id (column 'customer_id' empty)", 2],
      ["no date (column 'order_date' empty)", 1],
      ["date that cannot be read (column 'order_date')", 3],
      ["no amount (column 'amount' empty)", 1],
      ["amount that cannot be read as a number (column 'amount')", 2]
    ]);
    const tail = rows.filter((r) => Number(r.src_row) > SAMPLE);
    expect(tail).toEqual([
      { customer: 'C5', ts: '2024-01-31 00:00:00', amount: -35, order_id: 'O5.0', src_row: SAMPLE + 1 },
      { customer: '17850', ts: '2024-01-05 00:00:00', amount: 12, order_id: null, src_row: SAMPLE + 2 },
      { customer: 'C7', ts: '2024-01-07 00:00:00', amount: 8, order_id: 'X6', src_row: SAMPLE + 8 },
      { customer: 'C8', ts: '2024-02-13 10:30:00', amount: 100, order_id: 'X11', src_row: SAMPLE + 13 }
    ]);
  });

  it('decimal commas past the sample: the separator is still decided from every value', { timeout: 60_000 }, async () => {
    const { csv, rows } = await both(rowsWith([['C1', '2024-01-05', '1.234,50', 'Y1'], ['C2', '2024-01-05', '12,5', 'Y2'], ['C3', '2024-01-05', '1,234', 'Y3']]));
    expect(csv.issues.some((i) => /mixed number formats/.test(i.message))).toBe(true);
    expect(rows.filter((r) => Number(r.src_row) > SAMPLE).map((r) => r.amount)).toEqual([1234.5, 12.5, 1234]);
  });

  it('Parquet, all text or typed, with odd values past the sample: the same as read all as text', { timeout: 60_000 }, async () => {
    const csv = diskFile(dir, 'for-parquet.csv', [HEADER, ...rowsWith([['  C5 ', '31/01/2024', '(35.00)', ''], ['17850.0', 'not a date', '7', 'X1'], ['C7', '2024-01-07', 'inf', 'X2'], ['C8', '2024-01-08', '8', 'X3']])].map((r) => r.map(csvField).join(',')).join('\n'));
    const text = join(dir, 'text.parquet');
    await db.exec(`COPY (SELECT * FROM read_csv('${csv.path}', all_varchar = true)) TO '${text}' (FORMAT parquet)`);
    const t = await bothOf(nodeFile(text), 'read_parquet');
    expect(t.csv.leftOut.map((l) => [l.reason, l.count])).toEqual([
      ["date that cannot be read (column 'order_date')", 1],
      ["amount that cannot be read as a number (column 'amount')", 1]
    ]);
    expect(t.rows.filter((r) => Number(r.src_row) > SAMPLE)).toEqual([
      { customer: 'C5', ts: '2024-01-31 00:00:00', amount: -35, order_id: null, src_row: SAMPLE + 1 },
      { customer: 'C8', ts: '2024-01-08 00:00:00', amount: 8, order_id: 'X3', src_row: SAMPLE + 4 }
    ]);
    // typed columns (TIMESTAMP, DOUBLE, a BIGINT id) as a data team writes them
    const typed = join(dir, 'typed.parquet');
    await db.exec(`COPY (SELECT CAST(i % 97 AS BIGINT) AS customer_id, TIMESTAMP '2024-01-01 08:00:00' + to_minutes(i) AS order_date, i / 4 AS amount, 'O' || i AS order_id FROM range(1, 30001) t(i)) TO '${typed}' (FORMAT parquet)`);
    const y = await bothOf(nodeFile(typed), 'read_parquet');
    expect(y.csv.leftOut).toEqual([]);
    expect(y.rows.length).toBe(30000);
    expect(y.rows[29999]).toEqual({ customer: String(30000 % 97), ts: '2024-01-22 04:00:00', amount: 7500, order_id: 'O30000', src_row: 30000 });
  });

  it('every date D/M/Y past the sample: decided from those rows', { timeout: 60_000 }, async () => {
    const e = await ingestTransactions(db, [diskFile(dir, 'dmy.csv', [HEADER, ...rowsWith([['C1', '01/02/2024', '1', 'Z1']])].map((r) => r.map(csvField).join(',')).join('\n'))]).catch((err: unknown) => err);
    expect(String(e)).toMatch(/dmy\.csv, data row 20001, column 'order_date': the dates in column 'order_date' can be read both as DD\/MM\/YYYY and as MM\/DD\/YYYY \(e\.g\. '01\/02\/2024' at data row 20001\)/);
  });
});

describe('type inference shortcuts', () => {
  it('ids starting with a letter are text; currency words before a number still make a number', async () => {
    const f = diskFile(dir, 'types.csv', 'customer_id,price,code,day\nC0039978,USD 12,a1,2024-01-01\nC0039979,CNY 7,b2,2024-01-02\nC1,GBP1.5,E3,2024-01-03\n');
    const r = await profileFiles(db, [f]);
    expect(r.columns).toEqual([
      { name: 'customer_id', type: 'text' },
      { name: 'price', type: 'number' },
      { name: 'code', type: 'text' },
      { name: 'day', type: 'date' }
    ]);
  });
});
