// Rows that do not have the header's number of fields. A row is repaired only when exactly one
// reading gives the header's shape with every value fitting its column (judged against the
// well-shaped rows); otherwise it is left out, and either way it is reported. No value is ever
// moved into another column without a word.

export type CellClass = 'empty' | 'number' | 'date' | 'text';

const NUMBER_LIKE = /^\s*[-+(]?\s*[¥￥$€£]?\s*\d[\d,.\s]*\)?\s*$/;
const DATE_LIKE = /^\s*\d{1,4}[-/.年]\d{1,2}[-/.月]\d{1,4}/;
/** a number whose thousands are grouped by commas (1,234.50; -12,000; ¥1,200) */
const GROUPED = /^\s*[-+(]?\s*[¥￥$€£]?\s*\d{1,3}(,\d{3})+(\.\d+)?\)?\s*$/;

export function classOf(v: string): CellClass {
  if (v.trim() === '') return 'empty';
  if (DATE_LIKE.test(v)) return 'date';
  if (NUMBER_LIKE.test(v)) return 'number';
  return 'text';
}

/** What the well-shaped rows say about a column. */
export interface ColumnShape {
  /** 'empty': no value in any well-shaped row; 'number'/'date': (nearly) every value is one;
   * 'text': anything */
  kind: CellClass;
  /** some well-shaped row leaves it empty */
  canBeEmpty: boolean;
  /** the kinds of value the column holds in the well-shaped rows */
  seen: ReadonlySet<CellClass>;
}

/** Column shapes from well-shaped rows (every row has `n` fields). */
export function columnShapes(rows: readonly (readonly string[])[], n: number): ColumnShape[] {
  const out: ColumnShape[] = [];
  for (let c = 0; c < n; c++) {
    let empty = 0;
    let number = 0;
    let date = 0;
    const seen = new Set<CellClass>();
    for (const r of rows) {
      const k = classOf(r[c] ?? '');
      seen.add(k);
      if (k === 'empty') empty++;
      else if (k === 'number') number++;
      else if (k === 'date') date++;
    }
    const filled = rows.length - empty;
    const kind: CellClass = filled === 0 ? 'empty' : number >= 0.95 * filled ? 'number' : date >= 0.95 * filled ? 'date' : 'text';
    out.push({ kind, canBeEmpty: empty > 0, seen });
  }
  return out;
}

/** Does value `v` fit a column of this shape (an empty value fits any)? */
export function fits(v: string, shape: ColumnShape | undefined): boolean {
  if (!shape) return true;
  const k = classOf(v);
  // a value of a kind the column holds (an empty one fits anywhere: missing values are)
  return k === 'empty' || shape.seen.has(k);
}

export type ShapeFix =
  | { kind: 'repaired'; code: 'text.row_trailing_empty' | 'text.row_merged_number' | 'text.row_merged_text' | 'text.row_padded'; fields: string[]; quoted: boolean[]; column: number }
  | { kind: 'left_out'; code: 'text.row_too_many_fields' | 'text.row_too_few_fields' | 'text.row_ambiguous'; readings: string[][] };

interface Candidate {
  code: Extract<ShapeFix, { kind: 'repaired' }>['code'];
  fields: string[];
  quoted: boolean[];
  column: number;
}

/**
 * The repair of a row of `fields.length` fields where the header has `n` (they differ).
 * `delimiter` joins the pieces of a value that held it unquoted.
 */
export function fixShape(fields: readonly string[], quoted: readonly boolean[], n: number, shapes: readonly ColumnShape[], delimiter: string): ShapeFix {
  const k = fields.length;
  const candidates: Candidate[] = [];
  if (k > n) {
    const extra = k - n;
    // 1. empty fields at the end (a trailing separator)
    if (fields.slice(n).every((f, i) => f === '' && !quoted[n + i])) candidates.push({ code: 'text.row_trailing_empty', fields: fields.slice(0, n), quoted: quoted.slice(0, n), column: n - 1 });
    // 2. one value holding the separator unquoted: a grouped number in a number column, or
    //    text in a text column
    for (let c = 0; c < n; c++) {
      const pieces = fields.slice(c, c + extra + 1);
      if (pieces.some((_, i) => quoted[c + i])) continue;
      const value = pieces.join(delimiter);
      const shape = shapes[c];
      let code: Candidate['code'] | null = null;
      if (shape?.seen.has('number') && delimiter === ',' && GROUPED.test(value)) code = 'text.row_merged_number';
      // text holding the separator: every piece a value of a kind the column holds (a trailing
      // empty piece is a stray separator, a number piece a shifted amount)
      else if ((shape === undefined || shape.kind === 'text') && pieces.every((p) => p.trim() !== '' && fits(p, shape) && classOf(p) !== 'empty')) code = 'text.row_merged_text';
      if (!code) continue;
      candidates.push({
        code,
        fields: [...fields.slice(0, c), value, ...fields.slice(c + extra + 1)],
        quoted: [...quoted.slice(0, c), false, ...quoted.slice(c + extra + 1)],
        column: c
      });
    }
  } else if (k < n) {
    // the last fields left out by the writer (only where those columns are often empty)
    const padded = [...fields, ...Array<string>(n - k).fill('')];
    if (shapes.slice(k, n).every((s) => s.canBeEmpty)) candidates.push({ code: 'text.row_padded', fields: padded, quoted: [...quoted, ...Array<boolean>(n - k).fill(false)], column: k });
  }
  const fitting = candidates.filter((cand) => cand.fields.every((v, i) => fits(v, shapes[i])));
  const distinct = fitting.filter((cand, i) => fitting.findIndex((o) => o.fields.every((v, j) => v === cand.fields[j])) === i);
  if (distinct.length === 1) {
    const c = distinct[0]!;
    return { kind: 'repaired', code: c.code, fields: c.fields, quoted: c.quoted, column: c.column };
  }
  if (distinct.length > 1) return { kind: 'left_out', code: 'text.row_ambiguous', readings: distinct.map((c) => c.fields) };
  return { kind: 'left_out', code: k > n ? 'text.row_too_many_fields' : 'text.row_too_few_fields', readings: [] };
}
