// English messages of the engine: reading delimited text (the lenient reader's repairs, what it
// skipped, and why rows were left out). Codes are stable (the app and scripts decide by them).
import type { Template } from '../template.js';

export const text = {
  'text.preamble': { message: 'lines above the table (a title or notes) were skipped', hint: 'Nothing of the table was lost; check that the header was found on the right line' },
  'text.footer': { message: 'lines below the table (totals or notes) were skipped', hint: 'They are not rows of the table; check them if they should have been' },
  'text.total_line': { message: 'total lines (a first value such as Total or 合计) were skipped', hint: 'Totals would count the same sales twice' },
  'text.comment_line': { message: 'comment lines (starting with # or //) were skipped' },
  'text.blank_lines': { message: 'blank lines were skipped' },
  'text.repeated_header': { message: 'the header repeated inside the data (files joined together) was skipped' },
  'text.header_quote': { message: 'the header has a quote that is never closed; it was removed from the column names', hint: 'Fix the header line of the file if the names are wrong' },
  'text.header_trailing_empty': { message: 'the header ends with a separator and no name; the empty column was dropped' },
  'text.quote_literal': { message: 'quotes that neither open nor close a quoted value were read as characters', hint: 'A value with a quote should be quoted itself, with the quote doubled ("")' },
  'text.nul_removed': { message: 'NUL characters were removed from rows' },
  'text.bom_removed': { message: 'byte-order marks inside the text (files joined together) were removed' },
  'text.row_trailing_empty': { message: 'rows with {found} fields where the header has {expected}: the empty fields at the end were dropped' },
  'text.row_merged_number': { message: "a number with a thousands separator was split by the separator (1,234.50); it was read as one value in column '{column}'", hint: 'Quote such values ("1,234.50") or export numbers without thousands separators' },
  'text.row_merged_text': { message: "a separator inside an unquoted value of column '{column}': the pieces were read as one value", hint: 'Quote values that contain the separator' },
  'text.row_padded': { message: 'rows with {found} fields where the header has {expected}: the missing last fields were read as empty' },
  'text.row_too_many_fields': { message: 'rows with {found} fields where the header has {expected} were left out: no reading fits the columns', hint: 'Fix those rows (quote values that contain the separator) and load the file again' },
  'text.row_too_few_fields': { message: 'rows with {found} fields where the header has {expected} were left out: a value is missing and its place is not certain', hint: 'Fix those rows and load the file again' },
  'text.row_ambiguous': { message: 'rows that can be read in more than one way were left out (each reading is shown)', hint: 'Quote the value that contains the separator, then load the file again' },
  'text.row_invalid_bytes': { message: 'rows with bytes that are not valid in the file\'s encoding (shown as �) were left out', hint: 'Load the file with its right encoding, or re-export it as UTF-8' },
  'text.mixed_line_endings': { message: 'the file mixes line endings ({lf} \\n, {crlf} \\r\\n, {cr} \\r); every line was read' },
  'text.tables': { message: 'the file holds {tables} tables; table {table} was read', hint: 'Read another table with --csv-table N', hintApp: 'Choose another table in the load settings (Table in the file)' },
  'text.other_table': { message: 'table {table} of the file (lines {first}-{last}, {rows} rows, columns {columns}) was not read', hint: 'Read it with --csv-table {table}', hintApp: 'Choose it in the load settings (Table in the file: Table {table})' },
  'text.no_such_table': { message: 'has no table {table} (it holds {tables})', hint: 'Choose a table from 1 to {tables}' },
  'text.no_header': { message: 'has no header line: the columns are named column1, column2, ... by position' },
  'text.strict_repaired': { message: 'strict mode stops here instead of repairing: {problem}', hint: 'Fix this row in the file, or turn strict mode off to read it with the repair reported' },
  'text.strict_left_out': { message: 'strict mode stops here instead of leaving the row out: {problem}', hint: 'Fix this row in the file, or turn strict mode off to leave it out (reported)' },
  'text.strict_skipped': { message: 'strict mode stops here instead of skipping the line: {problem}', hint: 'Remove the line from the file, or turn strict mode off to skip it (reported)' },
  'text.strict_refused': { message: 'strict mode: nothing is repaired or left out; turn strict mode off to read the file with these repairs reported' },
  'text.unreadable': { message: 'cannot be read as delimited text ({detail})', hint: 'Check that the file is text with one header line and one separator (comma, tab, semicolon or pipe)' },
  'text.invalid_bytes': { message: 'has {count} bytes that are not valid {encoding} (first on line {line})', hint: 'Load it with another encoding (e.g. gb18030 for Chinese Windows, big5, shift_jis, utf-16le), or re-export it as UTF-8' }
} satisfies Record<string, Template>;
