// The pollution corpus: clean tables (real files, given as text) turned into the messy files real
// exports are, each with what reading it must give. Pure: text in, cases out, the same cases for
// the same seed (no file system, no clock, no Math.random).
//
// A case's `expected` holds every data row of the file with the cells it means (its data row
// number: records after the header, rows left out counted, skipped lines not), and the lines the
// pollution touched ("touches"): which reports fit them (repaired / left out / skipped, by
// code) and whether a report is required. check.ts compares a reading with it cell by cell.
import { encodeField, LineCounter, parseStrict, rng, type Cell } from './csv-model.js';

export type Layout = 'csv' | 'whitespace';

export interface SourceRow {
  /** the row as written in the clean file (no line end) */
  text: string;
  cells: Cell[];
}

export interface CleanSource {
  /** short name, used in case and file names */
  name: string;
  ext: 'csv' | 'txt';
  layout: Layout;
  eol: '\n' | '\r\n';
  header: { text: string; names: string[] } | null;
  rows: SourceRow[];
  /** columns the pollutions use: a free-text column (may hold the separator), a plain text
   * column (no separator, no quote, never empty), an amount column, a middle column */
  cols: { text: number; plain: number; amount: number | null; middle: number };
  /** only the clean file and the whitespace cases (a variant of another source) */
  light?: boolean;
}

export interface Outcome {
  action: 'repaired' | 'left_out' | 'skipped';
  codes: string[];
  /** repaired: the row must then hold exactly the cells it means (false: the report must
   * only be honest, its `after` text equal to the row as read) */
  exact?: boolean;
}

export interface Touch {
  /** 1-based line of the file where the record starts */
  line: number;
  /** its data row number, when it is a data row */
  row?: number;
  /** the record's text as in the file (what a report's `before` must hold) */
  before: string;
  /** a report of it is required (else it may be reported, with one of the codes) */
  required: boolean;
  accept: Outcome[];
  what: string;
}

export interface ExpectedRow {
  row: number;
  cells: Cell[];
  /** its line in the file */
  line: number;
}

export interface Expected {
  /** the file's name (every report names it) */
  file: string;
  columns: string[];
  rows: ExpectedRow[];
  touches: Touch[];
  /** issue codes the reading must report */
  issues: string[];
  /** must be read by DuckDB's own reader (the fast path) */
  fastPath?: boolean;
  /** the separator of a report's `after` text */
  separator: string;
}

export interface PollutionCase {
  /** unique, e.g. 'orders / trailing-empty / first' */
  name: string;
  source: string;
  kind: string;
  position: string;
  file: string;
  bytes: Uint8Array;
  options: { table?: number };
  expected: Expected;
}

/* ------------------------------------------------------------------ sources from text */

/** A clean source from the text of a file (its first `rows` data rows). */
export function sourceFromText(
  spec: { name: string; ext: 'csv' | 'txt'; layout: Layout; header: boolean; cols: CleanSource['cols'] },
  text: string,
  rows: number
): CleanSource {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  const take = lines.slice(0, rows + (spec.header ? 1 : 0)).filter((l, i, a) => l !== '' || i < a.length - 1);
  const parse = (line: string): Cell[] => {
    if (spec.layout === 'whitespace') return line.trim().split(/[ \t]+/);
    const r = parseStrict(line, { delimiter: ',' });
    if (!r || r.length !== 1) throw new Error(`${spec.name}: not one strict CSV record: ${line}`);
    return r[0]!;
  };
  const headerLine = spec.header ? take.shift()! : null;
  const header = headerLine === null ? null : { text: headerLine, names: (parse(headerLine) as string[]).map((n) => n.trim()) };
  const out = take.map((line) => ({ text: line, cells: parse(line) }));
  const width = header ? header.names.length : out[0]!.cells.length;
  for (const r of out) {
    if (r.cells.length !== width) throw new Error(`${spec.name}: a row of ${r.cells.length} fields: ${r.text}`);
    if (spec.layout === 'csv' && r.cells.map((c) => encodeField(c, { delimiter: ',' })).join(',') !== r.text) throw new Error(`${spec.name}: a row that does not write back the same: ${r.text}`);
  }
  return { name: spec.name, ext: spec.ext, layout: spec.layout, eol, header, rows: out, cols: spec.cols };
}

/** The source as whitespace-separated text: single spaces, or columns aligned by runs of
 * spaces (numbers right-aligned, as CDNOW). Values holding a blank get 'T' for it (dates). */
