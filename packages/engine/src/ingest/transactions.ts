// ingestTransactions / profileFiles: files -> raw text table -> typed rows -> segmint_tx,
// swapped in only when everything succeeded (the previous data set survives a failed load).
import type { Backend, InputFile, LoadIssue, LoadReport, Role, RoleMap, Row } from '../types.js';
import { LoadError } from '../types.js';
import { ident, str } from '../sql/quote.js';
import { objectKinds } from '../sql/catalog.js';
import { fastSql, MAX_AMOUNT, readRaw, type FastKind, type IngestOptions, type PickColumns, type RawTable } from './read.js';
import { inferColumns, type ColumnProfile } from './infer.js';
import { createMacros } from './sqlfns.js';
import {
  countLeftOut,
  decideDates,
  decideNumbers,
  failOnStrict,
  missingRoleIssue,
  noUsableRowsError,
  plausibleDates,
  resolveRoles,
  timestampText,
  type DateRange,
  type LeftOut,
  type Reason,
  type ResolvedRoles
} from './convert.js';
import { findColumn, numericRoleSql } from './amount.js';
import { formatIssue, filesLabel, issue, checkCancelled } from './issues.js';
import { dropStaging, SRC_FI, SRC_ROW, STAGE } from './staging.js';

export const TX_TABLE = 'segmint_tx';

interface Analysis {
  raw: RawTable;
  /** the plausible transaction dates of this load (see plausibleDates) */
  range: DateRange;
  reasons: Reason[];
  profiles: ColumnProfile[];
  roles: RoleMap;
  roleSource: LoadReport['roleSource'];
  issues: LoadIssue[];
  leftOut: LeftOut[];
  /** rows usable as transactions (all roles read) */
  usable: number;
  /** the typed rows (see buildTyped) */
  typed: string;
  converted: Converted | null;
}

function report(a: Analysis): LoadReport {
  return {
    files: a.raw.files,
    encoding: a.raw.encoding,
    format: a.raw.format,
    rows: a.raw.rows,
    columns: a.profiles.map((p) => ({ name: p.name, type: p.type })),
    roles: a.roles,
    roleSource: a.roleSource,
    leftOut: a.leftOut,
    formats: a.raw.formats,
    repairs: a.raw.repairs,
    issues: a.issues
  };
}

interface Typed {
  reasons: Reason[];
  /** the typed rows: every row, or (converted set) only those that were not converted while read */
  typed: string;
  /** the raw table's columns converted while read, when every role was: a raw row where they
   * are all set is a usable transaction as it stands */
  converted: Converted | null;
}

interface Converted {
  customer: string;
  ts: string;
  amount: string;
  order: string | null;
  /** the raw table's rows whose date was converted while read but lies outside the plausible
   * range are typed the exact way (and left out, unless kept): this SQL condition finds them
   * (null when such dates are kept) */
  implausible: string | null;
}

/** Builds STAGE.typed (__customer, __ts, __amount, __order, flags for empty raw values, source
 * file index and row) for the roles that are mapped. Raw values are not copied: the examples of
 * left-out rows are read back from the raw view. When every role column was converted while
 * read (raw.fast), only the rows with a value that was not are typed here (see Typed.converted). */
