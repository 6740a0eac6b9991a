// The tests' own model of delimited text, independent of the engine's reader: a strict RFC 4180
// parser (the oracle for what a clean or still-valid file means), field encoding for writing
// polluted files, and the reading of a repair report's `after` text. A cell is a string, or
// null for an empty unquoted field (a quoted "" is the empty string), as the raw table holds it.

/** mulberry32, the seeded PRNG of the example and benchmark generators (one implementation). */
export { rng } from '../../../../../examples/rng.mjs';

export type Cell = string | null;

export interface StrictOptions {
  /** one character */
  delimiter: string;
  /** the quote character ('"' or "'") */
  quote?: string;
  /** how a quote is written inside a quoted value */
  escape?: 'double' | 'backslash';
  /** false: line breaks are ordinary characters (one record, as a report's `after` text) */
  newlines?: boolean;
}

/**
 * The strict RFC 4180 reading of `text`: its records (a final line end does not start another
 * record; a blank line is a record of one null cell), or null when the text is not strict
 * (a quote inside an unquoted value, text after a closing quote, a quote that never closes).
 * Line ends are \n, \r\n and a lone \r.
 */
export function parseStrict(text: string, options: StrictOptions): Cell[][] | null {
  const d = options.delimiter;
  const q = options.quote ?? '"';
  const backslash = options.escape === 'backslash';
  const newlines = options.newlines !== false;
  const records: Cell[][] = [];
  let cells: Cell[] = [];
  let i = 0;
  const n = text.length;
  if (n === 0) return [];
  const isEol = (k: number) => newlines && (text[k] === '\n' || text[k] === '\r');
  const eolLength = (k: number) => (text[k] === '\r' && text[k + 1] === '\n' ? 2 : 1);
  for (;;) {
    // at the start of a field
    if (text[i] === q) {
      let v = '';
      let j = i + 1;
      let closed = false;
      while (j < n) {
        const ch = text[j]!;
        if (backslash && ch === '\\' && (text[j + 1] === q || text[j + 1] === '\\')) {
          v += text[j + 1];
          j += 2;
        } else if (ch === q) {
          if (!backslash && text[j + 1] === q) {
            v += q;
            j += 2;
          } else {
            closed = true;
            j++;
            break;
          }
        } else {
          v += ch;
          j++;
        }
      }
      if (!closed) return null;
      cells.push(v);
      i = j;
    } else {
      let j = i;
      while (j < n && text[j] !== d && !isEol(j)) {
        if (text[j] === q) return null;
        j++;
      }
      cells.push(j === i ? null : text.slice(i, j));
      i = j;
    }
    if (i >= n) {
      records.push(cells);
      return records;
    }
    if (text[i] === d) {
      i++;
      if (i >= n) {
        cells.push(null);
        records.push(cells);
        return records;
      }
      continue;
    }
    if (isEol(i)) {
      records.push(cells);
      cells = [];
      i += eolLength(i);
      if (i >= n) return records;
      continue;
    }
    return null; // text after a closing quote
  }
}

/** A report's `after` text (fields joined by the file's separator, quoted with '"' where they
 * were quoted or hold the separator or a quote) as cells; null when it cannot be read. */
export function parseAfter(after: string, separator: string): Cell[] | null {
  const r = parseStrict(after, { delimiter: separator, newlines: false });
  return r && r.length === 1 ? r[0]! : null;
}

export interface EncodeOptions {
  delimiter: string;
  quote?: string;
  escape?: 'double' | 'backslash';
  /** quote every non-empty value (some exporters quote every text value) */
  always?: boolean;
}

/** A cell written as a field: quoted when it must be (or always, when asked); '' as a quoted
 * empty value, null as nothing. */
export function encodeField(cell: Cell, o: EncodeOptions): string {
  if (cell === null) return '';
  const q = o.quote ?? '"';
  const must = cell === '' || cell.includes(o.delimiter) || cell.includes(q) || cell.includes('\n') || cell.includes('\r') || (o.escape === 'backslash' && cell.includes('\\'));
  if (!must && !o.always) return cell;
  const inner = o.escape === 'backslash' ? cell.replace(/\\/g, '\\\\').split(q).join(`\\${q}`) : cell.split(q).join(q + q);
  return q + inner + q;
}

/** The number of line breaks (\n, \r\n, lone \r) in `text`. */
export function lineBreaks(text: string): number {
  return (text.match(/\r\n|\r|\n/g) ?? []).length;
}

/** Line numbers of text written piece by piece (a \r at the end of one piece and a \n at the
 * start of the next are one line break). */
export class LineCounter {
  private breaks = 0;
  private lastCr = false;

  add(s: string): void {
    if (s === '') return;
    this.breaks += lineBreaks(s) - (this.lastCr && s[0] === '\n' ? 1 : 0);
    this.lastCr = s.endsWith('\r');
  }

  /** the 1-based line the next character is on */
  get line(): number {
    return this.breaks + 1;
  }
}

/** A report's text as the engine keeps it (cut at 200 characters). */
export function reportText(s: string): string {
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

/** Cells shown for a failure message: JSON, long values shortened. */
export function showCells(cells: readonly Cell[] | undefined): string {
  if (!cells) return '(none)';
  return JSON.stringify(cells.map((c) => (c !== null && c.length > 60 ? `${c.slice(0, 40)}…(${c.length} chars)` : c)));
}

export function sameCells(a: readonly Cell[], b: readonly Cell[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