export function asWhitespace(src: CleanSource, style: 'single' | 'aligned', light = true): CleanSource {
  const fix = (c: Cell) => (c ?? '').replace(/[ \t]/g, 'T');
  const rows = src.rows.map((r) => r.cells.map(fix));
  const names = src.header?.names.map(fix) ?? null;
  const all = names ? [names, ...rows] : rows;
  const width = all[0]!.length;
  const w = Array.from({ length: width }, (_, c) => Math.max(...all.map((r) => r[c]!.length)));
  const render = (cells: string[]) => (style === 'single' ? cells.join(' ') : cells.map((c, i) => ' ' + (/^[\d.-]+$/.test(c) ? c.padStart(w[i]!) : c.padEnd(w[i]!))).join(' '));
  return {
    ...src,
    name: `${src.name}-${style === 'single' ? 'single-space' : 'aligned'}`,
    ext: 'txt',
    light,
    layout: 'whitespace',
    header: names ? { text: render(names), names } : null,
    rows: rows.map((cells) => ({ text: render(cells), cells }))
  };
}

/* ------------------------------------------------------------------ editing a row */

/** A row as pieces: what precedes the first field, the fields as written, the separators. */
interface Fields {
  lead: string;
  parts: string[];
  seps: string[];
  trail: string;
}

function fieldsOf(src: CleanSource, row: SourceRow): Fields {
  if (src.layout === 'csv') return { lead: '', parts: row.cells.map((c) => encodeField(c, { delimiter: ',' })), seps: row.cells.slice(1).map(() => ','), trail: '' };
  const m = /^([ \t]*)(.*?)([ \t]*)$/.exec(row.text)!;
  const tokens = m[2]!.split(/([ \t]+)/);
  return { lead: m[1]!, parts: tokens.filter((_, i) => i % 2 === 0), seps: tokens.filter((_, i) => i % 2 === 1), trail: m[3]! };
}

function render(f: Fields): string {
  return f.lead + f.parts.map((p, i) => (i ? f.seps[i - 1]! : '') + p).join('') + f.trail;
}

function withPart(f: Fields, k: number, text: string): Fields {
  const parts = [...f.parts];
  parts[k] = text;
  return { ...f, parts };
}

function withoutPart(f: Fields, k: number): Fields {
  const parts = f.parts.filter((_, i) => i !== k);
  const seps = [...f.seps];
  seps.splice(k === 0 ? 0 : k - 1, 1);
  return { ...f, parts, seps };
}

/** A grouped version of a number (2.55 -> 1,002.55): unquoted it splits at the comma. */
function grouped(v: Cell): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(v ?? '');
  if (!m) return '1,234.50';
  return `${m[1]}1,${m[2]!.slice(-3).padStart(3, '0')}${m[3] ?? ''}`;
}

/* ------------------------------------------------------------------ building a file */

interface TouchSpec {
  what: string;
  required: boolean;
  accept: Outcome[];
}

interface Piece {
  text: string;
  eol: string;
  data: boolean;
  cells?: Cell[];
  touch?: TouchSpec;
}

const TOO_MANY = ['text.row_too_many_fields', 'text.row_ambiguous'];
const TOO_FEW = ['text.row_too_few_fields', 'text.row_ambiguous'];
const leftOut = (codes: string[]): Outcome => ({ action: 'left_out', codes });
const repaired = (codes: string[], exact = true): Outcome => ({ action: 'repaired', codes, exact });
const skipped = (codes: string[]): Outcome => ({ action: 'skipped', codes });

class FileBuilder {
  pieces: Piece[] = [];
  bom = false;
  issues: string[] = [];
  options: { table?: number } = {};
  fastPath: boolean | undefined = undefined;
  columns: string[];

  constructor(
    readonly src: CleanSource,
    readonly eol: string = src.eol
  ) {
    this.columns = src.header ? src.header.names : src.rows[0]!.cells.map((_, i) => `column${i + 1}`);
  }

  line(text: string, touch?: TouchSpec, eol = this.eol): this {
    this.pieces.push({ text, eol, data: false, ...(touch ? { touch } : {}) });
    return this;
  }

  row(text: string, cells: Cell[], touch?: TouchSpec, eol = this.eol): this {
    this.pieces.push({ text, eol, data: true, cells, ...(touch ? { touch } : {}) });
    return this;
  }

