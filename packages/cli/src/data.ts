// The CLI's data plumbing: --data/--customers/--map/--as-of to a loaded Workspace on native
// DuckDB, with the role guesses and the rows left out printed to stderr.
import { existsSync } from 'node:fs';
import {
  LoadError,
  Workspace,
  formatIssue as engineIssue,
  repairExampleLines,
  rowLabel,
  type BuildCustomersResult,
  type CustomerSchema,
  type LoadIssue,
  type LoadOptions,
  type LoadProgress,
  type LoadReport,
  type RoleMap
} from '@segmint/engine';
import { NativeBackend, expandInputs, nodeFile } from '@segmint/engine/node';
import { CliError, listOpt, loadFlags, stringOpt, type Parsed } from './args.js';
import { engineText, locale, t } from './locale.js';

export { CliError } from './args.js';

export interface DataOptions {
  /** --data arguments: files, folders, globs (all one table); see spreadData in args.ts for `--data a b` */
  data: string[];
  /** --customers FILE */
  customers?: string;
  /** --map ROLE=EXPR values */
  map?: string[];
  /** --as-of YYYY-MM-DD (default: the date of the latest transaction) */
  asOf?: string;
  /** --encoding override */
  encoding?: string;
  /** --sheet: Excel sheet name or 0-based index of the --data workbooks (default: the first
   * sheet); a customers workbook is read from its first sheet (its sheet is another table) */
  sheet?: string | number;
  /** --day-first (true) / --month-first (false) for dates the data cannot decide (both loads) */
  dayFirst?: boolean;
  /** --strict: a value that cannot be read (a date or an amount), an implausible date or an
   * amount too large stops the load, naming its row, instead of leaving the row out */
  strict?: boolean;
  /** --keep-implausible-dates: keep rows dated before 1900 or after today (left out by default) */
  keepImplausibleDates?: boolean;
  /** --csv-table N: which table of a text file holding several (the --data files only) */
  csvTable?: number;
  /** --quiet: no progress and no informational lines; warnings and errors only */
  quiet?: boolean;
  /** do not build the customer relation (profile-like commands) */
  noBuild?: boolean;
  /** where messages go (default: process.stderr) */
  log?: (line: string) => void;
}

export interface OpenedData {
  workspace: Workspace;
  backend: NativeBackend;
  report: LoadReport;
  customersReport: LoadReport | null;
  /** the as-of of the built relation ('' when noBuild) */
  asOf: string;
  schema: CustomerSchema;
  close(): Promise<void>;
}

const ROLES = ['customer', 'date', 'amount', 'order'] as const;
/** examples of each kind of repair shown on stderr */
const REPAIR_EXAMPLES = 3;

/** `--map` values to a RoleMap; a CliError (exit 2) for anything that is not ROLE=EXPR. */
export function rolesFromMaps(maps: string[] = []): RoleMap {
  const out: RoleMap = {};
  for (const m of maps) {
    const eq = m.indexOf('=');
    const role = eq > 0 ? m.slice(0, eq).trim().toLowerCase() : '';
    const expr = eq > 0 ? m.slice(eq + 1).trim() : '';
    if (!role || !expr) throw new CliError(`--map takes ROLE=COLUMN or ROLE=EXPRESSION (e.g. --map "amount=Quantity * UnitPrice"), got '${m}'`);
    if (!(ROLES as readonly string[]).includes(role)) throw new CliError(`--map ${m}: unknown role '${role}'; the roles are ${ROLES.join(', ')}`);
    out[role as (typeof ROLES)[number]] = expr;
  }
  return out;
}

/** One issue as `severity: file, data row N, column 'C': message. hint`: the engine's wording
 * (rows are data rows, counted from 1 below the header), as `segmint profile` prints them. */
export function formatIssue(i: LoadIssue): string {
  return `${i.severity}: ${localIssue(i)}`;
}

/** An issue as the engine words it (`file, data row N, column 'C': message. hint`), in the
 * run's locale. */
export function localIssue(i: LoadIssue): string {
  if (locale() === 'en') return engineIssue(i);
  const where = [i.file, i.row !== undefined ? t('row-label', { row: i.row }) : i.line !== undefined ? t('line-label', { line: i.line }) : null, i.column !== undefined ? t('column-label', { column: i.column }) : null]
    .filter((x): x is string => x !== null && x !== '')
    .join('，');
  const m = engineText(i);
  return `${where ? `${where}：` : ''}${m.message}${m.hint ? `。${m.hint}` : ''}`;
}

