// The CLI's data plumbing: --data/--customers/--map/--as-of to a loaded Workspace on native
// DuckDB, with the role guesses and the rows left out printed to stderr.
import { existsSync } from 'node:fs';
import { LoadError, Workspace, formatIssue as engineIssue, rowLabel, type CustomerSchema, type LoadIssue, type LoadOptions, type LoadReport, type RoleMap } from '@segmint/engine';
import { NativeBackend, expandInputs, nodeFile } from '@segmint/engine/node';
import { CliError } from './args.js';

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
  return `${i.severity}: ${engineIssue(i)}`;
}


/** The load options the --encoding/--sheet/--day-first/--month-first flags give. */
function loadOptions(options: DataOptions, forData: boolean): LoadOptions {
  return {
    ...(options.encoding ? { encoding: options.encoding } : {}),
    ...(forData && options.sheet !== undefined ? { sheet: options.sheet } : {}),
    ...(options.dayFirst !== undefined ? { dayFirst: options.dayFirst } : {})
  };
}

function loadErrorMessage(err: LoadError, what: string): string {
  // The issues name the file, row and column; the message repeats the first one.
  if (err.issues.length === 0) return `cannot load the ${what}: ${err.message}`;
  return [`cannot load the ${what}:`, ...err.issues.map(formatIssue)].join('\n');
}

/** The role guesses and left-out rows of a load, as lines for stderr. */
export function describeLoad(report: LoadReport, what: string): string[] {
  const lines: string[] = [];
  const files = report.files.length === 1 ? report.files[0] : `${report.files.length} files`;
  lines.push(`${what}: ${files}: ${report.rows.toLocaleString('en-US')} rows (${report.format}, ${report.encoding})`);
  const roles = ROLES.filter((r) => report.roles[r] !== undefined).map((r) => `${r} = ${report.roles[r]} (${report.roleSource[r] ?? 'guessed'})`);
  if (roles.length) lines.push(`  roles: ${roles.join(', ')}`);
  if (roles.some((r) => r.endsWith('(guessed)'))) lines.push('  (set a role with --map ROLE=COLUMN if a guess is wrong)');
  for (const l of report.leftOut) {
    if (l.count === 0) continue;
    const ex = l.examples
      .slice(0, 3)
      .map((e) => `${e.file} ${rowLabel(e.row)}${e.value !== '' ? ` '${e.value}'` : ''}`)
      .join('; ');
    lines.push(`  ${l.count.toLocaleString('en-US')} rows left out: ${l.reason}${ex ? ` (e.g. ${ex})` : ''}`);
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
  const backend = await NativeBackend.create();
  const close = () => backend.close();
  try {
    const workspace = new Workspace(backend);
    let report: LoadReport;
    try {
      report = await workspace.loadTransactions(dataPaths.map(nodeFile), { roles, ...loadOptions(options, true) });
    } catch (err) {
      if (err instanceof LoadError) throw new CliError(loadErrorMessage(err, 'transactions'));
      throw err;
    }
    for (const line of describeLoad(report, 'transactions')) log(line);
    let customersReport: LoadReport | null = null;
    if (customerPaths) {
      // The customers file's id column: the column named like the transactions' customer
      // column when it has one, else guessed the same way.
      const files = customerPaths.map(nodeFile);
      const enc = loadOptions(options, false);
      const txId = report.roles.customer;
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
      }
      for (const line of describeLoad(customersReport, 'customers file')) log(line);
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
      for (const n of built.notes) log(`  note: ${n}`);
      log(`customers: ${built.customers.toLocaleString('en-US')} as of ${asOf}`);
    }
    return { workspace, backend, report, customersReport, asOf, schema, close };
  } catch (err) {
    await close();
    throw err;
  }
}
