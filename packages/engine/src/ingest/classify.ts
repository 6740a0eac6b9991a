// Which role each of many dropped files plays (issue 10: load whole folders): the orders (files
// with a customer, a date and an amount, or quantity and price; files with the same columns
// form one table, e.g. 305 daily exports), the customers file (a customer id, no amount, one
// row per id), or ignored (with the reason). A guess from each file's first rows
// only, shown to the user, who can change each; nothing is loaded here.
import type { InputFile, Role, RoleMap } from '../types.js';
import { renderMessage, type MessageCode, type Params } from '../messages/index.js';
import { decodeText, detectEncoding } from './encoding.js';
import { detectFormat, extension } from './format.js';
import { readExcel } from './excel.js';
import { parseJson, parseNdjson } from './json.js';
import { readParquetJs } from './parquet.js';
import { guessRoles, normaliseName, suggestAmountExpression } from './roles.js';
import { LineSplitter } from './text/lines.js';
import { readRecord } from './text/record.js';
import { classOf } from './text/shape.js';
import { sniffDialect, sniffLayout } from './text/sniff.js';

export type FileRole = 'orders' | 'customers' | 'ignored';

export interface FileGuess {
  /** the file's index in the list given */
  index: number;
  name: string;
  role: FileRole;
  /** why (catalogue code and params; `message` is its English text) */
  code: MessageCode;
  params: Params;
  message: string;
  columns: string[];
  /** the roles guessed from the column names and the first rows' values */
  roles: RoleMap;
  /** the amount as an expression of columns when there is no amount column (Quantity * UnitPrice) */
  amountExpression?: string;
  /** the first rows as read (text; null = empty), for a preview under `columns` */
  preview: (string | null)[][];
}

/** Rows of a guess's preview. */
export const PREVIEW_ROWS = 5;

/** Bytes of a text file looked at. */
const HEAD = 256 << 10;
/** Rows looked at. */
const SAMPLE = 500;

interface Sample {
  columns: string[];
  rows: (string | null)[][];
}

async function sampleOf(file: InputFile): Promise<Sample | null> {
  if (file.size === 0) return null;
  const head = await file.read(0, Math.min(file.size, HEAD));
  const format = detectFormat(file.name, head);
  if (format === 'excel') {
    const t = readExcel(file.name, await file.read(), undefined).table;
    return { columns: t.columns, rows: t.rows.slice(0, SAMPLE) };
  }
  if (format === 'parquet') {
    const t = await readParquetJs(file);
    return { columns: t.columns, rows: t.rows.slice(0, SAMPLE) };
  }
  const enc = detectEncoding(head);
  const complete = head.length >= file.size;
  if (format === 'json' || format === 'ndjson') {
    const text = decodeText((complete ? head : await file.read()).subarray(enc.bom), enc.encoding).text;
    const t = format === 'json' ? parseJson(file.name, text) : parseNdjson(file.name, text);
    return { columns: t.columns, rows: t.rows.slice(0, SAMPLE) };
  }
  const text = decodeText(head.subarray(enc.bom), enc.encoding).text;
  const lines = new LineSplitter().push(text, complete);
  if (lines.length === 0) return null;
  const dialect = sniffDialect(lines);
  const layout = sniffLayout(lines, dialect);
  if (layout.width < 2) return null;
  const rows: string[][] = [];
  let seen = 0;
  let i = lines.findIndex((l) => l.no === layout.startLine);
  if (layout.header) i++;
  while (i >= 0 && i < lines.length && rows.length < SAMPLE) {
    const r = readRecord(lines, i, dialect, layout.width, true);
    if (!r) break;
    if (!r.record.blank) {
      seen++;
      if (r.record.fields.length === layout.width) rows.push(r.record.fields);
    }
    i = r.next;
  }
  // prose split at spaces is no table: most rows must have the header's shape
  if (rows.length < 0.8 * seen) return null;
  const columns = layout.header ? layout.header.fields.slice(0, layout.width).map((f, k) => f.trim() || `column${k + 1}`) : Array.from({ length: layout.width }, (_, k) => `column${k + 1}`);
  return { columns, rows };
}

