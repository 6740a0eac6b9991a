// Every supported format and encoding, from fixtures the test writes itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { NativeBackend } from '../../src/node/index.js';
import { guessRoles, ingestCustomers, ingestTransactions, profileFiles } from '../../src/ingest/index.js';
import { diskFile, encodeGb18030, encodeUtf16, memFile, tempDir } from './fixtures.js';
import { transcodeToUtf8 } from '../../src/ingest/transcode.js';
import type { Row } from '../../src/types.js';

let db: NativeBackend;
let dir: string;
beforeAll(async () => {
  db = await NativeBackend.create();
  dir = tempDir();
});
afterAll(async () => db.close());

const tx = (): Promise<Row[]> => db.query('SELECT customer, CAST(ts AS VARCHAR) AS ts, amount, order_id, src_row FROM segmint_tx ORDER BY src_file, src_row');

const CHINESE = '客户编号,下单时间,实付金额,订单号,城市\r\nC001,2024-01-05 10:30:00,"￥1,200",D1,北京\r\n张三,2024/01/06,(35.00),D2,上海\r\n李四,2024年1月7日,88.5,D3,广州\r\n';

describe('encodings', () => {
  it('detects and decodes GB18030 (Excel "Save as CSV" on Chinese Windows) and guesses Chinese roles', async () => {
    const f = diskFile(dir, '订单.csv', encodeGb18030(CHINESE));
    const report = await ingestTransactions(db, [f]);
    expect(report.encoding).toBe('gb18030');
    expect(report.roles).toEqual({ customer: '客户编号', date: '下单时间', amount: '实付金额', order: '订单号' });
    expect(report.roleSource).toEqual({ customer: 'guessed', date: 'guessed', amount: 'guessed', order: 'guessed' });
    expect(await tx()).toEqual([
      { customer: 'C001', ts: '2024-01-05 10:30:00', amount: 1200, order_id: 'D1', src_row: 1 },
      { customer: '张三', ts: '2024-01-06 00:00:00', amount: -35, order_id: 'D2', src_row: 2 },
      { customer: '李四', ts: '2024-01-07 00:00:00', amount: 88.5, order_id: 'D3', src_row: 3 }
    ]);
  });

  it('re-encodes in chunks without breaking characters or lines at chunk ends', async () => {
    const text = ' 会员号  日期 金额\r\n 张三 20240101  1.5\r\n\r\n  李四   20240102 22\r\n';
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const gb = await transcodeToUtf8(memFile('x.txt', encodeGb18030(text)), 'gb18030', 0, size);
      expect(new TextDecoder().decode(gb.bytes)).toBe(text);
      const u16 = await transcodeToUtf8(memFile('x.txt', encodeUtf16(text, 'be')), 'utf-16be', 2, size);
      expect(new TextDecoder().decode(u16.bytes)).toBe(text);
      expect(u16.replaced).toBe(0);
    }
    const bad = await transcodeToUtf8(memFile('x.txt', new Uint8Array([0x61, 0x0a, 0x62, 0x0a, 0x81, 0x20])), 'gb18030', 0, 3);
    expect(bad.replaced).toBe(1);
    expect(bad.firstBadLine).toBe(3);
  });

  it('takes an encoding override and reports it', async () => {
    const f = diskFile(dir, 'gbk.csv', encodeGb18030(CHINESE));
    const report = await profileFiles(db, [f], { encoding: 'GBK' });
    expect(report.encoding).toBe('gb18030 (given)');
    expect(report.columns.map((c) => c.name)).toEqual(['客户编号', '下单时间', '实付金额', '订单号', '城市']);
    // forcing UTF-8 on GB18030 bytes: every line that is not UTF-8 but GB18030 is read as
    // GB18030, and each is reported
    const forced = await profileFiles(db, [f], { encoding: 'utf-8' });
    expect(forced.columns.map((c) => c.name)).toEqual(['客户编号', '下单时间', '实付金额', '订单号', '城市']);
    expect(forced.repairs.map((g) => [g.code, g.count])).toEqual([['encoding.foreign_lines', CHINESE.trim().split('\n').length]]);
  });

  it('reads UTF-16 LE and BE with a byte-order mark (tab-separated, as Excel "Unicode text" saves)', async () => {
    const text = CHINESE.replaceAll(',', '\t').replace('"￥1\t200"', '￥1200');
    for (const endian of ['le', 'be'] as const) {
      const f = diskFile(dir, `u16${endian}.txt`, encodeUtf16(text, endian));
      const report = await ingestTransactions(db, [f]);
      expect(report.encoding).toBe(`utf-16${endian} (with BOM)`);
      expect(report.format).toMatch(/tab-separated/);
      expect((await tx()).map((r) => [r.customer, r.amount])).toEqual([['C001', 1200], ['张三', -35], ['李四', 88.5]]);
    }
  });

  it('reads UTF-8 with a BOM, semicolons and decimal commas, DD/MM/YYYY decided from the data', async () => {
    const f = diskFile(dir, 'eu.csv', '\uFEFFKunde-ID;Datum;Betrag\nK1;31/01/2024;1.234,50\nK2;02/03/2024;12,5\nK3;05/03/2024 14:05;€ 7\n');
    const report = await ingestTransactions(db, [f], { roles: { customer: 'Kunde-ID', date: 'Datum', amount: 'Betrag' } });
    expect(report.encoding).toBe('utf-8 (with BOM)');
    expect(report.format).toMatch(/semicolon/);
    expect(report.issues.some((i) => /DD\/MM\/YYYY/.test(i.message))).toBe(true);
    expect(await tx()).toEqual([
      { customer: 'K1', ts: '2024-01-31 00:00:00', amount: 1234.5, order_id: null, src_row: 1 },
      { customer: 'K2', ts: '2024-03-02 00:00:00', amount: 12.5, order_id: null, src_row: 2 },
      { customer: 'K3', ts: '2024-03-05 14:05:00', amount: 7, order_id: null, src_row: 3 }
    ]);
  });

  it('reads pipe-separated MM/DD/YYYY and an explicit dayFirst for ambiguous dates', async () => {
    const f = diskFile(dir, 'us.psv', 'customer_id|order_date|total\n7|01/13/2024|5\n8|02/01/2024|6\n');
    await ingestTransactions(db, [f]);
    expect((await tx()).map((r) => r.ts)).toEqual(['2024-01-13 00:00:00', '2024-02-01 00:00:00']);
    const y2 = diskFile(dir, 'y2.csv', 'customer_id,order_date,total\n7,13-01-24 8:26,5\n8,01.02.24,6\n9,2/3/99,1\n');
    await ingestTransactions(db, [y2]);
    expect((await tx()).map((r) => r.ts)).toEqual(['2024-01-13 08:26:00', '2024-02-01 00:00:00', '1999-03-02 00:00:00']);
    const g = diskFile(dir, 'ambiguous.csv', 'customer_id,order_date,total\n7,01/02/2024,5\n');
    await ingestTransactions(db, [g], { dayFirst: true });
    expect((await tx()).map((r) => r.ts)).toEqual(['2024-02-01 00:00:00']);
  });
});

