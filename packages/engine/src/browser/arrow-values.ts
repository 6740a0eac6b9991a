// Arrow (as duckdb-wasm returns it) -> the JS shapes of `Cell`, exactly as NativeBackend
// normalises @duckdb/node-api's JSON values: BIGINT/HUGEINT -> number when safe else string,
// DECIMAL -> number, DATE -> 'YYYY-MM-DD', TIMESTAMP -> 'YYYY-MM-DD HH:MM:SS[.ffffff]'
// (fraction only when non-zero, trailing zeros dropped, as DuckDB prints it), TIME ->
// 'HH:MM:SS', NaN/Infinity -> text, lists/structs -> JSON text.
import { DataType, TimeUnit, util, type Data, type Table, type Vector } from 'apache-arrow';
import type { Cell, Row } from '../types.js';

const MICROS_PER_DAY = 86_400_000_000n;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** days since 1970-01-01 -> 'YYYY-MM-DD' (proleptic Gregorian, like DuckDB) */
export function formatDate(days: number): string {
  const d = new Date(days * 86_400_000);
  const y = d.getUTCFullYear();
  const year = y >= 0 && y <= 9999 ? pad(y, 4) : String(y);
  return `${year}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function formatTimeOfDay(micros: bigint): string {
  const secs = Number(micros / 1_000_000n);
  const frac = Number(micros % 1_000_000n);
  const base = `${pad(Math.floor(secs / 3600))}:${pad(Math.floor(secs / 60) % 60)}:${pad(secs % 60)}`;
  return frac ? `${base}.${pad(frac, 6).replace(/0+$/, '')}` : base;
}

/** microseconds since the epoch -> 'YYYY-MM-DD HH:MM:SS[.ffffff]' */
export function formatTimestamp(micros: bigint): string {
  let days = micros / MICROS_PER_DAY;
  let rest = micros % MICROS_PER_DAY;
  if (rest < 0n) {
    rest += MICROS_PER_DAY;
    days -= 1n;
  }
  return `${formatDate(Number(days))} ${formatTimeOfDay(rest)}`;
}

function toMicros(raw: bigint | number, unit: TimeUnit): bigint {
  const v = typeof raw === 'bigint' ? raw : BigInt(Math.trunc(raw));
  switch (unit) {
    case TimeUnit.SECOND:
      return v * 1_000_000n;
    case TimeUnit.MILLISECOND:
      return v * 1_000n;
    case TimeUnit.NANOSECOND:
      return v / 1_000n;
    default:
      return v;
  }
}

function bigintCell(v: bigint): Cell {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : String(v);
}

function numberCell(n: number): Cell {
  return Number.isFinite(n) ? n : String(n);
}

/** Lists, structs and maps are not part of Segmint's data model: plain JSON-able values. */
function plain(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return bigintCell(v);
  if (typeof v !== 'object') return v;
  if (v instanceof Date) return v.toISOString();
  const obj = v as { toJSON?: () => unknown; toArray?: () => unknown; [Symbol.iterator]?: unknown };
  // StructRow.toJSON() -> object; Vector.toJSON() -> array of its values
  if (typeof obj.toJSON === 'function') {
    const json = obj.toJSON();
    if (json !== v) return plain(json);
  }
  if (typeof obj.toArray === 'function' && typeof obj[Symbol.iterator] === 'function') {
    return Array.from(obj as Iterable<unknown>, plain);
  }
  if (Array.isArray(v) || ArrayBuffer.isView(v)) return Array.from(v as ArrayLike<unknown>, plain);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
}

type Reader = (data: Data, index: number, vector: Vector) => Cell;

/** One reader per Arrow column type: reads the raw buffers where `get()` would lose precision
 * (timestamps: Arrow JS turns microseconds into milliseconds). */
function readerFor(type: DataType): Reader {
  if (DataType.isTimestamp(type)) {
    return (data, i) => formatTimestamp(toMicros((data.values as BigInt64Array | Int32Array)[i]!, type.unit));
  }
  if (DataType.isDate(type)) {
    // DateDay: int32 days; DateMillisecond: int64 ms
    return (data, i) => {
      const raw = data.values[i] as number | bigint;
      const days = typeof raw === 'bigint' ? Number(raw / 86_400_000n) : type.unit === 0 ? raw : Math.floor(raw / 86_400_000);
      return formatDate(days);
    };
  }
  if (DataType.isTime(type)) {
    return (data, i) => formatTimeOfDay(toMicros(data.values[i] as bigint | number, type.unit));
  }
  if (DataType.isDecimal(type)) {
    return (data, i) => {
      const stride = data.stride;
      const bn = util.BN.decimal(data.values.subarray(stride * i, stride * (i + 1)) as Uint32Array);
      if (type.scale === 0) {
        // HUGEINT arrives as DECIMAL(38,0): number when safe, else its exact digits
        const big = util.bigNumToBigInt(bn);
        return bigintCell(big);
      }
      return util.bigNumToNumber(bn, type.scale);
    };
  }
  if (DataType.isInt(type)) {
    return (data, i) => {
      const raw = data.values[i] as number | bigint;
      return typeof raw === 'bigint' ? bigintCell(raw) : raw;
    };
  }
  if (DataType.isFloat(type)) {
    return (_data, i, vector) => {
      const v = vector.get(i) as number | null;
      return v === null ? null : numberCell(v);
    };
  }
  if (DataType.isBool(type) || DataType.isUtf8(type) || DataType.isLargeUtf8(type)) {
    return (_data, i, vector) => vector.get(i) as Cell;
  }
  return (_data, i, vector) => {
    const v: unknown = vector.get(i);
    if (v === null || v === undefined) return null;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    if (typeof v === 'bigint') return bigintCell(v);
    return JSON.stringify(plain(v));
  };
}

/** An Arrow result table -> rows of normalised cells (column order kept). */
export function tableToRows(table: Table): Row[] {
  const n = table.numRows;
  const rows: Row[] = Array.from({ length: n }, () => ({}));
  for (const field of table.schema.fields) {
    const vector = table.getChild(field.name);
    if (!vector) continue;
    const read = readerFor(field.type);
    let r = 0;
    // Arrow JS slices the buffers of each chunk, so indices are relative to the chunk.
    for (const data of vector.data) {
      // A one-chunk vector over this chunk, for `get()` on types read through Arrow JS.
      const chunk = vector.data.length === 1 ? vector : (new (vector.constructor as new (d: Data[]) => Vector)([data]));
      for (let i = 0; i < data.length; i++, r++) {
        rows[r]![field.name] = data.getValid(i) ? read(data, i, chunk) : null;
      }
    }
  }
  return rows;
}
