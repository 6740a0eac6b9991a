// The lenient reader of delimited text: reads what real exports contain (titles above the
// header, totals below the data, blank and comment lines, repeated headers of concatenated
// exports, several tables, stray quotes, ragged rows, NULs and byte-order marks, mixed line
// endings, lines of any length) and writes the table as canonical CSV for DuckDB to read: UTF-8,
// comma, '"', \n, one row per data row, then the data row number. Everything it repairs, leaves
// out or skips is logged (repairs.ts); nothing moves into another column without a word.
import type { FormatInfo, LoadIssue } from '../../types.js';
import { issue } from '../issues.js';
import type { Params } from '../../messages/index.js';
import { csvField, type TextDialect } from './fields.js';
import { LineSplitter, type Line } from './lines.js';
import { readRecord, type TextRecord } from './record.js';
import { RepairLog } from './repairs.js';
import { classOf, columnShapes, fixShape, type ColumnShape } from './shape.js';
import { headerLike, sniffDialect, sniffLayout, type TextLayout } from './sniff.js';

export interface LenientOptions {
  /** the file's name in reports */
  file: string;
  /** which table of the file to read (1-based; default 1) */
  table?: number;
  log: RepairLog;
  /** lines with bytes that could not be decoded (U+FFFD stands in for them): their rows are
   * left out and reported rather than read with a wrong value */
  badLine?: (line: number) => boolean;
  /** called after each chunk of text with the characters read so far */
  onChunk?: (chars: number) => void;
}

export interface LenientResult {
  /** canonical CSV without a header: the table's fields, then the data row number */
  bytes: Uint8Array;
  columns: string[];
  header: boolean;
  /** data rows written */
  rows: number;
  dialect: TextDialect;
  /** tables found in the file */
  tables: number;
  /** the longest line written, in bytes (DuckDB's max_line_size must exceed it) */
  maxLineBytes: number;
  issues: LoadIssue[];
}

/** Lines read before the layout is decided (about the first megabyte). */
const SAMPLE_CHARS = 1 << 20;
/** Records looked at after a possible new table's header to confirm it. */
const LOOKAHEAD = 10;
/** Records of a table buffered before its column shapes are decided. */
const SHAPE_ROWS = 200;