async function buildTyped(backend: Backend, raw: RawTable, profiles: ColumnProfile[], roles: RoleMap, options: IngestOptions, issues: LoadIssue[], commaFree: ReadonlySet<string>, range: DateRange): Promise<Typed> {
  const file = filesLabel(raw.files);
  const amount = roles.amount !== undefined ? numericRoleSql(file, 'amount', roles.amount, profiles) : undefined;
  const reasons: Reason[] = [];
  const select: string[] = [];
  const inner: string[] = [];
  const replace: string[] = [];
  if (roles.customer) {
    inner.push(`segmint_trim(${ident(roles.customer)}) AS __c`);
    const fast = raw.fast[roles.customer];
    select.push(fast ? `coalesce(${ident(fast.as)}, segmint_customer_of(__c)) AS __customer` : 'segmint_customer_of(__c) AS __customer');
    // not an error in strict mode: the metrics spec counts such rows as non-customers
    reasons.push({ code: 'values.no_customer', params: { column: roles.customer }, where: '__customer IS NULL', value: ident(roles.customer), column: roles.customer });
  }
  if (roles.date) {
    const fast = raw.fast[roles.date];
    const d = await decideDates(backend, raw, roles.date, options.dayFirst, fast?.as);
    issues.push(...d.issues);
    inner.push(`segmint_trim(${ident(roles.date)}) AS __d`);
    // a fast column holds the values converted while reading; the text column the others
    const slow = `segmint_ts_of(__d, ${d.dayFirst}, ${d.serial})`;
    select.push(fast ? `coalesce(${ident(fast.as)}, ${slow}) AS __ts` : `${slow} AS __ts`);
    select.push(`${fast ? `${ident(fast.as)} IS NULL AND ` : ''}nullif(__d, '') IS NULL AS __d_empty`);
    const column = roles.date;
    reasons.push({ code: 'values.no_date', params: { column }, where: '__d_empty', value: ident(column), strict: 'values.strict_no_date', column });
    reasons.push({ code: 'values.date_unreadable', params: { column }, where: '__ts IS NULL', value: ident(column), strict: 'values.strict_date_unreadable', column });
    // Dates before 1900 or after today: placeholders (9999-12-31) or typos; they would set the
    // default as-of and every R. (A date converted while read kept no text: its example is the
    // timestamp written back as text.)
    if (!options.keepImplausibleDates)
      reasons.push({
        code: 'values.date_implausible',
        params: { column, first: range.first, last: range.last },
        where: range.outside('__ts'),
        value: fast ? `coalesce(${ident(column)}, ${timestampText(ident(fast.as))})` : ident(column),
        strict: 'values.strict_date_implausible',
        column
      });
  }
  if (roles.amount && amount) {
    const a = amount;
    for (const col of a.columns) {
      const n = commaFree.has(col) ? { commaFirst: false, issues: [] } : await decideNumbers(backend, raw, col);
      issues.push(...n.issues);
      const fast = raw.fast[col];
      // a fast column is only kept when the column has no decimal comma (see analyse)
      if (fast && n.commaFirst) throw new Error(`internal: column '${col}' was converted while read but has decimal commas`);
      replace.push(`${fast ? `coalesce(${ident(fast.as)}, segmint_num(${ident(col)}, false))` : `segmint_num(${ident(col)}, ${n.commaFirst})`} AS ${ident(col)}`);
    }
    const fastAmount = a.columns.length === 1 ? raw.fast[a.columns[0]!] : undefined;
    const plain = a.columns.length === 1 && a.sql === ident(a.columns[0]!);
    const rawValue = plain ? ident(a.columns[0]!) : `concat_ws(', ', ${a.columns.map((c) => `${str(c + '=')} || coalesce(${ident(c)}, '')`).join(', ')})`;
    inner.push(`${plain ? ident(a.columns[0]!) : "''"} AS __a`);
    select.push(`CAST(${a.sql} AS DOUBLE) AS __amount`);
    const column = plain ? a.columns[0]! : undefined;
    const on = column !== undefined ? { column } : {};
    if (plain) {
      select.push(`${fastAmount ? `${ident(fastAmount.as)} IS NULL AND ` : ''}nullif(trim(__a), '') IS NULL AS __a_empty`);
      reasons.push({ code: 'values.no_amount', params: { column: roles.amount }, where: '__a_empty', value: rawValue, strict: 'values.strict_no_amount', ...on });
    }
    const where = '__amount IS NULL OR NOT isfinite(__amount)';
    if (plain) reasons.push({ code: 'values.amount_unreadable', params: { column: roles.amount }, where, value: rawValue, strict: 'values.strict_amount_unreadable', ...on });
    else reasons.push({ code: 'values.amount_not_computed', params: { expression: roles.amount }, where, value: rawValue, strict: 'values.strict_amount_not_computed' });
    // M is summed as DECIMAL(18, 4) (exact): 10^14 and more does not fit, and is no order amount
    const large = `abs(__amount) >= ${MAX_AMOUNT}`;
    if (plain) reasons.push({ code: 'values.amount_too_large', params: { column: roles.amount }, where: large, value: rawValue, strict: 'values.strict_amount_too_large', ...on });
    else reasons.push({ code: 'values.amount_too_large_computed', params: { expression: roles.amount }, where: large, value: rawValue, strict: 'values.strict_amount_too_large' });
  }
  if (roles.order) inner.push(`segmint_trim(${ident(roles.order)}) AS __o`);
  const fastOrder = roles.order ? raw.fast[roles.order] : undefined;
  select.push(roles.order ? (fastOrder ? `coalesce(${ident(fastOrder.as)}, segmint_customer_of(__o)) AS __order` : 'segmint_customer_of(__o) AS __order') : 'CAST(NULL AS VARCHAR) AS __order');
  // the typed rows of the raw rows that pass `where`
  const typedSql = (where: string) => {
    const base = `SELECT *${inner.length ? ', ' + inner.join(', ') : ''} FROM ${ident(raw.table)}${where ? ` WHERE ${where}` : ''}`;
    const numeric = replace.length ? `SELECT * REPLACE (${replace.join(', ')}) FROM (${base})` : base;
    return `SELECT ${select.join(', ')}, ${ident(SRC_FI)}, ${ident(SRC_ROW)} FROM (${numeric})`;
  };
  const amountColumns = amount?.columns ?? [];
  const roleColumns = [roles.customer, roles.date, roles.order, ...amountColumns];
  const mapped = roleColumns.filter((c): c is string => c !== undefined);
  if (mapped.length > 0 && mapped.every((c) => raw.fast[c] !== undefined)) {
    // Every role column was converted while read: a row whose converted values are all there is
    // a usable transaction as it stands. Only the others (a value the cheap conversion did not
    // read: an empty order id, 17850.0, a D/M/Y date, a bad amount) are converted here, and only
    // they can be left out; the typed table holds just them.
    // A date converted while read outside the plausible range is typed here too (one comparison
    // a row, in the scan that runs anyway), to be left out and reported like any other.
    const as = (c: string | undefined) => (c === undefined ? null : raw.fast[c]!.as);
    // (a profile may have no date column: nothing to test then)
    const ts = as(roles.date);
    const implausible = options.keepImplausibleDates || ts === null ? null : range.outside(ident(ts));
    const converted = [...new Set(mapped)].map((c) => `${ident(raw.fast[c]!.as)} IS NOT NULL`).join(' AND ') + (implausible && ts !== null ? ` AND ${range.inside(ident(ts))}` : '');
    await backend.exec(`CREATE OR REPLACE TABLE ${ident(STAGE.typed)} AS ${typedSql(`NOT (${converted})`)}`);
    return { reasons, typed: STAGE.typed, converted: { customer: as(roles.customer)!, ts: ts!, amount: as(amountColumns[0])!, order: as(roles.order), implausible } };
  }
  // every conversion runs once per row, here; the reasons then only test the stored results
  await backend.exec(`CREATE OR REPLACE TABLE ${ident(STAGE.typed)} AS ${typedSql('')}`);
  return { reasons, typed: STAGE.typed, converted: null };
}

