// Excel (.xlsx, also .xls) read in JS with @e965/xlsx (the maintained SheetJS build on npm;
// duckdb-wasm has no Excel reader offline). Dates stay Excel serial numbers here: the date
// parser recognises serials, so a date column reads the same from Excel and from CSV.
import * as XLSX from '@e965/xlsx';
import { failWith } from './issues.js';
import { cellText, uniqueNames, type JsTable } from './js-table.js';

export function readExcel(name: string, bytes: Uint8Array, sheet: string | number | undefined): { table: JsTable; sheet: string; sheets: string[] } {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, { type: 'array', cellDates: false, dense: true });
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    failWith('formats.excel_unreadable', name, { detail: msg });
  }
  const sheets = wb.SheetNames;
  let chosen: string | undefined;
  if (sheet === undefined) chosen = sheets[0];
  else if (typeof sheet === 'number') chosen = sheets[sheet];
  else chosen = sheets.find((s) => s === sheet) ?? sheets.find((s) => s.toLowerCase() === sheet.toLowerCase());
  const list = sheets.map((s) => `'${s}'`).join(', ');
  if (chosen === undefined || !wb.Sheets[chosen]) {
    if (typeof sheet === 'number') failWith('formats.excel_sheet_index_missing', name, { index: sheet, sheets: list });
    failWith('formats.excel_sheet_missing', name, { sheet: String(sheet), sheets: list });
  }
  const ws = wb.Sheets[chosen]!;
  const aoa = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });
  // the header is the first non-empty row
  let h = 0;
  while (h < aoa.length && (aoa[h] ?? []).every((v) => v === null || v === '')) h++;
  if (h >= aoa.length) {
    if (sheets.length > 1) failWith('formats.excel_sheet_empty_others', name, { sheet: chosen, sheets: list });
    failWith('formats.excel_sheet_empty', name, { sheet: chosen });
  }
  const header = (aoa[h] ?? []).map((v) => cellText(v) ?? '');
  const width = aoa.reduce((w, r) => Math.max(w, r.length), header.length);
  while (header.length < width) header.push('');
  const columns = uniqueNames(header);
  const rows: (string | null)[][] = [];
  const rowNumbers: number[] = [];
  for (let r = h + 1; r < aoa.length; r++) {
    const src = aoa[r] ?? [];
    if (src.every((v) => v === null || v === '')) continue; // blank rows: skipped, numbering kept
    rows.push(columns.map((_, c) => cellText(src[c])));
    rowNumbers.push(r - h);
  }
  return { table: { columns, rows, rowNumbers }, sheet: chosen, sheets };
}