/** `data row N` in the run's locale. */
function rowText(row: number): string {
  return locale() === 'en' ? rowLabel(row) : t('row-label', { row });
}


/** The load options the --encoding/--sheet/--day-first/--month-first/--strict/
 * --keep-implausible-dates flags give (the customers file: no sheet, no date range). */
function loadOptions(options: DataOptions, forData: boolean, onProgress?: (p: LoadProgress) => void): LoadOptions {
  return {
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(forData && options.sheet !== undefined ? { sheet: options.sheet } : {}),
    ...(options.dayFirst !== undefined ? { dayFirst: options.dayFirst } : {}),
    ...(options.strict ? { strict: true } : {}),
    ...(forData && options.keepImplausibleDates ? { keepImplausibleDates: true } : {}),
    ...(forData && options.csvTable !== undefined ? { table: options.csvTable } : {}),
    ...(onProgress ? { onProgress } : {})
  };
}

/** A failed load for stderr: the issues, one a line (file, row, column, what, what to do). When
 * no row could be used, the engine's summary: how many rows were left out for each reason, an
 * example of each, and what to do (decided by the issues' codes). */
export function loadErrorMessage(err: LoadError, what: string): string {
  const whatText = t(what === 'transactions' ? 'what.transactions' : 'what.customers');
  const cannot = t('cannot-load', { what: whatText });
  if (err.issues.length === 0) return t('cannot-load-detail', { what: whatText, detail: err.message });
  const [head, ...rest] = err.issues;
  if (head?.code === 'values.no_usable_rows') {
    const lines = [t('cannot-load-detail', { what: whatText, detail: `${head.file}: ${engineText(head).message}` })];
    for (const i of rest) {
      const n = Number(i.params?.count ?? 0);
      const value = i.params?.value;
      const example = i.row !== undefined ? t('eg-after', { example: `${i.file} ${rowText(i.row)}${value !== undefined ? ` '${String(value)}'` : ''}` }) : '';
      lines.push(`  ${t(n === 1 ? 'row-left-out' : 'rows-left-out', { count: n, reason: engineText(i).message })}${example}`);
    }
    const hints = [...new Set(rest.map((i) => engineText(i).hint).filter((h): h is string => h !== undefined))];
    const headHint = engineText(head).hint;
    for (const h of [...hints, ...(headHint !== undefined ? [headHint] : [])]) lines.push(`  ${t('what-to-do', { hint: h })}`);
    return lines.join('\n');
  }
  return [cannot, ...err.issues.map(formatIssue)].join('\n');
}

/** The notes of building the customers, as lines for stderr (warnings only when quiet). */
export function noticeLines(notices: BuildCustomersResult['notices'], quiet = false): string[] {
  return notices
    .filter((n) => !quiet || n.severity === 'warning')
    .map((n) => {
      const m = engineText(n);
      return `  ${n.severity === 'warning' ? t('warning') : t('note')}: ${m.message}${m.hint !== undefined ? `. ${m.hint}` : ''}`;
    });
}

/** Progress of a long load on a terminal: one line on stderr (files, rows, elapsed), rewritten in
 * place, shown only after `delayMs` and only when the stream is a TTY, cleared at the end. */
export class ProgressLine {
  private started = 0;
  private running = false;
  private last: LoadProgress | null = null;
  private shown = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private what = '';

  constructor(
    private readonly out: { isTTY?: boolean; columns?: number; write(text: string): unknown },
    private readonly options: { enabled: boolean; delayMs?: number; intervalMs?: number; now?: () => number } = { enabled: true }
  ) {}

