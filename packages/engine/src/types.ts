// The engine's contracts, shared by both backends, the CLI, the strategy layer and the app.
// Changing a shape here is a cross-package change: update every user in the same commit.
import type { MessageCode, Params } from './messages/index.js';

/** A value as it comes back from DuckDB, normalised for JS: BIGINT/HUGEINT -> number when
 * safe else string, DATE -> 'YYYY-MM-DD', TIMESTAMP -> 'YYYY-MM-DD HH:MM:SS', DECIMAL -> number. */
export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

/** One DuckDB database, native (Node) or duckdb-wasm (browser). Everything runs as SQL. */
export interface Backend {
  readonly kind: 'native' | 'wasm';
  /** Run statements that return nothing. `params` bind to `$1, $2, ...` / `?`. */
  exec(sql: string, params?: readonly Cell[]): Promise<void>;
  /** Run a query and return all rows (use LIMIT for big results). */
  query(sql: string, params?: readonly Cell[]): Promise<Row[]>;
  /** Make bytes readable by DuckDB under `name` (e.g. for read_csv('name')). In Node this
   * writes a temporary file; in the browser it registers a virtual file, taking over the
   * bytes' buffer when they fill it (it is detached afterwards: a file's bytes are not copied
   * a second time). Returns the path to use in SQL. */
  registerFile(name: string, bytes: Uint8Array): Promise<string>;
  /** Make a browser File readable by DuckDB where it is, without reading it into memory first
   * (duckdb-wasm reads the parts it needs). Backends that cannot do so leave it out. */
  registerBlob?(name: string, blob: Blob): Promise<string>;
  /** Create (or replace) table `table` from column arrays (used for Excel/Parquet/JSON read
   * in JS, where the backend has no reader). */
  insertColumns(table: string, columns: ColumnData[]): Promise<void>;
  close(): Promise<void>;
}

export interface ColumnData {
  name: string;
  type: 'number' | 'text' | 'date' | 'timestamp' | 'boolean';
  values: ReadonlyArray<string | number | boolean | null>;
}

/** Field types the rules language knows. */
export type FieldType = 'number' | 'text' | 'date' | 'boolean';

export interface SchemaField {
  name: string;
  type: FieldType;
  /** true when at least one customer has a missing (NULL) value. */
  hasNulls: boolean;
  /** a built-in metric (R, F, M, ...) rather than a column of the data. */
  builtin: boolean;
}

/** What the rules checker resolves fields against: the columns of the customer relation. */
export interface CustomerSchema {
  fields: SchemaField[];
}

export type Role = 'customer' | 'date' | 'amount' | 'order';

/** How each role is taken from the transaction columns: a column name or an expression of
 * columns in the rules language (amount = `Quantity * UnitPrice`). */
export type RoleMap = Partial<Record<Role, string>>;

/** A problem found while loading: names the file, and where possible row and column. The
 * `code` and `params` are what programs read (the app renders them in the user's language from
 * the engine's catalogues, see messages/); `message` and `hint` are the English text. */
export interface LoadIssue {
  severity: 'error' | 'warning' | 'info';
  /** stable code of the message catalogue (e.g. 'text.row_too_many_fields') */
  code: MessageCode;
  params: Params;
  file: string;
  /** 1-based data row in the file (header excluded), when known. */
  row?: number;
  /** 1-based line of the file (text files), when known */
  line?: number;
  column?: string;
  message: string;
  /** what the user can do about it */
  hint?: string;
}

/** One row (or line) the reader repaired, left out or skipped, with its text before and after. */
export interface RowRepair {
  file: string;
  /** 1-based line of the file where the record starts */
  line: number;
  /** 1-based data row (records after the header), when the record is a data row */
  row?: number;
  /** the record's text as in the file (cut at 200 characters) */
  before: string;
  /** the record as read after the repair (fields joined by the file's separator); absent when
   * the record was left out or skipped */
  after?: string;
  /** a row left out because it could be read in several ways: those readings */
  readings?: string[];
}

/** All the repairs of one kind in a load: what was wrong and what was done, how often, and the
 * rows (every one up to REPAIR_EXAMPLES_MAX; `count` is always exact). */
export interface RepairGroup {
  code: MessageCode;
  params: Params;
  /** repaired: the row was read (changed as shown); left_out: the row was not read;
   * skipped: the line was no data (a title, a blank line, a footer, a repeated header) */
  action: 'repaired' | 'left_out' | 'skipped';
  count: number;
  examples: RowRepair[];
  /** English text from the catalogue */
  message: string;
  hint?: string;
}

/** How a file was read, as data (the app words it in the user's language; `format` is the
 * English wording). */
export interface FormatInfo {
  kind: 'delimited' | 'excel' | 'parquet' | 'json' | 'ndjson';
  /** delimited text */
  delimiter?: 'comma' | 'tab' | 'semicolon' | 'pipe' | 'single-space' | 'whitespace';
  header?: boolean;
  /** Excel: the sheet read, and how many the workbook has */
  sheet?: string;
  sheets?: number;
}

export interface LoadReport {
  files: string[];
  encoding: string;
  format: string;
  /** the same as data, one per distinct way the files were read */
  formats: FormatInfo[];
  rows: number;
  columns: { name: string; type: string }[];
  roles: RoleMap;
  /** how each role was decided: 'given' (user), 'guessed' (name/type) */
  roleSource: Partial<Record<Role, 'given' | 'guessed'>>;
  /** rows left out of the customer relation, with reasons and examples */
  leftOut: { reason: string; code?: MessageCode; params?: Params; count: number; examples: { file: string; row: number; value: string }[] }[];
  /** what the reader of text files repaired, left out or skipped (see RepairGroup) */
  repairs: RepairGroup[];
  issues: LoadIssue[];
}

