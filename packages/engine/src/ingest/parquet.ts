// Parquet: checked for its magic bytes (a 0-byte or cut-off file gets a clear message), read
// by DuckDB's read_parquet on native (streams from disk) or by hyparquet in JS (duckdb-wasm has
// no Parquet reader offline; hyparquet is a small, maintained pure-JS reader).
import { parquetReadObjects } from 'hyparquet';
import type { InputFile } from '../types.js';
import { failWith } from './issues.js';
import { cellText, type JsTable } from './js-table.js';

const MAGIC = [0x50, 0x41, 0x52, 0x31]; // PAR1

export async function checkParquet(file: InputFile, head: Uint8Array): Promise<void> {
  if (file.size < 12 || !MAGIC.every((b, i) => head[i] === b)) failWith('formats.parquet_not_parquet', file.name);
  const tail = await file.read(file.size - 4, file.size);
  if (!MAGIC.every((b, i) => tail[i] === b)) failWith('formats.parquet_truncated', file.name, { bytes: file.size });
}

export async function readParquetJs(file: InputFile): Promise<JsTable> {
  const bytes = await file.read();
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let records: Record<string, unknown>[];
  try {
    records = await parquetReadObjects({ file: buf });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    failWith('formats.parquet_unreadable', file.name, { detail: msg });
  }
  const columns = records.length ? Object.keys(records[0]!) : [];
  return {
    columns,
    rows: records.map((r) => columns.map((c) => cellText(r[c]))),
    rowNumbers: records.map((_, i) => i + 1)
  };
}