  /** the source's header line (none for a source without one) */
  header(): this {
    return this.src.header ? this.line(this.src.header.text) : this;
  }

  rows(from = 0, to = this.src.rows.length): this {
    for (const r of this.src.rows.slice(from, to)) this.row(r.text, r.cells);
    return this;
  }

  build(c: { kind: string; position: string }): PollutionCase {
    let text = '';
    const lines = new LineCounter();
    let rowNo = 0;
    const rows: ExpectedRow[] = [];
    const touches: Touch[] = [];
    for (const p of this.pieces) {
      const line = lines.line;
      if (p.data) {
        rowNo++;
        rows.push({ row: rowNo, cells: p.cells!, line });
      }
      if (p.touch) touches.push({ line, ...(p.data ? { row: rowNo } : {}), before: p.text, ...p.touch });
      text += p.text + p.eol;
      lines.add(p.text);
      lines.add(p.eol);
    }
    const name = `${this.src.name} / ${c.kind}${c.position ? ` / ${c.position}` : ''}`;
    const file = `${this.src.name}--${c.kind}${c.position ? `--${c.position.replace(/ /g, '-')}` : ''}.${this.src.ext}`;
    const body = new TextEncoder().encode(text);
    let bytes = body;
    if (this.bom) {
      bytes = new Uint8Array(body.length + 3);
      bytes.set([0xef, 0xbb, 0xbf]);
      bytes.set(body, 3);
    }
    return {
      name,
      source: this.src.name,
      kind: c.kind,
      position: c.position,
      file,
      bytes,
      options: this.options,
      expected: {
        file,
        columns: this.columns,
        rows,
        touches,
        issues: this.issues,
        ...(this.fastPath !== undefined ? { fastPath: this.fastPath } : {}),
        separator: this.src.layout === 'csv' ? ',' : ' '
      }
    };
  }
}

/* ------------------------------------------------------------------ the pollutions */

/** A pollution of one data row: its new text and the cells it means, and what may be reported. */
interface RowPollution {
  text: string;
  cells: Cell[];
  touch?: TouchSpec;
  eol?: string;
}

interface RowKind {
  id: string;
  layouts: Layout[];
  apply: (src: CleanSource, row: SourceRow, r: () => number) => RowPollution;
}

const QUOTE_LITERAL = 'text.quote_literal';

/** A position inside a value (not at either end). */
function inside(v: string, r: () => number): number {
  return v.length < 2 ? 1 : 1 + Math.floor(r() * (v.length - 1));
}

