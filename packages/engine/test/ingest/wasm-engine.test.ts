// The same ingest through duckdb-wasm (the engine the browser runs; its blocking Node build) and
// native DuckDB: files given in memory, as the browser gives them. Same rows, same report, same
// messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { NativeBackend } from '../../src/node/index.js';
import { ingestTransactions } from '../../src/ingest/index.js';
import type { Backend, InputFile } from '../../src/types.js';
import { createWasmBlockingBackend } from '../metrics/wasm-blocking.js';
import { encodeGb18030, memFile } from './fixtures.js';

let native: Backend;
let wasm: Backend;
beforeAll(async () => {
  native = await NativeBackend.create();
  wasm = await createWasmBlockingBackend();
});
afterAll(async () => {
  await native.close();
  await wasm.close();
});

const rowsOf = (b: Backend) => b.query('SELECT customer, CAST(ts AS VARCHAR) AS ts, amount, order_id, src_file, src_row FROM segmint_tx ORDER BY src_file, src_row');

async function both(files: () => InputFile[], roles = {}) {
  const n = await ingestTransactions(native, files(), { roles });
  const w = await ingestTransactions(wasm, files(), { roles });
  expect(w).toEqual(n);
  const rows = await rowsOf(native);
  expect(await rowsOf(wasm)).toEqual(rows);
  return { report: n, rows };
}

describe('duckdb-wasm and native DuckDB ingest alike', () => {
  it('GB18030 CSV with Chinese headers, ￥ and (35.00), DD/MM/YYYY', async () => {
    const text = '客户编号,下单时间,实付金额,订单号\r\nC001,2024-01-05 10:30:00,"￥1,200",D1\r\n张三,01/02/2024,(35.00),D2\r\n李四,13/01/2024,,D3\r\n';
    const { report, rows } = await both(() => [memFile('订单.csv', encodeGb18030(text))]);
    expect(report.encoding).toBe('gb18030');
    expect(report.leftOut).toEqual([{ reason: "no amount (column '实付金额' empty)", code: 'values.no_amount', params: { column: '实付金额' }, count: 1, examples: [{ file: '订单.csv', row: 3, value: '(empty)' }] }]);
    expect(rows).toEqual([
      { customer: 'C001', ts: '2024-01-05 10:30:00', amount: 1200, order_id: 'D1', src_file: '订单.csv', src_row: 1 },
      { customer: '张三', ts: '2024-02-01 00:00:00', amount: -35, order_id: 'D2', src_file: '订单.csv', src_row: 2 }
    ]);
  });

  it('Excel from memory, whitespace-separated text, and two files as one table', async () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['member_id', 'date', 'sales'], [17850, 45292, 10.5], [17851, 45293, 3]]), 'Sheet1');
    const xlsx = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const x = await both(() => [memFile('m.xlsx', xlsx)]);
    expect(x.rows.map((r) => [r.customer, r.ts])).toEqual([['17850', '2024-01-01 00:00:00'], ['17851', '2024-01-02 00:00:00']]);
    const ws = await both(() => [memFile('cd.txt', 'customer_id date number_of_cds dollar_value\r\n 00001 19970101  1   11.77\r\n 00002 19970112  2   89.00\r\n')]);
    expect(ws.rows.map((r) => [r.customer, r.ts, r.amount])).toEqual([['00001', '1997-01-01 00:00:00', 11.77], ['00002', '1997-01-12 00:00:00', 89]]);
    const two = await both(() => [memFile('a.csv', 'customer_id,date,amount\nA,2024-01-01,1\n'), memFile('b.csv', 'customer_id,date,amount\nB,2024-01-02,2\nC,2024-01-03,3\n')]);
    expect(two.rows.map((r) => [r.src_file, r.src_row])).toEqual([['a.csv', 1], ['b.csv', 1], ['b.csv', 2]]);
  });

  it('a ragged file: the same repair report on both engines; in strict mode the same error, and the previous data stays', async () => {
    const bad = () => [memFile('rag.csv', 'customer_id,date,amount\nA,2024-01-01,1\nB,2024-01-02\nC,2024-01-03,1,234.50\n')];
    const reports = [];
    for (const b of [native, wasm]) {
      const r = await ingestTransactions(b, bad());
      reports.push({ repairs: r.repairs, rows: await rowsOf(b) });
    }
    expect(reports[0]!.repairs.map((g) => [g.code, g.count])).toEqual([
      ['text.row_too_few_fields', 1],
      ['text.row_merged_number', 1]
    ]);
    expect(reports[1]).toEqual(reports[0]);
    const good = () => [memFile('good.csv', 'customer_id,date,amount\nA,2024-01-01,1\n')];
    for (const b of [native, wasm]) await ingestTransactions(b, good());
    const before = await rowsOf(wasm);
    const messages: string[] = [];
    for (const b of [native, wasm]) {
      try {
        await ingestTransactions(b, bad(), { strict: true });
      } catch (err) {
        messages.push(err instanceof Error ? err.message : String(err));
      }
    }
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^rag\.csv, data row 2: strict mode stops here instead of leaving the row out: rows with 2 fields/);
    expect(messages[1]).toBe(messages[0]);
    expect(await rowsOf(wasm)).toEqual(before);
  });

});