/** A column's type from its sample values, as role guessing reads types. */
function typeOf(values: (string | null)[]): string {
  const counts = { number: 0, date: 0, text: 0 };
  for (const v of values) {
    const k = classOf(v ?? '');
    if (k !== 'empty') counts[k]++;
  }
  const n = counts.number + counts.date + counts.text;
  if (n === 0) return 'empty';
  if (counts.date >= 0.9 * n) return 'timestamp';
  if (counts.number >= 0.9 * n) return 'number';
  return 'text';
}

function guess(index: number, name: string, role: FileRole, code: MessageCode, params: Params, sample: Sample | null = null, roles: RoleMap = {}, amountExpression?: string): FileGuess {
  const columns = sample?.columns ?? [];
  const preview = sample?.rows.slice(0, PREVIEW_ROWS) ?? [];
  return { index, name, role, code, params, message: renderMessage(code, params).message, columns, roles, preview, ...(amountExpression ? { amountExpression } : {}) };
}

/** Guesses the role of each file (see the module comment). */
export async function guessFileRoles(files: InputFile[]): Promise<FileGuess[]> {
  const out: FileGuess[] = [];
  for (let index = 0; index < files.length; index++) {
    const file = files[index]!;
    let sample: Sample | null = null;
    try {
      sample = await sampleOf(file);
    } catch {
      sample = null;
    }
    if (!sample || sample.columns.length < 2) {
      out.push(guess(index, file.name, 'ignored', 'classify.not_a_table', { extension: extension(file.name) }));
      continue;
    }
    const typed = sample.columns.map((c, k) => ({ name: c, type: typeOf(sample.rows.map((r) => r[k] ?? null)) }));
    const roles = guessRoles(typed);
    const expression = roles.amount ? undefined : suggestAmountExpression(sample.columns);
    const has = (r: Role) => roles[r] !== undefined;
    if (!has('customer')) {
      out.push(guess(index, file.name, 'ignored', 'classify.no_customer', { columns: sample.columns.join(', ') }, sample, roles));
    } else if (has('date') && (has('amount') || expression)) {
      out.push(guess(index, file.name, 'orders', 'classify.orders', { customer: roles.customer!, date: roles.date!, amount: roles.amount ?? expression! }, sample, roles, expression));
    } else {
      // no amount: one row per customer id is a customers file (it may well have dates: a
      // sign-up date); repeated ids with dates are orders without their amount
      const k = sample.columns.indexOf(roles.customer!);
      const ids = sample.rows.map((r) => (r[k] ?? '').trim()).filter((v) => v !== '');
      const unique = new Set(ids).size === ids.length;
      if (unique) out.push(guess(index, file.name, 'customers', 'classify.customers', { customer: roles.customer! }, sample, roles));
      else if (has('date')) out.push(guess(index, file.name, 'ignored', 'classify.incomplete', { customer: roles.customer!, missing: 'amount' }, sample, roles));
      else out.push(guess(index, file.name, 'ignored', 'classify.ids_repeat', { customer: roles.customer! }, sample, roles));
    }
  }
  // the orders: the files that share their columns with the most bytes; other orders files are
  // another table (named, ignored)
  const key = (g: FileGuess) => g.columns.map(normaliseName).join('|');
  const groups = new Map<string, number>();
  for (const g of out) if (g.role === 'orders') groups.set(key(g), (groups.get(key(g)) ?? 0) + files[g.index]!.size);
  const main = [...groups.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const first = out.find((g) => g.role === 'orders' && key(g) === main);
  for (const [i, g] of out.entries()) {
    if (g.role === 'orders' && key(g) !== main) out[i] = guess(g.index, g.name, 'ignored', 'classify.other_columns', { other: first?.name ?? '' }, { columns: g.columns, rows: g.preview }, g.roles);
  }
  // one customers file
  const customers = out.filter((g) => g.role === 'customers');
  for (const g of customers.slice(1)) out[g.index] = guess(g.index, g.name, 'ignored', 'classify.second_customers', { first: customers[0]!.name }, { columns: g.columns, rows: g.preview }, g.roles);
  return out;
}