async function analyse(backend: Backend, files: InputFile[], options: IngestOptions, mode: 'ingest' | 'profile'): Promise<Analysis> {
  await createMacros(backend);
  // the day of loading decides which dates are plausible, once for the whole load
  const range = plausibleDates();
  let profiles: ColumnProfile[] = [];
  let resolved: ResolvedRoles = { roles: {}, roleSource: {} };
  let missing: LoadIssue[] = [];
  // Types and roles come from the first rows; then only the columns the roles use are read in full.
  let fastPath = options.convertWhileReading ?? true;
  const pick: PickColumns = async (sample) => {
    profiles = await inferColumns(backend, sample.table, sample.columns);
    resolved = resolveRoles(sample, profiles, options.roles);
    const file = filesLabel(sample.files);
    const required: Role[] = ['customer', 'date', 'amount'];
    missing = required.filter((r) => !resolved.roles[r]).map((r) => missingRoleIssue(file, r, sample.columns));
    if (missing.length && mode === 'ingest') throw new LoadError(missing.map(formatIssue).join('\n'), missing, sample.columns);
    const { customer, date, order, amount } = resolved.roles;
    const needed = [customer, date, order].filter((c): c is string => c !== undefined);
    const amountColumns = amount !== undefined ? numericRoleSql(file, 'amount', amount, profiles).columns : [];
    needed.push(...amountColumns);
    if (!fastPath) return needed;
    // Converted while read: the date column, and the amount when it is one column (an
    // expression's examples show every column's text), when most of the sample converts the
    // cheap way; the values that do not are converted exactly as before, after the read.
    const fast: Record<string, FastKind> = {};
    const single = (c: string) => needed.filter((x) => x === c).length === 1;
    const candidates: [string, FastKind][] = [];
    // ids: a pure function of the text, nothing to decide from the sample
    for (const c of [customer, order]) if (c !== undefined && single(c)) fast[c] = 'id';
    if (date !== undefined && single(date)) candidates.push([date, 'timestamp']);
    if (amountColumns.length === 1 && amount !== undefined && amountColumns[0] === findColumn(sample.columns, amount) && single(amountColumns[0]!)) candidates.push([amountColumns[0]!, 'number']);
    if (candidates.length) {
      const parts = candidates.map(([c, kind], i) => `count(nullif(trim(${ident(c)}), '')) AS n${i}, count(${fastSql(kind, ident(c))}) AS ok${i}, count(*) FILTER (contains(${ident(c)}, ',')) AS comma${i}`);
      const [r] = await backend.query(`SELECT ${parts.join(', ')} FROM ${ident(sample.table)}`);
      candidates.forEach(([c, kind], i) => {
        const ok = Number(r?.[`ok${i}`] ?? 0);
        // a decimal comma anywhere in a number column needs every value's text (see decideNumbers)
        if (ok > 0 && ok * 2 >= Number(r?.[`n${i}`] ?? 0) && !(kind === 'number' && Number(r?.[`comma${i}`] ?? 0) > 0)) fast[c] = kind;
      });
    }
    return { columns: needed, fast };
  };
  let raw = await readRaw(backend, files, options, pick);
  // a number column converted while read turned out to have decimal commas past the sample:
  // read again as text only (the decimal separator is decided from every value)
  const commaChecks = Object.entries(raw.fast).filter(([, f]) => f.kind === 'number');
  // number columns known to hold no comma at all: no decimal separator to decide
  const commaFree = new Set<string>();
  if (commaChecks.length) {
    const [r] = await backend.query(`SELECT ${commaChecks.map(([c], i) => `count(*) FILTER (contains(${ident(c)}, ',')) AS c${i}`).join(', ')} FROM ${ident(raw.table)}`);
    if (commaChecks.some((_, i) => Number(r?.[`c${i}`] ?? 0) > 0)) {
      fastPath = false;
      raw = await readRaw(backend, files, options, pick);
    } else for (const [c] of commaChecks) commaFree.add(c);
  }
  const { roles, roleSource } = resolved;
  const issues: LoadIssue[] = [...raw.issues, ...missing.map((m) => ({ ...m, severity: 'warning' as const }))];
  const { reasons, typed, converted } = await buildTyped(backend, raw, profiles, roles, options, issues, commaFree, range);
  const leftOut = await countLeftOut(backend, typed, raw.table, reasons);
  // strict: the first value that cannot be used stops the load (rows without a customer id do not)
  if (options.strict) failOnStrict(leftOut, reasons, raw.files, raw.columns);
  if (options.keepImplausibleDates && roles.date) await reportKept(backend, raw, typed, converted, roles.date, range, issues);
  const usable = raw.rows - leftOut.reduce((s, l) => s + l.count, 0);
  return { raw, range, reasons, profiles, roles, roleSource, issues, leftOut, usable, typed, converted };
}

