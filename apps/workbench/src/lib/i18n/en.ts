// English UI strings. Placeholders in braces ({n}) are filled by `t()`; values are text, so
// Svelte escapes them when they are shown. Every key here must exist in zh.ts (type-checked).
import * as customers from './features/customers.js';
import * as exporting from './features/export.js';
import * as persistence from './features/persistence.js';
import * as a11y from './features/a11y.js';
import * as load from './features/load.js';
import * as rulefiles from './features/rulefiles.js';
import * as editor from './features/editor.js';
import * as basefiles from './features/basefiles.js';
import * as files from './features/files.js';
import * as share from './features/share.js';
import * as views from './features/views.js';
import * as charts from './features/charts.js';
import * as strategy from './features/strategy.js';
import * as report from './features/report.js';
import * as migration from './features/migration.js';

/** The strings shared by the whole app (each feature's own are in features/). */
export const core = {
  'app.tagline': 'Customer segmentation workbench',
  'app.privacy': 'Runs entirely in your browser: your data never leaves this computer.',
  'app.footer': 'computed locally with DuckDB-Wasm',
  'app.language': 'Language',

  'progress.title': 'Preparing the workbench',
  'progress.engine': 'Starting the engine',
  'progress.data': 'Loading data',
  'progress.metrics': 'Computing customer metrics',
  'progress.done': 'Done',
  'progress.working': 'Working…',

  'data.title': 'Data',
  'data.example': 'Example data: retail shop',
  'data.current': 'Loaded',
  'data.files': 'Files',
  'data.transactions': 'Transactions',
  'data.customers': 'Customers',
  'data.asOf': 'As of',
  'data.leftOut': 'Left out',
  'data.orders': 'Orders file',
  'data.customersFile': 'Customers file (optional)',
  'data.choose': 'Choose file…',
  'data.noFile': 'No file chosen',
  'data.load': 'Load files',
  'data.loadExample': 'Reload example data',
  'data.dropHint': 'You can also drop files anywhere on this page: CSV/TSV/TXT, Excel (.xlsx), Parquet, JSON/NDJSON.',
  'data.dropOverlay': 'Drop your files to load them',
  'data.chooseOrders': 'Choose an orders file first.',
  'data.roles': 'Columns used',
  'role.customer': 'customer',
  'role.date': 'date',
  'role.amount': 'amount',
  'role.order': 'order',
  'data.format': 'Format',
  'format.delimited': '{sep} text, with a header',
  'format.delimited.noHeader': '{sep} text, no header',
  'format.sep.comma': 'comma-separated',
  'format.sep.tab': 'tab-separated',
  'format.sep.semicolon': 'semicolon-separated',
  'format.sep.pipe': 'pipe-separated',
  'format.sep.single-space': 'space-separated',
  'format.sep.whitespace': 'whitespace-separated',
  'format.excel': "Excel, sheet '{sheet}'",
  'format.excel.of': "Excel, sheet '{sheet}' of {sheets}",
  'format.parquet': 'Parquet',
  'format.json': 'JSON',
  'format.ndjson': 'NDJSON (one JSON per line)',
  'data.encoding': 'Encoding',
  'settings.title': 'Load settings',
  'settings.intro': 'The columns and options used for {file}. Change any of them and reload.',
  'settings.role': '{role} column',
  'settings.amount': 'Amount: column or expression',
  'settings.amountHelp': 'A column, or an expression of columns such as {example}.',
  'settings.notSet': '(not set)',
  'settings.encoding': 'Encoding',
  'settings.auto': 'Automatic',
  'settings.detected': 'Detected: {encoding}',
  'settings.sheet': 'Excel sheet',
  'settings.table': 'Table in the file',
  'settings.tableN': 'Table {n}',
  'settings.dateOrder': 'Date order',
  'settings.dayFirst': 'Day first (DD/MM/YYYY)',
  'settings.monthFirst': 'Month first (MM/DD/YYYY)',
  'settings.customersFile': 'Customers file: {file}',
  'settings.customerId': 'Customer id column of the customers file',
  'settings.customersEncoding': 'Character set of the customers file',
  'settings.reload': 'Reload with these settings',
  'settings.problems': 'Rows with problems',
  'settings.strict': 'Strict',
  'settings.strictHelp': 'Refuse the file instead of repairing it: the load stops at the first row it would repair or leave out and says where. The data already loaded stays.',
  'settings.keepImplausible': 'Keep rows with implausible dates',
  'settings.keepImplausibleHelp': 'Rows dated before 1900 or after today are left out by default; tick this to load them anyway.',
  'settings.togglesReload': 'Changing these reloads the file.',
  'settings.customersStrict': 'Strict (customers file)',
  'asof.label': 'As-of date',
  'asof.apply': 'Set as-of',
  'asof.placeholder': 'e.g. 2024-12-31',
  'asof.reset': 'Back to the latest purchase ({date})',
  'asof.help': 'Metrics (R, T, scores) are computed at this date. Default: the date of the latest purchase.',
  'asof.ruleWins': 'The rule file’s {line} line wins for the segments; the quick rule and the metrics use it too once the segments run.',
  'library.label': 'Ready-made model',
  'library.choose': 'Choose a model…',
  'library.help': 'Replaces the rule file with a ready-made model; you can then edit it.',
  'library.confirm': 'Replace your edited rules with “{title}”?',
  'library.replace': 'Replace',
  'library.cancel': 'Cancel',
  'data.example.row': '{file} row {row}',
  'data.rowsLeftOut': '{n} rows left out: {reason}',
  'repairs.title': 'What was repaired',
  'repairs.intro': 'What the reader fixed or set aside in your files, and how often. Open a group to see its rows.',
  'repairs.count.repaired': '{n} rows repaired',
  'repairs.count.left_out': '{n} rows left out',
  'repairs.count.skipped': '{n} lines skipped',
  'repairs.count.repaired.one': '{n} row repaired',
  'repairs.count.left_out.one': '{n} row left out',
  'repairs.count.skipped.one': '{n} line skipped',
  'repairs.more': '… and {n} more not listed',
  'repairs.emptyLine': '(empty line)',
  'repairs.readings': 'It can be read as:',
  'repairs.rows': 'Rows',
  'where.file': '{file}',
  'where.line': '{file}, line {line}',
  'where.row': '{file}, data row {row}',
  'where.lineRow': '{file}, line {line} (data row {row})',
  'where.column': '{where}, column {column}',
  'where.at': '{where}:',

  'error.loadTitle': 'Could not load {file}',
  'error.kept': 'The previous data is still loaded.',
  'error.engineTitle': 'The engine could not start',
  'error.engineHint': 'Reload the page. If it keeps failing, use a current version of Chrome, Edge or Firefox.',
  'error.generic': 'Something went wrong',
  'error.hint': 'What to do',

  'preview.title': 'Customer metrics',
  'preview.caption': 'First {n} of {total} customers, as of {date}',

  'col.customer': 'Customer',
  'col.R': 'R (days)',
  'col.F': 'F',
  'col.M': 'M',
  'col.T': 'T (days)',
  'col.AOV': 'AOV',
  'col.R_score': 'R score',
  'col.F_score': 'F score',
  'col.M_score': 'M score',
  'col.RFM': 'RFM',

  'quick.title': 'Quick rule',
  'quick.label': 'Rule expression',
  'quick.placeholder': 'e.g. R < 30 and F > 5',
  'quick.help': 'Fields: R, F, M, T, AOV, scores and your data’s columns. Counts update as you type.',
  'quick.try': 'Try:',
  'quick.matched': 'matching customers',
  'quick.share': '{share} of {total} customers',
  'quick.stale': 'Showing the last valid result',
  'quick.empty': 'Type a rule to count the customers it matches.',
  'quick.computing': 'Counting…',

  'diag.error': 'Error',
  'diag.warning': 'Warning',
  'diag.at': 'line {line}, column {column}',

  'sql.title': 'Compiled SQL',
  'sql.params': 'Parameters',

  'rules.title': 'Segments',
  'rules.label': 'Rule file',
  'rules.help': 'One segment per line; the first matching segment wins.',
  'rules.tags': 'Tags',
  'rules.total': '{n} customers segmented',

  'seg.segment': 'Segment',
  'seg.customers': 'Customers',
  'seg.share': 'Share',
  'seg.sumM': 'M',
  'seg.stat': 'mean {mean} · median {median}',
  'seg.shareM': 'Share of M',
  'seg.R': 'R range',
  'seg.F': 'F range',
  'seg.M': 'M range',
  'seg.unassigned': 'No segment'
} as const;

/** Each feature's strings (a key belongs to one catalogue only: dictionaries.test.ts). */
export const features = { customers: customers.en, exporting: exporting.en, persistence: persistence.en, a11y: a11y.en, load: load.en, rulefiles: rulefiles.en, editor: editor.en, basefiles: basefiles.en, files: files.en, share: share.en, views: views.en, charts: charts.en, strategy: strategy.en, report: report.en, migration: migration.en };

export const en = { ...core, ...customers.en, ...exporting.en, ...persistence.en, ...a11y.en, ...load.en, ...rulefiles.en, ...editor.en, ...basefiles.en, ...files.en, ...share.en, ...views.en, ...charts.en, ...strategy.en, ...report.en, ...migration.en };

export type MessageKey = keyof typeof en;
export type Dictionary = Record<MessageKey, string>;