  private get on(): boolean {
    return this.options.enabled && this.out.isTTY === true;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Starts timing a load of `what` (e.g. 'transactions'). */
  start(what: string): void {
    this.stop();
    this.what = what;
    this.started = this.now();
    this.running = true;
    this.last = null;
    if (!this.on) return;
    this.timer = setInterval(() => this.render(), this.options.intervalMs ?? 200);
    this.timer.unref?.();
  }

  /** The engine's progress (LoadOptions.onProgress). */
  readonly update = (p: LoadProgress): void => {
    this.last = p;
    this.render();
  };

  /** The line as shown (without the terminal's control characters), or null before the delay. */
  text(): string | null {
    const elapsed = this.now() - this.started;
    if (elapsed < (this.options.delayMs ?? 1000)) return null;
    const p = this.last;
    const parts = [`loading the ${this.what}`];
    if (p) {
      parts.push(`${p.filesDone}/${p.files} file${p.files === 1 ? '' : 's'}`);
      if (p.bytes > 0) parts.push(`${mb(p.bytesDone)}/${mb(p.bytes)}`);
      if (p.rows !== undefined) parts.push(`${p.rows.toLocaleString('en-US')} rows`);
    }
    parts.push(`${(elapsed / 1000).toFixed(1)} s`);
    return parts.join(', ');
  }

  private render(): void {
    if (!this.on || !this.running) return;
    const t = this.text();
    if (t === null) return;
    const width = this.out.columns !== undefined && this.out.columns > 1 ? this.out.columns - 1 : 200;
    this.out.write(`\r${t.slice(0, width)}\x1b[K`);
    this.shown = true;
  }

  /** Stops and clears the line (nothing is left on the terminal). */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.shown) this.out.write('\r\x1b[K');
    this.shown = false;
    this.running = false;
  }
}

function mb(n: number): string {
  return n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : `${(n / 1024 ** 2).toFixed(1)} MB`;
}

/** The role guesses and left-out rows of a load, as lines for stderr; `quiet`: only the rows
 * left out and the warnings (no file summary, no roles). */
export function describeLoad(report: LoadReport, what: string, quiet = false): string[] {
  const lines: string[] = [];
  const files = report.files.length === 1 ? report.files[0] : `${report.files.length} files`;
  const whatText = locale() === 'en' ? what : t(what === 'transactions' ? 'what.transactions' : 'what.customers');
  if (!quiet) lines.push(t('load-head', { what: whatText, files: files ?? '', rows: report.rows, format: report.format, encoding: report.encoding }));
  const guessed = ROLES.some((r) => report.roles[r] !== undefined && (report.roleSource[r] ?? 'guessed') === 'guessed');
  const roles = ROLES.filter((r) => report.roles[r] !== undefined).map((r) => `${r} = ${report.roles[r]} (${(report.roleSource[r] ?? 'guessed') === 'guessed' ? t('role-guessed') : report.roleSource[r]})`);
  if (roles.length && !quiet) lines.push(`  ${t('roles', { roles: roles.join(', ') })}`);
  if (guessed && !quiet) lines.push(`  ${t('set-role')}`);
  for (const l of report.leftOut) {
    if (l.count === 0) continue;
    const ex = l.examples
      .slice(0, 3)
      .map((e) => `${e.file} ${rowText(e.row)}${e.value !== '' ? ` '${e.value}'` : ''}`)
      .join('; ');
    lines.push(`  ${t(l.count === 1 ? 'row-left-out' : 'rows-left-out', { count: l.count, reason: engineText(l).message })}${ex ? t('eg-paren', { example: ex }) : ''}`);
  }
  // what the text reader repaired or left out (lines that were no data, skipped: not when quiet)
  for (const g of report.repairs) {
    if (quiet && g.action === 'skipped') continue;
    const [unit, verb] = g.action === 'repaired' ? ['row', 'repaired'] : g.action === 'left_out' ? ['row', 'left out'] : ['line', 'skipped'];
    const gm = engineText(g);
    lines.push(`  ${gm.message} (${g.count.toLocaleString('en-US')} ${unit}${g.count === 1 ? '' : 's'} ${verb})${gm.hint ? `. ${gm.hint}` : ''}`);
    for (const e of repairExampleLines(g, REPAIR_EXAMPLES)) lines.push(`    ${e}`);
    if (g.count > REPAIR_EXAMPLES) lines.push(`    ... and ${(g.count - REPAIR_EXAMPLES).toLocaleString('en-US')} more (segmint profile --json lists the examples kept)`);
  }
  for (const i of report.issues) if (i.severity !== 'info') lines.push(`  ${formatIssue(i)}`);
  return lines;
}

