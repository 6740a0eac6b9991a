// ingestCustomers: one row per customer of attributes (industry, region, satisfaction, ...)
// into segmint_attrs(customer, <the file's other columns, typed>), swapped in atomically.
import type { Backend, InputFile, LoadIssue, LoadReport } from '../types.js';
import { ident } from '../sql/quote.js';
import { readRaw, type IngestOptions } from './read.js';
import { inferColumns, type InferredType } from './infer.js';
import { createMacros } from './sqlfns.js';
import { columnsText, countLeftOut, decideNumbers, failCoded, type Reason } from './convert.js';
import { findColumn } from './amount.js';
import { guessRoles } from './roles.js';
import { filesLabel, issue } from './issues.js';
import { SRC_FILE, SRC_FI, SRC_ROW, STAGE } from './staging.js';
import { cleanUp, swap } from './transactions.js';

export const ATTRS_TABLE = 'segmint_attrs';

export async function ingestCustomers(backend: Backend, files: InputFile[], options: IngestOptions = {}): Promise<LoadReport> {
  try {
    await createMacros(backend);
    const raw = await readRaw(backend, files, options);
    const file = filesLabel(raw.files);
    const issues: LoadIssue[] = [...raw.issues];
    const profiles = await inferColumns(backend, raw.table, raw.columns);
    const given = options.roles?.customer?.trim();
    let id: string | null;
    if (given) {
      id = findColumn(raw.columns, given);
      if (!id) failCoded('values.role_column_not_found', file, { role: 'customer', column: given, columns: columnsText(raw.columns) }, {}, raw.columns);
    } else id = guessRoles(profiles.map((p) => ({ name: p.name, type: p.type }))).customer ?? null;
    if (!id) failCoded('values.customers_id_missing', file, { role: 'customer', columns: columnsText(raw.columns) }, {}, raw.columns);
    // the other columns, typed; a column whose values do not all convert stays text
    const select: string[] = [`segmint_customer(${ident(id)}) AS customer`];
    const used = new Set(['customer']);
    const outCols: { name: string; type: string }[] = [{ name: 'customer', type: 'text' }];
    for (const p of profiles) {
      if (p.name === id) continue;
      let name = p.name;
      for (let k = 2; used.has(name.toLowerCase()); k++) name = `${p.name}_${k}`;
      if (name !== p.name) issues.push(issue('warning', 'values.customers_column_renamed', file, { column: p.name, name }, { column: p.name }));
      used.add(name.toLowerCase());
      let type: InferredType = p.type;
      let sql = `nullif(trim(${ident(p.name)}), '')`;
      if (type === 'integer' || type === 'number') {
        const n = await decideNumbers(backend, raw, p.name);
        issues.push(...n.issues);
        // ids with leading zeros (postcodes, phone numbers) stay text
        const [z] = await backend.query(`SELECT count(*) FILTER (regexp_matches(trim(${ident(p.name)}), '^0\\d')) AS z, count(*) FILTER (nullif(trim(${ident(p.name)}), '') IS NOT NULL AND segmint_num(${ident(p.name)}, ${n.commaFirst}) IS NULL) AS bad FROM ${ident(raw.table)}`);
        if (Number(z?.z) === 0 && Number(z?.bad) === 0) sql = `segmint_num(${ident(p.name)}, ${n.commaFirst})`;
        else type = 'text';
        if (type === 'integer') sql = `CAST(${sql} AS BIGINT)`;
      } else if (type === 'date' || type === 'timestamp') {
        const conv = `segmint_ts(${ident(p.name)}, ${options.dayFirst ?? true}, false)`;
        const [z] = await backend.query(`SELECT count(*) FILTER (nullif(trim(${ident(p.name)}), '') IS NOT NULL AND ${conv} IS NULL) AS bad FROM ${ident(raw.table)}`);
        if (Number(z?.bad) === 0) sql = type === 'date' ? `CAST(${conv} AS DATE)` : conv;
        else type = 'text';
      } else if (type === 'boolean') {
        sql = `CASE WHEN lower(trim(${ident(p.name)})) IN ('true', 'yes', '是') THEN true WHEN lower(trim(${ident(p.name)})) IN ('false', 'no', '否') THEN false END`;
      }
      select.push(`${sql} AS ${ident(name)}`);
      outCols.push({ name, type });
    }
    const reasons: Reason[] = [{ code: 'values.no_customer', params: { column: id }, where: 'customer IS NULL', value: ident(id), column: id }];
    await backend.exec(`CREATE OR REPLACE TABLE ${ident(STAGE.typed)} AS SELECT ${select.join(', ')}, ${ident(SRC_FILE)}, ${ident(SRC_FI)}, ${ident(SRC_ROW)} FROM ${ident(raw.table)}`);
    const leftOut = await countLeftOut(backend, STAGE.typed, raw.table, reasons);
    const dups = await backend.query(
      `SELECT customer, count(*) AS n, min(${ident(SRC_ROW)}) AS first_row, max(${ident(SRC_ROW)}) AS last_row, min(${ident(SRC_FILE)}) AS f, count(*) OVER () AS ids
       FROM ${ident(STAGE.typed)} WHERE customer IS NOT NULL GROUP BY customer HAVING count(*) > 1 ORDER BY min(${ident(SRC_ROW)}) LIMIT 5`
    );
    if (dups.length) {
      const d = dups[0]!;
      issues.push(
        issue(
          'warning',
          'values.customer_ids_repeated',
          String(d.f),
          { ids: Number(d.ids), id: String(d.customer), rows: Number(d.n), first: Number(d.first_row), last: Number(d.last_row), examples: dups.map((x) => `'${String(x.customer)}'`).join(', ') },
          { row: Number(d.last_row), column: id }
        )
      );
    }
    if (raw.rows === leftOut.reduce((s, l) => s + l.count, 0)) failCoded('values.customers_no_ids', file, { column: id }, { column: id }, raw.columns);
    await backend.exec(`CREATE OR REPLACE TABLE ${ident(STAGE.attrs)} AS SELECT * EXCLUDE (${ident(SRC_FILE)}, ${ident(SRC_FI)}, ${ident(SRC_ROW)}) FROM ${ident(STAGE.typed)} WHERE customer IS NOT NULL`);
    await swap(backend, STAGE.attrs, ATTRS_TABLE);
    return {
      files: raw.files,
      encoding: raw.encoding,
      format: raw.format,
      rows: raw.rows,
      columns: outCols,
      roles: { customer: id },
      roleSource: { customer: given ? 'given' : 'guessed' },
      leftOut,
      formats: raw.formats,
      repairs: raw.repairs,
      issues
    };
  } finally {
    await cleanUp(backend);
  }
}
