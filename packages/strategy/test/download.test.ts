// "Take results out": exportCustomerTable / exportSummaryCsv on real DuckDB (NativeBackend) with
// the example shop (examples/retail) loaded through the engine's Workspace. Each file is read
// back (CSV by the small RFC 4180 parser below, .xlsx by @e965/xlsx) and compared row by row
// with the engine's own query (segmentOutputSql).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { compileExpression } from '@segmint/dsl';
import { segmentOutputSql, Workspace, type Cell, type InputFile, type Row, type SegmentationResult } from '@segmint/engine';
import { NativeBackend, nodeFile } from '@segmint/engine/node';
import {
  exportCustomerTable,
  exportFileName,
  exportSummaryCsv,
  formatDouble,
  guardFormula,
  sanitizeFileNamePart,
  type ExportFile,
  type ExportScope
} from '../src/download.js';
import { csvCell } from '../src/escape.js';
import { maskValue, personalKind } from '../src/export.js';
import { exampleDir } from './helpers.js';
import { createWasmBackend } from './wasm.js';

const RULES = `segment platinum "Platinum 铂金客户" when R <= 30 and F >= 15 and M >= 5000
segment gold "Gold 黄金客户" when R <= 60 and F >= 8
segment basic "Basic 基础客户" when R <= 90 or F < 3
tag top20 "Top 20%" when pct(M) >= 80
tag complainer when complaints > 0
`;
const ROLES = { customer: 'customer_id', date: 'order_date', amount: 'amount', order: 'order_id' };

