// Reads one or more files into ONE staging table of text columns plus the source file and
// data row of every row (segmint_stage_raw). Conversion to numbers and dates happens later in
// SQL, so that every value that does not convert can be counted and shown with its row.
import type { Backend, FormatInfo, InputFile, LoadIssue, LoadOptions, RepairGroup } from '../types.js';
import { LoadError } from '../types.js';
import { ident, str } from '../sql/quote.js';
import { decodeText, detectEncoding, normaliseEncoding, KNOWN_ENCODINGS, type DetectedEncoding, type TextEncoding } from './encoding.js';
import { detectFormat, FORMAT_LABEL, type FileFormat } from './format.js';
import { decodeChunks, decodeStats, transcodeToUtf8 } from './transcode.js';
import { LineSplitter } from './text/lines.js';
import { sniffDialect, sniffLayout } from './text/sniff.js';
import { scanClean, type ScanResult } from './text/scan.js';
import { describeDialect, dialectInfo, readLenient } from './text/reader.js';
import { RepairLog } from './text/repairs.js';
import { readExcel } from './excel.js';
import { parseJson, parseNdjson } from './json.js';
import { checkParquet, readParquetJs } from './parquet.js';
import { uniqueNames, type JsTable } from './js-table.js';
import { checkCancelled, failWith, filesLabel, formatIssue, issue } from './issues.js';
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
  formats: FormatInfo[];
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
/** Bytes read at a time when a text file is scanned or transcoded. */
const SCAN_CHUNK = 8 << 20;

/** How DuckDB reads one delimited text file: the file itself when it is clean (the fast path:
 * `fast`), or the lenient reader's canonical CSV of it (comma, no header, the data row number
 * as the last column: `rowCol`). */
interface CsvRead {
  path: string;
  delimiter: ',' | '\t' | ';' | '|';
  header: boolean;
  rowCol: boolean;
  /** the longest line in bytes */
  maxLine: number;
  /** the fast path's scan, while it runs beside DuckDB's read (see readRaw) */
  scan?: Promise<ScanResult>;
}

/** DuckDB's default max_line_size; longer lines need the option. */
const DUCKDB_MAX_LINE = 2_000_000;

/** The first offset that makes the bytes binary rather than text with a few stray NULs or
 * control characters (those the lenient reader removes and reports), or -1. */
function binaryAt(head: Uint8Array): number {
  let bad = 0;
  let first = -1;
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    if (b === 0 || (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c)) {
      if (first < 0) first = i;
      bad++;
    }
  }
  return bad > Math.max(8, head.length / 200) ? first : -1;
}

async function* byteChunks(file: InputFile, from: number, onBytes?: (n: number) => void, signal?: AbortSignal): AsyncGenerator<Uint8Array> {
  for (let off = from; off < file.size; off += SCAN_CHUNK) {
    checkCancelled(signal, file.name);
    const end = Math.min(file.size, off + SCAN_CHUNK);
    yield await file.read(off, end);
    onBytes?.(end);
  }
}

async function* bufferChunks(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let off = 0; off < bytes.length; off += SCAN_CHUNK) yield bytes.subarray(off, Math.min(bytes.length, off + SCAN_CHUNK));
}

async function* textChunks(bytes: Uint8Array): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  for (let off = 0; off < bytes.length; off += SCAN_CHUNK) {
    const end = Math.min(bytes.length, off + SCAN_CHUNK);
    yield decoder.decode(bytes.subarray(off, end), { stream: end < bytes.length });
  }
}


