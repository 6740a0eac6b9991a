// A Backend over duckdb-wasm's blocking Node build: the same wasm engine the browser runs, with
// the browser backend's own value normalisation (tableToRows), so native/wasm parity is tested
// in plain vitest. The Chromium run of the same cases is the e2e suite's.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Table } from 'apache-arrow';
import type { Backend, Cell, ColumnData, Row } from '../../src/types.js';
import { createTableFromColumnsSql } from '../../src/sql/columns.js';
import { tableToRows } from '../../src/browser/arrow-values.js';

const require = createRequire(import.meta.url);

interface BlockingStatement {
  query(...params: unknown[]): Table;
  close(): void;
}
interface BlockingConnection {
  query(sql: string): Table;
  prepare(sql: string): BlockingStatement;
  close(): void;
}
interface BlockingDb {
  instantiate(): Promise<void>;
  open(config: object): void;
  connect(): BlockingConnection;
  registerFileBuffer(name: string, bytes: Uint8Array): void;
}
interface BlockingModule {
  createDuckDB(bundles: object, logger: object, runtime: object): Promise<BlockingDb>;
  VoidLogger: new () => object;
  NODE_RUNTIME: object;
}

export async function createWasmBlockingBackend(): Promise<Backend> {
  const duck = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as BlockingModule;
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const db = await duck.createDuckDB(
    { mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: '' }, eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: '' } },
    new duck.VoidLogger(),
    duck.NODE_RUNTIME
  );
  await db.instantiate();
  // as WasmBackend opens it
  db.open({ query: { castDecimalToDouble: true } });
  const conn = db.connect();
  conn.query('SET autoinstall_known_extensions = false');
  conn.query('SET autoload_known_extensions = false');
  const run = (sql: string, params: readonly Cell[]): Table => {
    if (!params.length) return conn.query(sql);
    const stmt = conn.prepare(sql);
    try {
      return stmt.query(...params);
    } finally {
      stmt.close();
    }
  };
  let files = 0;
  const backend: Backend = {
    kind: 'wasm',
    async exec(sql, params = []) {
      run(sql, params);
    },
    async query(sql, params = []): Promise<Row[]> {
      return tableToRows(run(sql, params));
    },
    async registerFile(name, bytes) {
      const path = `f${files++}-${name}`;
      db.registerFileBuffer(path, bytes.slice());
      return path;
    },
    async insertColumns(table: string, columns: ColumnData[]) {
      const { create, insert, rows } = createTableFromColumnsSql(table, columns);
      await backend.exec(create);
      for (let s = 0; s < rows; s += 500) {
        const q = insert(s, Math.min(500, rows - s));
        await backend.exec(q.sql, q.params);
      }
    },
    async close() {
      conn.close();
    }
  };
  return backend;
}
