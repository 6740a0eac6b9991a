// The customer relation of ../shared/spec/metrics.md, built as ONE SQL statement from the
// normalised transactions (segmint_tx) and the optional attributes (segmint_attrs).
// Runs on any Backend (native or wasm): no node:* imports, JavaScript never touches data rows.
import type { Backend, CustomerSchema, FieldType, SchemaField } from '../types.js';
import { ident, str } from '../sql/quote.js';
import { renderMessage, type MessageCode, type Params } from '../messages/index.js';
import { failWith } from '../ingest/issues.js';

export const TX_TABLE = 'segmint_tx';
export const ATTRS_TABLE = 'segmint_attrs';
export const CUSTOMERS_TABLE = 'customers';

/** The columns the metrics spec defines, in the order of the relation. */
export const METRIC_COLUMNS = [
  'customer',
  'R',
  'F',
  'M',
  'T',
  'AOV',
  'first_purchase',
  'last_purchase',
  'R_score',
  'F_score',
  'M_score',
  'RFM'
] as const;

/** Names an attribute column may not take (compared case-insensitively, as DuckDB does):
 * the metric columns, and `segment`, which the segmentation output adds. */
export const RESERVED_COLUMNS: readonly string[] = [...METRIC_COLUMNS, 'segment'];

export interface RenamedColumn {
  /** the attribute column's name in the customers file */
  from: string;
  /** its name in the customer relation */
  to: string;
  reason: string;
}

export interface BuildCustomersResult {
  asOf: string;
  customers: number;
  schema: CustomerSchema;
  /** attribute columns renamed because their names clash with a metric (M -> M_attr) */
  renamed: RenamedColumn[];
  /** human-readable notes on decisions taken (duplicate attribute rows, ...) and warnings (an
   * as-of outside the dates of the transactions): the English text of `notices` */
  notes: string[];
  /** the same notes with their catalogue codes and params (the app renders them in the UI's
   * language), in the same order */
  notices: BuildNotice[];
  /** false when there are no transactions: the relation is the customers file as is */
  hasTransactions: boolean;
}

/** A note or warning of building the customer relation, by catalogue code. */
export interface BuildNotice {
  severity: 'warning' | 'info';
  code: MessageCode;
  params: Params;
  /** English text from the catalogue */
  message: string;
  hint?: string;
}

function notice(severity: BuildNotice['severity'], code: MessageCode, params: Params): BuildNotice {
  const { message, hint } = renderMessage(code, params);
  return { severity, code, params, message, ...(hint !== undefined ? { hint } : {}) };
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Where an as-of date came from (its message names it). */
export type AsOfSource = 'as_of' | 'option' | 'rules';

/** Validates a 'YYYY-MM-DD' calendar date; throws a LoadError of code metrics.as_of_invalid (a
 * message a user can act on, in the catalogue's languages). */
export function checkDate(value: string, source: AsOfSource = 'as_of'): string {
  const m = DATE_RE.exec(value.trim());
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const dt = new Date(Date.UTC(y, mo - 1, d));
    if (dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d) return value.trim();
  }
  const code = source === 'option' ? 'metrics.as_of_option_invalid' : source === 'rules' ? 'metrics.as_of_rules_invalid' : 'metrics.as_of_invalid';
  failWith(code, '', { value });
}

import { objectKinds, tableColumns } from '../sql/catalog.js';
export { tableColumns, tableExists, type ColumnInfo } from '../sql/catalog.js';

/** SQL over segmint_tx: the date part of the latest transaction of a customer, as text. */
const LATEST_DATE = "CAST(CAST(max(ts) FILTER (customer IS NOT NULL AND customer <> '') AS DATE) AS VARCHAR)";
/** SQL over segmint_tx: the date part of the earliest transaction of a customer, as text. */
const EARLIEST_DATE = "CAST(CAST(min(ts) FILTER (customer IS NOT NULL AND customer <> '') AS DATE) AS VARCHAR)";

/** The default analysis date: the date part of the latest transaction. */
export async function defaultAsOf(backend: Backend): Promise<string | null> {
  const rows = await backend.query(`SELECT ${LATEST_DATE} AS d FROM ${ident(TX_TABLE)}`);
  const d = rows[0]?.d;
  return typeof d === 'string' ? d : null;
}

/** Decide the names attribute columns get in the relation: clashes with metric names get `_attr`
 * (then `_attr2`, ...), case-insensitively, since DuckDB identifiers are case-insensitive. */
