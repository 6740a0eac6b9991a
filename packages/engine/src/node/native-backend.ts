// The native backend: DuckDB in-process through @duckdb/node-api (the CLI, Node tests,
// benchmarks). Values are normalised to the same JS shapes as the wasm backend (see Cell).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, DuckDBTypeId, type DuckDBConnection, type DuckDBValue, type Json } from '@duckdb/node-api';
import type { Backend, Cell, ColumnData, Row } from '../types.js';
import { createTableFromColumnsSql } from '../sql/columns.js';

export interface NativeBackendOptions {
  /** DuckDB threads (default: DuckDB's own choice) */
  threads?: number;
  /** e.g. '4GB'; DuckDB spills to disk beyond it */
  memoryLimit?: string;
}

export class NativeBackend implements Backend {
  readonly kind = 'native' as const;
  private tmp: string | null = null;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection
  ) {}

  static async create(options: NativeBackendOptions = {}): Promise<NativeBackend> {
    const config: Record<string, string> = {
      // Never download extensions: Segmint works offline and a rule file must not reach out.
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'true'
    };
    if (options.threads) config.threads = String(options.threads);
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    const instance = await DuckDBInstance.create(':memory:', config);
    const conn = await instance.connect();
    return new NativeBackend(instance, conn);
  }

  async exec(sql: string, params: readonly Cell[] = []): Promise<void> {
    await this.conn.run(sql, params.length ? (params as DuckDBValue[]) : undefined);
  }

  async query(sql: string, params: readonly Cell[] = []): Promise<Row[]> {
    const reader = await this.conn.runAndReadAll(sql, params.length ? (params as DuckDBValue[]) : undefined);
    const names = reader.columnNames();
    const types = reader.columnTypes().map((t) => t.typeId);
    const rows = reader.getRowsJson();
    return rows.map((r) => {
      const out: Row = {};
      names.forEach((name, i) => {
        out[name] = normalise(r[i] ?? null, types[i]);
      });
      return out;
    });
  }

  async registerFile(name: string, bytes: Uint8Array): Promise<string> {
    this.tmp ??= mkdtempSync(join(tmpdir(), 'segmint-'));
    const safe = name.replace(/[^\p{L}\p{N}._-]+/gu, '_');
    const path = join(this.tmp, `${Date.now().toString(36)}-${safe}`);
    writeFileSync(path, bytes);
    return path;
  }

  async insertColumns(table: string, columns: ColumnData[]): Promise<void> {
    const { create, insert, rows } = createTableFromColumnsSql(table, columns);
    await this.exec(create);
    // One prepared INSERT per chunk of rows: values are bound, never pasted into SQL.
    const chunk = 500;
    for (let start = 0; start < rows; start += chunk) {
      const n = Math.min(chunk, rows - start);
      const { sql, params } = insert(start, n);
      await this.exec(sql, params);
    }
  }

  async close(): Promise<void> {
    this.conn.closeSync();
    this.instance.closeSync();
    if (this.tmp) rmSync(this.tmp, { recursive: true, force: true });
    this.tmp = null;
  }
}

type JsonCell = Json;

function normalise(v: JsonCell, type: DuckDBTypeId | undefined): Cell {
  if (v === null || v === undefined) return null;
  switch (type) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.UHUGEINT:
    case DuckDBTypeId.DECIMAL: {
      const n = Number(v);
      return Number.isSafeInteger(n) || type === DuckDBTypeId.DECIMAL ? n : String(v);
    }
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return String(v).replace('T', ' ').replace(/\.0+$/, '');
    default:
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
      // Lists, structs and maps are not part of Segmint's data model; show them as JSON text.
      return JSON.stringify(v);
  }
}