/** A line that only totals the rows above it (its first value names it). */
const TOTAL = /^\s*(grand\s*|sub\s*)?(totals?|sum|summe|gesamt)\s*[:：]?\s*$|^\s*(合计|合計|总计|總計|小计|小計|总和|汇总|彙總)\s*[:：]?\s*$/i;
const COMMENT = /^\s*(#|\/\/)/;

const DELIM_LABEL: Record<TextDialect['delimiter'], string> = { ',': 'comma', '\t': 'tab', ';': 'semicolon', '|': 'pipe', ' ': 'single-space', whitespace: 'whitespace' };

/** The dialect as FormatInfo (the report's data). */
export function dialectInfo(d: TextDialect, header: boolean): FormatInfo {
  const delimiter = ({ ',': 'comma', '\t': 'tab', ';': 'semicolon', '|': 'pipe', ' ': 'single-space', whitespace: 'whitespace' } as const)[d.delimiter];
  return { kind: 'delimited', delimiter, header };
}

export function describeDialect(d: TextDialect, header: boolean): string {
  const quote = d.quote === "'" ? ", apostrophe quotes" : '';
  const esc = d.escape === 'backslash' ? ', backslash escapes' : '';
  return `delimited text (${DELIM_LABEL[d.delimiter]}-separated${quote}${esc}, ${header ? 'with header' : 'no header'})`;
}

/** Does any line of the record pass `test`? */
function spanHas(r: TextRecord, test: (line: number) => boolean): boolean {
  for (let l = r.line; l < r.line + r.span; l++) if (test(l)) return true;
  return false;
}

/** In a row whose quotes were read as characters: a value of a number or date column that is
 * a number or date but for a quote at its start or end ("20) loses that quote. */
function unquoteValues(fields: string[], shapes: readonly ColumnShape[], quote: string): string[] {
  return fields.map((f, i) => {
    const kind = shapes[i]?.kind;
    if ((kind !== 'number' && kind !== 'date') || !(f.startsWith(quote) || f.endsWith(quote))) return f;
    const bare = f.slice(f.startsWith(quote) ? 1 : 0, f.endsWith(quote) && f.length > 1 ? -1 : undefined);
    return !bare.includes(quote) && classOf(bare) === kind ? bare : f;
  });
}

function norm(s: string): string {
  return s.trim().toLowerCase();
}

/** A header's names: trimmed, an unbalanced quote at either end removed, empty ones named by
 * position. */
function headerNames(r: TextRecord, width: number, quote: string | null): { names: string[]; fixed: boolean } {
  let fixed = false;
  const names = r.fields.slice(0, width).map((f, i) => {
    let n = f.trim();
    if (quote && r.literalQuotes && (n.startsWith(quote) !== n.endsWith(quote) || n === quote)) {
      n = n.replace(new RegExp(`^\\${quote}|\\${quote}$`, 'g'), '').trim();
      fixed = true;
    }
    return n === '' ? `column${i + 1}` : n;
  });
  return { names, fixed };
}

class CsvOut {
  private parts: Uint8Array[] = [];
  private buf: string[] = [];
  private chars = 0;
  private readonly enc = new TextEncoder();
  maxLineBytes = 0;

  row(fields: readonly string[], quoted: readonly boolean[], rowNo: number): void {
    let line = '';
    for (let i = 0; i < fields.length; i++) line += (i ? ',' : '') + csvField(fields[i]!, quoted[i] === true);
    line += `,${rowNo}\n`;
    // UTF-8 takes at most 3 bytes per UTF-16 unit
    if (line.length * 3 > this.maxLineBytes) this.maxLineBytes = Math.max(this.maxLineBytes, this.enc.encode(line).length);
    this.buf.push(line);
    this.chars += line.length;
    if (this.chars > 1 << 22) this.flush();
  }

  private flush(): void {
    if (this.buf.length) this.parts.push(this.enc.encode(this.buf.join('')));
    this.buf = [];
    this.chars = 0;
  }

  bytes(): Uint8Array {
    this.flush();
    const total = this.parts.reduce((s, p) => s + p.length, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const p of this.parts) {
      out.set(p, at);
      at += p.length;
    }
    this.parts = [];
    return out;
  }
}

interface Table {
  index: number;
  names: string[];
  header: TextRecord | null;
  width: number;
  shapes: ColumnShape[] | null;
  /** records waiting for the shapes to be known */
  early: TextRecord[];
  firstLine: number;
  lastLine: number;
  rows: number;
}

/**
 * Reads delimited text leniently. `chunks` yields the decoded text in order (each chunk may
 * end anywhere). Throws LoadError (via the log) in strict mode at the first repair.
 */
export async function readLenient(chunks: AsyncIterable<string>, options: LenientOptions): Promise<LenientResult> {
  const { file, log } = options;
  const wanted = Math.max(1, Math.floor(options.table ?? 1));
  const splitter = new LineSplitter();
  const out = new CsvOut();
  const issues: LoadIssue[] = [];
  let layout: TextLayout | null = null;
  let dialect: TextDialect = { delimiter: ',', quote: '"', escape: 'double' };
  let lines: Line[] = [];
  let sampleChars = 0;
  let read = 0;
  // the records not yet handled (LOOKAHEAD of them are kept until the text ends)
  let queue: TextRecord[] = [];
  let table: Table | null = null;
  let tables = 0;
  let wantedTable: Table | null = null;
  /** data rows of the wanted table, written or left out (its data row numbers) */
  let rowNo = 0;
  let written = 0;
  /** records since the last data row that are no rows of the table (a footer, or a title
   * between tables, or rows left out: decided by what follows) */
  let pending: TextRecord[] = [];
  let blanks: TextRecord[] = [];
  let afterGap = false;
  const emitting = () => table !== null && table.index === wanted;
  const delimText = () => (dialect.delimiter === 'whitespace' ? ' ' : dialect.delimiter);
  const shown = (fields: readonly string[], quoted: readonly boolean[]) =>
    fields.map((f, i) => (quoted[i] || f.includes(delimText()) || f.includes('"') ? `"${f.replace(/"/g, '""')}"` : f)).join(delimText());

  const startTable = (header: TextRecord | null, width: number, line: number) => {
    tables++;
    let names: string[];
    if (header) {
      const h = headerNames(header, width, dialect.quote);
      names = h.names;
      if (h.fixed && tables === wanted) log.add('text.header_quote', 'repaired', {}, { file, line: header.line, before: header.text, after: names.join(delimText()) });
    } else names = Array.from({ length: width }, (_, i) => `column${i + 1}`);
    table = { index: tables, names, header, width, shapes: null, early: [], firstLine: line, lastLine: line, rows: 0 };
    if (tables === wanted) wantedTable = table;
    pending = [];
    blanks = [];
    afterGap = false;
  };

  /** Records that turned out to be no data rows of the table: skipped under `code`. */
  const skipAll = (rs: TextRecord[], code: 'text.footer' | 'text.preamble') => {
    if (!emitting() && !(code === 'text.preamble' && tables + 1 === wanted)) return;
    for (const r of rs) log.add(code, 'skipped', {}, { file, line: r.line, before: r.text });
  };

  /** A record of `t` that does not fit its shape and cannot be repaired. */
  const leftOut = (t: Table, r: TextRecord, code: string, readings: string[][]) => {
    t.rows++;
    if (t.index !== wanted) return;
    rowNo++;
    const params = { expected: t.width, found: r.fields.length };
    const ex = { file, line: r.line, row: rowNo, before: r.text, ...(readings.length ? { readings: readings.map((f) => shown(f, [])) } : {}) };
    if (code === 'text.row_ambiguous') log.add('text.row_ambiguous', 'left_out', { expected: t.width }, ex);
    else log.add(code === 'text.row_too_many_fields' ? 'text.row_too_many_fields' : 'text.row_too_few_fields', 'left_out', params, ex);
  };

  const flushPending = (t: Table) => {
    for (const r of pending) {
      const fix = fixShape(r.fields, r.quoted, t.width, t.shapes ?? [], delimText());
      leftOut(t, r, fix.kind === 'left_out' ? fix.code : 'text.row_too_many_fields', fix.kind === 'left_out' ? fix.readings : []);
    }
    pending = [];
  };

  const flushBlanks = () => {
    if (emitting()) for (const b of blanks) log.add('text.blank_lines', 'skipped', {}, { file, line: b.line, before: '' });
    blanks = [];
  };

  /** A data row of the right shape (or repaired to it). */
  const dataRow = (t: Table, r: TextRecord, fields: string[], quoted: boolean[]) => {
    t.rows++;
    t.lastLine = r.line + r.span - 1;
    if (t.index !== wanted) return;
    rowNo++;
    if (r.literalQuotes && dialect.quote) fields = unquoteValues(fields, t.shapes ?? [], dialect.quote);
    const ex = { file, line: r.line, row: rowNo, before: r.text, after: shown(fields, quoted) };
    if (r.literalQuotes) log.add('text.quote_literal', 'repaired', {}, ex);
    if (r.cleaned.nul) log.add('text.nul_removed', 'repaired', {}, ex);
    if (r.cleaned.bom) log.add('text.bom_removed', 'repaired', {}, ex);
    out.row(fields, quoted, rowNo);
    written++;
  };

  /** A record of the current table's body, once its shapes are known. */
  const bodyRecord = (t: Table, r: TextRecord) => {
    if (options.badLine && r.text.includes('\uFFFD') && spanHas(r, options.badLine)) {
      flushPending(t);
      flushBlanks();
      t.rows++;
      if (t.index === wanted) log.add('text.row_invalid_bytes', 'left_out', {}, { file, line: r.line, row: ++rowNo, before: r.text });
      return;
    }
    if (r.fields.length === t.width) {
      flushPending(t);
      flushBlanks();
      dataRow(t, r, r.fields, r.quoted);
      return;
    }
    const fix = fixShape(r.fields, r.quoted, t.width, t.shapes ?? [], delimText());
    if (fix.kind === 'repaired') {
      flushPending(t);
      flushBlanks();
      if (t.index === wanted) {
        const params: Params = fix.code === 'text.row_merged_number' || fix.code === 'text.row_merged_text' ? { column: t.names[fix.column] ?? '' } : { expected: t.width, found: r.fields.length };
        log.add(fix.code, 'repaired', params, { file, line: r.line, row: rowNo + 1, before: r.text, after: shown(fix.fields, fix.quoted) });
      }
      dataRow(t, r, fix.fields, fix.quoted);
      return;
    }
    pending.push(r);
  };

  const decideShapes = (t: Table) => {
    if (t.shapes) return;
    t.shapes = columnShapes(
      t.early.filter((r) => r.fields.length === t.width && !r.blank && !r.literalQuotes && !sameNames(t, r)).map((r) => r.fields),
      t.width
    );
    const early = t.early;
    t.early = [];
    for (const r of early) body(t, r);
  };

  const sameNames = (t: Table, r: TextRecord) => t.header !== null && r.fields.length === t.width && r.fields.every((f, i) => norm(f.replace(/^["']|["']$/g, '')) === norm(t.names[i]!));

  /** Does record `r` (at queue index `at`) start a new table? */
  const newTable = (t: Table, r: TextRecord, at: number): boolean => {
    if (!headerLike(r) || r.fields.length < 2 || sameNames(t, r)) return false;
    const next = queue.slice(at + 1, at + 1 + LOOKAHEAD).filter((x) => !x.blank);
    if (next.length === 0 || next.filter((x) => x.fields.length === r.fields.length).length < 0.8 * next.length) return false;
    if (r.fields.length !== t.width) return true;
    // the same width: only after a gap, and only when it does not fit the columns as a row
    // does (text where the rows have numbers or dates)
    const shapes = t.shapes ?? columnShapes(t.early.filter((x) => x.fields.length === t.width).map((x) => x.fields), t.width);
    return afterGap && r.fields.some((f, i) => (shapes[i]?.kind === 'number' || shapes[i]?.kind === 'date') && f.trim() !== '');
  };

  /** The table ends (at a new table, or at the end of the text). What stands after its last
   * data row is, up to the last row-like record, rows left out; after that (text only) a
   * footer, or the title of the next table. */
  const endTable = (t: Table, atEnd: boolean) => {
    decideShapes(t);
    const rest = pending;
    pending = [];
    let lastRowLike = -1;
    rest.forEach((r, i) => {
      if (!headerLike(r)) lastRowLike = i;
    });
    pending = rest.slice(0, lastRowLike + 1);
    flushPending(t);
    skipAll(rest.slice(lastRowLike + 1), atEnd ? 'text.footer' : 'text.preamble');
    blanks = [];
    if (t.index !== wanted) {
      const p = { table: t.index, first: t.firstLine, last: t.lastLine, rows: t.rows, columns: t.names.join(', ') };
      issues.push(issue('info', 'text.other_table', file, p, { line: t.firstLine }));
    }
  };

  const handle = (r: TextRecord, at: number): void => {
    const t = table;
    if (!t) {
      // before the first table
      if (r.blank) return;
      if (layout && r.line < layout.startLine) {
        if (wanted === 1) log.add('text.preamble', 'skipped', {}, { file, line: r.line, before: r.text });
        return;
      }
      const width = layout?.width ?? r.fields.length;
      if (layout?.header && r.line === layout.startLine) {
        startTable(r, width, r.line);
        if (layout.headerTrailingEmpty && tables === wanted) log.add('text.header_trailing_empty', 'repaired', {}, { file, line: r.line, before: r.text, after: table!.names.join(delimText()) });
        return;
      }
      startTable(null, width, r.line);
      handle(r, at);
      return;
    }
    if (!r.blank && newTable(t, r, at)) {
      endTable(t, false);
      startTable(r, r.fields.length, r.line);
      return;
    }
    afterGap = r.blank || (r.fields.length !== t.width && !sameNames(t, r));
    if (!t.shapes) {
      t.early.push(r);
      if (t.early.length >= SHAPE_ROWS) decideShapes(t);
      return;
    }
    body(t, r);
  };

  /** A record inside a table (its shapes known). */
  const body = (t: Table, r: TextRecord): void => {
    if (r.blank) {
      blanks.push(r);
      return;
    }
    if (sameNames(t, r)) {
      if (t.index === wanted) log.add('text.repeated_header', 'skipped', {}, { file, line: r.line, before: r.text });
      return;
    }
    const first = r.fields.find((f) => f.trim() !== '') ?? '';
    if (TOTAL.test(first)) {
      if (t.index === wanted) log.add('text.total_line', 'skipped', {}, { file, line: r.line, before: r.text });
      return;
    }
    if (r.fields.length !== t.width && COMMENT.test(r.text)) {
      if (t.index === wanted) log.add('text.comment_line', 'skipped', {}, { file, line: r.line, before: r.text });
      return;
    }
    bodyRecord(t, r);
  };

  /** Turns lines into records and handles those with enough lookahead; keeps the rest. */
  const process = (final: boolean) => {
    if (!layout) return;
    let i = 0;
    const width = () => (table ? table.width : layout!.width);
    while (i < lines.length) {
      const r = readRecord(lines, i, dialect, width(), final);
      if (!r) break;
      queue.push(r.record);
      i = r.next;
    }
    lines = lines.slice(i);
    let k = 0;
    const keep = final ? 0 : LOOKAHEAD;
    for (; k < queue.length - keep; k++) handle(queue[k]!, k);
    queue = queue.slice(k);
  };

  for await (const chunk of chunks) {
    read += chunk.length;
    lines.push(...splitter.push(chunk, false));
    if (!layout) {
      sampleChars += chunk.length;
      if (sampleChars < SAMPLE_CHARS) continue;
      dialect = sniffDialect(lines);
      layout = sniffLayout(lines, dialect);
    }
    process(false);
    options.onChunk?.(read);
  }
  lines.push(...splitter.push('', true));
  if (!layout) {
    dialect = sniffDialect(lines);
    layout = sniffLayout(lines, dialect);
  }
  process(true);
  if (table) endTable(table, true);
  if (splitter.mixed) issues.push(issue('info', 'text.mixed_line_endings', file, { ...splitter.endings }));
  if (wanted > tables) issues.push(issue('error', 'text.no_such_table', file, { table: wanted, tables }));
  const w: Table | null = wantedTable;
  if (tables > 1) issues.push(issue('info', 'text.tables', file, { tables, table: wanted }));
  return {
    bytes: out.bytes(),
    columns: w ? (w as Table).names : [],
    header: w ? (w as Table).header !== null : false,
    rows: written,
    dialect,
    tables,
    maxLineBytes: out.maxLineBytes,
    issues
  };
}
