// Parquet: checked for its magic bytes (a 0-byte or cut-off file gets a clear message), read
// by DuckDB's read_parquet on native (streams from disk) or by hyparquet in JS (duckdb-wasm has
// no Parquet reader offline; hyparquet is a small, maintained pure-JS reader).
import { parquetReadObjects } from 'hyparquet';
import type { InputFile } from '../types.js';
import { fail } from './issues.js';
import { cellText, type JsTable } from './js-table.js';

const MAGIC = [0x50, 0x41, 0x52, 0x31]; // PAR1

export async function checkParquet(file: InputFile, head: Uint8Array): Promise<void> {
  const hint = 'The file is incomplete or not Parquet: copy or export it again (a download or copy may have been cut off)';
  if (file.size < 12 || !MAGIC.every((b, i) => head[i] === b)) fail(file.name, 'is not a Parquet file (it does not start with the Parquet marker PAR1)', hint);
  const tail = await file.read(file.size - 4, file.size);
  if (!MAGIC.every((b, i) => tail[i] === b)) fail(file.name, `is a truncated Parquet file (${file.size} bytes, the closing Parquet marker is missing)`, hint);
}

export async function readParquetJs(file: InputFile): Promise<JsTable> {
  const bytes = await file.read();
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let records: Record<string, unknown>[];
  try {
    records = await parquetReadObjects({ file: buf });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    fail(file.name, `cannot be read as Parquet (${msg})`, 'The file may be damaged or cut off: export it again');
  }
  const columns = records.length ? Object.keys(records[0]!) : [];
  return {
    columns,
    rows: records.map((r) => columns.map((c) => cellText(r[c]))),
    rowNumbers: records.map((_, i) => i + 1)
  };
}
