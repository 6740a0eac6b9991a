/// <reference lib="dom" />
// The browser backend: duckdb-wasm (AsyncDuckDB) in a Web Worker. The app supplies the URLs of
// the wasm and worker files (Vite `?url` imports from the package, served from the app's own
// origin: never a CDN), so this package stays bundler-agnostic. Values are normalised to the
// same JS shapes as NativeBackend (see Cell and ./arrow-values.ts).
import { AsyncDuckDB, VoidLogger, selectBundle, type AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import type { Backend, Cell, ColumnData, InputFile, Row } from '../types.js';
import { createTableFromColumnsSql } from '../sql/columns.js';
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

  async registerFile(name: string, bytes: Uint8Array): Promise<string> {
    // A unique virtual name (users' file names are never trusted as paths).
    const safe = name.replace(/[^\p{L}\p{N}._-]+/gu, '_');
    const path = `segmint-${++this.files}-${safe}`;
    // registerFileBuffer takes ownership of (transfers) the buffer: give it a copy.
    await this.db.registerFileBuffer(path, bytes.slice());
    return path;
  }

  async insertColumns(table: string, columns: ColumnData[]): Promise<void> {
    // Same CREATE + bound INSERTs as NativeBackend, so both backends type columns identically.
    const { create, insert, rows } = createTableFromColumnsSql(table, columns);
    await this.exec(create);
    const chunk = 500;
    for (let start = 0; start < rows; start += chunk) {
      const n = Math.min(chunk, rows - start);
      const { sql, params } = insert(start, n);
      await this.exec(sql, params);
    }
  }

  async close(): Promise<void> {
    await this.conn.close();
    await this.db.terminate();
    this.worker.terminate();
  }
}

/** A browser File (picker or drag-and-drop) as an engine InputFile; reads only the bytes asked. */
export function browserFile(file: Blob & { name: string }): InputFile {
  return {
    name: file.name,
    size: file.size,
    async read(start?: number, end?: number): Promise<Uint8Array> {
      return new Uint8Array(await file.slice(start ?? 0, end ?? file.size).arrayBuffer());
    }
  };
}
