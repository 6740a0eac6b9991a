// Browsing customers: the customers of a segment, a tag, a quick rule or all of them, with every
// metric, score, segment, tag and attribute, in one materialised, ordered table numbered densely
// (row 0, 1, 2, ...; ties broken by the customer id, so the order is total and stable). A table
// showing them fetches blocks by row number (`WHERE rn BETWEEN`), cheap at any depth: no OFFSET.
// Environment-neutral: the same SQL on native DuckDB and duckdb-wasm.
//
// SQL safety: column and table names go through ident(); segment ids, search text and row
// numbers are bound parameters; the materialised tables are temporary tables named by the engine
// (`segmint_browse_<n>`), never after user text.
import type { Backend, Cell, FieldType, Row } from '../types.js';
import { ident } from '../sql/quote.js';
import { tableColumns, tableExists } from '../sql/catalog.js';
import { CUSTOMERS_TABLE, METRIC_COLUMNS, fieldType } from '../metrics/index.js';
import { OUTPUT_METRICS, SEGMENTED_TABLE, type CompiledExpression } from '../segment/index.js';

/** The prefix of every browse table (the engine's; a table is `segmint_browse_<n>`). */
export const BROWSE_TABLE_PREFIX = 'segmint_browse_';
/** The row-number column of a browse table (0-based, dense); not among the returned columns. */
const RN = '__segmint_rn';
/** The largest block fetchBlock returns at once. */
export const BROWSE_MAX_BLOCK = 10_000;

export type BrowseDirection = 'asc' | 'desc';
export interface BrowseSort {
  /** a column name as in BrowseResult.columns */
  column: string;
  direction: BrowseDirection;
}

export interface BrowseSpec {
  /** which customers: all, one segment's, one tag's, or a quick rule's */
  from: 'all' | 'segment' | 'tag' | 'quick';
  /** from 'segment': the segment id; null = the unassigned customers */
  segment?: string | null;
  /** from 'tag': the tag id (a boolean column of the segmentation table) */
  tag?: string;
  /** from 'quick': the compiled quick rule (compileExpression's sql and params, as
   * quickRuleCounts takes it), evaluated over the whole relation (window functions see every
   * customer), then filtered */
  quick?: CompiledExpression;
  /** sort keys, first = primary; the customer id (ascending) always breaks the remaining ties.
   * Missing values sort last in either direction. Default: by customer id. */
  sort?: BrowseSort[];
  /** case-insensitive substring over the customer id and the text attribute columns; '' = none */
  search?: string;
  /** the customer relation (default `customers`) */
  relation?: string;
  /** the segmentation table (customer, segment, tags, defines): default `segmented` when it
   * exists; null = none (no segment or tag columns; from 'segment' / 'tag' then fail) */
  segmentation?: string | null;
}

export type BrowseColumnKind = 'customer' | 'segment' | 'metric' | 'rules' | 'attribute';

export interface BrowseColumn {
  name: string;
  /** DuckDB type, e.g. 'DOUBLE', 'VARCHAR', 'BOOLEAN' */
  type: string;
  /** the rules language's type */
  fieldType: FieldType;
  /** customer id, segment, a metric or score (metrics spec), a tag or define of the rules, or a
   * column of the customers file */
  kind: BrowseColumnKind;
  /** whether `search` looks in this column */
  searched: boolean;
}

export interface BrowseHandle {
  readonly backend: Backend;
  /** the materialised table (engine-named) */
  readonly table: string;
  /** rows in the table (customers matching the filter and the search) */
  readonly total: number;
  readonly columns: readonly BrowseColumn[];
  /** the spec the table was built from (sort and search as applied) */
  readonly spec: Readonly<BrowseSpec>;
  /** bumped by every re-materialisation: a block fetched for an older version is stale */
  readonly version: number;
  readonly closed: boolean;
}

interface HandleState {
  backend: Backend;
  table: string;
  total: number;
  columns: BrowseColumn[];
  spec: BrowseSpec;
  version: number;
  closed: boolean;
}

export interface BrowseBlock {
  /** the first row's number (0-based) */
  first: number;
  /** rows first .. first + rows.length - 1, in order; shorter than asked at the end */
  rows: Row[];
  /** the handle's version the rows belong to */
  version: number;
}

