// Reads one or more files into ONE staging table of text columns plus the source file and
// data row of every row (segmint_stage_raw). Conversion to numbers and dates happens later in
// SQL, so that every value that does not convert can be counted and shown with its row.
import type { Backend, InputFile, LoadIssue, LoadOptions, RepairGroup } from '../types.js';
import { LoadError } from '../types.js';
import { ident, str } from '../sql/quote.js';
import { binaryOffset, decodeText, detectEncoding, normaliseEncoding, KNOWN_ENCODINGS, type TextEncoding } from './encoding.js';
import { detectFormat, FORMAT_LABEL, type FileFormat } from './format.js';
import { DELIMITER_LABEL, sampleLines, sniffDialect, type Dialect } from './delimited.js';
import { transcodeToUtf8 } from './transcode.js';
import { readExcel } from './excel.js';
import { parseJson, parseNdjson } from './json.js';
import { checkParquet, readParquetJs } from './parquet.js';
import { uniqueNames, type JsTable } from './js-table.js';
import { asLoadError, fail, filesLabel, formatIssue } from './issues.js';
import { STAGE, SRC_FILE, SRC_FI, SRC_ROW } from './staging.js';
import { TYPE_SAMPLE_ROWS } from './infer.js';
import { BLANKS, yearFirst } from './sqlfns.js';

/** LoadOptions (maxBytes included) plus what only the engine's own callers and tests set. */
export interface IngestOptions extends LoadOptions {
  /** Convert the role columns of delimited text while reading where the first rows say that
   * pays (see transactions.ts); false reads every value as text first. The results are the
   * same either way (tests compare them). Default true. */
  convertWhileReading?: boolean;
}

export const DEFAULT_BROWSER_MAX_BYTES = 1024 ** 3;

/** How a role column can be converted while the file is read: `timestamp` (ISO dates and
 * timestamps as DuckDB's own cast reads them), `number` (what TRY_CAST AS DOUBLE reads,
 * below MAX_AMOUNT in size) or `id` (a customer or order id: trimmed, 17850.0 -> 17850; needs the macros of
 * sqlfns.ts). */
export type FastKind = 'timestamp' | 'number' | 'id';

/** A column converted while it is read: the raw view's column `as` holds the converted value;
 * the text column keeps only the values that did NOT convert (NULL where `as` is set), so the
 * exact, slower conversion and the examples of left-out rows still see every other value. */
export interface FastColumn {
  kind: FastKind;
  as: string;
}

export interface RawTable {
  table: string;
  /** every column of the files */
  columns: string[];
  /** the columns the raw view holds (all of them unless a pick chose fewer) */
  loaded: string[];
  files: string[];
  format: string;
  encoding: string;
  rows: number;
  issues: LoadIssue[];
  /** what the text reader repaired, left out or skipped */
  repairs: RepairGroup[];
  /** columns converted while read (see FastColumn), by column name */
  fast: Record<string, FastColumn>;
  /** the raw table's __r holds the data row numbers (JS tables); else (delimited text,
   * Parquet on disk) they follow from the insertion order (rowid) */
  explicitRows: boolean;
}

const SAMPLE_BYTES = 1 << 20;

interface Source {
  file: InputFile;
  name: string;
  key: string;
  format: FileFormat;
  columns: string[];
  describe: string;
  encoding: string;
  /** delimited text: how DuckDB reads it */
  csv?: { dialect: Dialect; transform: TextEncoding | null; bom: number };
  /** parsed in JS */
  js?: JsTable;
  /** native read_parquet from disk */
  parquetPath?: string;
}

function mb(n: number): string {
  return n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : `${(n / 1024 ** 2).toFixed(1)} MB`;
}

function displayNames(files: InputFile[]): string[] {
  const count = new Map<string, number>();
  for (const f of files) count.set(f.name, (count.get(f.name) ?? 0) + 1);
  return files.map((f, i) => ((count.get(f.name) ?? 0) > 1 ? (f.path ?? `${f.name} (#${i + 1})`) : f.name));
}