/** RFC 4180: fields separated by commas, records by CRLF (or LF), quoted fields with "" for ". */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function decodeCsv(file: ExportFile): string[][] {
  expect([...file.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(file.bytes);
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.slice(1).replace(/\r\n/g, '')).not.toMatch(/\r(?!\n)/); // CRLF only (no bare CR)
  return parseCsv(text.slice(1));
}

function readXlsx(file: ExportFile): unknown[][] {
  const wb = XLSX.read(file.bytes, { type: 'array' });
  const ws = wb.Sheets[wb.SheetNames[0]!]!;
  return XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
}

/** What the export should hold for one engine value: masked when personal and asked to, guarded. */
function expectedText(v: Cell, column: string, personal: boolean, mask: boolean): string {
  const kind = personalKind(column);
  const m = mask && personal && kind ? maskValue(v, kind) : v;
  // csvCell quotes; the parser removes the quotes: compare with the guarded, unquoted text
  if (m === null) return '';
  if (typeof m === 'number') return String(m);
  if (typeof m === 'boolean') return m ? 'true' : 'false';
  return guardFormula(m);
}

async function engineRows(ws: Workspace, scope: ExportScope): Promise<{ columns: string[]; rows: Row[] }> {
  const { sql, params, columns } = await segmentOutputSql(ws.backend, 'segmented', 'customers', { segment: scope.kind === 'segment' ? scope.segment : undefined });
  let rows = await ws.backend.query(sql, params);
  if (scope.kind === 'tag') {
    const ids = new Set((await ws.backend.query(`SELECT customer FROM segmented WHERE "${scope.tag}"`)).map((r) => r.customer));
    rows = rows.filter((r) => ids.has(r.customer ?? null));
  } else if (scope.kind === 'quick-rule') {
    const ids = new Set(
      (await ws.backend.query(`SELECT customer FROM (SELECT customer, (${scope.rule.sql}) AS m FROM customers) WHERE m`, scope.rule.params as Cell[])).map((r) => r.customer)
    );
    rows = rows.filter((r) => ids.has(r.customer ?? null));
  }
  return { columns, rows };
}

function bytesFile(name: string, text: string): InputFile {
  const bytes = new TextEncoder().encode(text);
  return { name, size: bytes.length, read: async (s = 0, e = bytes.length) => bytes.slice(s, e) };
}

const ATTRS = ['name', 'city', 'signup_date', 'industry', 'satisfaction', 'complaints'];

describe('exportCustomerTable on the example shop', () => {
  let db: NativeBackend;
  let ws: Workspace;
  let result: SegmentationResult;
  beforeAll(async () => {
    db = await NativeBackend.create();
    ws = new Workspace(db);
    await ws.loadTransactions([nodeFile(join(exampleDir, 'orders.csv'))], { roles: ROLES });
    await ws.loadCustomers([nodeFile(join(exampleDir, 'customers.csv'))]);
    const run = await ws.runRules(RULES);
    if (!run.result) throw new Error(run.compiled.diagnostics.map((d) => d.message).join('; '));
    result = run.result;
  });
  afterAll(async () => {
    await db.close();
  });

  const quick = () => {
    return (async () => {
      const c = compileExpression('R <= 30 and F >= 5', await ws.schema(), { asOf: ws.asOf! });
      if (!c.ok) throw new Error('quick rule did not compile');
      return { kind: 'quick-rule', rule: c, name: 'R<=30 & F>=5' } as const;
    })();
  };

  async function checkCsv(scope: ExportScope, mask: boolean, blockRows?: number): Promise<ExportFile> {
    const file = await exportCustomerTable(ws, { scope, format: 'csv', mask, dataSet: 'orders.csv', ...(blockRows ? { blockRows } : {}) });
    const want = await engineRows(ws, scope);
    const got = decodeCsv(file);
    expect(got[0]).toEqual(want.columns);
    expect(file.columns).toEqual(want.columns);
    expect(got.length - 1).toBe(want.rows.length);
    expect(file.rows).toBe(want.rows.length);
    // text as the engine gives it (masked, guarded); numbers in full precision: each reads back
    // to exactly the engine's number
    want.rows.forEach((r, i) => {
      const line = got[i + 1]!;
      expect(line.length).toBe(want.columns.length);
      want.columns.forEach((c, j) => {
        const v = r[c] ?? null;
        if (typeof v === 'number' && !(mask && ATTRS.includes(c) && personalKind(c))) {
          expect(line[j]).toMatch(/^-?\d+(\.\d+)?(e[+-]\d+)?$/);
          expect(Number(line[j])).toBe(v);
        } else expect(line[j]).toBe(expectedText(v, c, ATTRS.includes(c), mask));
      });
    });
    expect(file.mimeType).toBe('text/csv;charset=utf-8');
    return file;
  }

  it('exports every customer as CSV with BOM and CRLF, masked by default, row by row as the engine gives them', async () => {
    const file = await exportCustomerTable(ws, { dataSet: 'orders.csv' });
    expect(file.masked).toBe(true);
    expect(file.personal).toEqual([{ column: 'name', kind: 'name' }]);
    expect(file.rows).toBe(result.total);
    expect(file.fileName).toBe(`segmint-orders-all-asof-${result.asOf}.csv`);
    const masked = await checkCsv({ kind: 'all' }, true, 333); // small blocks: paging is exercised
    expect(masked.bytes).toEqual(file.bytes);
    const rows = decodeCsv(file);
    const header = rows[0]!;
    expect(header.slice(0, 2)).toEqual(['customer', 'segment']);
    expect(header).toEqual(expect.arrayContaining(['R', 'F', 'M', 'top20', 'complainer', ...ATTRS]));
    // C00001,Chloe Kim,成都,...,餐饮: the name masked, the Chinese attributes intact
    const c1 = rows.find((r) => r[0] === 'C00001')!;
    expect(c1[header.indexOf('name')]).toBe('C****');
    expect(c1[header.indexOf('city')]).toBe('成都');
    expect(c1[header.indexOf('industry')]).toBe('餐饮');
    expect(new TextDecoder().decode(file.bytes)).toContain('成都');
  });

  it('writes the same text as `segmint segment --out x.csv` (DuckDB COPY), apart from BOM and CRLF', async () => {
    const { sql } = await segmentOutputSql(db);
    const dir = mkdtempSync(join(tmpdir(), 'segmint-export-'));
    try {
      const target = join(dir, 'segments.csv');
      await db.exec(`COPY (${sql}) TO '${target.replace(/'/g, "''")}' (FORMAT csv, HEADER true, DELIMITER ',')`);
      const copy = readFileSync(target, 'utf8');
      const file = await exportCustomerTable(ws, { mask: false, blockRows: 700 });
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes);
      expect(text.startsWith('\uFEFF')).toBe(true);
      expect(text.slice(1).replace(/\r\n/g, '\n')).toBe(copy);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('formats doubles as DuckDB does', async () => {
    const vals = [15621, 473.3636363636364, 0.1 + 0.2, 1e15, 2 ** 53, 1e16, 123456789012345680000, 1e21, 1.5e-7, 1e-6, 0.0001, 0.00012, -35, -1e-5, 5e-324, 1.7976931348623157e308, 0];
    const rows = await db.query(`SELECT unnest([${vals.map((v) => `CAST('${v}' AS DOUBLE)`).join(', ')}])::VARCHAR AS x`);
    expect(vals.map(formatDouble)).toEqual(rows.map((r) => r.x));
  });

  it('takes a Backend and table names as well as a Workspace', async () => {
    const a = await exportCustomerTable(ws, { dataSet: 'orders.csv', scope: { kind: 'segment', segment: 'gold' } });
    const b = await exportCustomerTable({ backend: db, table: 'segmented', relation: 'customers', asOf: result.asOf }, { dataSet: 'orders.csv', scope: { kind: 'segment', segment: 'gold' } });
    expect(b.bytes).toEqual(a.bytes);
    expect(b.fileName).toBe(a.fileName);
    // the temporary tables are gone
    expect(await db.query("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '__segmint_export%'")).toEqual([]);
  });

  it('refuses a segmentation run without its table, and a cell too long for Excel', async () => {
    const db2 = await NativeBackend.create();
    try {
      const other = new Workspace(db2);
      await other.loadTransactions([nodeFile(join(exampleDir, 'orders.csv'))], { roles: ROLES });
      const live = await other.runRules('segment a when M > 1000\n', { materialize: false });
      expect(live.result?.materialized).toBe(false);
      await expect(exportCustomerTable(other)).rejects.toThrow(/materialize: true/);
    } finally {
      await db2.close();
    }
    await db.exec(`CREATE TABLE long_rel AS SELECT customer, repeat('x', 40000) AS note FROM customers LIMIT 3`);
    await expect(exportCustomerTable({ backend: db, relation: 'long_rel' }, { format: 'xlsx' })).rejects.toThrow(/more than an Excel cell holds/);
    const csv = await exportCustomerTable({ backend: db, relation: 'long_rel' }, { format: 'csv' });
    expect(csv.rows).toBe(3);
    expect(decodeCsv(csv)[1]![decodeCsv(csv)[0]!.indexOf('note')]).toHaveLength(40000);
  });

  it('masks only the personal columns of the customers file, also in a relation of its own shape', async () => {
    // a tag named like a personal column is not masked; an attribute after it is
    await db.exec(`CREATE TABLE rel2 AS SELECT customer, 'Ann Lee' AS contact, M, '13800138000' AS phone, 'x' AS city FROM customers WHERE customer <= 'C00003'`);
    await db.exec(`CREATE TABLE seg2 AS SELECT customer, 'a' AS segment, true AS mobile FROM rel2`);
    const file = await exportCustomerTable({ backend: db, table: 'seg2', relation: 'rel2' });
    expect(file.personal).toEqual([
      { column: 'contact', kind: 'name' },
      { column: 'phone', kind: 'phone' }
    ]);
    const rows = decodeCsv(file);
    expect(rows[0]).toEqual(['customer', 'segment', 'M', 'mobile', 'contact', 'phone', 'city']);
    expect(rows[1]!.slice(3)).toEqual(['true', 'A****', '*******8000', 'x']);
  });

  it('reports progress per block and stops when aborted', async () => {
    const seen: { rows: number; total: number }[] = [];
    const file = await exportCustomerTable(ws, { blockRows: 500, onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([500, 1000, 1500, 2000, 2500].filter((n) => n < file.rows).map((n) => ({ rows: n, total: file.rows })).concat([{ rows: file.rows, total: file.rows }]));
    const ctl = new AbortController();
    const run = exportCustomerTable(ws, {
      blockRows: 500,
      signal: ctl.signal,
      onProgress: (p) => {
        if (p.rows >= 1000) ctl.abort(new Error('cancelled by the user'));
      }
    });
    await expect(run).rejects.toThrow('cancelled by the user');
    expect(await db.query("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '__segmint_export%'")).toEqual([]);
  });

  it('keeps personal columns when the switch is off', async () => {
    const file = await checkCsv({ kind: 'all' }, false);
    expect(file.masked).toBe(false);
    const rows = decodeCsv(file);
    const c1 = rows.find((r) => r[0] === 'C00001')!;
    expect(c1[rows[0]!.indexOf('name')]).toBe('Chloe Kim');
  });

  it('exports one segment, the unassigned, a tag and a quick rule', async () => {
    for (const scope of [
      { kind: 'segment', segment: 'gold' },
      { kind: 'segment', segment: null },
      { kind: 'tag', tag: 'top20' },
      await quick()
    ] as ExportScope[]) {
      const file = await checkCsv(scope, true);
      expect(file.rows).toBeGreaterThan(0);
    }
    const gold = await exportCustomerTable(ws, { scope: { kind: 'segment', segment: 'gold' }, dataSet: 'orders.csv' });
    expect(gold.rows).toBe(result.summary.find((s) => s.segment === 'gold')!.customers);
    expect(gold.fileName).toBe(`segmint-orders-gold-asof-${result.asOf}.csv`);
    const tagged = await exportCustomerTable(ws, { scope: { kind: 'tag', tag: 'top20' }, dataSet: 'orders.csv' });
    expect(tagged.rows).toBe(result.tags.find((t) => t.id === 'top20')!.customers);
    expect(tagged.fileName).toBe(`segmint-orders-tag-top20-asof-${result.asOf}.csv`);
    const q = await quick();
    const counts = await ws.quickRule('R <= 30 and F >= 5');
    const qf = await exportCustomerTable(ws, { scope: q, dataSet: 'orders.csv' });
    expect(qf.rows).toBe(counts.matched);
    expect(qf.fileName).toBe(`segmint-orders-R_=30_&_F_=5-asof-${result.asOf}.csv`);
    await expect(exportCustomerTable(ws, { scope: { kind: 'tag', tag: 'nope' } })).rejects.toThrow(/unknown tag 'nope'/);
    // a quick rule with a window function (percentiles over every customer, not just the matches)
    const top = compileExpression('pct(M) >= 90', await ws.schema(), { asOf: ws.asOf! });
    if (!top.ok) throw new Error('quick rule did not compile');
    const topFile = await checkCsv({ kind: 'quick-rule', rule: top }, true);
    expect(topFile.rows).toBe((await ws.quickRule('pct(M) >= 90')).matched);
    expect(topFile.rows).toBeGreaterThan(150);
    expect(topFile.fileName).toBe(`segmint-orders-quick-rule-asof-${result.asOf}.csv`);
  });

  it('exports .xlsx with numbers as numbers, booleans as booleans, masked or not, row by row', async () => {
    for (const mask of [true, false]) {
      for (const scope of [{ kind: 'all' }, { kind: 'segment', segment: 'platinum' }] as ExportScope[]) {
        const file = await exportCustomerTable(ws, { scope, format: 'xlsx', mask, dataSet: '客户 orders.xlsx', blockRows: 500 });
        expect(file.mimeType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        expect(file.fileName).toBe(`segmint-客户_orders-${scope.kind === 'all' ? 'all' : 'platinum'}-asof-${result.asOf}.xlsx`);
        const want = await engineRows(ws, scope);
        const got = readXlsx(file);
        expect(got[0]).toEqual(want.columns);
        expect(got.length - 1).toBe(want.rows.length);
        want.rows.forEach((r, i) => {
          expect(got[i + 1]).toEqual(
            want.columns.map((c) => {
              const v = r[c] ?? null;
              const kind = personalKind(c);
              const m = mask && ATTRS.includes(c) && kind ? maskValue(v, kind) : v;
              return typeof m === 'string' ? guardFormula(m) : m;
            })
          );
        });
        const c1 = got.find((r) => r[0] === 'C00001');
        if (c1) expect(c1[want.columns.indexOf('city')]).toBe('成都');
      }
    }
  });

  it('writes the segment summary as CSV, as the engine computed it', () => {
    const file = exportSummaryCsv(result, { dataSet: 'orders.csv' });
    expect(file.fileName).toBe(`segmint-orders-summary-asof-${result.asOf}.csv`);
    const rows = decodeCsv(file);
    expect(rows[0]!.slice(0, 6)).toEqual(['segment', 'label', 'customers', 'share', 'M', 'share_M']);
    expect(rows.length - 1).toBe(result.summary.length);
    result.summary.forEach((s, i) => {
      const r = rows[i + 1]!;
      expect(r[0]).toBe(s.segment ?? '');
      expect(r[1]).toBe(s.label ?? '');
      expect(Number(r[2])).toBe(s.customers);
      expect(Number(r[3])).toBe(s.share);
      expect(Number(r[4])).toBe(s.M);
      expect(r[6] === '' ? null : Number(r[6])).toBe(s.R.mean);
      expect(r[17] === '' ? null : Number(r[17])).toBe(s.Mstat.max);
    });
    expect(rows.map((r) => r[1])).toContain('Platinum 铂金客户');
  });
});

describe('formula injection', () => {
  let db: NativeBackend;
  let ws: Workspace;
  beforeAll(async () => {
    db = await NativeBackend.create();
    ws = new Workspace(db);
    await ws.loadTransactions([nodeFile(join(exampleDir, 'orders.csv'))], { roles: ROLES });
    // the example customers file with hostile values in a few rows
    const lines = readFileSync(join(exampleDir, 'customers.csv'), 'utf8').split(/\r?\n/);
    lines[1] = 'C00001,=1+1,"+cmd|\' /C calc\'!A0",2022-12-04,@SUM(A1:A9),1,-35';
    lines[2] = 'C00002,-2+3,\t=tab,2024-08-15,IT,5,0';
    await ws.loadCustomers([bytesFile('customers.csv', lines.join('\n'))]);
    const run = await ws.runRules(RULES);
    if (!run.result) throw new Error('rules did not run');
  });
  afterAll(async () => {
    await db.close();
  });

  it('guards text cells in CSV and .xlsx, never numbers', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      const file = await exportCustomerTable(ws, { format, mask: false });
      const rows: unknown[][] = format === 'csv' ? decodeCsv(file) : readXlsx(file);
      const h = rows[0] as string[];
      const c1 = rows.find((r) => r[0] === 'C00001')!;
      const c2 = rows.find((r) => r[0] === 'C00002')!;
      expect(c1[h.indexOf('name')]).toBe("'=1+1");
      expect(c1[h.indexOf('city')]).toBe("'+cmd|' /C calc'!A0");
      expect(c1[h.indexOf('industry')]).toBe("'@SUM(A1:A9)");
      expect(c2[h.indexOf('name')]).toBe("'-2+3");
      expect(c2[h.indexOf('city')]).toBe("'\t=tab");
      // -35 in a numeric column stays a number
      expect(c1[h.indexOf('complaints')]).toBe(format === 'csv' ? '-35' : -35);
    }
    const csvText = new TextDecoder().decode((await exportCustomerTable(ws, { mask: false })).bytes);
    expect(csvText).toMatch(/,-35\r\n/);
    expect(csvText).not.toMatch(/,=1\+1/);
    // masked: the masked name carries no formula either
    const masked = decodeCsv(await exportCustomerTable(ws, {}));
    expect(masked.find((r) => r[0] === 'C00001')![masked[0]!.indexOf('name')]).toBe("'=***");
  });

  it('guardFormula agrees with csvCell', () => {
    for (const s of ['=1+1', '+cmd', '-35', '@SUM(A1)', '\tx', '\rx', 'plain', '成都', "'quoted", ' =x']) {
      const g = guardFormula(s);
      expect(csvCell(s).replace(/^"|"$/g, '').replace(/""/g, '"')).toBe(g);
    }
    expect(csvCell(-35)).toBe('-35');
  });
});

describe('file names', () => {
  it('carry the data set, the part and the as-of date', () => {
    expect(exportFileName({ dataSet: 'orders.csv', part: 'all', asOf: '2024-12-31', ext: 'csv' })).toBe('segmint-orders-all-asof-2024-12-31.csv');
    expect(exportFileName({ dataSet: '/home/u/数据/2024 订单.xlsx', part: '铂金客户', asOf: '2024-12-31 00:00:00', ext: 'xlsx' })).toBe(
      'segmint-2024_订单-铂金客户-asof-2024-12-31.xlsx'
    );
    expect(exportFileName({ dataSet: 'C:\\data\\q3.csv.gz', part: 'gold', asOf: null, ext: 'csv' })).toBe('segmint-q3-gold.csv');
    expect(exportFileName({ part: 'all', ext: 'csv' })).toBe('segmint-all.csv');
  });

  it('are safe on every OS', () => {
    expect(sanitizeFileNamePart('../../etc/passwd')).toBe('etc_passwd');
    expect(sanitizeFileNamePart('a/b\\c:d*e?f"g<h>i|j')).toBe('a_b_c_d_e_f_g_h_i_j');
    expect(sanitizeFileNamePart('bad\u0000\u0007\u001b\u202ename')).toBe('badname');
    expect(sanitizeFileNamePart('CON')).toBe('_CON');
    expect(sanitizeFileNamePart('nul.txt')).toBe('_nul.txt');
    expect(sanitizeFileNamePart('com1')).toBe('_com1');
    expect(sanitizeFileNamePart('console')).toBe('console');
    expect(sanitizeFileNamePart(' trailing. ')).toBe('trailing');
    expect(sanitizeFileNamePart('...')).toBe('');
    const long = sanitizeFileNamePart('流失风险客户'.repeat(40));
    expect(new TextEncoder().encode(long).length).toBeLessThanOrEqual(80);
    expect(long).toMatch(/^(流失风险客户)+/);
    expect(exportFileName({ dataSet: '...', part: '', asOf: '2024-01-01', ext: 'csv' })).toBe('segmint-export-asof-2024-01-01.csv');
  });
});

describe('on duckdb-wasm (the browser engine)', () => {
  it('gives the same files as on native DuckDB', async () => {
    const files: ExportFile[][] = [];
    for (const create of [() => NativeBackend.create(), () => createWasmBackend()]) {
      const db = await create();
      try {
        const ws = new Workspace(db);
        await ws.loadTransactions([nodeFile(join(exampleDir, 'orders.csv'))], { roles: ROLES });
        await ws.loadCustomers([nodeFile(join(exampleDir, 'customers.csv'))]);
        const run = await ws.runRules(RULES);
        if (!run.result) throw new Error('rules did not run');
        const q = compileExpression('pct(M) >= 90', await ws.schema(), { asOf: ws.asOf! });
        if (!q.ok) throw new Error('quick rule did not compile');
        files.push([
          await exportCustomerTable(ws, { dataSet: 'orders.csv', blockRows: 700 }),
          await exportCustomerTable(ws, { dataSet: 'orders.csv', mask: false, scope: { kind: 'tag', tag: 'complainer' } }),
          await exportCustomerTable(ws, { dataSet: 'orders.csv', scope: { kind: 'quick-rule', rule: q } }),
          exportSummaryCsv(run.result, { dataSet: 'orders.csv' })
        ]);
        const x = await exportCustomerTable(ws, { format: 'xlsx', dataSet: 'orders.csv' });
        files[files.length - 1]!.push({ ...x, bytes: new TextEncoder().encode(JSON.stringify(readXlsx(x))) });
      } finally {
        await db.close();
      }
    }
    const [native, wasm] = files as [ExportFile[], ExportFile[]];
    expect(wasm.map((f) => f.fileName)).toEqual(native.map((f) => f.fileName));
    expect(wasm.map((f) => f.rows)).toEqual(native.map((f) => f.rows));
    // the customer files byte for byte; the summary's shares and means are DOUBLE divisions of
    // sums whose last digit depends on the order an engine's threads add rows in: equal to 1e-12
    native.forEach((f, i) => {
      const a = new TextDecoder().decode(f.bytes);
      const b = new TextDecoder().decode(wasm[i]!.bytes);
      if (!f.fileName.includes('summary')) expect(b, f.fileName).toBe(a);
      else {
        const cells = (t: string) => t.split(/\r?\n/).map((l) => l.split(','));
        const [ca, cb] = [cells(a), cells(b)];
        expect(cb.length).toBe(ca.length);
        ca.forEach((row, r) =>
          row.forEach((v, c) => {
            const w = cb[r]![c]!;
            if (v !== '' && !Number.isNaN(Number(v))) expect(Math.abs(Number(w) - Number(v))).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(Number(v))));
            else expect(w).toBe(v);
          })
        );
      }
    });
  });
});
