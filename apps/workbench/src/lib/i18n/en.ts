// English UI strings. Placeholders in braces ({n}) are filled by `t()`; values are text, so
// Svelte escapes them when they are shown. Every key here must exist in zh.ts (type-checked).
export const en = {
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
  'data.orders': 'Orders file (CSV)',
  'data.customersFile': 'Customers file (CSV, optional)',
  'data.choose': 'Choose file…',
  'data.noFile': 'No file chosen',
  'data.load': 'Load files',
  'data.loadExample': 'Reload example data',
  'data.dropHint': 'You can also drop CSV files anywhere on this page.',
  'data.dropOverlay': 'Drop your CSV files to load them',
  'data.chooseOrders': 'Choose an orders file first.',
  'data.roles': 'Columns used',
  'role.customer': 'customer',
  'role.date': 'date',
  'role.amount': 'amount',
  'role.order': 'order',
  'data.rowsLeftOut': '{n} rows left out: {reason}',

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
  'rules.total': '{n} customers segmented',

  'seg.segment': 'Segment',
  'seg.customers': 'Customers',
  'seg.share': 'Share',
  'seg.shareM': 'Share of M',
  'seg.R': 'R range',
  'seg.F': 'F range',
  'seg.M': 'M range',
  'seg.unassigned': 'No segment'
} as const;

export type MessageKey = keyof typeof en;
export type Dictionary = Record<MessageKey, string>;