/** keepImplausibleDates: the rows dated outside the plausible range that were kept, counted and
 * reported (a warning: the latest of them sets the default as-of). */
async function reportKept(backend: Backend, raw: RawTable, typed: string, converted: Converted | null, column: string, range: DateRange, issues: LoadIssue[]): Promise<void> {
  // the typed rows, and (converted while read) the raw rows whose dates were converted there
  const usable = `__customer IS NOT NULL AND __amount IS NOT NULL AND isfinite(__amount) AND abs(__amount) < ${MAX_AMOUNT}`;
  const parts = [`SELECT __ts AS ts FROM ${ident(typed)} WHERE ${usable} AND ${range.outside('__ts')}`];
  if (converted) {
    // (the raw rows with every value converted: the others are typed rows)
    const all = [converted.customer, converted.ts, converted.amount, ...(converted.order ? [converted.order] : [])].map((c) => `${ident(c)} IS NOT NULL`).join(' AND ');
    parts.push(`SELECT ${ident(converted.ts)} AS ts FROM ${ident(STAGE.raw0)} WHERE ${all} AND ${range.outside(ident(converted.ts))}`);
  }
  const [r] = await backend.query(
    `SELECT count(*) AS n, CAST(CAST(min(ts) AS DATE) AS VARCHAR) AS earliest, CAST(CAST(max(ts) AS DATE) AS VARCHAR) AS latest FROM (${parts.join(' UNION ALL ')})`
  );
  const n = Number(r?.n ?? 0);
  if (n === 0) return;
  issues.push(
    issue('warning', 'values.date_implausible_kept', filesLabel(raw.files), { column, count: n, first: range.first, last: range.last, earliest: String(r?.earliest), latest: String(r?.latest) }, { column })
  );
}