interface Source {
  file: InputFile;
  name: string;
  key: string;
  format: FileFormat;
  columns: string[];
  describe: string;
  info: FormatInfo;
  encoding: string;
  /** delimited text: how DuckDB reads it (see CsvRead) */
  csv?: CsvRead;
  /** what reading it found (mixed line endings, other tables, lines in another encoding) */
  issues?: LoadIssue[];
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

/** Reports how far a file has been read (bytes of this file). */
type OnBytes = (bytesOfFile: number) => void;

async function planFile(backend: Backend, file: InputFile, name: string, key: string, options: IngestOptions, log: RepairLog, lenient = false, onBytes?: OnBytes): Promise<Source> {
  if (file.size === 0) failWith('file.empty', name);
  const head = await file.read(0, Math.min(file.size, SAMPLE_BYTES));
  const format = detectFormat(file.name, head);
  const base = { file, name, key, format };
  if (format === 'parquet') {
    await checkParquet({ ...file, name }, head);
    if (backend.kind === 'native' && file.path) {
      const rows = await backend.query(`DESCRIBE SELECT * FROM read_parquet(${str(file.path)})`).catch((err: unknown) => {
        failWith('file.parquet_unreadable', name, { detail: err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err) });
      });
      return { ...base, columns: rows.map((r) => String(r.column_name)), describe: 'Parquet', info: { kind: 'parquet' }, encoding: 'binary (Parquet)', parquetPath: file.path };
    }
    const js = await readParquetJs({ ...file, name });
    return { ...base, columns: js.columns, describe: 'Parquet', info: { kind: 'parquet' }, encoding: 'binary (Parquet)', js };
  }
  if (format === 'excel') {
    const { table, sheet, sheets } = readExcel(name, await file.read(), options.sheet);
    const describe = sheets.length > 1 ? `Excel, sheet '${sheet}' of ${sheets.length}` : `Excel, sheet '${sheet}'`;
    return { ...base, columns: table.columns, describe, info: { kind: 'excel', sheet, sheets: sheets.length }, encoding: 'binary (Excel)', js: table };
  }
  // text formats
  let enc: TextEncoding;
  let bom = 0;
  let reason: string;
  const detected: DetectedEncoding = detectEncoding(head);
  if (options.encoding) {
    const e = normaliseEncoding(options.encoding);
    if (!e) failWith('encoding.unknown', name, { given: options.encoding, known: KNOWN_ENCODINGS.join(', ') });
    enc = e;
    bom = detected.encoding === e ? detected.bom : 0;
    reason = 'given';
  } else {
    enc = detected.encoding;
    bom = detected.bom;
    reason = detected.reason;
  }
  if (enc !== 'utf-16le' && enc !== 'utf-16be') {
    const at = binaryAt(head);
    if (at >= 0) failWith('file.binary', name, { offset: at + 1 });
  }
  const complete = head.length >= file.size;
  const { text } = decodeText(head.subarray(bom), enc);
  if (format === 'json' || format === 'ndjson') {
    const all = complete ? text : decodeText((await file.read()).subarray(bom), enc).text;
    if (all.trim() === '') failWith('file.no_records', name);
    const js = format === 'json' ? parseJson(name, all) : parseNdjson(name, all);
    return { ...base, columns: js.columns, describe: FORMAT_LABEL[format], info: { kind: format }, encoding: enc, js };
  }
  let sample = new LineSplitter().push(text, complete);
  // a first line longer than the sample: sniff from its beginning
  if (sample.length === 0 && text !== '') sample = new LineSplitter().push(text, true);
  if (!sample.some((l) => l.text.replace(/[\u0000\uFEFF]/g, '').trim() !== '')) failWith('file.no_text', name);
  const encodingLabel = `${enc}${bom ? ' (with BOM)' : ''}${reason === 'given' ? ' (given)' : ''}`;
  const dialect = sniffDialect(sample);
  const layout = sniffLayout(sample, dialect);
  const d = dialect.delimiter;
  // The fast path (DuckDB reads the file as it is) is for plain tables only: a header (or the
  // first row) on the first line, '"' quotes, one of the usual separators; then the scan checks
  // every byte (scan.ts). Anything else is read by the lenient reader.
  const plain =
    !lenient &&
    (options.table ?? 1) === 1 &&
    dialect.quote === '"' &&
    dialect.escape === 'double' &&
    (d === ',' || d === '\t' || d === ';' || d === '|') &&
    layout.startLine === 1 &&
    !layout.headerTrailingEmpty &&
    !(layout.header && (layout.header.literalQuotes || layout.header.cleaned.nul || layout.header.cleaned.bom));
  let bytes: Uint8Array | null = null;
  const issues: LoadIssue[] = [];
  const stats = decodeStats();
  const logForeign = () => {
    const foreign = stats.foreign;
    if (!foreign || foreign.count === 0) return;
    for (const line of foreign.lines) log.add('encoding.foreign_lines', 'repaired', {}, { file: name, line, before: '' });
    log.more('encoding.foreign_lines', 'repaired', {}, foreign.count - foreign.lines.length);
  };
  const transcode = async () => {
    const t = await transcodeToUtf8(file, enc, bom);
    stats.replaced = enc === 'windows-1252' ? 0 : t.replaced;
    stats.foreign = t.foreign;
    stats.badLines = t.badLines;
    return t.bytes;
  };
  if (plain && (d === ',' || d === '\t' || d === ';' || d === '|')) {
    const width = layout.width;
    if (enc === 'utf-8' && !detected.foreignLines) {
      // The scan runs while DuckDB reads the file (readRaw waits for it after the full read):
      // a file it finds not clean is then read again by the lenient reader.
      const scan = scanClean(byteChunks(file, bom, onBytes, options.signal), d, width, layout.header !== null).catch((err: unknown): ScanResult => ({ clean: false, reason: String(err), maxLineBytes: 0 }));
      const describe = describeDialect(dialect, layout.header !== null);
      const info = dialectInfo(dialect, layout.header !== null);
      const columns = layout.header ? layout.header.fields.map((f, i) => f.trim() || `column${i + 1}`) : Array.from({ length: width }, (_, i) => `column${i + 1}`);
      // UTF-8 without a path (the browser): DuckDB reads the bytes as they are (BOM
      // included), from the File itself where the backend can
      const path = file.path ?? (file.blob && backend.registerBlob ? await backend.registerBlob(`${key}.csv`, file.blob) : await backend.registerFile(`${key}.csv`, await file.read()));
      return { ...base, columns: uniqueNames(columns), describe, info, encoding: encodingLabel, csv: { path, delimiter: d, header: layout.header !== null, rowCol: false, maxLine: 0, scan }, issues };
    } else {
      bytes = await transcode();
      const scan = stats.replaced === 0 && !stats.foreign ? await scanClean(bufferChunks(bytes), d, width, layout.header !== null) : { clean: false, maxLineBytes: 0 };
      if (scan.clean) {
        const describe = describeDialect(dialect, layout.header !== null);
        const info = dialectInfo(dialect, layout.header !== null);
        const columns = layout.header ? layout.header.fields.map((f, i) => f.trim() || `column${i + 1}`) : Array.from({ length: width }, (_, i) => `column${i + 1}`);
        const path = await backend.registerFile(`${key}.csv`, bytes);
        return { ...base, columns: uniqueNames(columns), describe, info, encoding: encodingLabel, csv: { path, delimiter: d, header: layout.header !== null, rowCol: false, maxLine: scan.maxLineBytes }, issues };
      }
    }
  }
  // the lenient reader, over the text (lines in another encoding repaired and logged)
  const chunks = bytes ? textChunks(bytes) : decodeChunks(file, enc, bom, stats);
  const total = bytes ? bytes.length : file.size;
  const result = await readLenient(chunks, {
    file: name,
    log,
    badLine: (line: number) => enc !== 'windows-1252' && stats.badLines.has(line),
    // characters read, as a share of the file's bytes (close enough for a progress bar)
    onChunk: (chars: number) => {
      checkCancelled(options.signal, name);
      onBytes?.(Math.min(file.size, Math.round((chars / Math.max(1, total)) * file.size)));
    },
    ...(options.table !== undefined ? { table: options.table } : {})
  });
  bytes = null;
  logForeign();
  const error = result.issues.find((i) => i.severity === 'error');
  if (error) throw new LoadError(formatIssue(error), [error]);
  issues.push(...result.issues);
  if (!result.header && result.columns.length > 0) issues.push(issue('info', 'text.no_header', name));
  const path = await backend.registerFile(`${key}.csv`, result.bytes);
  return {
    ...base,
    columns: uniqueNames(result.columns),
    describe: describeDialect(result.dialect, result.header),
    info: dialectInfo(result.dialect, result.header),
    encoding: encodingLabel,
    csv: { path, delimiter: ',', header: false, rowCol: true, maxLine: result.maxLineBytes },
    issues
  };
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
  if (files.length === 0) failWith('file.none', '');
  const names = displayNames(files);
  const total = files.reduce((s, f) => s + f.size, 0);
  const limit = options.maxBytes ?? (backend.kind === 'wasm' ? DEFAULT_BROWSER_MAX_BYTES : Infinity);
  if (total > limit) {
    const biggest = files.reduce((a, b) => (b.size > a.size ? b : a));
    const where = files.length > 1 ? `the ${files.length} files hold ${mb(total)} in all (the biggest, ${biggest.name}, ${mb(biggest.size)})` : `it is ${mb(total)}`;
    failWith('file.too_big', files.length > 1 ? filesLabel(names) : names[0]!, { where, limit: mb(limit) });
  }
  const log = new RepairLog(options.strict === true);
  const progress = { files: files.length, filesDone: 0, bytes: total, bytesDone: 0 };
  const sources: Source[] = [];
  for (let i = 0; i < files.length; i++) {
    checkCancelled(options.signal, names[i]);
    options.onProgress?.(progress);
    const before = progress.bytesDone;
    const onBytes = options.onProgress ? (n: number) => options.onProgress?.({ ...progress, bytesDone: before + n }) : undefined;
    sources.push(await planFile(backend, files[i]!, names[i]!, `f${i}`, options, log, false, onBytes));
    progress.filesDone++;
    progress.bytesDone += files[i]!.size;
  }
  options.onProgress?.(progress);
  const first = sources[0]!;
  const checkColumns = () => {
    for (const s of sources.slice(1)) {
      if (!sameColumns(s.columns, first.columns)) {
        const a = new Set(first.columns.map((c) => c.toLowerCase()));
        const b = new Set(s.columns.map((c) => c.toLowerCase()));
        const missing = first.columns.filter((c) => !b.has(c.toLowerCase()));
        const extra = s.columns.filter((c) => !a.has(c.toLowerCase()));
        const diff = [missing.length ? `missing ${missing.map((c) => `'${c}'`).join(', ')}` : '', extra.length ? `extra ${extra.map((c) => `'${c}'`).join(', ')}` : '']
          .filter(Boolean)
          .join('; ');
        failWith('file.different_columns', s.name, { first: first.name, diff: diff || 'same names in another order', columns: s.columns.join(', '), firstColumns: first.columns.join(', ') });
      }
    }
  };
  checkColumns();
  const columns = first.columns;
  let plan = makePlan(sources, columns);
  /** Loads rows; a file DuckDB's reader rejected rows of (bytes that are not UTF-8, say) is
   * read again by the lenient reader, which repairs or reports each row. */
  const loadWithFallback = async (load: string[], limit: number | null, fast: Record<string, FastColumn> = {}) => {
    for (;;) {
      checkCancelled(options.signal);
      const r = await loadRows(backend, plan, load, limit, fast);
      checkCancelled(options.signal);
      const rejected = new Set(r.rejectedPaths);
      // the scans that ran beside the read: all of them after the full read, else those of
      // rejected files (a file not clean is read again by the lenient reader; a clean one with
      // lines longer than DuckDB reads by default is read again telling it so)
      let retry = false;
      for (const s of sources) {
        if (!s.csv?.scan || (limit !== null && !rejected.has(s.csv.path))) continue;
        const scan = await s.csv.scan;
        if (!scan.clean) rejected.add(s.csv.path);
        else if (rejected.has(s.csv.path) && scan.maxLineBytes >= DUCKDB_MAX_LINE && s.csv.maxLine < scan.maxLineBytes) {
          s.csv.maxLine = scan.maxLineBytes;
          rejected.delete(s.csv.path);
          retry = true;
        }
        if (limit === null) delete s.csv.scan;
      }
      if (retry && rejected.size === 0) {
        plan = makePlan(sources, columns);
        continue;
      }
      if (rejected.size === 0) return r;
      for (const path of rejected) {
        const i = sources.findIndex((x) => x.csv?.path === path && !x.csv.rowCol);
        if (i < 0) continue;
        const src = sources[i]!;
        sources[i] = await planFile(backend, src.file, src.name, `${src.key}l`, options, log, true);
      }
      checkColumns();
      plan = makePlan(sources, columns);
    }
  };

