// From the raw text table to typed transactions: decides the roles, the date order (DD/MM or
// MM/DD), the decimal separator, and counts every row that cannot be used, with examples.
import type { Backend, LoadIssue, Role, RoleMap, LoadReport } from '../types.js';
import { LoadError } from '../types.js';
import { renderMessage, type MessageCode, type Params } from '../messages/index.js';
import { ident } from '../sql/quote.js';
import { filesLabel, formatIssue, issue, rowLabel, type Where } from './issues.js';
import { guessRoles, suggestAmountExpression } from './roles.js';
import { findColumn } from './amount.js';
import { COMMA_EVIDENCE, POINT_EVIDENCE, DATE_PATTERNS as D } from './sqlfns.js';
import type { ColumnProfile } from './infer.js';
import { SRC_FILE, SRC_FI, SRC_ROW } from './staging.js';
import type { RawTable } from './read.js';

export interface ResolvedRoles {
  roles: RoleMap;
  roleSource: LoadReport['roleSource'];
}

const ROLES: Role[] = ['customer', 'date', 'amount', 'order'];

/** Columns as the messages show them: 'a', 'b', 'c'. */
export function columnsText(columns: readonly string[]): string {
  return columns.map((c) => `'${c}'`).join(', ');
}

/** Throws a LoadError of one error issue of code `code`, carrying the file's columns when known
 * (the app offers them in its load settings). */
export function failCoded(code: MessageCode, file: string, params: Params, where: Where = {}, columns?: string[]): never {
  const i = issue('error', code, file, params, where);
  throw new LoadError(formatIssue(i), [i], columns);
}

/** The user's roles (checked against the columns) completed by guesses. */
export function resolveRoles(raw: Pick<RawTable, 'files' | 'columns'>, profiles: ColumnProfile[], given: RoleMap = {}): ResolvedRoles {
  const roles: RoleMap = {};
  const roleSource: LoadReport['roleSource'] = {};
  const file = filesLabel(raw.files);
  for (const role of ROLES) {
    const g = given[role]?.trim();
    if (!g) continue;
    const col = findColumn(raw.columns, g);
    if (col) roles[role] = col;
    else if (role === 'amount') roles[role] = g; // an expression, compiled later
    else failCoded('values.role_column_not_found', file, { role, column: g, columns: columnsText(raw.columns) }, {}, raw.columns);
    roleSource[role] = 'given';
  }
  const taken = new Set(Object.values(roles));
  const guessed = guessRoles(profiles.filter((p) => !taken.has(p.name)).map((p) => ({ name: p.name, type: p.type })));
  for (const role of ROLES) {
    if (roles[role] === undefined && guessed[role] !== undefined) {
      roles[role] = guessed[role];
      roleSource[role] = 'guessed';
    }
  }
  return { roles, roleSource };
}

/** The message for a required role nobody mapped, with the --map line that would fix it (an
 * amount as an expression of a quantity and a price column when the file has both). */
export function missingRoleIssue(file: string, role: Role, columns: string[]): LoadIssue {
  const expression = role === 'amount' ? suggestAmountExpression(columns) : undefined;
  const map = expression ? `"amount=${expression}"` : `${role}=COLUMN`;
  // `expression`: the suggested amount (the app pre-fills its amount field with it)
  return issue('error', 'values.role_missing', file, { role, columns: columnsText(columns), map, ...(expression ? { expression } : {}) });
}

export interface DateDecision {
  dayFirst: boolean;
  serial: boolean;
  issues: LoadIssue[];
}

/** Decides DD/MM vs MM/DD from the whole column, and whether Excel serial numbers are dates.
 * `fast`: the raw view's column of values converted while read (ISO dates: never D/M/Y nor
 * serial numbers); the text column then holds only the others, and the fast ones count as
 * non-empty. */
