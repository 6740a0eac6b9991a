// Ingest: any customer file (CSV/TSV/..., Excel, Parquet, JSON/NDJSON; UTF-8/16, GB18030) into
// the engine's tables, with a report of what was read and what was left out, and why.
export { dropTransactions, ingestTransactions, profileFiles } from './transactions.js';
export { ingestCustomers } from './customers.js';
export { guessRoles, normaliseName, suggestAmountExpression } from './roles.js';
export { DEFAULT_BROWSER_MAX_BYTES, type IngestOptions } from './read.js';
export { detectEncoding, normaliseEncoding, type TextEncoding } from './encoding.js';
export { sniffDialect, sniffLayout, type TextLayout } from './text/sniff.js';
export { readLenient, type LenientOptions, type LenientResult } from './text/reader.js';
export type { TextDialect } from './text/fields.js';
export { formatIssue, rowLabel, filesLabel, issue, failWith, checkCancelled } from './issues.js';
export { exportTable, readTable, copyOptions, repairExampleLines, type ExportFormat, type ExportType, type ExportOptions, type ExportCode, type ExportColumn, type ExportReport } from './export.js';
export { guessFileRoles, PREVIEW_ROWS, type FileGuess, type FileRole } from './classify.js';