let nextId = 0;
function newTableName(): string {
  nextId += 1;
  return `${BROWSE_TABLE_PREFIX}${nextId}`;
}

function state(handle: BrowseHandle): HandleState {
  return handle as HandleState;
}

function wholeNumber(n: number, what: string): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${what} must be a whole number >= 0, got ${n}`);
  return n;
}

function cells(params: readonly unknown[]): Cell[] {
  return params.map((p) => {
    if (p === null || typeof p === 'string' || typeof p === 'number' || typeof p === 'boolean') return p;
    throw new Error(`a compiled rule parameter has an unsupported type: ${typeof p}`);
  });
}

interface Plan {
  /** SELECT of the browse rows (without numbering), and its parameters */
  sql: string;
  params: Cell[];
  columns: BrowseColumn[];
}

/** The rows' SELECT for a spec (output columns as segmentOutputSql orders them). */
async function plan(backend: Backend, spec: BrowseSpec): Promise<Plan> {
  const relation = spec.relation ?? CUSTOMERS_TABLE;
  let segTable: string | null;
  if (spec.segmentation === undefined) segTable = (await tableExists(backend, SEGMENTED_TABLE)) ? SEGMENTED_TABLE : null;
  else segTable = spec.segmentation;
  if ((spec.from === 'segment' || spec.from === 'tag') && segTable === null) {
    throw new Error(`browsing a ${spec.from} needs a segmentation: run the rules first`);
  }
  const relCols = await tableColumns(backend, relation);
  if (relCols.length === 0) throw new Error(`the customer relation '${relation}' does not exist`);
  const segCols = segTable === null ? [] : await tableColumns(backend, segTable);
  if (segTable !== null && segCols.length === 0) throw new Error(`the segmentation table '${segTable}' does not exist`);

  const used = new Set<string>([RN.toLowerCase()]);
  const select: string[] = [];
  const columns: BrowseColumn[] = [];
  const searchExprs: string[] = [];
  const add = (expr: string, name: string, type: string, kind: BrowseColumnKind) => {
    let out = name;
    for (let i = 2; used.has(out.toLowerCase()); i++) out = `${name}_${i}`;
    used.add(out.toLowerCase());
    select.push(`${expr} AS ${ident(out)}`);
    const searched = kind === 'customer' || (kind === 'attribute' && fieldType(type) === 'text');
    if (searched) searchExprs.push(kind === 'customer' ? `CAST(${expr} AS VARCHAR)` : expr);
    columns.push({ name: out, type, fieldType: fieldType(type), kind, searched });
  };
  const relLower = new Map(relCols.map((c) => [c.name.toLowerCase(), c]));
  const customerCol = relLower.get('customer');
  if (!customerCol) throw new Error(`the customer relation '${relation}' has no customer column`);
  add(`c.${ident(customerCol.name)}`, 'customer', customerCol.type, 'customer');
  if (segTable !== null) {
    const seg = segCols.find((c) => c.name.toLowerCase() === 'segment');
    add(seg ? `s.${ident(seg.name)}` : 'CAST(NULL AS VARCHAR)', 'segment', seg?.type ?? 'VARCHAR', 'segment');
  }
  for (const m of OUTPUT_METRICS) {
    const c = relLower.get(m.toLowerCase());
    if (c) add(`c.${ident(c.name)}`, c.name, c.type, 'metric');
  }
  const ruleCols = segCols.filter((c) => c.name.toLowerCase() !== 'customer' && c.name.toLowerCase() !== 'segment');
  for (const c of ruleCols) add(`s.${ident(c.name)}`, c.name, c.type, 'rules');
  const metricNames = new Set<string>(METRIC_COLUMNS.map((m) => m.toLowerCase()));
  for (const c of relCols) {
    const l = c.name.toLowerCase();
    if (l === 'customer' || (OUTPUT_METRICS as readonly string[]).some((m) => m.toLowerCase() === l)) continue;
    add(`c.${ident(c.name)}`, c.name, c.type, metricNames.has(l) ? 'metric' : 'attribute');
  }

  const params: Cell[] = [];
  const where: string[] = [];
  let from = `${ident(relation)} c`;
  if (segTable !== null) from += ` LEFT JOIN ${ident(segTable)} s ON s.customer = c.customer`;
  if (spec.from === 'segment') {
    if (spec.segment === undefined) throw new Error("browsing a segment needs its id (segment: null for the unassigned)");
    if (spec.segment === null) where.push('s.customer IS NOT NULL AND s.segment IS NULL');
    else {
      params.push(spec.segment);
      where.push(`s.segment = CAST($${params.length} AS VARCHAR)`);
    }
  } else if (spec.from === 'tag') {
    const tag = ruleCols.find((c) => c.name === spec.tag);
    if (spec.tag === undefined || !tag) throw new Error(`there is no tag '${spec.tag ?? ''}' in the segmentation`);
    if (tag.type.toUpperCase() !== 'BOOLEAN') throw new Error(`'${tag.name}' is not a tag (a true/false column) of the segmentation`);
    where.push(`s.${ident(tag.name)} IS TRUE`);
  } else if (spec.from === 'quick') {
    if (!spec.quick) throw new Error('browsing a quick rule needs its compiled expression');
    // The rule's own parameters are $1..$n: it is evaluated first, over the whole relation.
    params.push(...cells(spec.quick.params));
    from += ` JOIN (SELECT customer, CAST((${spec.quick.sql}) AS BOOLEAN) AS __segmint_m FROM ${ident(relation)}) q ON q.customer = c.customer`;
    where.push('q.__segmint_m IS TRUE');
  } else if (spec.from !== 'all') {
    throw new Error(`unknown browse source '${String(spec.from)}'`);
  }
  if (spec.search !== undefined && spec.search !== '') {
    params.push(spec.search);
    const p = `lower(CAST($${params.length} AS VARCHAR))`;
    // contains(): a plain substring, so % _ \ and quotes in the text mean themselves
    where.push(`(${searchExprs.map((e) => `coalesce(contains(lower(${e}), ${p}), false)`).join(' OR ')})`);
  }
  const sql = `SELECT ${select.join(', ')} FROM ${from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
  return { sql, params, columns };
}