async function planFile(backend: Backend, file: InputFile, name: string, key: string, options: IngestOptions): Promise<Source> {
  if (file.size === 0) fail(name, 'is empty (0 bytes)', 'Export the data again; the file has no content at all');
  const head = await file.read(0, Math.min(file.size, SAMPLE_BYTES));
  const format = detectFormat(file.name, head);
  const base = { file, name, key, format };
  if (format === 'parquet') {
    await checkParquet({ ...file, name }, head);
    if (backend.kind === 'native' && file.path) {
      const rows = await backend.query(`DESCRIBE SELECT * FROM read_parquet(${str(file.path)})`).catch((err: unknown) => {
        fail(name, `cannot be read as Parquet (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`, 'The file may be damaged: export it again');
      });
      return { ...base, columns: rows.map((r) => String(r.column_name)), describe: 'Parquet', encoding: 'binary (Parquet)', parquetPath: file.path };
    }
    const js = await readParquetJs({ ...file, name });
    return { ...base, columns: js.columns, describe: 'Parquet', encoding: 'binary (Parquet)', js };
  }
  if (format === 'excel') {
    const { table, sheet, sheets } = readExcel(name, await file.read(), options.sheet);
    const describe = sheets.length > 1 ? `Excel, sheet '${sheet}' of ${sheets.length}` : `Excel, sheet '${sheet}'`;
    return { ...base, columns: table.columns, describe, encoding: 'binary (Excel)', js: table };
  }
  // text formats
  let enc: TextEncoding;
  let bom = 0;
  let reason: string;
  if (options.encoding) {
    const e = normaliseEncoding(options.encoding);
    if (!e) fail(name, `encoding '${options.encoding}' is not one Segmint knows`, `Use one of: ${KNOWN_ENCODINGS.join(', ')}`);
    enc = e;
    const d = detectEncoding(head);
    bom = d.encoding === e ? d.bom : 0;
    reason = 'given';
  } else {
    const d = detectEncoding(head);
    enc = d.encoding;
    bom = d.bom;
    reason = d.reason;
  }
  if (enc !== 'utf-16le' && enc !== 'utf-16be') {
    const at = binaryOffset(head);
    if (at >= 0)
      fail(name, `is not a text file: binary data at byte ${at + 1}`, `Load a CSV, TSV, Excel (.xlsx), Parquet or JSON file; if this is one, check that it was not damaged and that its extension matches its content`);
  }
  const complete = head.length >= file.size;
  const { text } = decodeText(head.subarray(bom), enc);
  if (format === 'json' || format === 'ndjson') {
    const all = complete ? text : decodeText((await file.read()).subarray(bom), enc).text;
    if (all.trim() === '') fail(name, 'is empty (no records)', 'Export the data again');
    const js = format === 'json' ? parseJson(name, all) : parseNdjson(name, all);
    return { ...base, columns: js.columns, describe: FORMAT_LABEL[format], encoding: enc, js };
  }
  const lines = sampleLines(text, complete);
  if (lines.length === 0) fail(name, 'is empty (no lines of text)', 'Export the data again; the file holds only blank space');
  const dialect = sniffDialect(lines);
  dialect.columns = uniqueNames(dialect.columns);
  // DuckDB reads UTF-8 (with or without BOM) from disk itself; anything else is decoded here
  // and handed over as UTF-8 (tab-separated for whitespace-separated text).
  const transform = enc !== 'utf-8' || dialect.delimiter === 'whitespace' ? enc : null;
  const encodingLabel = `${enc}${bom ? ' (with BOM)' : ''}${reason === 'given' ? ' (given)' : ''}`;
  const describe = `delimited text (${DELIMITER_LABEL[dialect.delimiter]}-separated, ${dialect.header ? 'with header' : 'no header'})`;
  return { ...base, columns: dialect.columns, describe, encoding: encodingLabel, csv: { dialect, transform, bom } };
}

function sameColumns(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x.trim().toLowerCase() === b[i]!.trim().toLowerCase());
}

/** Chooses the columns to read in full, given a sample (the first rows, every column), and
 * optionally which of them to convert while reading (delimited text only). */
export type PickColumns = (sample: { table: string; columns: string[]; files: string[] }) => Promise<string[] | { columns: string[]; fast: Record<string, FastKind> }>;