/** The per-segment numbers a strategist reads (see ../shared/spec/metrics.md). */
export interface SegmentSummary {
  /** segment id, or null for unassigned customers */
  segment: string | null;
  label: string | null;
  customers: number;
  share: number;
  M: number;
  shareM: number;
  R: Stat;
  F: Stat;
  Mstat: Stat;
  /** sum of F (purchases) over the segment's customers: with M, the average order value
   * (M / Fsum); null when no customer of the segment has F */
  Fsum: number | null;
  /** share of the segment's customers with F >= 2 among those with a known F; null when none
   * has F (an empty segment, or a relation without F) */
  repurchaseRate: number | null;
}
export interface Stat {
  mean: number | null;
  median: number | null;
  min: number | null;
  max: number | null;
}

/** A file to load, in Node or the browser. `read` returns a byte range (end exclusive; no
 * arguments = the whole file). `path` is set only when the native backend can read the file
 * directly from disk (Node), which lets DuckDB stream huge files without copying them. */
export interface InputFile {
  name: string;
  size: number;
  read(start?: number, end?: number): Promise<Uint8Array>;
  path?: string;
  /** the browser's File itself: duckdb-wasm can read it in place (see Backend.registerBlob) */
  blob?: Blob;
}

export interface LoadOptions {
  roles?: RoleMap;
  /** override the detected encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | ... */
  encoding?: string;
  /** Excel sheet name or 0-based index (default: the first sheet) */
  sheet?: string | number;
  /** decide DD/MM vs MM/DD when the data cannot */
  dayFirst?: boolean;
  /** Largest total size in bytes of the files of one load, checked before anything is read; a
   * bigger load fails with a LoadError saying so (and the previous data stays). Default: 1 GiB
   * on the browser backend (duckdb-wasm holds every file in the tab's memory), no limit on
   * native DuckDB. */
  maxBytes?: number;
  /** Refuse instead of repairing: the first row the reader would repair or leave out (and any
   * value that cannot be read) fails the load, naming it. Default false (lenient). */
  strict?: boolean;
  /** Keep rows dated before 1900 or after today. By default they are left out and reported
   * (code values.date_implausible), so they never set the default as-of; kept, they count like
   * any other row (the latest may then set the as-of) and a warning says so. */
  keepImplausibleDates?: boolean;
  /** A text file holding several tables (each with its own header): which one to read,
   * 1-based. Default: the first; the others are reported. */
  table?: number;
  /** Called while files are read (at most every few hundred ms). */
  onProgress?: (p: LoadProgress) => void;
  /** Aborting it stops the load at the next chunk of a file or between two statements, with a
   * LoadError of code file.cancelled; the data loaded before stays as it was. */
  signal?: AbortSignal;
}

export interface LoadProgress {
  files: number;
  filesDone: number;
  bytes: number;
  bytesDone: number;
  /** rows read so far, when known */
  rows?: number;
}

/** Thrown when a file cannot be loaded; the previously loaded data stays as it was. */
export class LoadError extends Error {
  constructor(
    message: string,
    readonly issues: LoadIssue[],
    /** the file's columns, when they were read before the load failed (the app offers them
     * in its load settings) */
    readonly columns?: string[]
  ) {
    super(message);
    this.name = 'LoadError';
  }
}

/** The result of running a rule file over the customer relation. */
export interface SegmentationResult {
  /** table holding one row per customer: customer, segment, one boolean per tag, defines */
  table: string;
  /** false when the run only computed the numbers (the live-typing path): `table` was not written */
  materialized: boolean;
  asOf: string;
  segments: { id: string; label: string | null }[];
  tags: { id: string; label: string | null; customers: number }[];
  summary: SegmentSummary[];
  total: number;
  sql: string;
}

/**
 * One loaded data set on one backend: what the app, the CLI and the strategy layer use.
 * Tables it keeps in DuckDB (names are fixed; users' names never become table names):
 *  - segmint_tx:      customer VARCHAR, ts TIMESTAMP, amount DOUBLE, order_id VARCHAR,
 *                     src_file VARCHAR, src_row BIGINT   (normalised transactions; a table,
 *                     or a view over segmint_tx_rows and segmint_tx_extra when the file's
 *                     values were converted while read: see ingest/transactions.ts)
 *  - segmint_attrs:   customer VARCHAR + the customer file's columns (optional)
 *  - customers:       the customer relation of ../shared/spec/metrics.md: customer, R, F, M,
 *                     T, AOV, first_purchase, last_purchase, R_score, F_score, M_score, RFM,
 *                     then the attribute columns
 *  - segmented:       the last segmentation (see SegmentationResult)
 */
export interface WorkspaceApi {
  readonly backend: Backend;
  loadTransactions(files: InputFile[], options?: LoadOptions): Promise<LoadReport>;
  loadCustomers(files: InputFile[], options?: LoadOptions): Promise<LoadReport>;
  /** (Re)build `customers` at as_of (default: date of the latest transaction). */
  buildCustomers(options?: { asOf?: string }): Promise<{ asOf: string; customers: number; schema: CustomerSchema }>;
  schema(): Promise<CustomerSchema>;
}