const ROW_KINDS: RowKind[] = [
  {
    // one field too many: a trailing separator
    id: 'trailing-empty',
    layouts: ['csv'],
    apply: (_src, row) => ({
      text: row.text + ',',
      cells: row.cells,
      touch: { what: 'a trailing empty field', required: true, accept: [repaired(['text.row_trailing_empty']), leftOut(TOO_MANY)] }
    })
  },
  {
    // one field too many: 1,234.50 unquoted in the amount column
    id: 'grouped-number',
    layouts: ['csv'],
    apply: (src, row) => {
      const k = src.cols.amount!;
      const v = grouped(row.cells[k]!);
      const cells = [...row.cells];
      cells[k] = v;
      return { text: render(withPart(fieldsOf(src, row), k, v)), cells, touch: { what: `an unquoted grouped number ${v}`, required: true, accept: [repaired(['text.row_merged_number']), leftOut(TOO_MANY)] } };
    }
  },
  {
    // one field too many: the separator unquoted in a text value
    id: 'separator-in-text',
    layouts: ['csv'],
    apply: (src, row, r) => {
      const k = src.cols.text;
      const old = row.cells[k] ?? 'text';
      const v = old.includes(',') ? old : old.includes(' ') ? old.replace(' ', ', ') : `${old.slice(0, inside(old, r))},${old.slice(inside(old, r))}`;
      const cells = [...row.cells];
      cells[k] = v;
      return {
        text: render(withPart(fieldsOf(src, row), k, v)),
        cells,
        touch: { what: `an unquoted separator in ${JSON.stringify(v)}`, required: true, accept: [repaired(['text.row_merged_text', QUOTE_LITERAL]), leftOut(TOO_MANY)] }
      };
    }
  },
  {
    // one field too many in whitespace-separated text: a stray token
    id: 'extra-token',
    layouts: ['whitespace'],
    apply: (src, row) => {
      const f = fieldsOf(src, row);
      const k = src.cols.middle;
      const parts = [...f.parts.slice(0, k + 1), '7', ...f.parts.slice(k + 1)];
      const seps = [...f.seps.slice(0, k + 1), ' ', ...f.seps.slice(k + 1)];
      return { text: render({ ...f, parts, seps }), cells: row.cells, touch: { what: 'an extra token', required: true, accept: [leftOut(TOO_MANY), repaired(['text.row_merged_text'], false)] } };
    }
  },
  {
    // one field too few: a value in the middle missing (its separator too)
    id: 'field-missing',
    layouts: ['csv', 'whitespace'],
    apply: (src, row) => ({
      text: render(withoutPart(fieldsOf(src, row), src.cols.middle)),
      cells: row.cells,
      touch: { what: 'a missing middle field', required: true, accept: [leftOut(TOO_FEW), repaired(['text.row_padded'], false)] }
    })
  },
  {
    // one field too few: the last value missing
    id: 'last-field-missing',
    layouts: ['csv', 'whitespace'],
    apply: (src, row) => {
      const cells = [...row.cells];
      cells[cells.length - 1] = null;
      return {
        text: render(withoutPart(fieldsOf(src, row), row.cells.length - 1)),
        cells,
        touch: { what: 'a missing last field', required: true, accept: [leftOut(TOO_FEW), repaired(['text.row_padded'])] }
      };
    }
  },
  {
    // a stray quote inside a value (5" screen)
    id: 'stray-quote',
    layouts: ['csv', 'whitespace'],
    apply: (src, row, r) => {
      const k = src.cols.plain;
      const old = row.cells[k]!;
      const at = inside(old, r);
      const v = `${old.slice(0, at)}"${old.slice(at)}`;
      const cells = [...row.cells];
      cells[k] = v;
      return {
        text: render(withPart(fieldsOf(src, row), k, v)),
        cells,
        touch: { what: `a stray quote in ${JSON.stringify(v)}`, required: src.layout === 'csv', accept: [repaired([QUOTE_LITERAL]), leftOut([...TOO_MANY, ...TOO_FEW])] }
      };
    }
  },
  {
    // (valid) a quoted value holding a line break
    id: 'line-break-in-value',
    layouts: ['csv'],
    apply: (src, row) => {
      const k = src.cols.text;
      const cells = [...row.cells];
      cells[k] = `${cells[k] ?? ''}\nsecond line`;
      return { text: render(withPart(fieldsOf(src, row), k, encodeField(cells[k]!, { delimiter: ',' }))), cells };
    }
  },
  {
    // a stray quote in a row whose quoted value spans two lines
    id: 'stray-quote-multiline-row',
    layouts: ['csv'],
    apply: (src, row, r) => {
      const cells = [...row.cells];
      cells[src.cols.text] = `${cells[src.cols.text] ?? ''}\nsecond line`;
      const old = row.cells[src.cols.plain]!;
      const at = inside(old, r);
      cells[src.cols.plain] = `${old.slice(0, at)}"${old.slice(at)}`;
      const f = withPart(withPart(fieldsOf(src, row), src.cols.text, encodeField(cells[src.cols.text]!, { delimiter: ',' })), src.cols.plain, cells[src.cols.plain]!);
      return {
        text: render(f),
        cells,
        touch: { what: `a stray quote in ${JSON.stringify(cells[src.cols.plain])}, in a row spanning two lines`, required: true, accept: [repaired([QUOTE_LITERAL]), leftOut([...TOO_MANY, ...TOO_FEW])] }
      };
    }
  },
  {
    // an opening quote that never closes
    id: 'open-quote',
    layouts: ['csv', 'whitespace'],
    apply: (src, row) => {
      const k = src.cols.plain;
      const v = `"${row.cells[k]!}`;
      const cells = [...row.cells];
      cells[k] = v;
      return {
        text: render(withPart(fieldsOf(src, row), k, v)),
        cells,
        touch: { what: `an unbalanced opening quote in ${JSON.stringify(v)}`, required: src.layout === 'csv', accept: [repaired([QUOTE_LITERAL]), leftOut([...TOO_MANY, ...TOO_FEW])] }
      };
    }
  },
  {
    id: 'nul',
    layouts: ['csv', 'whitespace'],
    apply: (src, row, r) => {
      const k = src.cols.plain;
      const old = row.cells[k]!;
      const at = inside(old, r);
      return {
        text: render(withPart(fieldsOf(src, row), k, `${old.slice(0, at)}\u0000${old.slice(at)}`)),
        cells: row.cells,
        touch: { what: 'a NUL byte in a value', required: true, accept: [repaired(['text.nul_removed'])] }
      };
    }
  },
  {
    // a byte-order mark at the start of a row (headerless exports joined together)
    id: 'bom-row',
    layouts: ['csv', 'whitespace'],
    apply: (src, row) => ({
      text: `\uFEFF${row.text}`,
      cells: row.cells,
      // (before the first row of a file without a header it is the file's own BOM)
      ...(src.header || row !== src.rows[0] ? { touch: { what: 'a byte-order mark before the row', required: true, accept: [repaired(['text.bom_removed'])] } } : {})
    })
  },
  {
    // a valid line of more than 2,000,000 bytes
    id: 'long-line',
    layouts: ['csv', 'whitespace'],
    apply: (src, row) => {
      const k = src.layout === 'csv' ? src.cols.text : src.cols.plain;
      const unit = src.layout === 'csv' ? `${row.cells[k] ?? 'x'} ` : (row.cells[k] ?? '1');
      const v = unit.repeat(Math.ceil(2_100_000 / unit.length));
      const cells = [...row.cells];
      cells[k] = v;
      return { text: render(withPart(fieldsOf(src, row), k, src.layout === 'csv' ? encodeField(v, { delimiter: ',' }) : v)), cells };
    }
  },
  {
    // the row ends with \r\n in a \n file (\n in a \r\n file)
    id: 'other-eol-row',
    layouts: ['csv', 'whitespace'],
    apply: (src, row) => ({ text: row.text, cells: row.cells, eol: src.eol === '\n' ? '\r\n' : '\n' })
  },
  {
    // the row ends with a lone \r
    id: 'cr-row',
    layouts: ['csv', 'whitespace'],
    apply: (_src, row) => ({ text: row.text, cells: row.cells, eol: '\r' })
  }
];