describe('Excel, Parquet, JSON, NDJSON', () => {
  it('reads the first sheet of an .xlsx by default, another by name; Excel serial dates and date cells', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['会员号', '交易日期', '销售额'], ['M1', 45292, 10], [null, null, null], ['M2', 45293.5, 20.25]]), '订单');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['会员号', '交易日期', '销售额'], ['M9', new Date(Date.UTC(2024, 5, 30)), 99]], { cellDates: true }), 'June');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const f = diskFile(dir, 'orders.xlsx', bytes);
    const first = await ingestTransactions(db, [f]);
    expect(first.format).toBe("Excel, sheet '订单' of 2");
    expect(first.roles).toEqual({ customer: '会员号', date: '交易日期', amount: '销售额' });
    // the blank Excel row is skipped, and row numbers still match the sheet (data row 3)
    expect(await tx()).toEqual([
      { customer: 'M1', ts: '2024-01-01 00:00:00', amount: 10, order_id: null, src_row: 1 },
      { customer: 'M2', ts: '2024-01-02 12:00:00', amount: 20.25, order_id: null, src_row: 3 }
    ]);
    await ingestTransactions(db, [f], { sheet: 'June' });
    expect((await tx()).map((r) => [r.customer, r.ts, r.amount])).toEqual([['M9', '2024-06-30 00:00:00', 99]]);
    await expect(ingestTransactions(db, [f], { sheet: 'July' })).rejects.toThrow(/orders\.xlsx.*no sheet 'July'.*'订单', 'June'/s);
  });

  const parquet = () =>
    new Uint8Array(
      parquetWriteBuffer({
        columnData: [
          { name: 'customer_id', data: [101, 102, 101], type: 'INT32' },
          { name: 'order_date', data: [new Date(Date.UTC(2024, 0, 1, 9)), new Date(Date.UTC(2024, 0, 2)), new Date(Date.UTC(2024, 0, 3))], type: 'TIMESTAMP' },
          { name: 'amount', data: [1.5, 2.5, -1], type: 'DOUBLE' }
        ]
      })
    );

  it('reads Parquet from disk (DuckDB read_parquet) and from memory (hyparquet, as in the browser)', async () => {
    for (const f of [diskFile(dir, 'tx.parquet', parquet()), memFile('tx.parquet', parquet())]) {
      const report = await ingestTransactions(db, [f]);
      expect(report.format).toBe('Parquet');
      expect(report.rows).toBe(3);
      expect((await tx()).map((r) => [r.customer, r.ts, r.amount, r.src_row])).toEqual([
        ['101', '2024-01-01 09:00:00', 1.5, 1],
        ['102', '2024-01-02 00:00:00', 2.5, 2],
        ['101', '2024-01-03 00:00:00', -1, 3]
      ]);
    }
  });

  it('reads Parquet with columns named like read_parquet\'s own (filename, file_row_number)', async () => {
    const bytes = new Uint8Array(
      parquetWriteBuffer({
        columnData: [
          { name: 'customer_id', data: ['A', 'B'], type: 'STRING' },
          { name: 'order_date', data: ['2024-01-01', '2024-01-02'], type: 'STRING' },
          { name: 'amount', data: [3, 4], type: 'DOUBLE' },
          { name: 'filename', data: ['x.pdf', 'y.pdf'], type: 'STRING' },
          { name: 'file_row_number', data: [7, 8], type: 'INT32' }
        ]
      })
    );
    const report = await ingestTransactions(db, [diskFile(dir, 'named.parquet', bytes)]);
    expect(report.columns.map((c) => c.name)).toEqual(['customer_id', 'order_date', 'amount', 'filename', 'file_row_number']);
    expect((await tx()).map((r) => [r.customer, r.amount, r.src_row])).toEqual([
      ['A', 3, 1],
      ['B', 4, 2]
    ]);
  });

  it('reads a JSON array and NDJSON', async () => {
    const recs = [
      { customerId: 'A', date: '2024-05-01', amount: 3, extra: { x: 1 } },
      { customerId: 'B', date: '2024-05-02T08:00:00', amount: '4.5' }
    ];
    const j = await ingestTransactions(db, [diskFile(dir, 'tx.json', JSON.stringify(recs, null, 2))]);
    expect(j.format).toBe('JSON');
    expect((await tx()).map((r) => [r.customer, r.ts, r.amount])).toEqual([['A', '2024-05-01 00:00:00', 3], ['B', '2024-05-02 08:00:00', 4.5]]);
    const n = await ingestTransactions(db, [memFile('tx.ndjson', recs.map((r) => JSON.stringify(r)).join('\n') + '\n')]);
    expect(n.format).toBe('NDJSON');
    expect(n.columns.map((c) => c.name)).toEqual(['customerId', 'date', 'amount', 'extra']);
    expect((await tx()).map((r) => r.customer)).toEqual(['A', 'B']);
    await expect(ingestTransactions(db, [memFile('bad.ndjson', '{"a":1}\n{"a":\n')])).rejects.toThrow(/bad\.ndjson.*line 2 is not valid JSON/);
  });
});