/** ORDER BY of the numbering: the sort keys (validated against the columns), then the customer. */
function orderBy(columns: readonly BrowseColumn[], sort: readonly BrowseSort[] | undefined): string {
  const keys: string[] = [];
  let byCustomer = false;
  for (const s of sort ?? []) {
    const col = columns.find((c) => c.name === s.column);
    if (!col) throw new Error(`cannot sort by '${s.column}': no such column`);
    if (s.direction !== 'asc' && s.direction !== 'desc') throw new Error(`a sort direction is 'asc' or 'desc', got '${String(s.direction)}'`);
    keys.push(`${ident(col.name)} ${s.direction === 'asc' ? 'ASC' : 'DESC'} NULLS LAST`);
    if (col.kind === 'customer') {
      byCustomer = true;
      break; // the customer id is unique: later keys change nothing
    }
  }
  if (!byCustomer) keys.push(`${ident('customer')} ASC`);
  return keys.join(', ');
}

async function materialise(s: HandleState, spec: BrowseSpec): Promise<void> {
  const p = await plan(s.backend, spec);
  const order = orderBy(p.columns, spec.sort);
  // the old table goes first: at 1M customers two copies would double the memory
  if (s.table) await s.backend.exec(`DROP TABLE IF EXISTS ${ident(s.table)}`);
  const table = newTableName();
  s.table = '';
  // TEMP: the connection's own, never written to a persisted database file (OPFS); OR REPLACE: a
  // table of that name left by an earlier session (the numbering restarts) is no obstacle
  await s.backend.exec(
    `CREATE OR REPLACE TEMP TABLE ${ident(table)} AS SELECT *, CAST(row_number() OVER (ORDER BY ${order}) - 1 AS BIGINT) AS ${ident(RN)} FROM (${p.sql}) b ORDER BY ${ident(RN)}`,
    p.params
  );
  const n = await s.backend.query(`SELECT count(*) AS n FROM ${ident(table)}`);
  s.table = table;
  s.total = Number(n[0]?.n ?? 0);
  s.columns = p.columns;
  s.spec = { ...spec, sort: spec.sort ? spec.sort.map((x) => ({ ...x })) : undefined };
  s.version += 1;
}