/** The data rows a row pollution is applied at: the first, one in the middle, the last. */
function positions(src: CleanSource, r: () => number): { name: string; at: number }[] {
  const n = src.rows.length;
  return [
    { name: 'first', at: 0 },
    { name: 'middle', at: Math.floor(n / 3 + r() * (n / 3)) },
    { name: 'last', at: n - 1 }
  ];
}

function rowCases(src: CleanSource, r: () => number): PollutionCase[] {
  const out: PollutionCase[] = [];
  for (const kind of ROW_KINDS) {
    if (!kind.layouts.includes(src.layout)) continue;
    for (const pos of positions(src, r)) {
      const b = new FileBuilder(src).header().rows(0, pos.at);
      const p = kind.apply(src, src.rows[pos.at]!, r);
      b.row(p.text, p.cells, p.touch, p.eol);
      b.rows(pos.at + 1);
      if (p.eol) b.issues.push('text.mixed_line_endings');
      if (kind.id === 'long-line' && src.layout === 'csv') b.fastPath = true;
      out.push(b.build({ kind: kind.id, position: pos.name }));
    }
  }
  // blank and comment lines before the row
  for (const pos of positions(src, r)) {
    const b = new FileBuilder(src).header().rows(0, pos.at);
    b.line('', { what: 'a blank line', required: false, accept: [skipped(['text.blank_lines'])] });
    // (above the first row of a file without a header, a comment is also a line above the table)
    const codes = !src.header && pos.at === 0 ? ['text.comment_line', 'text.preamble'] : ['text.comment_line'];
    b.line('# exported by the shop system, do not edit', { what: 'a comment line', required: true, accept: [skipped(codes)] });
    b.rows(pos.at);
    out.push(b.build({ kind: 'blank-and-comment', position: `before ${pos.name}` }));
  }
  return out;
}