function inputPaths(args: string[], what: string): string[] {
  for (const a of args) {
    if (!/[*?]/.test(a) && !existsSync(a)) throw new CliError(`${what} '${a}' does not exist: give a file, a folder or a glob such as 'exports/*.csv'`);
  }
  let paths: string[];
  try {
    paths = expandInputs(args);
  } catch (err) {
    throw new CliError(`cannot read ${what} ${args.join(' ')}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (paths.length === 0) throw new CliError(`${what} ${args.join(' ')} matched no supported file (.csv .tsv .txt .xlsx .parquet .json .ndjson)`);
  return paths;
}


/** The data options every data command reads the same way (--data, --map, --customers,
 * --encoding and the load flags), with the run's as-of. */
export function dataOptionsOf(p: Parsed, data: string[], asOf: string | undefined): DataOptions {
  const customers = stringOpt(p, 'customers');
  const encoding = stringOpt(p, 'encoding');
  return {
    data,
    map: listOpt(p, 'map'),
    ...(customers !== undefined ? { customers } : {}),
    ...(asOf !== undefined ? { asOf } : {}),
    ...(encoding !== undefined ? { encoding } : {}),
    ...loadFlags(p)
  };
}
/**
 * Load --data (and --customers) into a Workspace on native DuckDB and build the customer
 * relation at --as-of. Any load problem is a CliError (exit 2) naming the file, row and column.
 */
export async function openData(options: DataOptions): Promise<OpenedData> {
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  if (options.data.length === 0) throw new CliError('--data is required: the transactions file(s), folder or glob');
  const roles = rolesFromMaps(options.map);
  const dataPaths = inputPaths(options.data, '--data');
  const customerPaths = options.customers !== undefined ? inputPaths([options.customers], '--customers') : null;
  const quiet = options.quiet ?? false;
  const progress = new ProgressLine(process.stderr, { enabled: !quiet });
  const backend = await NativeBackend.create();
  const close = () => {
    progress.stop();
    return backend.close();
  };
  try {
    const workspace = new Workspace(backend);
    let report: LoadReport;
    progress.start('transactions');
    try {
      report = await workspace.loadTransactions(dataPaths.map(nodeFile), { roles, ...loadOptions(options, true, progress.update) });
    } catch (err) {
      if (err instanceof LoadError) throw new CliError(loadErrorMessage(err, 'transactions'));
      throw err;
    } finally {
      progress.stop();
    }
    for (const line of describeLoad(report, 'transactions', quiet)) log(line);
    let customersReport: LoadReport | null = null;
    if (customerPaths) {
      // The customers file's id column: the column named like the transactions' customer
      // column when it has one, else guessed the same way.
      const files = customerPaths.map(nodeFile);
      const enc = loadOptions(options, false, progress.update);
      const txId = report.roles.customer;
      progress.start('customers file');
      try {
        try {
          customersReport = await workspace.loadCustomers(files, { ...enc, ...(txId ? { roles: { customer: txId } } : {}) });
          // not given by the user: taken from the transactions' customer column
          if (txId) customersReport = { ...customersReport, roleSource: { ...customersReport.roleSource, customer: 'guessed' } };
        } catch (err) {
          if (!(err instanceof LoadError) || !txId) throw err;
          customersReport = await workspace.loadCustomers(files, enc);
        }
      } catch (err) {
        if (err instanceof LoadError) throw new CliError(loadErrorMessage(err, 'customers file'));
        throw err;
      } finally {
        progress.stop();
      }
      for (const line of describeLoad(customersReport, 'customers file', quiet)) log(line);
    }
    let asOf = '';
    let schema: CustomerSchema = { fields: [] };
    if (!options.noBuild) {
      let built;
      try {
        built = await workspace.buildCustomers(options.asOf !== undefined ? { asOf: options.asOf } : {});
      } catch (err) {
        throw new CliError(err instanceof Error ? err.message : String(err));
      }
      asOf = built.asOf;
      schema = built.schema;
      for (const line of noticeLines(built.notices, quiet)) log(line);
      if (!quiet) log(t('built-customers', { count: built.customers, asOf }));
    }
    return { workspace, backend, report, customersReport, asOf, schema, close };
  } catch (err) {
    await close();
    throw err;
  }
}
