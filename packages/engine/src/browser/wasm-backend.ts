/// <reference lib="dom" />
// The browser backend: duckdb-wasm (AsyncDuckDB) in a Web Worker. The app supplies the URLs of
// the wasm and worker files (Vite `?url` imports from the package, served from the app's own
// origin: never a CDN), so this package stays bundler-agnostic. Values are normalised to the
// same JS shapes as NativeBackend (see Cell and ./arrow-values.ts).
import { AsyncDuckDB, DuckDBDataProtocol, VoidLogger, selectBundle, type AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import type { Backend, Cell, ColumnData, InputFile, Row } from '../types.js';
import { Bool, Float64, Table, Utf8, makeData, makeVector, type Vector } from 'apache-arrow';
import { createTableFromColumnsSql } from '../sql/columns.js';
import { ident } from '../sql/quote.js';
import { tableToRows } from './arrow-values.js';

export interface WasmBundleFiles {
  mainModule: string;
  mainWorker: string;
}
/** eh (wasm exceptions; every current browser) and mvp (fallback). coi is not shipped: it
 * needs COOP/COEP headers and gave no speed-up here. */
export interface WasmBundles {
  mvp: WasmBundleFiles;
  eh: WasmBundleFiles;
}

export interface WasmBackendOptions {
  /** called with short progress steps while starting */
  onProgress?: (step: 'worker' | 'instantiate' | 'open', detail?: { loaded: number; total: number }) => void;
}

export class WasmBackend implements Backend {
  readonly kind = 'wasm' as const;
  private files = 0;

  private constructor(
    private readonly db: AsyncDuckDB,
    private readonly conn: AsyncDuckDBConnection,
    private readonly worker: Worker,
    /** which bundle was chosen: 'eh' or 'mvp' */
    readonly bundle: string
  ) {}

  static async create(bundles: WasmBundles, options: WasmBackendOptions = {}): Promise<WasmBackend> {
    const chosen = await selectBundle(bundles);
    if (!chosen.mainWorker) throw new Error('duckdb-wasm: no worker for the selected bundle');
    options.onProgress?.('worker');
    const worker = new Worker(chosen.mainWorker);
    const db = new AsyncDuckDB(new VoidLogger(), worker);
    options.onProgress?.('instantiate');
    await db.instantiate(chosen.mainModule, null, (p) => options.onProgress?.('instantiate', { loaded: p.bytesLoaded, total: p.bytesTotal }));
    options.onProgress?.('open');
    // DECIMAL arrives as DOUBLE (NativeBackend also turns DECIMAL into a number).
    await db.open({ query: { castDecimalToDouble: true } });
    const conn = await db.connect();
    // Never download extensions: Segmint works offline and a rule file must not reach out.
    await conn.query('SET autoinstall_known_extensions = false');
    await conn.query('SET autoload_known_extensions = false');
    const bundle = chosen.mainModule === bundles.eh.mainModule ? 'eh' : 'mvp';
    return new WasmBackend(db, conn, worker, bundle);
  }

  async exec(sql: string, params: readonly Cell[] = []): Promise<void> {
    await this.run(sql, params);
  }

  async query(sql: string, params: readonly Cell[] = []): Promise<Row[]> {
    return tableToRows(await this.run(sql, params));
  }

  private async run(sql: string, params: readonly Cell[]) {
    if (!params.length) return this.conn.query(sql);
    const stmt = await this.conn.prepare(sql);
    try {
      return await stmt.query(...params);
    } finally {
      await stmt.close();
    }
  }

  /** A unique virtual name (users' file names are never trusted as paths). */
  private virtualPath(name: string): string {
    const safe = name.replace(/[^\p{L}\p{N}._-]+/gu, '_');
    return `segmint-${++this.files}-${safe}`;
  }

  async registerBlob(name: string, blob: Blob): Promise<string> {
    const path = this.virtualPath(name);
    // read in place by the worker (FileReaderSync): a 500 MB file is not copied into the tab
    await this.db.registerFileHandle(path, blob, DuckDBDataProtocol.BROWSER_FILEREADER, true);
    return path;
  }

  async registerFile(name: string, bytes: Uint8Array): Promise<string> {
    const path = this.virtualPath(name);
    // registerFileBuffer takes ownership of (transfers) the buffer. Bytes that fill their buffer
    // (a file just read) are handed over as they are: a copy of a 500 MB file is 500 MB more
    // in the tab while it loads. A view into a bigger buffer is copied.
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
    await this.db.registerFileBuffer(path, whole ? bytes : bytes.slice());
    return path;
  }

  async insertColumns(table: string, columns: ColumnData[]): Promise<void> {
    // The same CREATE as NativeBackend (sql/columns.ts), so both backends type the columns
    // identically; the rows arrive as one Arrow table (typed vectors where every value already
    // has the column's JS type, else text) and are CAST into place in one INSERT ... SELECT,
    // the same casts the native backend's bound INSERTs apply.
    const { create, rows } = createTableFromColumnsSql(table, columns);
    await this.exec(create);
    if (rows === 0 || columns.length === 0) return;
    const tmp = `segmint_arrow_${++this.files}`;
    const vectors: Record<string, Vector> = {};
    columns.forEach((c, i) => {
      vectors[`c${i}`] = arrowVector(c, rows);
    });
    await this.conn.insertArrowTable(new Table(vectors), { name: tmp, create: true });
    try {
      const select = columns.map((c, i) => `CAST(c${i} AS ${SQL_TYPE[c.type]})`).join(', ');
      await this.exec(`INSERT INTO ${ident(table)} SELECT ${select} FROM ${ident(tmp)}`);
    } finally {
      await this.exec(`DROP TABLE IF EXISTS ${ident(tmp)}`);
    }
  }

  async close(): Promise<void> {
    await this.conn.close();
    await this.db.terminate();
    this.worker.terminate();
  }
}

/** The SQL type of each ColumnData type, as sql/columns.ts creates the table. */
const SQL_TYPE: Record<ColumnData['type'], string> = { number: 'DOUBLE', text: 'VARCHAR', date: 'DATE', timestamp: 'TIMESTAMP', boolean: 'BOOLEAN' };

/** One column as an Arrow vector of `rows` values (missing values are NULL): Float64 / Bool when
 * every value is already a JS number / boolean, else text (cast by DuckDB, as the native bound
 * parameters are). Dates and timestamps always travel as text. The buffers are built by hand:
 * Arrow's builders (vectorFromArray) compile their null check with `new Function`, which the
 * app's Content Security Policy (no 'unsafe-eval') forbids. */
function arrowVector(c: ColumnData, rows: number): Vector {
  const values: (string | number | boolean | null)[] = new Array<string | number | boolean | null>(rows);
  for (let r = 0; r < rows; r++) values[r] = c.values[r] ?? null;
  const nullBitmap = new Uint8Array((rows + 7) >> 3);
  let nullCount = 0;
  for (let r = 0; r < rows; r++) {
    if (values[r] === null) nullCount++;
    else nullBitmap[r >> 3]! |= 1 << (r & 7);
  }
  if (c.type === 'number' && values.every((v) => v === null || typeof v === 'number')) {
    const data = new Float64Array(rows);
    for (let r = 0; r < rows; r++) data[r] = (values[r] as number | null) ?? 0;
    return makeVector(makeData({ type: new Float64(), length: rows, nullCount, nullBitmap, data }));
  }
  if (c.type === 'boolean' && values.every((v) => v === null || typeof v === 'boolean')) {
    const data = new Uint8Array((rows + 7) >> 3);
    for (let r = 0; r < rows; r++) if (values[r] === true) data[r >> 3]! |= 1 << (r & 7);
    return makeVector(makeData({ type: new Bool(), length: rows, nullCount, nullBitmap, data }));
  }
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = new Array<Uint8Array>(rows);
  const valueOffsets = new Int32Array(rows + 1);
  let size = 0;
  for (let r = 0; r < rows; r++) {
    const v = values[r];
    parts[r] = v === null || v === undefined ? EMPTY : encoder.encode(String(v));
    size += parts[r]!.length;
    valueOffsets[r + 1] = size;
  }
  const data = new Uint8Array(size);
  for (let r = 0; r < rows; r++) data.set(parts[r]!, valueOffsets[r]!);
  return makeVector(makeData({ type: new Utf8(), length: rows, nullCount, nullBitmap, valueOffsets, data }));
}

const EMPTY = new Uint8Array(0);

/** A browser File (picker or drag-and-drop) as an engine InputFile; reads only the bytes asked. */
export function browserFile(file: Blob & { name: string }): InputFile {
  return {
    name: file.name,
    size: file.size,
    blob: file,
    async read(start?: number, end?: number): Promise<Uint8Array> {
      return new Uint8Array(await file.slice(start ?? 0, end ?? file.size).arrayBuffer());
    }
  };
}