function headerCases(src: CleanSource): PollutionCase[] {
  const h = src.header;
  if (!h || src.layout !== 'csv') return [];
  const out: PollutionCase[] = [];
  // a header with a trailing separator
  out.push(
    new FileBuilder(src)
      .line(`${h.text},`, { what: 'a header with a trailing separator', required: true, accept: [repaired(['text.header_trailing_empty'])] })
      .rows()
      .build({ kind: 'header-trailing-empty', position: '' })
  );
  // an unbalanced quote before the first, a middle and the last name
  const n = h.names.length;
  for (const [name, k] of [
    ['first', 0],
    ['middle', Math.floor(n / 2)],
    ['last', n - 1]
  ] as const) {
    const names = h.text.split(',');
    names[k] = `"${names[k]}`;
    out.push(
      new FileBuilder(src)
        .line(names.join(','), { what: 'an unbalanced quote in the header', required: true, accept: [repaired(['text.header_quote'])] })
        .rows()
        .build({ kind: 'header-open-quote', position: name })
    );
  }
  // a NUL inside a name
  out.push(
    new FileBuilder(src)
      .line(`${h.text.slice(0, 3)}\u0000${h.text.slice(3)}`, { what: 'a NUL in the header', required: false, accept: [repaired(['text.nul_removed'])] })
      .rows()
      .build({ kind: 'header-nul', position: '' })
  );
  return out;
}

/** Concatenated exports: the header again (after a byte-order mark) before the first, a middle,
 * and after the last row; the file itself starts with a BOM. */
function repeatedHeaderCases(src: CleanSource, r: () => number): PollutionCase[] {
  if (!src.header) return [];
  const n = src.rows.length;
  const out: PollutionCase[] = [];
  for (const [name, k] of [
    ['before first', 0],
    ['middle', Math.floor(n / 3 + r() * (n / 3))],
    ['after last', n]
  ] as const) {
    const b = new FileBuilder(src).header().rows(0, k);
    b.bom = true;
    b.line(`\uFEFF${src.header.text}`, { what: 'a repeated header after a BOM', required: true, accept: [skipped(['text.repeated_header'])] });
    b.rows(k);
    out.push(b.build({ kind: 'repeated-header', position: name }));
  }
  return out;
}

function sum(src: CleanSource): string {
  const k = src.cols.amount;
  if (k === null) return '0';
  return src.rows.reduce((s, r) => s + Number(r.cells[k] ?? 0), 0).toFixed(2);
}