describe('amount as an expression of columns (the rules language)', () => {
  it('computes 数量 * 单价 from text numbers, and explains an expression it cannot use', async () => {
    const f = diskFile(dir, 'lines.csv', '会员号,日期,数量,单价,备注\nM1,2024-03-01,2,"1,234.50",a\nM1,2024-03-01,-1,￥2.5,b\nM2,2024-03-02,,3,c\n');
    const report = await ingestTransactions(db, [f], { roles: { amount: '数量 * 单价' } });
    expect(report.roles).toEqual({ customer: '会员号', date: '日期', amount: '数量 * 单价' });
    expect(report.roleSource.amount).toBe('given');
    expect((await tx()).map((r) => r.amount)).toEqual([2469, -2.5]);
    expect(report.leftOut).toEqual([
      { reason: "amount '数量 * 单价' cannot be computed (a value is missing or not a number)", code: 'values.amount_not_computed', params: { expression: '数量 * 单价' }, count: 1, examples: [{ file: 'lines.csv', row: 3, value: '数量=, 单价=3' }] }
    ]);
    await expect(ingestTransactions(db, [f], { roles: { amount: 'Qty * 单价' } })).rejects.toThrow(/^lines\.csv: amount 'Qty \* 单价' is neither a column nor an arithmetic expression of columns: unknown field `Qty`/);
    await expect(ingestTransactions(db, [f], { roles: { amount: '数量 > 1' } })).rejects.toThrow(/gives boolean value, not a number/);
  });
});

