// English messages of the engine: formats. Codes are stable (the app and scripts decide by them).
// Files read in JavaScript: JSON / NDJSON, Excel workbooks, Parquet.
import type { Template } from '../template.js';

const PARQUET_AGAIN = 'The file is incomplete or not Parquet: copy or export it again (a download or copy may have been cut off)';

export const formats = {
  // --- JSON and NDJSON
  /** params: row */
  'formats.json_record_not_object': {
    message: 'data row {row} is not an object with named fields',
    hint: 'Each record must be an object like {"customer": "C1", "date": "2024-01-31", "amount": 12.5}'
  },
  /** params: detail (the JSON parser's message) */
  'formats.json_invalid': {
    message: 'is not valid JSON ({detail})',
    hint: 'Check that the file is complete (not cut off) and was exported as JSON; for one record per line name it .ndjson'
  },
  'formats.json_no_records': {
    message: 'holds no records',
    hint: 'The JSON must be an array of objects (one per row)'
  },
  /** params: line, detail */
  'formats.ndjson_line_invalid': {
    message: 'line {line} is not valid JSON ({detail})',
    hint: 'NDJSON needs one complete JSON object per line; fix or remove that line'
  },

  // --- Excel
  /** params: detail */
  'formats.excel_unreadable': {
    message: 'cannot be read as an Excel workbook ({detail})',
    hint: 'Open it in Excel and save it again as .xlsx, or export it as CSV'
  },
  /** params: sheet (as asked), sheets (display text) */
  'formats.excel_sheet_missing': {
    message: "has no sheet '{sheet}'",
    hint: 'Choose one of its sheets: {sheets}'
  },
  /** params: index (0-based), sheets */
  'formats.excel_sheet_index_missing': {
    message: 'has no sheet number {index} (0-based)',
    hint: 'Choose one of its sheets: {sheets}'
  },
  /** the only sheet is empty; params: sheet */
  'formats.excel_sheet_empty': {
    message: "sheet '{sheet}' is empty",
    hint: 'Put a header row and data rows in the first sheet'
  },
  /** params: sheet, sheets */
  'formats.excel_sheet_empty_others': {
    message: "sheet '{sheet}' is empty",
    hint: 'Choose another sheet: {sheets}'
  },

  // --- Parquet
  'formats.parquet_not_parquet': {
    message: 'is not a Parquet file (it does not start with the Parquet marker PAR1)',
    hint: PARQUET_AGAIN
  },
  /** params: bytes */
  'formats.parquet_truncated': {
    message: 'is a truncated Parquet file ({bytes} bytes, the closing Parquet marker is missing)',
    hint: PARQUET_AGAIN
  },
  /** params: detail */
  'formats.parquet_unreadable': {
    message: 'cannot be read as Parquet ({detail})',
    hint: 'The file may be damaged or cut off: export it again'
  }
} satisfies Record<string, Template>;
