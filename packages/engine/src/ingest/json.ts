// JSON (an array of objects, or an object holding one) and NDJSON (one object per line),
// parsed in JS: duckdb-wasm has no JSON reader offline, and one reader gives one behaviour.
import { failWith } from './issues.js';
import type { JsTable } from './js-table.js';
import { cellText } from './js-table.js';

function rowsToTable(name: string, records: unknown[], rowNumbers: number[]): JsTable {
  const columns: string[] = [];
  const seen = new Set<string>();
  records.forEach((rec, i) => {
    if (rec === null || typeof rec !== 'object' || Array.isArray(rec))
      failWith('formats.json_record_not_object', name, { row: rowNumbers[i]! }, { row: rowNumbers[i]! });
    for (const k of Object.keys(rec)) {
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
    }
  });
  const rows = records.map((rec) => columns.map((c) => cellText((rec as Record<string, unknown>)[c])));
  return { columns, rows, rowNumbers };
}

export function parseJson(name: string, text: string): JsTable {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    failWith('formats.json_invalid', name, { detail: msg });
  }
  let records: unknown[] | null = Array.isArray(doc) ? doc : null;
  if (!records && doc && typeof doc === 'object') {
    // {"data": [...]} / {"rows": [...]}: the first array of objects inside
    const inner = Object.values(doc).find((v) => Array.isArray(v));
    records = (inner as unknown[] | undefined) ?? [doc];
  }
  if (!records) failWith('formats.json_no_records', name);
  return rowsToTable(
    name,
    records,
    records.map((_, i) => i + 1)
  );
}

export function parseNdjson(name: string, text: string): JsTable {
  const records: unknown[] = [];
  const rowNumbers: number[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      records.push(JSON.parse(line));
      rowNumbers.push(i + 1);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      failWith('formats.ndjson_line_invalid', name, { line: i + 1, detail: msg }, { line: i + 1 });
    }
  });
  return rowsToTable(name, records, rowNumbers);
}