/** SQL: the value of text `v` converted the cheap way, NULL where that does not apply. The
 * timestamp test is the fast path of segmint_ts_of (text starting with a four-digit year and
 * '-' or '/', read by DuckDB's cast); the number is TRY_CAST AS DOUBLE, finite values under MAX_AMOUNT only (the
 * fast path of segmint_num when the column has no decimal comma). */
export function fastSql(kind: FastKind, v: string): string {
  if (kind === 'id') return `CASE WHEN ${fastIdTest(v)} THEN ${v} END`;
  return kind === 'timestamp' ? `CASE WHEN ${yearFirst(v)} THEN TRY_CAST(${v} AS TIMESTAMP) END` : `CASE WHEN abs(TRY_CAST(${v} AS DOUBLE)) < ${MAX_AMOUNT} THEN TRY_CAST(${v} AS DOUBLE) END`;
}

/** SQL: text `v` that is its own id as segmint_customer_of(segmint_trim(v)) reads it (not
 * empty, no blank at either end, no '.'): the other values, 17850.0 or ' C1 ', take the exact
 * path. Cheap tests only (ascii, ends_with): these run on every row of the file. */
function fastIdTest(v: string): string {
  const codes = [...BLANKS].map((c) => c.codePointAt(0)).join(', ');
  return `${v} <> '' AND NOT contains(${v}, '.') AND ascii(${v}) NOT IN (${codes}) AND NOT (${[...BLANKS].map((b) => `ends_with(${v}, ${str(b)})`).join(' OR ')})`;
}

/** Amounts from 10^14 on are left out (the metrics sum amounts as DECIMAL(18, 4)). */
export const MAX_AMOUNT = '1e14';

const FAST_TYPE: Record<FastKind, string> = { timestamp: 'TIMESTAMP', number: 'DOUBLE', id: 'VARCHAR' };

/** Reads all files into the raw staging view (text columns + source file and row); throws
 * LoadError naming the file on problems. With `pick`, the files are read twice: the first
 * TYPE_SAMPLE_ROWS rows with every column, then every row of the columns `pick` asks for only
 * (a transactions load needs 3-5 columns of a wide export; the others cost memory). */
