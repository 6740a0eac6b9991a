// The engine's hand-made metric cases (packages/engine/test/cases) run through duckdb-wasm in
// Chromium (via window.segmint) and through native DuckDB in this process: the customer
// relation must be identical, value for value and type for type, and equal the hand-worked answer.
import type { Cell, ColumnData } from '@segmint/engine';
import { buildCustomers } from '@segmint/engine';
import { NativeBackend } from '@segmint/engine/node';
import { caseSetupSql, metricCases, readRelation, setupCase } from '../../packages/engine/test/cases/index.js';
import { test, expect, openApp } from './fixtures.js';

interface Relation {
  asOf: string;
  columns: string[];
  rows: Cell[][];
}

const RELATION_SQL = 'SELECT * FROM customers ORDER BY customer';
const COLUMNS_SQL = "SELECT column_name AS c, data_type AS t FROM information_schema.columns WHERE table_name = 'customers' ORDER BY ordinal_position";

test('metric cases: duckdb-wasm in Chromium and native DuckDB give identical relations', async ({ page }) => {
  await openApp(page);
  const cases = Object.entries(metricCases);
  expect(cases.length).toBeGreaterThan(0);

  // All cases in one fresh duckdb-wasm database (each case's setup replaces the tables).
  const wasmResults = await page.evaluate(
    async ({ cases, relationSql, columnsSql }) => {
      const s = window.segmint!;
      const db = await s.createBackend();
      try {
        const out = [];
        for (const c of cases) {
          for (const sql of c.setup) await db.exec(sql);
          const b = await s.buildCustomers(db, c.asOf ? { asOf: c.asOf } : {});
          out.push({ asOf: b.asOf, types: await db.query(columnsSql), rows: await db.query(relationSql) });
        }
        return out;
      } finally {
        await db.close();
      }
    },
    { cases: cases.map(([, c]) => ({ setup: caseSetupSql(c), asOf: c.asOf })), relationSql: RELATION_SQL, columnsSql: COLUMNS_SQL }
  );

  const native = await NativeBackend.create({ threads: 2 });
  try {
    for (const [i, [key, c]] of cases.entries()) {
      await setupCase(native, c);
      const built = await buildCustomers(native, c.asOf ? { asOf: c.asOf } : {});
      const rel = await readRelation(native);
      const nativeTypes = await native.query(COLUMNS_SQL);
      const nativeRows = await native.query(RELATION_SQL);
      const wasm = wasmResults[i]!;

      const wasmRelation: Relation = {
        asOf: wasm.asOf,
        columns: wasm.types.map((t) => String(t.c)),
        rows: wasm.rows.map((r) => wasm.types.map((t) => r[String(t.c)] ?? null))
      };
      const nativeRelation: Relation = { asOf: built.asOf, columns: rel.columns, rows: rel.rows };
      // identical output, including column types and the JS shape of every value
      expect(wasm.types, key).toEqual(nativeTypes);
      expect(wasm.rows, key).toEqual(nativeRows);
      expect(wasmRelation, key).toEqual(nativeRelation);
      // and both the hand-worked answer
      expect(wasmRelation.asOf, key).toBe(c.expected.asOf);
      expect(wasmRelation.columns, key).toEqual(c.expected.columns);
      expect(wasmRelation.rows, key).toEqual(c.expected.rows);
    }
  } finally {
    await native.close();
  }
});

test('value normalisation: every column type comes back in the same JS shape on both backends', async ({ page }) => {
  await openApp(page);
  const sql = `SELECT 1 AS i, 2::BIGINT AS b, 9007199254740993::BIGINT AS big, 1.5::DECIMAL(10,2) AS d,
    2.25::DOUBLE AS dbl, 'x''y' AS s, true AS t, DATE '2024-01-05' AS dt, DATE '1969-12-31' AS dt_old,
    TIMESTAMP '2024-01-05 10:11:12' AS ts, TIMESTAMP '2024-01-05 10:11:12.5' AS ts_frac,
    TIMESTAMP '1960-02-29 23:59:59.123456' AS ts_old, NULL AS n, 3::HUGEINT AS h, sum(2) AS sm,
    avg(3) AS av, median(3) AS med, count(*) AS c, 10 / 4 AS div, 'NaN'::DOUBLE AS nan,
    5::TINYINT AS ti, 7::UINTEGER AS ui, 1.25::DECIMAL(38,10) AS d38, '12:00:01'::TIME AS tm,
    date_diff('day', DATE '2024-01-01', DATE '2024-02-01') AS dd, [1, 2] AS l, {'a': 1} AS st`;
  const params = [1, 'two', null, true, 2.5];
  const psql = 'SELECT $1 + 1 AS x, $2 AS y, $3 AS z, $4 AS w, $5 * 2 AS v';
  const native = await NativeBackend.create({ threads: 2 });
  const expected = { rows: await native.query(sql), prepared: await native.query(psql, params) };
  await native.close();
  const wasm = await page.evaluate(
    async ({ sql, psql, params }) => {
      const db = window.segmint!.backend;
      return { rows: await db.query(sql), prepared: await db.query(psql, params) };
    },
    { sql, psql, params }
  );
  expect(wasm).toEqual(expected);
});

test('insertColumns (Excel/Parquet/JSON read in JS): same table, types and values on both backends', async ({ page }) => {
  await openApp(page);
  // text / number / date / timestamp / boolean, with NULLs, missing values (a short column),
  // numbers given as text, and more rows than one Arrow batch would need to be split for
  const n = 1203;
  const columns: ColumnData[] = [
    { name: 'Customer ID', type: 'text', values: Array.from({ length: n }, (_, i) => (i % 97 === 0 ? null : `c-${i % 50}`)) },
    { name: 'amount', type: 'number', values: Array.from({ length: n }, (_, i) => (i % 89 === 0 ? null : i % 7 === 0 ? String(i / 4) : i * 1.25 - 100)) },
    { name: 'day', type: 'date', values: Array.from({ length: n }, (_, i) => (i % 83 === 0 ? null : `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`)) },
    { name: 'at', type: 'timestamp', values: Array.from({ length: n }, (_, i) => (i % 79 === 0 ? null : `2023-05-0${(i % 9) + 1} 1${i % 10}:0${i % 10}:3${i % 10}${i % 5 === 0 ? '.25' : ''}`)) },
    { name: 'vip', type: 'boolean', values: Array.from({ length: n - 3 }, (_, i) => (i % 71 === 0 ? null : i % 3 === 0)) },
    { name: '金额 "x"', type: 'number', values: [1, 2, null] }
  ];
  const read = ['SELECT * FROM t ORDER BY rowid', "SELECT column_name AS c, data_type AS t FROM information_schema.columns WHERE table_name = 't' ORDER BY ordinal_position", 'SELECT count(*) AS n FROM t'];
  const native = await NativeBackend.create({ threads: 2 });
  await native.insertColumns('t', columns);
  const expected = [];
  for (const sql of read) expected.push(await native.query(sql));
  await native.close();
  const wasm = await page.evaluate(
    async ({ columns, read }) => {
      const db = await window.segmint!.createBackend();
      try {
        await db.insertColumns('t', columns);
        // a second call replaces the table, like CREATE OR REPLACE on native
        await db.insertColumns('t', columns);
        const out = [];
        for (const sql of read) out.push(await db.query(sql));
        return out;
      } finally {
        await db.close();
      }
    },
    { columns, read }
  );
  expect(expected[2]).toEqual([{ n }]);
  expect(wasm).toEqual(expected);
});