export async function decideDates(backend: Backend, raw: RawTable, col: string, dayFirst: boolean | undefined, fast?: string): Promise<DateDecision> {
  if (fast) {
    // every value was read while reading the file (the text column is NULL where it was):
    // nothing is left to decide
    const [t] = await backend.query(`SELECT count(${ident(col)}) AS n FROM ${ident(raw.table)}`);
    if (Number(t?.n ?? 0) === 0) return { dayFirst: dayFirst ?? true, serial: false, issues: [] };
  }
  const v = `trim(${ident(col)})`;
  const dmy = `regexp_full_match(${v}, '${D.dmy}')`;
  const src = `${ident(SRC_ROW)} AS r, ${ident(SRC_FILE)} AS f`;
  // the day/month numbers of the D/M/Y-like values only (a cheap prefix test first)
  const [r] = await backend.query(
    `WITH m AS (SELECT v, r, f, TRY_CAST(regexp_extract(v, '^(\\d+)', 1) AS INTEGER) AS a, TRY_CAST(regexp_extract(v, '^\\d+[/.-](\\d+)', 1) AS INTEGER) AS b
                FROM (SELECT ${v} AS v, ${src} FROM ${ident(raw.table)} WHERE regexp_matches(${ident(col)}, '^\\s*\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{2}') AND ${dmy}))
     SELECT (SELECT count(*) FROM m) AS n, (SELECT count(*) FROM m WHERE a > 12) AS day_first, (SELECT count(*) FROM m WHERE b > 12) AS month_first,
            (SELECT arg_min(v, (f, r)) FROM m) AS example, (SELECT arg_min(f, (f, r)) FROM m) AS ex_file, (SELECT arg_min(r, (f, r)) FROM m) AS ex_row,
            (SELECT count(nullif(${v}, ''))${fast ? ` + count(${ident(fast)})` : ''} FROM ${ident(raw.table)}) AS nonempty,
            (SELECT count(*) FROM ${ident(raw.table)} WHERE TRY_CAST(${ident(col)} AS DOUBLE) BETWEEN 10000 AND 99999.999999) AS serial`
  );
  const n = Number(r?.n ?? 0);
  const df = Number(r?.day_first ?? 0);
  const mf = Number(r?.month_first ?? 0);
  const issues: LoadIssue[] = [];
  const serial = Number(r?.serial ?? 0) * 2 >= Number(r?.nonempty ?? 0) && Number(r?.serial ?? 0) > 0;
  const file = filesLabel(raw.files);
  const order = (dayFirst: boolean) => (dayFirst ? 'DD/MM/YYYY' : 'MM/DD/YYYY');
  if (serial) issues.push(issue('info', 'values.dates_serial', file, { column: col }, { column: col }));
  if (n === 0) return { dayFirst: dayFirst ?? true, serial, issues };
  if (dayFirst !== undefined) {
    issues.push(issue('info', 'values.date_order_given', file, { column: col, order: order(dayFirst) }, { column: col }));
    return { dayFirst, serial, issues };
  }
  if (df === 0 && mf === 0) {
    const row = Number(r?.ex_row ?? 1);
    failCoded('values.date_order_ambiguous', String(r?.ex_file ?? raw.files[0]), { column: col, example: String(r?.example), row }, { row, column: col }, raw.columns);
  }
  const chosen = df >= mf;
  if (df > 0 && mf > 0) issues.push(issue('warning', 'values.date_order_mixed', file, { column: col, dayFirst: df, monthFirst: mf, order: order(chosen) }, { column: col }));
  else issues.push(issue('info', 'values.date_order_decided', file, { column: col, order: order(chosen), count: chosen ? df : mf }, { column: col }));
  return { dayFirst: chosen, serial, issues };
}

export interface NumberDecision {
  commaFirst: boolean;
  issues: LoadIssue[];
}

/** Decides the decimal separator of a number column (1,234.50 vs 1.234,50) from all values. */
export async function decideNumbers(backend: Backend, raw: RawTable, col: string): Promise<NumberDecision> {
  const [c] = await backend.query(`SELECT count(*) FILTER (contains(${ident(col)}, ',')) AS n FROM ${ident(raw.table)}`);
  if (Number(c?.n ?? 0) === 0) return { commaFirst: false, issues: [] }; // no comma: nothing to decide
  const v = `segmint_clean_num(${ident(col)})`;
  const pe = POINT_EVIDENCE.replaceAll('(v,', `(${v},`);
  const ce = COMMA_EVIDENCE.replaceAll('(v,', `(${v},`);
  const [r] = await backend.query(
    `SELECT count(*) FILTER (${pe}) AS point, count(*) FILTER (${ce}) AS comma,
            arg_min(${ident(col)}, ${ident(SRC_ROW)}) FILTER (${pe}) AS p_ex, min(${ident(SRC_ROW)}) FILTER (${pe}) AS p_row, arg_min(${ident(SRC_FILE)}, ${ident(SRC_ROW)}) FILTER (${pe}) AS p_file,
            arg_min(${ident(col)}, ${ident(SRC_ROW)}) FILTER (${ce}) AS c_ex, min(${ident(SRC_ROW)}) FILTER (${ce}) AS c_row, arg_min(${ident(SRC_FILE)}, ${ident(SRC_ROW)}) FILTER (${ce}) AS c_file
     FROM ${ident(raw.table)}`
  );
  const point = Number(r?.point ?? 0);
  const comma = Number(r?.comma ?? 0);
  const commaFirst = comma > point;
  const issues: LoadIssue[] = [];
  if (point > 0 && comma > 0) {
    issues.push(
      issue(
        'warning',
        'values.number_formats_mixed',
        String(r?.[commaFirst ? 'p_file' : 'c_file']),
        {
          column: col,
          point,
          comma,
          pointExample: String(r?.p_ex),
          pointFile: String(r?.p_file),
          pointRow: Number(r?.p_row),
          commaExample: String(r?.c_ex),
          commaFile: String(r?.c_file),
          commaRow: Number(r?.c_row),
          either: commaFirst ? '1.234,50' : '1,234.50'
        },
        { row: Number(r?.[commaFirst ? 'p_row' : 'c_row']), column: col }
      )
    );
  } else if (commaFirst) {
    issues.push(issue('info', 'values.decimal_comma', filesLabel(raw.files), { column: col }, { column: col }));
  }
  return { commaFirst, issues };
}