export async function readRaw(backend: Backend, files: InputFile[], options: IngestOptions = {}, pick?: PickColumns): Promise<RawTable> {
  if (files.length === 0) throw new LoadError('no files to load', [{ severity: 'error', file: '', message: 'no files to load', hint: 'Give at least one file or folder' }]);
  const names = displayNames(files);
  const total = files.reduce((s, f) => s + f.size, 0);
  const limit = options.maxBytes ?? (backend.kind === 'wasm' ? DEFAULT_BROWSER_MAX_BYTES : Infinity);
  if (total > limit) {
    const biggest = files.reduce((a, b) => (b.size > a.size ? b : a));
    const where = files.length > 1 ? `the ${files.length} files hold ${mb(total)} in all (the biggest, ${biggest.name}, ${mb(biggest.size)})` : `it is ${mb(total)}`;
    fail(files.length > 1 ? filesLabel(names) : names[0]!, `is too big to load here: ${where}, over the limit of ${mb(limit)} this browser tab can hold`, 'Use the segmint command line (native DuckDB, no such limit) or load fewer days/columns, e.g. as Parquet, which is much smaller');
  }
  const sources: Source[] = [];
  for (let i = 0; i < files.length; i++) sources.push(await planFile(backend, files[i]!, names[i]!, `f${i}`, options));
  const first = sources[0]!;
  for (const s of sources.slice(1)) {
    if (!sameColumns(s.columns, first.columns)) {
      const a = new Set(first.columns.map((c) => c.toLowerCase()));
      const b = new Set(s.columns.map((c) => c.toLowerCase()));
      const missing = first.columns.filter((c) => !b.has(c.toLowerCase()));
      const extra = s.columns.filter((c) => !a.has(c.toLowerCase()));
      const diff = [missing.length ? `missing ${missing.map((c) => `'${c}'`).join(', ')}` : '', extra.length ? `extra ${extra.map((c) => `'${c}'`).join(', ')}` : '']
        .filter(Boolean)
        .join('; ');
      fail(
        s.name,
        `has different columns from ${first.name} (${diff || 'same names in another order'}): [${s.columns.join(', ')}] vs [${first.columns.join(', ')}]`,
        'All files loaded together must have the same columns in the same order; load this file separately or fix its header'
      );
    }
  }
  const columns = first.columns;
  // Make every text file readable by DuckDB once (re-encoded where needed), for both passes.
  const pathName = new Map<string, string>();
  const groups = new Map<string, { dialect: Dialect; paths: string[] }>();
  for (const s of sources) {
    if (!s.csv) continue;
    let path: string;
    if (s.csv.transform) {
      const t = await transcodeToUtf8(s.file, s.csv.transform, s.csv.bom, s.csv.dialect.delimiter === 'whitespace');
      if (t.replaced > 0 && s.csv.transform !== 'windows-1252') {
        fail(s.name, `has ${t.replaced} bytes that are not valid ${s.csv.transform} (first on line ${t.firstBadLine})`, `Load it with another encoding (e.g. encoding=gb18030 for Chinese Windows, utf-8, utf-16le), or re-export it as UTF-8`);
      }
      path = await backend.registerFile(`${s.key}.csv`, t.bytes);
    } else if (s.file.path) path = s.file.path;
    // UTF-8 without a path (the browser): DuckDB reads the bytes as they are (BOM included),
    // from the File itself where the backend can
    else if (s.file.blob && backend.registerBlob) path = await backend.registerBlob(`${s.key}.csv`, s.file.blob);
    else path = await backend.registerFile(`${s.key}.csv`, await s.file.read());
    pathName.set(path, s.name);
    const k = `${s.csv.dialect.delimiter}|${s.csv.dialect.header}`;
    const g = groups.get(k) ?? { dialect: s.csv.dialect, paths: [] };
    g.paths.push(path);
    groups.set(k, g);
  }
  for (const s of sources) {
    if (s.parquetPath) pathName.set(s.parquetPath, s.name);
    if (s.js) pathName.set(s.key, s.name);
  }
  const plan: LoadPlan = { sources, columns, pathName, groups };
  const noRows = () => {
    const what = first.csv && !first.csv.dialect.header ? 'has no data rows' : `has a header (${columns.join(', ')}) but no data rows`;
    fail(files.length > 1 ? filesLabel(names) : first.name, what, 'Export the data again including its rows; check the export filter or date range');
  };
  let loaded = columns;
  let fastKinds: Record<string, FastKind> = {};
  if (pick) {
    // first pass: the first rows, every column (types and roles are decided from them)
    const { rejected } = await loadRows(backend, plan, columns, TYPE_SAMPLE_ROWS);
    if (rejected) await loadRows(backend, plan, columns, null); // throws, with every bad row counted
    const sampled = await fileRows(backend);
    if (sampled.size === 0) noRows();
    const picked = await pick({ table: STAGE.raw, columns, files: sources.map((s) => s.name) });
    const wanted = Array.isArray(picked) ? picked : picked.columns;
    loaded = wanted.length === 0 ? columns.slice(0, 1) : columns.filter((c) => wanted.includes(c));
    // converting while reading needs DuckDB's own reader (CSV, Parquet on disk) for every file
    if (!Array.isArray(picked) && sources.every((s) => s.csv || s.parquetPath)) fastKinds = picked.fast;
  }
  const fast: Record<string, FastColumn> = {};
  loaded.forEach((c, k) => {
    const kind = fastKinds[c];
    if (kind) fast[c] = { kind, as: `__segmint_fast_${k}` };
  });
  // the full read (only the columns asked for)
  await loadRows(backend, plan, loaded, null, fast);
  const perFile = await fileRows(backend);
  const rows = [...perFile.values()].reduce((a, b) => a + b, 0);
  if (rows === 0) noRows();
  const issues: LoadIssue[] = [];
  for (const s of sources.filter((x) => !perFile.get(x.name)))
    issues.push({ severity: 'warning', file: s.name, message: 'has a header but no data rows', hint: 'Nothing was read from it; the other files loaded' });
  const uniq = (xs: string[]) => [...new Set(xs)];
  return {
    table: STAGE.raw,
    columns,
    loaded,
    files: sources.map((s) => s.name),
    format: uniq(sources.map((s) => s.describe)).join('; '),
    encoding: uniq(sources.map((s) => s.encoding)).join('; '),
    rows,
    issues,
    repairs: [],
    fast,
    explicitRows: sources.some((s) => s.js !== undefined)
  };
}

