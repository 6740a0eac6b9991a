// From the raw text table to typed transactions: decides the roles, the date order (DD/MM or
// MM/DD), the decimal separator, and counts every row that cannot be used, with examples.
import type { Backend, LoadIssue, Role, RoleMap, LoadReport } from '../types.js';
import { ident } from '../sql/quote.js';
import { fail, filesLabel, rowLabel } from './issues.js';
import { guessRoles } from './roles.js';
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
    else fail(file, `the column '${g}' given for ${role} is not in the file`, `Its columns are: ${raw.columns.map((c) => `'${c}'`).join(', ')}`);
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

/** The message for a required role nobody mapped, with the --map line that would fix it. */
export function missingRoleIssue(file: string, role: Role, columns: string[]): LoadIssue {
  const list = columns.map((c) => `'${c}'`).join(', ');
  if (role === 'amount') {
    const qty = columns.find((c) => /qty|quantity|数量|件数|number_?of/i.test(c));
    const price = columns.find((c) => /price|单价|价格/i.test(c));
    const suggestion = qty && price ? `amount=${qty} * ${price}` : 'amount=COLUMN';
    return {
      severity: 'error',
      file,
      column: undefined,
      message: `no column was recognised as the amount (columns: ${list})`,
      hint: `Map it${qty && price ? ' as an expression of columns' : ''}: --map "${suggestion}" (in the app: the amount field)`
    };
  }
  const what = role === 'customer' ? 'customer id' : role;
  return {
    severity: 'error',
    file,
    message: `no column was recognised as the ${what} (columns: ${list})`,
    hint: `Map one: --map ${role}=COLUMN (in the app: the ${role} field)`
  };
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
  if (serial) issues.push({ severity: 'info', file: filesLabel(raw.files), column: col, message: 'dates are read as Excel serial day numbers (45292 = 2024-01-01)' });
  if (n === 0) return { dayFirst: dayFirst ?? true, serial, issues };
  if (dayFirst !== undefined) {
    issues.push({ severity: 'info', file: filesLabel(raw.files), column: col, message: `dates read as ${dayFirst ? 'DD/MM/YYYY' : 'MM/DD/YYYY'} (given)` });
    return { dayFirst, serial, issues };
  }
  if (df === 0 && mf === 0) {
    const file = String(r?.ex_file ?? raw.files[0]);
    const row = Number(r?.ex_row ?? 1);
    fail(
      file,
      `the dates in column '${col}' can be read both as DD/MM/YYYY and as MM/DD/YYYY (e.g. '${String(r?.example)}' at ${rowLabel(row)}), and no date has a day above 12 to decide`,
      'Say which: dayFirst=true for DD/MM/YYYY, dayFirst=false for MM/DD/YYYY (command line: --day-first or --month-first)',
      { row, column: col }
    );
  }
  const chosen = df >= mf;
  issues.push({
    severity: df > 0 && mf > 0 ? 'warning' : 'info',
    file: filesLabel(raw.files),
    column: col,
    message:
      df > 0 && mf > 0
        ? `dates mix DD/MM and MM/DD: ${df} have a first number above 12, ${mf} a second; read as ${chosen ? 'DD/MM/YYYY' : 'MM/DD/YYYY'}, the others are left out as unreadable`
        : `dates read as ${chosen ? 'DD/MM/YYYY' : 'MM/DD/YYYY'} (decided from ${chosen ? df : mf} dates whose ${chosen ? 'first' : 'second'} number is above 12)`
  });
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
    issues.push({
      severity: 'warning',
      file: String(r?.[commaFirst ? 'p_file' : 'c_file']),
      row: Number(r?.[commaFirst ? 'p_row' : 'c_row']),
      column: col,
      message: `mixed number formats: ${point} values are written like 1,234.50 (e.g. '${String(r?.p_ex)}' in ${String(r?.p_file)} at ${rowLabel(Number(r?.p_row))}) and ${comma} like 1.234,50 (e.g. '${String(r?.c_ex)}' in ${String(r?.c_file)} at ${rowLabel(Number(r?.c_row))}); each was read by its own separators, and values that could be either (1,234) as ${commaFirst ? '1.234,50' : '1,234.50'}`,
      hint: 'Check these values in the source; export the numbers with one format'
    });
  } else if (commaFirst) {
    issues.push({ severity: 'info', file: filesLabel(raw.files), column: col, message: 'numbers read with a decimal comma (1.234,50)' });
  }
  return { commaFirst, issues };
}

export interface LeftOut {
  reason: string;
  count: number;
  examples: { file: string; row: number; value: string }[];
}

export interface Reason {
  reason: string;
  /** SQL condition over the typed table's columns (in order: a row counts for its first reason) */
  where: string;
  /** SQL over the raw columns: the value shown in examples */
  value: string;
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
      reason: r.reason,
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