describe('customers file and role guessing', () => {
  it('loads attributes into segmint_attrs on the customer id, typed, with duplicate ids reported', async () => {
    const f = diskFile(dir, 'customers.csv', '客户ID,行业,员工数,满意度,邮编\nC001,IT,500,4.5,010020\nC002,机械,120,3.0,200000\nC001,IT,500,4.5,010020\n,零售,5,2,100000\n');
    const report = await ingestCustomers(db, [f]);
    expect(report.roles).toEqual({ customer: '客户ID' });
    expect(report.columns).toEqual([
      { name: 'customer', type: 'text' },
      { name: '行业', type: 'text' },
      { name: '员工数', type: 'integer' },
      { name: '满意度', type: 'number' },
      { name: '邮编', type: 'text' }
    ]);
    expect(report.leftOut).toEqual([{ reason: "no customer id (column '客户ID' empty)", code: 'values.no_customer', params: { column: '客户ID' }, count: 1, examples: [{ file: 'customers.csv', row: 4, value: '(empty)' }] }]);
    const dup = report.issues.find((i) => /more than one row/.test(i.message));
    expect(dup?.message).toMatch(/'C001' \(2 rows, data row 1 and data row 3\)/);
    expect(dup?.file).toBe('customers.csv');
    const rows = await db.query("SELECT * FROM segmint_attrs WHERE customer = 'C002'");
    expect(rows[0]).toEqual({ customer: 'C002', 行业: '机械', 员工数: 120, 满意度: 3, 邮编: '200000' });
  });

  it('guesses roles from English and Chinese names and types', () => {
    expect(guessRoles([{ name: 'InvoiceNo', type: 'text' }, { name: 'Quantity', type: 'integer' }, { name: 'InvoiceDate', type: 'timestamp' }, { name: 'UnitPrice', type: 'number' }, { name: 'CustomerID', type: 'number' }])).toEqual({
      customer: 'CustomerID',
      order: 'InvoiceNo',
      date: 'InvoiceDate'
    });
    expect(guessRoles([{ name: '会员号', type: 'text' }, { name: '交易日期', type: 'date' }, { name: '销售额', type: 'number' }, { name: '订单编号', type: 'text' }])).toEqual({
      customer: '会员号',
      date: '交易日期',
      amount: '销售额',
      order: '订单编号'
    });
    expect(guessRoles([{ name: 'member', type: 'text' }, { name: 'when', type: 'date' }, { name: 'Sales', type: 'number' }])).toEqual({ customer: 'member', date: 'when', amount: 'Sales' });
    // a bare ID only when no better customer column exists
    expect(guessRoles([{ name: 'ID', type: 'integer' }, { name: 'frequency', type: 'integer' }])).toEqual({ customer: 'ID' });
    expect(guessRoles([{ name: 'ID', type: 'integer' }, { name: 'Customer No', type: 'text' }])).toEqual({ customer: 'Customer No' });
  });
});