interface LoadPlan {
  sources: Source[];
  columns: string[];
  /** DuckDB path (or key of a JS table) -> the file's display name */
  pathName: Map<string, string>;
  groups: Map<string, { dialect: Dialect; paths: string[] }>;
}

async function fileRows(backend: Backend): Promise<Map<string, number>> {
  const counts = await backend.query(`SELECT name AS f, rows AS n FROM ${ident(STAGE.files)}`);
  return new Map(counts.map((r) => [String(r.f), Number(r.n)]));
}

/** (Re)builds raw0 with the `load` columns of every file (the first `limit` rows when given),
 * the per-file table and the raw view. */
async function loadRows(backend: Backend, plan: LoadPlan, load: string[], limit: number | null, fast: Record<string, FastColumn> = {}): Promise<{ rejected: boolean }> {
  const { sources, columns, pathName, groups } = plan;
  let rejected = false;
  const idx = load.map((c) => columns.indexOf(c));
  const lim = limit === null ? '' : ` LIMIT ${Math.floor(limit)}`;
  const fastCols = load.filter((c) => fast[c]).map((c) => fast[c]!);
  // The text of the columns converted while read is kept only for the rows where one of them
  // was not (few), as one list (__t): a VARCHAR column per converted column would cost 16 bytes
  // a row even where it is NULL (160 MB at 10M rows).
  const listed = load.filter((c) => fast[c]);
  const plain = load.filter((c) => !fast[c]);
  const defs = [...plain.map((c) => `${ident(c)} VARCHAR`), ...fastCols.map((f) => `${ident(f.as)} ${FAST_TYPE[f.kind]}`), ...(listed.length ? ['__t VARCHAR[]'] : []), '__p VARCHAR', '__r BIGINT'];
  await backend.exec(`DROP VIEW IF EXISTS ${ident(STAGE.raw)}`);
  await backend.exec(`CREATE OR REPLACE TABLE ${ident(STAGE.raw0)} (${defs.join(', ')})`);
  const fastExprs = listed.map((c) => `${fastSql(fast[c]!.kind, `c${columns.indexOf(c)}`)} AS ${ident(fast[c]!.as)}`);
  const someUnconverted = fastCols.map((f) => `${ident(f.as)} IS NULL`).join(' OR ');
  const textList = `CASE WHEN ${someUnconverted} THEN [${listed.map((c) => `c${columns.indexOf(c)}`).join(', ')}] END`;
  /** INSERT into raw0 of DuckDB reader's rows (`from`: a FROM item giving c0..cN as text and
   * __p; the data row numbers follow from the insertion order), converting while read when
   * asked */
  const insertSql = (from: string) =>
    fastExprs.length
      ? `INSERT INTO ${ident(STAGE.raw0)} SELECT ${plain.map((c) => `c${columns.indexOf(c)}, `).join('')}${fastCols.map((f) => `${ident(f.as)}, `).join('')}${textList}, __p, NULL FROM (SELECT *, ${fastExprs.join(', ')} FROM ${from})`
      : `INSERT INTO ${ident(STAGE.raw0)} SELECT ${idx.map((i) => `c${i}, `).join('')}__p, NULL FROM ${from}`;
  // delimited text: one read_csv per dialect, over all files of that dialect
  for (const { dialect, paths } of groups.values()) {
    const ws = dialect.delimiter === 'whitespace';
    const delim = ws ? '\t' : dialect.delimiter;
    const colSpec = columns.map((_, i) => `${str(`c${i}`)}: 'VARCHAR'`).join(', ');
    const opts = [
      `columns = {${colSpec}}`,
      `header = ${dialect.header}`,
      `delim = ${str(delim)}`,
      ws ? `quote = '', escape = ''` : `quote = '"', escape = '"'`,
      'auto_detect = false',
      `filename = '__p'`,
      'store_rejects = true',
      `rejects_table = ${str(STAGE.rejects)}`,
      `rejects_scan = ${str(STAGE.rejectScans)}`
    ].join(', ');
    await backend.exec(`DROP TABLE IF EXISTS ${ident(STAGE.rejects)}`);
    await backend.exec(`DROP TABLE IF EXISTS ${ident(STAGE.rejectScans)}`);
    try {
      // (row numbers follow from the insertion order)
      await backend.exec(insertSql(`read_csv([${paths.map(str).join(', ')}], ${opts})${lim}`));
    } catch (err) {
      throw asLoadError(err, filesLabel(paths.map((p) => pathName.get(p) ?? p)), 'cannot be read as delimited text', 'Check that every file is text with one header line and the same separator (comma, tab, semicolon or pipe), and that quotes are balanced');
    }
    // A row DuckDB could not read fails the load: with every example when reading in full; a
    // sample that met one reports it to the caller, which then reads in full to count them all.
    if (limit === null) await checkRejects(backend, pathName, dialect, columns.length);
    else if (Number((await backend.query(`SELECT count(*) AS n FROM ${ident(STAGE.rejects)}`))[0]?.n ?? 0) > 0) rejected = true;
  }
  // Parquet on native: straight from disk, each value as text (as a CSV's), converted while read
  // like a CSV's role columns when asked
  for (const s of sources) {
    if (!s.parquetPath) continue;
    // (row numbers follow from the insertion order, as a CSV's: read_parquet's file_row_number
    // cannot be renamed and fails on a file with a column of that name; the file name column is
    // renamed away from the file's own 'filename')
    const inner = `SELECT ${load.map((c) => `CAST(${ident(c)} AS VARCHAR) AS c${columns.indexOf(c)}, `).join('')}__segmint_p AS __p
      FROM read_parquet(${str(s.parquetPath)}, filename = '__segmint_p')${lim}`;
    try {
      await backend.exec(insertSql(`(${inner})`));
    } catch (err) {
      throw asLoadError(err, s.name, 'cannot be read as Parquet', 'The file may be damaged or cut off: export it again');
    }
  }
  // tables read in JS (Excel, JSON, Parquet in the browser)
  for (const s of sources) {
    if (!s.js) continue;
    const t = s.js;
    const rows = limit === null ? t.rows : t.rows.slice(0, limit);
    await backend.insertColumns(STAGE.part, [
      ...idx.map((c, k) => ({ name: `c${k}`, type: 'text' as const, values: rows.map((r) => r[c] ?? null) })),
      { name: '__p', type: 'text' as const, values: rows.map(() => s.key) },
      { name: '__r', type: 'number' as const, values: t.rowNumbers.slice(0, rows.length) }
    ]);
    await backend.exec(`INSERT INTO ${ident(STAGE.raw0)} SELECT * FROM ${ident(STAGE.part)}`);
    await backend.exec(`DROP TABLE ${ident(STAGE.part)}`);
  }
  // Source file names and data-row numbers, from the insertion order (rowid) minus the first
  // rowid of each file. `raw` is a VIEW over raw0 joined to this one-row-per-file table: no copy
  // of the data, and a cheap hash join where the rows are read.
  await backend.insertColumns(STAGE.names, [
    { name: 'p', type: 'text', values: [...pathName.keys()] },
    { name: 'name', type: 'text', values: [...pathName.values()] },
    { name: 'i', type: 'number', values: [...pathName.keys()].map((_, i) => i) }
  ]);
  await backend.exec(
    `CREATE OR REPLACE TABLE ${ident(STAGE.files)} AS
     SELECT n.p AS p, n.name AS name, CAST(n.i AS INTEGER) AS i, o.first AS first, o.rows AS rows
     FROM ${ident(STAGE.names)} n JOIN (SELECT __p, min(rowid) AS first, count(*) AS rows FROM ${ident(STAGE.raw0)} GROUP BY __p) o ON o.__p = n.p`
  );
  await backend.exec(`DROP TABLE IF EXISTS ${ident(STAGE.names)}`);
  // the text of a converted column only where the cheap conversion did not apply
  const text = (c: string) => (fast[c] ? `CASE WHEN r.${ident(fast[c].as)} IS NULL THEN r.__t[${listed.indexOf(c) + 1}] END AS ${ident(c)}` : `r.${ident(c)}`);
  const viewCols = [...load.map(text), ...fastCols.map((f) => `r.${ident(f.as)}`)].join(', ');
  // one file (the common case): no join at all; the name is a quoted literal
  const only = pathName.size === 1 ? [...pathName.values()][0]! : null;
  await backend.exec(
    only !== null
      ? `CREATE OR REPLACE VIEW ${ident(STAGE.raw)} AS
         SELECT ${viewCols}, ${str(only)} AS ${ident(SRC_FILE)}, 0 AS ${ident(SRC_FI)}, CAST(coalesce(r.__r, r.rowid + 1) AS BIGINT) AS ${ident(SRC_ROW)}
         FROM ${ident(STAGE.raw0)} r`
      : `CREATE OR REPLACE VIEW ${ident(STAGE.raw)} AS
         SELECT ${viewCols}, f.name AS ${ident(SRC_FILE)}, f.i AS ${ident(SRC_FI)}, CAST(coalesce(r.__r, r.rowid - f.first + 1) AS BIGINT) AS ${ident(SRC_ROW)}
         FROM ${ident(STAGE.raw0)} r JOIN ${ident(STAGE.files)} f ON r.__p = f.p`
  );
  return { rejected };
}