  const noRows = () => {
    const label = files.length > 1 ? filesLabel(names) : first.name;
    const dropped = log.list().filter((g) => g.action === 'left_out');
    if (dropped.length) {
      // every row was left out by the reader: say why, row by row
      const n = dropped.reduce((a, g) => a + g.count, 0);
      const i = issue('error', 'file.all_rows_left_out', label, { count: n });
      const each = dropped.flatMap((g) => g.examples.slice(0, 5).map((e) => ({ ...issue('error', g.code, e.file, g.params, { line: e.line, ...(e.row !== undefined ? { row: e.row } : {}) }), message: `${g.message}: ${JSON.stringify(e.before)}` })));
      throw new LoadError([formatIssue(i), ...each.map((x) => '  ' + formatIssue(x))].join('\n'), [i, ...each], columns);
    }
    const headerless = first.csv && !first.csv.header && !first.csv.rowCol;
    failWith(headerless ? 'file.no_rows' : 'file.header_no_rows', label, { columns: columns.join(', ') });
  };
  let loaded = columns;
  let fastKinds: Record<string, FastKind> = {};
  if (pick) {
    // first pass: the first rows, every column (types and roles are decided from them)
    await loadWithFallback(columns, TYPE_SAMPLE_ROWS);
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
  await loadWithFallback(loaded, null, fast);
  const perFile = await fileRows(backend);
  const rows = [...perFile.values()].reduce((a, b) => a + b, 0);
  options.onProgress?.({ ...progress, rows });
  if (rows === 0) noRows();
  const issues: LoadIssue[] = sources.flatMap((x) => x.issues ?? []);
  for (const s of sources.filter((x) => !perFile.get(x.name))) issues.push(issue('warning', 'file.header_no_rows_other', s.name));
  const uniq = (xs: string[]) => [...new Set(xs)];
  return {
    table: STAGE.raw,
    columns,
    loaded,
    files: sources.map((s) => s.name),
    format: uniq(sources.map((s) => s.describe)).join('; '),
    formats: sources.map((s) => s.info).filter((f, i, all) => all.findIndex((g) => JSON.stringify(g) === JSON.stringify(f)) === i),
    encoding: uniq(sources.map((s) => s.encoding)).join('; '),
    rows,
    issues,
    repairs: log.list(),
    fast,
    explicitRows: sources.some((s) => s.js !== undefined || s.csv?.rowCol === true)
  };
}

interface LoadPlan {
  sources: Source[];
  columns: string[];
  /** DuckDB path (or key of a JS table) -> the file's display name */
  pathName: Map<string, string>;
  /** delimited text read alike, in one read_csv each */
  groups: Map<string, { read: CsvRead; paths: string[] }>;
}

function makePlan(sources: Source[], columns: string[]): LoadPlan {
  const pathName = new Map<string, string>();
  const groups = new Map<string, { read: CsvRead; paths: string[] }>();
  for (const s of sources) {
    if (s.csv) {
      pathName.set(s.csv.path, s.name);
      const k = `${s.csv.delimiter}|${s.csv.header}|${s.csv.rowCol}`;
      const g = groups.get(k) ?? { read: { ...s.csv }, paths: [] };
      g.read.maxLine = Math.max(g.read.maxLine, s.csv.maxLine);
      g.paths.push(s.csv.path);
      groups.set(k, g);
    }
    if (s.parquetPath) pathName.set(s.parquetPath, s.name);
    if (s.js) pathName.set(s.key, s.name);
  }
  return { sources, columns, pathName, groups };
}

async function fileRows(backend: Backend): Promise<Map<string, number>> {
  const counts = await backend.query(`SELECT name AS f, rows AS n FROM ${ident(STAGE.files)}`);
  return new Map(counts.map((r) => [String(r.f), Number(r.n)]));
}

/** (Re)builds raw0 with the `load` columns of every file (the first `limit` rows when given),
 * the per-file table and the raw view. */
async function loadRows(backend: Backend, plan: LoadPlan, load: string[], limit: number | null, fast: Record<string, FastColumn> = {}): Promise<{ rejectedPaths: string[] }> {
  const { sources, columns, pathName, groups } = plan;
  const rejectedPaths: string[] = [];
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
  const insertSql = (from: string, row = 'NULL') =>
    fastExprs.length
      ? `INSERT INTO ${ident(STAGE.raw0)} SELECT ${plain.map((c) => `c${columns.indexOf(c)}, `).join('')}${fastCols.map((f) => `${ident(f.as)}, `).join('')}${textList}, __p, ${row} FROM (SELECT *, ${fastExprs.join(', ')} FROM ${from})`
      : `INSERT INTO ${ident(STAGE.raw0)} SELECT ${idx.map((i) => `c${i}, `).join('')}__p, ${row} FROM ${from}`;
  // delimited text: one read_csv per way of reading, over all files read that way
  for (const { read, paths } of groups.values()) {
    // every value as text; a quoted "" is an empty string, an empty field a missing value
    // (as PostgreSQL's COPY reads CSV); the lenient reader's files end with the data row number
    const colSpec = [...columns.map((_, i) => `${str(`c${i}`)}: 'VARCHAR'`), ...(read.rowCol ? [`'__rn': 'BIGINT'`] : [])].join(', ');
    const opts = [
      `columns = {${colSpec}}`,
      `header = ${read.header}`,
      `delim = ${str(read.delimiter)}`,
      `quote = '"', escape = '"'`,
      'allow_quoted_nulls = false',
      ...(read.maxLine >= DUCKDB_MAX_LINE ? [`max_line_size = ${Math.ceil(read.maxLine * 1.1) + 1024}`, `buffer_size = ${Math.max(16 << 20, Math.ceil(read.maxLine * 2.2) + 4096)}`] : []),
      'auto_detect = false',
      `filename = '__p'`,
      'store_rejects = true',
      `rejects_table = ${str(STAGE.rejects)}`,
      `rejects_scan = ${str(STAGE.rejectScans)}`
    ].join(', ');
    await backend.exec(`DROP TABLE IF EXISTS ${ident(STAGE.rejects)}`);
    await backend.exec(`DROP TABLE IF EXISTS ${ident(STAGE.rejectScans)}`);
    try {
      // (without a row column, row numbers follow from the insertion order)
      await backend.exec(insertSql(`read_csv([${paths.map(str).join(', ')}], ${opts})${lim}`, read.rowCol ? '__rn' : 'NULL'));
    } catch (err) {
      // the fast path's reader failed on a file: the lenient reader reads them all again
      if (!read.rowCol) {
        rejectedPaths.push(...paths);
        continue;
      }
      if (err instanceof LoadError) throw err;
      failWith('text.unreadable', filesLabel(paths.map((p) => pathName.get(p) ?? p)), { detail: err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err) });
    }
    // rows DuckDB's reader rejected (bytes that are not UTF-8, say): those files are read
    // again by the lenient reader; its own output is never rejected (else: fail, naming them)
    if (!read.rowCol) {
      const bad = await backend.query(`SELECT DISTINCT s.file_path AS p FROM ${ident(STAGE.rejects)} e JOIN ${ident(STAGE.rejectScans)} s ON e.scan_id = s.scan_id AND e.file_id = s.file_id`);
      rejectedPaths.push(...bad.map((r) => String(r.p)));
    } else await checkRejects(backend, pathName);
  }
  if (rejectedPaths.length) return { rejectedPaths };
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
      if (err instanceof LoadError) throw err;
      failWith('file.parquet_unreadable', s.name, { detail: err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err) });
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
  return { rejectedPaths };
}

/** The lenient reader's own output is never rejected; if DuckDB rejects a row of it all the
 * same, the load fails naming the rows (never a silent loss). */
async function checkRejects(backend: Backend, pathName: Map<string, string>): Promise<void> {
  const rows = await backend.query(
    `SELECT DISTINCT ON (s.file_path, e.line) s.file_path AS path, e.line AS line, e.csv_line AS text, e.error_message AS msg
     FROM ${ident(STAGE.rejects)} e JOIN ${ident(STAGE.rejectScans)} s ON e.scan_id = s.scan_id AND e.file_id = s.file_id
     ORDER BY s.file_path, e.line LIMIT 5`
  );
  if (rows.length === 0) return;
  const issues = rows.map((r) => issue('error', 'file.duckdb_rejected', pathName.get(String(r.path)) ?? String(r.path), { detail: String(r.msg).split('\n')[0] ?? '', line: Number(r.line) }));
  throw new LoadError(issues.map(formatIssue).join('\n'), issues);
}
