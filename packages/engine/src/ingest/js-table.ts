// A table read in JavaScript (Excel, JSON, Parquet in the browser), every cell as text.

export interface JsTable {
  columns: string[];
  rows: (string | null)[][];
  /** data row number of each row in the source (1-based, header not counted) */
  rowNumbers: number[];
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** A cell as text, the way DuckDB would print it; objects as JSON. */
export function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    const base = `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}:${pad(v.getUTCSeconds())}`;
    const ms = v.getUTCMilliseconds();
    return ms ? `${base}.${pad(ms, 3)}` : base;
  }
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x));
}

/** Header names made unique and non-empty (column3, name_2), as DuckDB would. */
export function uniqueNames(names: string[]): string[] {
  const used = new Set<string>();
  return names.map((raw, i) => {
    const base = raw.trim() || `column${i + 1}`;
    let name = base;
    for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base}_${k}`;
    used.add(name.toLowerCase());
    return name;
  });
}
