// A Backend over duckdb-wasm's blocking Node build (the wasm engine the browser runs, with the
// browser backend's own value conversion, tableToRows), so the exports are checked on both.
// The same approach as the engine's test/metrics/wasm-blocking.ts.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ident, type Backend, type Cell, type Row } from '@segmint/engine';
import { tableToRows } from '@segmint/engine/browser';

type ArrowTable = Parameters<typeof tableToRows>[0];
interface BlockingStatement {
  query(...params: unknown[]): ArrowTable;
  close(): void;
}
interface BlockingConnection {
  query(sql: string): ArrowTable;
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

const require = createRequire(import.meta.url);

export async function createWasmBackend(): Promise<Backend> {
  const duck = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as BlockingModule;
  const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const db = await duck.createDuckDB(
    { mvp: { mainModule: join(dist, 'duckdb-mvp.wasm'), mainWorker: '' }, eh: { mainModule: join(dist, 'duckdb-eh.wasm'), mainWorker: '' } },
    new duck.VoidLogger(),
    duck.NODE_RUNTIME
  );
  await db.instantiate();
  db.open({ query: { castDecimalToDouble: true } }); // as WasmBackend opens it
  const conn = db.connect();
  conn.query('SET autoinstall_known_extensions = false');
  conn.query('SET autoload_known_extensions = false');
  const run = (sql: string, params: readonly Cell[]): ArrowTable => {
    if (!params.length) return conn.query(sql);
    const stmt = conn.prepare(sql);
    try {
      return stmt.query(...params);
    } finally {
      stmt.close();
    }
  };
  let files = 0;
  return {
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
    // as the engine's createTableFromColumnsSql (not exported): CREATE, then bound INSERTs
    async insertColumns(table, columns) {
      const sqlType = { number: 'DOUBLE', text: 'VARCHAR', date: 'DATE', timestamp: 'TIMESTAMP', boolean: 'BOOLEAN' } as const;
      run(`CREATE OR REPLACE TABLE ${ident(table)} (${columns.map((c) => `${ident(c.name)} ${sqlType[c.type]}`).join(', ')})`, []);
      const rows = columns.reduce((n, c) => Math.max(n, c.values.length), 0);
      for (let start = 0; start < rows; start += 500) {
        const params: Cell[] = [];
        const tuples: string[] = [];
        for (let r = start; r < Math.min(rows, start + 500); r++) {
          const slots = columns.map((c) => {
            params.push(c.values[r] ?? null);
            return `CAST($${params.length} AS ${sqlType[c.type]})`;
          });
          tuples.push(`(${slots.join(', ')})`);
        }
        run(`INSERT INTO ${ident(table)} VALUES ${tuples.join(', ')}`, params);
      }
    },
    async close() {
      conn.close();
    }
  };
}
