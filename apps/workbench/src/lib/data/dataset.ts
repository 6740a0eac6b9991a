// The data set's plain types (what is loaded, the file last loaded or tried, what the load
// settings form offers for a file) and the pure steps that build them from the engine's load
// reports. The state and the engine calls are in dataset.svelte.ts.
import type { BuildCustomersResult, FormatInfo, LoadOptions, LoadReport, Role, RoleMap } from '@segmint/engine';
import { asksDateOrder, leftOutOf, notesOf, repairsOf, tablesIn, type LeftOut, type Note, type Repair } from './load-report.js';

export type Step = 'engine' | 'data' | 'metrics';
export type Phase = 'starting' | 'ready' | 'failed';

export interface Dataset {
  example: boolean;
  files: string[];
  /** rows read from the orders files */
  rows: number;
  /** of those, rows used as transactions (the others are left out, by reason: `leftOut`) */
  used: number;
  customers: number;
  asOf: string;
  /** the date of the latest transaction: the as-of unless a rule file says otherwise */
  defaultAsOf: string;
  /** rows left out of the customer relation, by reason (with the reason's code) */
  leftOut: LeftOut[];
  /** what the reader repaired, left out or skipped in the files, by kind (see RepairGroup) */
  repairs: Repair[];
  /** which column (or expression) each role was taken from */
  roles: Partial<Record<Role, string>>;
  /** warnings and notes from loading and building (encoding, renamed columns, ...) */
  notes: Note[];
  /** the loading part of `notes` (building again at another as-of replaces the rest) */
  loadNotes: Note[];
}

/** The first rows of a file as read, for the preview next to the load settings. */
export interface FilePreview {
  file: string;
  columns: string[];
  rows: (string | null)[][];
}

/** The files last loaded or tried (the orders files make one orders table; the customers files
 * one customers table), with the settings of that load. Persisted for a reload (persistence/). */
export interface Source {
  orders: File[];
  customers: File[];
  example: boolean;
  /** the options of that load (empty: everything guessed) */
  options: LoadOptions;
  /** the customers file's own options (its customer id column, encoding, sheet) */
  customerOptions: LoadOptions;
}

export interface FileInfo {
  /** the columns of the orders file (empty when it could not be read at all) */
  columns: string[];
  /** the roles as guessed (or given) for it */
  roles: RoleMap;
  /** the encoding the engine read it in, e.g. 'gb18030' or 'utf-8 (with BOM)'; '' if unknown */
  encoding: string;
  format: string;
  /** how it was read, as data (worded in the UI's language: format-info.ts) */
  formats: FormatInfo[];
  /** an Excel workbook's sheets (more than one: the form offers a choice) */
  sheets: string[];
  /** the engine asked (or decided) DD/MM vs MM/DD: the form offers the choice */
  dateOrder: boolean;
  /** tables found in a text file (more than one: the form offers a choice) */
  tables: number;
}

type Report = Pick<LoadReport, 'columns' | 'roles' | 'encoding' | 'format' | 'formats' | 'issues'>;

/** What the settings form offers for an orders file that loaded. */
export function ordersFileInfo(tx: Report, sheets: string[], options: LoadOptions): FileInfo {
  return {
    columns: tx.columns.map((c) => c.name),
    roles: { ...tx.roles },
    encoding: tx.encoding,
    format: tx.format,
    formats: tx.formats,
    sheets,
    dateOrder: options.dayFirst !== undefined || asksDateOrder(tx.issues),
    tables: tablesIn(tx.issues)
  };
}

/** What the settings form offers for a customers file that loaded. */
export function customersFileInfo(attrs: Report, sheets: string[]): FileInfo {
  return { columns: attrs.columns.map((c) => c.name), roles: { customer: attrs.roles.customer }, encoding: attrs.encoding, format: attrs.format, formats: attrs.formats, sheets, dateOrder: false, tables: 1 };
}

/** The customers file's options: its own, with the orders file's date order. */
export function customerLoadOptions(customerOptions: LoadOptions, options: LoadOptions): LoadOptions {
  return { ...customerOptions, ...(options.dayFirst === undefined ? {} : { dayFirst: options.dayFirst }) };
}

/** The data set on screen after a load of `orders` (and `customers`) that succeeded. */
export function datasetOf(
  files: { orders: readonly { name: string }[]; customers: readonly { name: string }[]; example: boolean },
  tx: LoadReport,
  attrs: LoadReport | null,
  built: Pick<BuildCustomersResult, 'customers' | 'asOf' | 'notices'>
): Dataset {
  return {
    example: files.example,
    files: [...files.orders, ...files.customers].map((f) => f.name),
    rows: tx.rows,
    used: tx.rows - tx.leftOut.reduce((n, l) => n + l.count, 0),
    customers: built.customers,
    asOf: built.asOf,
    defaultAsOf: built.asOf,
    leftOut: leftOutOf([tx, attrs]),
    repairs: repairsOf([tx, attrs]),
    roles: { ...tx.roles },
    notes: notesOf([tx, attrs], built.notices),
    loadNotes: notesOf([tx, attrs])
  };
}

/** The notes after building again at another as-of: the load's, then the new build's. */
export function notesAfterBuild(d: Pick<Dataset, 'loadNotes'>, built: Pick<BuildCustomersResult, 'notices'>): Note[] {
  return [...d.loadNotes, ...notesOf([], built.notices)];
}