export interface LeftOut {
  /** the English text of the reason (code and params: for programs and other languages) */
  reason: string;
  code: MessageCode;
  params: Params;
  count: number;
  examples: { file: string; row: number; value: string }[];
}

export interface Reason {
  /** the reason's catalogue code (values.no_customer, values.date_unreadable, ...) and params */
  code: MessageCode;
  params: Params;
  /** SQL condition over the typed table's columns (in order: a row counts for its first reason) */
  where: string;
  /** SQL over the raw columns: the value shown in examples */
  value: string;
  /** strict mode: the code of the error such a row stops the load with (none: such rows are no
   * error, as rows without a customer id, which the metrics spec counts as non-customers) */
  strict?: MessageCode;
  /** the column a strict error names */
  column?: string;
}

/** `CASE ... END AS __k`: the index of the first reason a row fails, NULL for a good row. */
export function reasonCase(reasons: Reason[]): string {
  return reasons.length ? `CASE ${reasons.map((r, i) => `WHEN ${r.where} THEN ${i}`).join(' ')} END AS __k` : 'CAST(NULL AS INTEGER) AS __k';
}

/** Counts the rows of `typed` (a materialised table with SRC_FI, SRC_ROW) per reason and picks
 * up to five examples of each, with their raw values read back from the raw view. The reasons
 * only test columns of `typed`, so no conversion runs twice. */
export async function countLeftOut(backend: Backend, typed: string, raw: string, reasons: Reason[]): Promise<LeftOut[]> {
  if (reasons.length === 0) return [];
  const fi = ident(SRC_FI);
  const row = ident(SRC_ROW);
  const k = `(SELECT ${reasonCase(reasons)}, ${fi}, ${row} FROM ${ident(typed)})`;
  const counts = await backend.query(`SELECT __k AS k, count(*) AS c FROM ${k} WHERE __k IS NOT NULL GROUP BY 1`);
  if (counts.length === 0) return [];
  const values = reasons.map((r, i) => `WHEN ${i} THEN CAST(${r.value} AS VARCHAR)`).join(' ');
  const rows = await backend.query(
    `WITH ex AS (SELECT __k AS k, ${fi} AS fi, ${row} AS r FROM ${k} WHERE __k IS NOT NULL QUALIFY row_number() OVER (PARTITION BY __k ORDER BY ${fi}, ${row}) <= 5)
     SELECT ex.k AS k, raw.${ident(SRC_FILE)} AS f, ex.r AS r, CASE ex.k ${values} END AS v
     FROM ex JOIN ${ident(raw)} raw ON raw.${fi} = ex.fi AND raw.${row} = ex.r ORDER BY ex.k, ex.fi, ex.r`
  );
  return reasons
    .map((r, i) => ({
      reason: renderMessage(r.code, r.params).message,
      code: r.code,
      params: r.params,
      count: Number(counts.find((c) => Number(c.k) === i)?.c ?? 0),
      examples: rows.filter((x) => Number(x.k) === i).map((x) => ({ file: String(x.f), row: Number(x.r), value: x.v === null || String(x.v).trim() === '' ? '(empty)' : String(x.v) }))
    }))
    .filter((l) => l.count > 0);
}

