// English messages of the engine: files as a whole (empty, too big, not text, columns that do
// not match, no rows). Codes are stable (the app and scripts decide by them).
import type { Template } from '../template.js';

export const file = {
  'file.cancelled': { message: 'loading was cancelled; the data loaded before is still there' },
  'file.none': { message: 'no files to load', hint: 'Give at least one file or folder' },
  'file.empty': { message: 'is empty (0 bytes)', hint: 'Export the data again; the file has no content at all' },
  'file.no_text': { message: 'is empty (no lines of text)', hint: 'Export the data again; the file holds only blank space' },
  'file.no_records': { message: 'is empty (no records)', hint: 'Export the data again' },
  'file.binary': { message: 'is not a text file: binary data at byte {offset}', hint: 'Load a CSV, TSV, Excel (.xlsx), Parquet or JSON file; if this is one, check that it was not damaged and that its extension matches its content' },
  'file.unknown_encoding': { message: "encoding '{encoding}' is not one Segmint knows", hint: 'Use one of: {known}' },
  'file.too_big': { message: 'is too big to load here: {where}, over the limit of {limit} this browser tab can hold', hint: 'Use the segmint command line (native DuckDB, no such limit) or load fewer days/columns, e.g. as Parquet, which is much smaller', hintApp: 'Load fewer days or columns, e.g. as Parquet, which is much smaller; the segmint program on a computer (native DuckDB) has no such limit' },
  'file.different_columns': { message: 'has different columns from {first} ({diff}): [{columns}] vs [{firstColumns}]', hint: 'All files loaded together must have the same columns in the same order; load this file separately or fix its header' },
  'file.no_rows': { message: 'has no data rows', hint: 'Export the data again including its rows; check the export filter or date range' },
  'file.header_no_rows': { message: 'has a header ({columns}) but no data rows', hint: 'Export the data again including its rows; check the export filter or date range' },
  'file.header_no_rows_other': { message: 'has a header but no data rows', hint: 'Nothing was read from it; the other files loaded' },
  'file.all_rows_left_out': { message: 'no row could be read: all {count} rows were left out', hint: 'Each row is listed with what was wrong; fix the file (or the load settings) and load it again' },
  'file.parquet_unreadable': { message: 'cannot be read as Parquet ({detail})', hint: 'The file may be damaged or cut off: export it again' },
  'file.duckdb_rejected': { message: 'cannot be read: {detail} (line {line} of the file)', hint: 'Check the quoting and separators of that line' }
} satisfies Record<string, Template>;