async function checkRejects(backend: Backend, pathName: Map<string, string>, dialect: Dialect, width: number): Promise<void> {
  const n = await backend.query(`SELECT count(DISTINCT (file_id, line)) AS n FROM ${ident(STAGE.rejects)}`).catch(() => [{ n: 0 }]);
  const count = Number(n[0]?.n ?? 0);
  if (count === 0) return;
  const rows = await backend.query(
    `SELECT DISTINCT ON (s.file_path, e.line) s.file_path AS path, e.line AS line, e.error_type AS type, e.csv_line AS text, e.error_message AS msg
     FROM ${ident(STAGE.rejects)} e JOIN ${ident(STAGE.rejectScans)} s ON e.scan_id = s.scan_id AND e.file_id = s.file_id
     ORDER BY s.file_path, e.line LIMIT 5`
  );
  const sep = DELIMITER_LABEL[dialect.delimiter];
  const issues: LoadIssue[] = rows.map((r) => {
    const file = pathName.get(String(r.path)) ?? String(r.path);
    const line = Number(r.line);
    const row = dialect.header ? line - 1 : line;
    const type = String(r.type);
    const found = /Found: (\d+)/.exec(String(r.msg))?.[1];
    if (type === 'MISSING COLUMNS' || type === 'TOO MANY COLUMNS')
      return {
        severity: 'error',
        file,
        row,
        message: `has ${found ?? (type === 'MISSING COLUMNS' ? 'fewer' : 'more')} fields where the header has ${width} (line ${line} of the file: ${JSON.stringify(String(r.text).slice(0, 80))})`,
        hint: `Every row needs exactly ${width} ${sep}-separated fields: fix or remove the row, or put quotes around values that contain a ${sep}`
      };
    if (/unicode|encoding/i.test(type) || /unicode/i.test(String(r.msg)))
      return { severity: 'error', file, row, message: `has bytes that are not valid UTF-8 (line ${line} of the file)`, hint: 'Load it with encoding=gb18030 (Chinese Windows) or another encoding, or re-export it as UTF-8' };
    if (/unterminated quote/i.test(String(r.msg)))
      return { severity: 'error', file, row, message: `opens a quote (") that is never closed (line ${line} of the file)`, hint: 'Close the quote or remove it; a value containing a quote must double it ("")' };
    return { severity: 'error', file, row, message: `cannot be read: ${String(r.msg)} (line ${line} of the file)`, hint: 'Check the quoting and separators of that line' };
  });
  const ragged = rows.some((r) => String(r.type).includes('COLUMNS'));
  const unicode = issues.some((i) => /not valid UTF-8/.test(i.message));
  const head = ragged
    ? `${count} row${count === 1 ? '' : 's'} with the wrong number of fields`
    : unicode
      ? `${count} row${count === 1 ? '' : 's'} that are not valid UTF-8 text`
      : `${count} row${count === 1 ? '' : 's'} that cannot be read`;
  throw new LoadError(`${head}; nothing was loaded:\n${issues.map((i) => '  ' + formatIssue(i)).join('\n')}`, issues);
}