export function planAttributeColumns(
  attrColumns: string[],
  reserved: readonly string[] = RESERVED_COLUMNS
): { columns: { from: string; to: string }[]; renamed: RenamedColumn[] } {
  const taken = new Set(reserved.map((c) => c.toLowerCase()));
  const own = attrColumns.filter((c) => c.toLowerCase() !== 'customer');
  for (const c of own) taken.add(c.toLowerCase());
  const columns: { from: string; to: string }[] = [];
  const renamed: RenamedColumn[] = [];
  for (const from of own) {
    if (!reserved.some((r) => r.toLowerCase() === from.toLowerCase())) {
      columns.push({ from, to: from });
      continue;
    }
    let to = `${from}_attr`;
    for (let i = 2; taken.has(to.toLowerCase()); i++) to = `${from}_attr${i}`;
    taken.add(to.toLowerCase());
    columns.push({ from, to });
    renamed.push({ from, to, reason: renderMessage(from.toLowerCase() === 'segment' ? 'values.attr_renamed_segment' : 'values.attr_renamed_metric', { from, to }).message });
  }
  return { columns, renamed };
}

export interface CustomersSqlOptions {
  asOf: string;
  /** attribute columns of segmint_attrs (excluding `customer`), with their names in the relation */
  attrs: { from: string; to: string }[] | null;
  /** keep only the first row per customer of segmint_attrs */
  dedupeAttrs: boolean;
  table?: string;
  /** which rows have an order id: 'none', 'all' or 'mixed' (default: 'mixed', always right) */
  orders?: 'none' | 'all' | 'mixed';
}

/** The CREATE TABLE statement of the customer relation (see the metrics spec). Its rows are in no
 * particular order (sorting a million customers costs more than the queries that need an order
 * pay for their own ORDER BY). */
export function customersSql(o: CustomersSqlOptions): string {
  const asOf = `DATE ${str(checkDate(o.asOf))}`;
  const table = ident(o.table ?? CUSTOMERS_TABLE);
  const attrs = o.attrs;
  const attrsCte = attrs
    ? `,
attrs AS (
  SELECT * FROM ${ident(ATTRS_TABLE)} WHERE customer IS NOT NULL AND customer <> ''
  ${o.dedupeAttrs ? 'QUALIFY row_number() OVER (PARTITION BY customer ORDER BY rowid) = 1' : ''}
)`
    : '';
  const universe = attrs
    ? `SELECT coalesce(p.customer, a.customer) AS customer, coalesce(p.F, 0) AS F, coalesce(p.M, 0.0) AS M,
         p.first_purchase, p.last_purchase${attrs.map((c) => `, a.${ident(c.from)} AS ${ident(c.to)}`).join('')}
       FROM per p FULL OUTER JOIN attrs a ON a.customer = p.customer`
    : `SELECT customer, F, M, first_purchase, last_purchase FROM per`;
  const attrList = attrs ? attrs.map((c) => `, ${ident(c.to)}`).join('') : '';
  // Orders: one row when there is no order id, else a distinct order id of the customer; net =
  // sum of its rows, date = date of its earliest row. Amounts are summed as DECIMAL(18, 4): a DOUBLE
  // sum depends on the order DuckDB's threads add rows in, so M changed in its last digits from
  // run to run (2617.9599999999996 one time, 2617.96 the next); exact decimal sums do not. The shape of the SQL follows what the
  // data holds (no order ids at all / all rows with one / a mix) so DuckDB does no extra pass.
  const orderMode = o.orders ?? 'mixed';
  const orders =
    orderMode === 'none'
      ? `SELECT customer, d, amount AS net FROM tx`
      : orderMode === 'all'
        ? `SELECT customer, min(d) AS d, sum(amount) AS net FROM tx GROUP BY customer, order_id`
        : `SELECT customer, d, amount AS net FROM tx WHERE order_id IS NULL
  UNION ALL
  SELECT customer, min(d) AS d, sum(amount) AS net FROM tx WHERE order_id IS NOT NULL GROUP BY customer, order_id`;
  return `CREATE OR REPLACE TABLE ${table} AS
WITH tx AS (
  -- transactions up to as_of; rows without a customer or a date are not customers' orders
  SELECT customer, CAST(ts AS DATE) AS d, CAST(amount AS DECIMAL(18, 4)) AS amount, order_id
  FROM ${ident(TX_TABLE)}
  WHERE customer IS NOT NULL AND customer <> '' AND ts IS NOT NULL AND CAST(ts AS DATE) <= ${asOf}
),
orders AS (
  ${orders}
),
per AS (
  SELECT customer,
    count(*) FILTER (WHERE net > 0) AS F,
    CAST(coalesce(sum(net), 0) AS DOUBLE) AS M,
    min(d) FILTER (WHERE net > 0) AS first_purchase,
    max(d) FILTER (WHERE net > 0) AS last_purchase
  FROM orders GROUP BY customer
)${attrsCte},
base AS (
  ${universe}
),
m AS (
  SELECT customer,
    date_diff('day', last_purchase, ${asOf}) AS R,
    F, M,
    date_diff('day', first_purchase, ${asOf}) AS T,
    CASE WHEN F > 0 THEN M / F END AS AOV,
    first_purchase, last_purchase${attrList}
  FROM base
),
s AS (
  SELECT *,
    CASE WHEN R IS NOT NULL THEN CAST(1 + (5 * (rank() OVER (ORDER BY R DESC NULLS LAST) - 1)) // count(R) OVER () AS INTEGER) END AS R_score,
    CASE WHEN F IS NOT NULL THEN CAST(1 + (5 * (rank() OVER (ORDER BY F ASC NULLS LAST) - 1)) // count(F) OVER () AS INTEGER) END AS F_score,
    CASE WHEN M IS NOT NULL THEN CAST(1 + (5 * (rank() OVER (ORDER BY M ASC NULLS LAST) - 1)) // count(M) OVER () AS INTEGER) END AS M_score
  FROM m
)
SELECT customer, R, F, M, T, AOV, first_purchase, last_purchase, R_score, F_score, M_score,
  CAST(R_score AS VARCHAR) || CAST(F_score AS VARCHAR) || CAST(M_score AS VARCHAR) AS RFM${attrList}
FROM s`;
}