/** Loads transactions into segmint_tx (customer, ts, amount, order_id, src_file, src_row). */
export async function ingestTransactions(backend: Backend, files: InputFile[], options: IngestOptions = {}): Promise<LoadReport> {
  try {
    const a = await analyse(backend, files, options, 'ingest');
    // (the last moment to cancel: from here the new data replaces the old)
    checkCancelled(options.signal);
    if (a.usable === 0) throw noUsableRowsError(a.raw.files, a.raw.rows, a.leftOut, a.reasons, a.raw.columns);
    const plausible = options.keepImplausibleDates ? '' : ` AND ${a.range.inside('t.__ts')}`;
    const typedRows = `SELECT t.__customer AS customer, t.__ts AS ts, t.__amount AS amount, t.__order AS order_id, f.name AS src_file, t.${ident(SRC_ROW)} AS src_row
       FROM ${ident(a.typed)} t JOIN ${ident(STAGE.files)} f ON t.${ident(SRC_FI)} = f.i
       WHERE t.__customer IS NOT NULL AND t.__ts IS NOT NULL AND t.__amount IS NOT NULL AND isfinite(t.__amount) AND abs(t.__amount) < ${MAX_AMOUNT}${plausible}`;
    if (a.converted) {
      // rows whose date was converted while read but is left out as implausible: out of the view
      // (their converted date is cleared; they are typed rows already, reported)
      const implausible = a.converted.implausible;
      if (implausible && a.leftOut.some((l) => l.code === 'values.date_implausible'))
        await backend.exec(`UPDATE ${ident(STAGE.raw0)} SET ${ident(a.converted.ts)} = NULL WHERE ${implausible}`);
      await installConverted(backend, a.raw, a.converted, typedRows);
    }
    else {
      await backend.exec(`CREATE OR REPLACE TABLE ${ident(STAGE.tx)} AS ${typedRows}`);
      await installTx(backend, { table: STAGE.tx });
    }
    const r = report(a);
    r.issues.push(issue('info', 'values.rows_loaded', filesLabel(a.raw.files), { usable: a.usable, rows: a.raw.rows }));
    return r;
  } finally {
    await cleanUp(backend);
  }
}

/** Tables behind segmint_tx when it is a view (see installConverted). */
export const TX_ROWS = 'segmint_tx_rows';
export const TX_EXTRA = 'segmint_tx_extra';

/** Every role was converted while read: the raw table itself becomes the transactions, without
 * a copy of its million rows. Its text (kept only for the rows with a value not converted) is
 * dropped, and segmint_tx is a view: the raw rows whose converted values are all set, plus the
 * rows typed the exact way (`typedRows`, few) that are usable. Source file and row come from the
 * raw table's insertion order (rowid), as they did in the raw view. */