function fileCases(src: CleanSource, r: () => number): PollutionCase[] {
  const out: PollutionCase[] = [];
  const csv = src.layout === 'csv';
  const width = src.rows[0]!.cells.length;
  const line = (cells: string[]) => (csv ? cells.join(',') : cells.join(' '));

  // the clean file itself
  const clean = new FileBuilder(src).header().rows();
  if (csv) clean.fastPath = true;
  out.push(clean.build({ kind: 'clean', position: '' }));

  // a title and notes above the header
  out.push(
    new FileBuilder(src)
      .line(csv ? 'Sales report' : 'CDNOW sample export', { what: 'a title line', required: true, accept: [skipped(['text.preamble'])] })
      .line(csv ? 'Exported 2024-05-01 from the shop system' : 'exported on 1998-07-01', { what: 'a note line', required: true, accept: [skipped(['text.preamble'])] })
      .header()
      .rows()
      .build({ kind: 'preamble', position: '' })
  );

  // totals and notes below the data
  const total = Array<string>(width).fill('');
  total[0] = 'Total';
  if (src.cols.amount !== null) total[src.cols.amount] = sum(src);
  out.push(
    new FileBuilder(src)
      .header()
      .rows()
      .line(csv ? total.join(',') : `Total ${sum(src)}`, { what: 'a total line', required: true, accept: [skipped(['text.total_line', 'text.footer'])] })
      .line('', { what: 'a blank line', required: false, accept: [skipped(['text.blank_lines'])] })
      .line('Generated by POS', { what: 'a footer line', required: true, accept: [skipped(['text.footer'])] })
      .build({ kind: 'footer', position: '' })
  );

  // a second table after the first
  const other = new FileBuilder(src).header().rows();
  other.line('', { what: 'a blank line', required: false, accept: [skipped(['text.blank_lines'])] });
  other.line('Returns', { what: 'the title of the next table', required: true, accept: [skipped(['text.preamble', 'text.footer'])] });
  other.line(line(['customer', 'returned', 'reason']));
  for (let i = 0; i < 5; i++) other.line(line([`C0${100 + i}`, `2024-02-0${i + 1}`, i % 2 ? 'damaged' : 'late']));
  other.issues.push('text.other_table', 'text.tables');
  out.push(other.build({ kind: 'several-tables', position: 'first of two' }));

  // a table before the one read (table 2 asked for)
  if (src.header) {
    const two = new FileBuilder(src);
    two.line('Store totals', { what: 'the title of table 1', required: false, accept: [skipped(['text.preamble'])] });
    two.line(line(['region', 'orders', 'revenue']));
    for (let i = 0; i < 3; i++) two.line(line([['North', 'South', 'East'][i]!, String(10 + i), `${1000 + i * 7}.50`]));
    two.line('', { what: 'a blank line', required: false, accept: [skipped(['text.blank_lines'])] });
    two.header().rows();
    two.options = { table: 2 };
    two.issues.push('text.other_table', 'text.tables');
    out.push(two.build({ kind: 'several-tables', position: 'second of two' }));
  }

  // the file without its header
  if (src.header) {
    const b = new FileBuilder(src).rows();
    b.columns = src.rows[0]!.cells.map((_, i) => `column${i + 1}`);
    out.push(b.build({ kind: 'no-header', position: '' }));
  }

  // mixed line endings: \n, \r\n and a lone \r in turn
  {
    const ends = ['\n', '\r\n', '\r'];
    const b = new FileBuilder(src);
    if (src.header) b.line(src.header.text, undefined, ends[0]);
    src.rows.forEach((row, i) => b.row(row.text, row.cells, undefined, ends[(i + 1) % 3]));
    b.issues.push('text.mixed_line_endings');
    out.push(b.build({ kind: 'mixed-line-endings', position: '' }));
  }

  if (csv) {
    // every value in apostrophes
    const q = { delimiter: ',', quote: "'", always: true };
    const b = new FileBuilder(src);
    if (src.header) b.line(src.header.names.map((nm) => encodeField(nm, q)).join(','));
    for (const row of src.rows) b.row(row.cells.map((c) => encodeField(c, q)).join(','), row.cells);
    out.push(b.build({ kind: 'apostrophe-quotes', position: '' }));

    // quotes inside quoted values escaped by a backslash, a value with one at each position
    for (const pos of positions(src, r)) {
      const esc = { delimiter: ',', escape: 'backslash' as const };
      const bb = new FileBuilder(src).header();
      src.rows.forEach((row, i) => {
        const cells = [...row.cells];
        if (i === pos.at) cells[src.cols.text] = `${cells[src.cols.text] ?? ''} 7" SLEEVE`;
        // the reader decides the dialect from the first lines: a backslash escape first seen
        // after them may be read as literal quotes, if that is reported (and said as read)
        const touch = cells.some((c) => c?.includes('"'))
          ? { what: 'a quote escaped by a backslash', required: false, accept: [repaired([QUOTE_LITERAL], false)] }
          : undefined;
        bb.row(cells.map((c) => encodeField(c, esc)).join(','), cells, touch);
      });
      out.push(bb.build({ kind: 'backslash-escapes', position: pos.name }));
    }
  }
  return out;
}

/** Whitespace-separated text: a double space in a single-spaced file. */
function whitespaceCases(single: CleanSource, r: () => number): PollutionCase[] {
  if (single.layout !== 'whitespace' || !/single-space$/.test(single.name)) return [];
  const out: PollutionCase[] = [];
  for (const pos of positions(single, r)) {
    const row = single.rows[pos.at]!;
    const k = row.text.indexOf(' ');
    const b = new FileBuilder(single)
      .header()
      .rows(0, pos.at)
      .row(`${row.text.slice(0, k)}  ${row.text.slice(k + 1)}`, row.cells, {
        what: 'a double space in single-spaced text',
        required: false,
        accept: [leftOut(TOO_MANY), repaired(['text.row_trailing_empty', 'text.row_merged_text'], false)]
      })
      .rows(pos.at + 1);
    out.push(b.build({ kind: 'double-space', position: pos.name }));
  }
  return out;
}

/** Every case of every source (the seed fixes the middle rows and the positions inside values). */
export function pollutionCases(sources: readonly CleanSource[], seed = 20240501): PollutionCase[] {
  const r = rng(seed);
  const out: PollutionCase[] = [];
  for (const src of sources) {
    if (src.light) out.push(new FileBuilder(src).header().rows().build({ kind: 'clean', position: '' }), ...whitespaceCases(src, r));
    else out.push(...fileCases(src, r), ...headerCases(src), ...repeatedHeaderCases(src, r), ...rowCases(src, r), ...whitespaceCases(src, r));
  }
  const names = new Set<string>();
  for (const c of out) {
    if (names.has(c.name)) throw new Error(`two cases named ${c.name}`);
    names.add(c.name);
  }
  return out;
}