/**
 * (Re)build the `customers` table at `asOf` (default: the date of the latest transaction).
 * Decisions where the spec is silent:
 *  - customers present only in the customers file (no transactions up to as_of) are included,
 *    with F = 0, M = 0 and NULL R/T/AOV/dates: the customers file is the list of customers;
 *  - customers whose transactions are all after as_of and who are not in the customers file are
 *    not customers yet at as_of and are left out;
 *  - duplicate rows of one customer in the customers file: the first row is kept (noted);
 *  - without segmint_tx (a customers file only) the relation is that file as is.
 */
export async function buildCustomers(backend: Backend, options: { asOf?: string } = {}): Promise<BuildCustomersResult> {
  const kinds = await objectKinds(backend, [TX_TABLE, ATTRS_TABLE]);
  const hasTx = kinds.has(TX_TABLE);
  const hasAttrs = kinds.has(ATTRS_TABLE);
  if (!hasTx && !hasAttrs) throw new Error('no data loaded: load a transactions file (or a customers file) first');
  const notices: BuildNotice[] = [];
  let renamed: RenamedColumn[] = [];
  let attrs: { from: string; to: string }[] | null = null;
  let dedupeAttrs = false;
  if (hasAttrs) {
    const cols = await tableColumns(backend, ATTRS_TABLE);
    // With transactions the metrics are computed and win; a customers file alone provides its
    // own R/F/M columns, so only `segment` is reserved then.
    const plan = planAttributeColumns(
      cols.map((c) => c.name),
      hasTx ? RESERVED_COLUMNS : ['customer', 'segment']
    );
    attrs = plan.columns;
    renamed = plan.renamed;
    const dup = await backend.query(
      `SELECT count(*) - count(DISTINCT customer) AS dups FROM ${ident(ATTRS_TABLE)} WHERE customer IS NOT NULL AND customer <> ''`
    );
    const dups = Number(dup[0]?.dups ?? 0);
    if (dups > 0) {
      dedupeAttrs = true;
      notices.push(notice('info', 'values.attrs_duplicate_ids', { count: dups }));
    }
    for (const r of renamed) notices.push(notice('info', r.from.toLowerCase() === 'segment' ? 'values.attr_renamed_segment' : 'values.attr_renamed_metric', { from: r.from, to: r.to }));
  }

  let asOf: string;
  if (hasTx) {
    // one scan: the default as-of (as defaultAsOf), the first date, and which rows have an order id
    const [oc] = await backend.query(`SELECT ${LATEST_DATE} AS d, ${EARLIEST_DATE} AS f, count(*) AS n, count(order_id) AS o FROM ${ident(TX_TABLE)}`);
    const fallback = typeof oc?.d === 'string' ? oc.d : null;
    const chosen = options.asOf ?? fallback;
    if (!chosen) throw new Error('the transactions have no dated rows with a customer id, so there is no default as-of date: give one');
    asOf = checkDate(chosen);
    // a given as-of before the first transaction (no customers yet) or after the last (every R
    // grows by the gap): allowed (looking back or ahead is the point), but said
    const first = typeof oc?.f === 'string' ? oc.f : null;
    if (options.asOf !== undefined && first !== null && fallback !== null && (asOf < first || asOf > fallback))
      notices.push(notice('warning', 'values.as_of_outside_range', { asOf, first, last: fallback }));
    const n = Number(oc?.n ?? 0);
    const withOrder = Number(oc?.o ?? 0);
    const orders = withOrder === 0 ? 'none' : withOrder === n ? 'all' : 'mixed';
    await backend.exec(customersSql({ asOf, attrs, dedupeAttrs, orders }));
    // customers whose refunds cancel their purchases are easy to mistake for buyers (or to miss):
    // counted among the customers with transactions up to as-of (a customers file's people who
    // never bought are not refunds)
    // (without a customers file every customer has transactions: no semi-join needed)
    const bought = hasAttrs ? `WHERE c.customer IN (SELECT customer FROM ${ident(TX_TABLE)} WHERE CAST(ts AS DATE) <= CAST(${str(asOf)} AS DATE))` : '';
    const [nn] = await backend.query(`SELECT count(*) FILTER (WHERE c.M <= 0) AS m, count(*) FILTER (WHERE c.F = 0) AS f FROM ${ident(CUSTOMERS_TABLE)} c ${bought}`);
    const m = Number(nn?.m ?? 0);
    const f = Number(nn?.f ?? 0);
    if (m > 0 || f > 0) notices.push(notice('warning', 'metrics.net_not_positive', { count: m, noPurchase: f }));
  } else {
    // A customers file only: its columns are the relation (R/F/M are whatever it provides).
    asOf = options.asOf !== undefined ? checkDate(options.asOf) : String((await backend.query('SELECT CAST(current_date AS VARCHAR) AS d'))[0]?.d);
    const list = (attrs ?? []).map((c) => `, ${ident(c.from)} AS ${ident(c.to)}`).join('');
    await backend.exec(
      `CREATE OR REPLACE TABLE ${ident(CUSTOMERS_TABLE)} AS SELECT customer${list} FROM ${ident(ATTRS_TABLE)} WHERE customer IS NOT NULL AND customer <> ''
       ${dedupeAttrs ? 'QUALIFY row_number() OVER (PARTITION BY customer ORDER BY rowid) = 1' : ''} ORDER BY customer`
    );
  }
  const n = await backend.query(`SELECT count(*) AS n FROM ${ident(CUSTOMERS_TABLE)}`);
  const schema = await relationSchema(backend, CUSTOMERS_TABLE);
  const notes = notices.map((x) => (x.hint !== undefined ? `${x.message}. ${x.hint}` : x.message));
  return { asOf, customers: Number(n[0]?.n ?? 0), schema, renamed, notes, notices, hasTransactions: hasTx };
}