async function installConverted(backend: Backend, raw: RawTable, c: Converted, typedRows: string): Promise<void> {
  await backend.exec(`CREATE OR REPLACE TABLE ${ident(STAGE.txExtra)} AS ${typedRows}`);
  const files = await backend.query(`SELECT p, name, first FROM ${ident(STAGE.files)} ORDER BY i`);
  await backend.exec(`DROP VIEW IF EXISTS ${ident(STAGE.raw)}`);
  const single = files.length === 1;
  // the read table keeps only the converted columns (and each row's file when there are several)
  const text = [...raw.loaded.filter((col) => !raw.fast[col]), '__t'];
  for (const col of [...text, ...(single ? ['__p'] : []), ...(raw.explicitRows ? [] : ['__r'])]) await backend.exec(`ALTER TABLE ${ident(STAGE.raw0)} DROP COLUMN ${ident(col)}`);
  const byFile = (value: (f: Row) => string) => (single ? value(files[0]!) : `CASE __p ${files.map((f) => `WHEN ${str(String(f.p))} THEN ${value(f)}`).join(' ')} END`);
  const set = [c.customer, c.ts, c.amount, ...(c.order ? [c.order] : [])].map((x) => `${ident(x)} IS NOT NULL`).join(' AND ');
  const view = `SELECT ${ident(c.customer)} AS customer, ${ident(c.ts)} AS ts, ${ident(c.amount)} AS amount, ${c.order ? ident(c.order) : 'CAST(NULL AS VARCHAR)'} AS order_id,
      ${byFile((f) => str(String(f.name)))} AS src_file, CAST(${raw.explicitRows ? 'coalesce(__r, ' : ''}rowid - ${byFile((f) => String(Number(f.first)))} + 1${raw.explicitRows ? ')' : ''} AS BIGINT) AS src_row
    FROM ${ident(TX_ROWS)} WHERE ${set}
    UNION ALL SELECT customer, ts, amount, order_id, src_file, src_row FROM ${ident(TX_EXTRA)}`;
  await installTx(backend, { rows: STAGE.raw0, extra: STAGE.txExtra, view });
}

/** Drops segmint_tx, whether a table or a view (and the view's tables). */
export async function dropTransactions(backend: Backend): Promise<void> {
  const kinds = await objectKinds(backend, [TX_TABLE, TX_ROWS, TX_EXTRA]);
  for (const [name, kind] of kinds) await backend.exec(`DROP ${kind === 'view' ? 'VIEW' : 'TABLE'} ${ident(name)}`);
}

/** Replaces segmint_tx (a table, or a view over TX_ROWS and TX_EXTRA) by a new table or view
 * in one transaction: readers see the old or the new transactions, never a mix. */
async function installTx(backend: Backend, next: { table: string } | { rows: string; extra: string; view: string }): Promise<void> {
  await backend.exec('BEGIN TRANSACTION');
  try {
    await dropTransactions(backend);
    if ('table' in next) await backend.exec(`ALTER TABLE ${ident(next.table)} RENAME TO ${ident(TX_TABLE)}`);
    else {
      await backend.exec(`ALTER TABLE ${ident(next.rows)} RENAME TO ${ident(TX_ROWS)}`);
      await backend.exec(`ALTER TABLE ${ident(next.extra)} RENAME TO ${ident(TX_EXTRA)}`);
      await backend.exec(`CREATE VIEW ${ident(TX_TABLE)} AS ${next.view}`);
    }
    await backend.exec('COMMIT');
  } catch (err) {
    await backend.exec('ROLLBACK');
    throw err;
  }
}

/** Reads and reports (columns, types, rows, guessed roles, encoding, format, left-out rows,
 * issues) without changing the loaded data. */
export async function profileFiles(backend: Backend, files: InputFile[], options: IngestOptions = {}): Promise<LoadReport> {
  try {
    return report(await analyse(backend, files, options, 'profile'));
  } finally {
    await cleanUp(backend);
  }
}

/** Replaces `target` by `staging` in one transaction: readers see the old or the new table. */
export async function swap(backend: Backend, staging: string, target: string): Promise<void> {
  await backend.exec('BEGIN TRANSACTION');
  try {
    await backend.exec(`DROP TABLE IF EXISTS ${ident(target)}`);
    await backend.exec(`ALTER TABLE ${ident(staging)} RENAME TO ${ident(target)}`);
    await backend.exec('COMMIT');
  } catch (err) {
    await backend.exec('ROLLBACK');
    throw err;
  }
}

export async function cleanUp(backend: Backend): Promise<void> {
  await dropStaging(backend);
}