/**
 * Materialise the customers of `spec` in one ordered, densely numbered table. Returns the
 * handle: table, total rows, columns (name, DuckDB type, field type, kind). Close it with
 * closeBrowse when the table is no longer shown.
 */
export async function openBrowse(backend: Backend, spec: BrowseSpec): Promise<BrowseHandle> {
  const s: HandleState = { backend, table: '', total: 0, columns: [], spec, version: 0, closed: false };
  await materialise(s, spec);
  return s;
}

/** Re-sort and/or search again: the table is materialised anew (the previous one dropped) and
 * the handle's version bumped. Omitted fields keep their current value. */
export async function updateBrowse(handle: BrowseHandle, change: { sort?: BrowseSort[]; search?: string }): Promise<BrowseHandle> {
  const s = state(handle);
  if (s.closed) throw new Error('this browse was closed');
  const spec: BrowseSpec = { ...s.spec };
  if (change.sort !== undefined) spec.sort = change.sort;
  if (change.search !== undefined) spec.search = change.search;
  await materialise(s, spec);
  return handle;
}

/** Rows first .. first + count - 1 (0-based row numbers) of the ordered result; fewer at the end,
 * none past it. Reads only the block (`rn BETWEEN`), whatever its depth. */
export async function fetchBlock(handle: BrowseHandle, first: number, count: number): Promise<BrowseBlock> {
  const s = state(handle);
  if (s.closed) throw new Error('this browse was closed');
  wholeNumber(first, 'the first row');
  wholeNumber(count, 'a block size');
  if (count > BROWSE_MAX_BLOCK) throw new Error(`a block holds at most ${BROWSE_MAX_BLOCK} rows, asked for ${count}`);
  if (!s.table) throw new Error('this browse has no table: its last re-sort or search failed; update it again');
  if (count === 0 || first >= s.total) return { first, rows: [], version: s.version };
  const last = Math.min(first + count, s.total) - 1;
  const list = s.columns.map((c) => ident(c.name)).join(', ');
  const rows = await s.backend.query(
    `SELECT ${list} FROM ${ident(s.table)} WHERE ${ident(RN)} BETWEEN CAST($1 AS BIGINT) AND CAST($2 AS BIGINT) ORDER BY ${ident(RN)}`,
    [first, last]
  );
  return { first, rows, version: s.version };
}

/** The row number (0-based) of a customer in the ordered result, null when it is not in it: to
 * keep a selected customer in view after a re-sort or a search. */
export async function rowOf(handle: BrowseHandle, customer: string): Promise<number | null> {
  const s = state(handle);
  if (s.closed) throw new Error('this browse was closed');
  if (!s.table) throw new Error('this browse has no table: its last re-sort or search failed; update it again');
  const rows = await s.backend.query(`SELECT ${ident(RN)} AS rn FROM ${ident(s.table)} WHERE CAST(${ident('customer')} AS VARCHAR) = CAST($1 AS VARCHAR)`, [customer]);
  return rows.length ? Number(rows[0]!.rn) : null;
}

/** Drop the browse table. Fetching from a closed handle throws; closing twice does nothing. */
export async function closeBrowse(handle: BrowseHandle): Promise<void> {
  const s = state(handle);
  if (s.closed) return;
  s.closed = true;
  if (s.table) await s.backend.exec(`DROP TABLE IF EXISTS ${ident(s.table)}`);
  s.table = '';
}

/** Drop every browse table left on a backend (e.g. after a reload restored a database). */
export async function dropAllBrowseTables(backend: Backend): Promise<number> {
  const rows = await backend.query(`SELECT table_name AS t FROM duckdb_tables() WHERE starts_with(table_name, $1)`, [BROWSE_TABLE_PREFIX]);
  for (const r of rows) await backend.exec(`DROP TABLE IF EXISTS ${ident(String(r.t))}`);
  return rows.length;
}