/** Maps a DuckDB column type to the rules language's field types. */
export function fieldType(duckType: string): FieldType {
  const t = duckType.toUpperCase();
  if (t === 'BOOLEAN') return 'boolean';
  if (t === 'DATE' || t.startsWith('TIMESTAMP')) return 'date';
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|REAL|DOUBLE|DECIMAL)/.test(t)) return 'number';
  return 'text';
}

const BUILTIN = new Set(METRIC_COLUMNS.map((c) => c.toLowerCase()));

/** Names, field types and hasNulls (queried) of a relation's columns. */
export async function relationSchema(backend: Backend, table: string = CUSTOMERS_TABLE): Promise<CustomerSchema> {
  const cols = await tableColumns(backend, table);
  if (cols.length === 0) return { fields: [] };
  const probes = cols.map((c, i) => `coalesce(bool_or(${ident(c.name)} IS NULL), false) AS n${i}`).join(', ');
  const row = (await backend.query(`SELECT ${probes} FROM ${ident(table)}`))[0] ?? {};
  const fields: SchemaField[] = cols.map((c, i) => ({
    name: c.name,
    type: fieldType(c.type),
    hasNulls: row[`n${i}`] === true,
    builtin: BUILTIN.has(c.name.toLowerCase())
  }));
  return { fields };
}