export function leftOutLines(leftOut: LeftOut[]): string {
  return leftOut
    .map(
      (l) =>
        `${l.count} row${l.count === 1 ? '' : 's'} left out: ${l.reason}; e.g. ${l.examples.map((e) => `${e.file} ${rowLabel(e.row)}: '${e.value}'`).join(', ')}`
    )
    .join('\n');
}


/** The dates a transaction can plausibly have: from 1900-01-01 to the day of loading (the
 * local date where the program runs), both included. A date outside is a placeholder
 * (9999-12-31, 0001-01-01), a wrong column or a typo: by default its row is left out and
 * reported, so that it never sets the default as-of (it would move every R). */
export interface DateRange {
  /** first plausible day, 'YYYY-MM-DD' */
  first: string;
  /** last plausible day (today), 'YYYY-MM-DD' */
  last: string;
  /** SQL condition: timestamp `ts` is outside the range (NULL when ts is) */
  outside(ts: string): string;
  /** SQL condition: timestamp `ts` is inside the range */
  inside(ts: string): string;
}

export const FIRST_PLAUSIBLE_DATE = '1900-01-01';

function ymd(d: Date): string {
  return `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function plausibleDates(now: Date = new Date()): DateRange {
  const last = ymd(now);
  const next = ymd(new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1));
  const lo = `TIMESTAMP '${FIRST_PLAUSIBLE_DATE} 00:00:00'`;
  const hi = `TIMESTAMP '${next} 00:00:00'`;
  return {
    first: FIRST_PLAUSIBLE_DATE,
    last,
    outside: (ts) => `(${ts} < ${lo} OR ${ts} >= ${hi})`,
    inside: (ts) => `(${ts} >= ${lo} AND ${ts} < ${hi})`
  };
}

/** SQL: timestamp `ts` as text the way a file would most likely have written it ('YYYY-MM-DD'
 * at midnight, else 'YYYY-MM-DD HH:MM:SS'): the example value of a date converted while read,
 * whose text was not kept. */
export function timestampText(ts: string): string {
  return `CASE WHEN ${ts} = date_trunc('day', ${ts}) THEN CAST(CAST(${ts} AS DATE) AS VARCHAR) ELSE CAST(${ts} AS VARCHAR) END`;
}

/** Strict mode: the first row (by file, then data row) left out for a reason that is an error in
 * strict mode stops the load, named with its file, data row, column and value. */
export function failOnStrict(leftOut: LeftOut[], reasons: Reason[], files: string[], columns: string[]): void {
  let first: { l: LeftOut; r: Reason; e: LeftOut['examples'][number] } | null = null;
  const order = (e: { file: string; row: number }) => [files.indexOf(e.file), e.row] as const;
  for (const l of leftOut) {
    const r = reasons.find((x) => x.code === l.code);
    const e = l.examples[0];
    if (!r?.strict || !e) continue;
    if (first) {
      const [a, b] = [order(e), order(first.e)];
      if (a[0] > b[0] || (a[0] === b[0] && a[1] >= b[1])) continue;
    }
    first = { l, r, e };
  }
  if (!first) return;
  const { l, r, e } = first;
  failCoded(r.strict!, e.file, { ...l.params, value: e.value, count: l.count }, { row: e.row, ...(r.column !== undefined ? { column: r.column } : {}) }, columns);
}

/** The LoadError of a load where every row was left out: how many, why (one issue per reason,
 * with its count and first example), and what to do (the hints of the reasons, and the file's
 * columns to map a role to). */
export function noUsableRowsError(files: string[], rows: number, leftOut: LeftOut[], reasons: Reason[], columns: string[]): LoadError {
  const file = filesLabel(files);
  const head = issue('error', 'values.no_usable_rows', file, { rows, columns: columnsText(columns) });
  const per: LoadIssue[] = leftOut.map((l) => {
    const r = reasons.find((x) => x.code === l.code);
    const e = l.examples[0];
    const where: Where = e ? { row: e.row } : {};
    if (r?.column !== undefined) where.column = r.column;
    return issue('error', l.code, e?.file ?? file, { ...l.params, count: l.count, ...(e ? { value: e.value } : {}) }, where);
  });
  const hints = [...new Set(per.map((p) => p.hint).filter((h): h is string => h !== undefined))];
  const message = [`${file}: ${head.message}:`, leftOutLines(leftOut), `${head.hint ?? ''}`, ...hints].filter((x) => x !== '').join('\n');
  return new LoadError(message, [head, ...per], columns);
}
