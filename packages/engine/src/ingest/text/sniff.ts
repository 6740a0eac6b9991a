// Deciding how a text file is written from its first lines: the separator, the quote and its
// escape, the number of fields of a row, and where the table starts (its header, or the first
// data row when it has none), past any title or notes above it.
import type { TextDialect } from './fields.js';
import type { Line } from './lines.js';
import { readRecord, type TextRecord } from './record.js';
import { classOf, columnShapes, fits as fitsShape } from './shape.js';

export interface TextLayout {
  dialect: TextDialect;
  /** fields per row */
  width: number;
  /** the header record (null: the file has none; columns are named column1..N) */
  header: TextRecord | null;
  /** 1-based line where the table starts (the header's, or the first data row's) */
  startLine: number;
  /** the header had one more, empty, field than the rows (a trailing separator): dropped */
  headerTrailingEmpty: boolean;
}

/** How many records of the sample are looked at. */
const SAMPLE_RECORDS = 300;

function records(lines: readonly Line[], d: TextDialect, expected: number | null = null, max = SAMPLE_RECORDS, blanks = false): TextRecord[] {
  const out: TextRecord[] = [];
  for (let i = 0; i < lines.length && out.length < max; ) {
    const r = readRecord(lines, i, d, expected, true);
    if (!r) break;
    if (blanks || !r.record.blank) out.push(r.record);
    i = r.next;
  }
  return out;
}

function mode(xs: number[]): { value: number; share: number } {
  const freq = new Map<number, number>();
  for (const x of xs) freq.set(x, (freq.get(x) ?? 0) + 1);
  let value = 0;
  let n = 0;
  for (const [v, f] of freq) if (f > n || (f === n && v > value)) [value, n] = [v, f];
  return { value, share: xs.length ? n / xs.length : 0 };
}

/** A record that names columns: no field looks like a number or a date. */
export function headerLike(r: TextRecord): boolean {
  const filled = r.fields.filter((f) => f.trim() !== '');
  return filled.length > 0 && filled.every((f) => classOf(f) === 'text');
}

const DELIMITERS: TextDialect['delimiter'][] = [',', '\t', ';', '|'];

/** The dialect candidates worth trying for this sample. */
function candidates(text: string): TextDialect[] {
  const out: TextDialect[] = [];
  const quotes: ('"' | "'")[] = text.includes("'") ? ['"', "'"] : ['"'];
  for (const delimiter of DELIMITERS) {
    if (!text.includes(delimiter)) continue;
    for (const quote of quotes) {
      out.push({ delimiter, quote, escape: 'double' });
      if (text.includes(`\\${quote}`)) out.push({ delimiter, quote, escape: 'backslash' });
    }
  }
  return out;
}

interface Scored {
  dialect: TextDialect;
  width: number;
  share: number;
  /** fields wrapped in this dialect's quotes (evidence that it is the file's quote) */
  quotedFields: number;
  literal: number;
}

function score(lines: readonly Line[], d: TextDialect): Scored {
  const rs = records(lines, d);
  const m = mode(rs.map((r) => r.fields.length));
  return {
    dialect: d,
    width: m.value,
    share: m.share,
    quotedFields: rs.reduce((s, r) => s + r.quoted.filter(Boolean).length, 0),
    literal: rs.filter((r) => r.literalQuotes).length
  };
}

function better(a: Scored, b: Scored): boolean {
  // the dialect splitting most rows the same way; then into more fields; then the one whose
  // quotes are used (and read cleanly)
  if (Math.abs(a.share - b.share) > 0.05) return a.share > b.share;
  if (a.width !== b.width) return a.width > b.width;
  if (a.literal !== b.literal) return a.literal < b.literal;
  return a.quotedFields > b.quotedFields;
}

/** The dialect of the sample's lines. `given` fixes the separator (whitespace-separated text
 * is chosen only when no separator splits the lines). */
export function sniffDialect(lines: readonly Line[]): TextDialect {
  const sampleText = lines
    .slice(0, SAMPLE_RECORDS)
    .map((l) => l.text)
    .join('\n');
  let best: Scored | null = null;
  for (const d of candidates(sampleText)) {
    const s = score(lines, d);
    if (s.width < 2) continue;
    if (!best || better(s, best)) best = s;
  }
  if (best && best.share >= 0.5) return best.dialect;
  // no separator character: runs of spaces, or single spaces when they keep the shape better
  const runs = score(lines, { delimiter: 'whitespace', quote: null, escape: 'double' });
  const single = score(lines, { delimiter: ' ', quote: null, escape: 'double' });
  if (runs.width >= 2 || single.width >= 2) {
    const leading = lines.slice(0, SAMPLE_RECORDS).some((l) => /^[ \t]/.test(l.text));
    return !leading && single.share > runs.share + 0.05 && single.width >= 2 ? single.dialect : runs.dialect;
  }
  return best?.dialect ?? { delimiter: ',', quote: '"', escape: 'double' };
}

/** Where the table starts and its header, for a dialect. `table`: which table of the file
 * (1-based) is wanted; only the first is found here (the reader finds the others). */
export function sniffLayout(lines: readonly Line[], dialect: TextDialect): TextLayout {
  // the width from a first reading; then read again knowing it, so that a quote that never
  // closes (in the header, say) is read as a character rather than swallowing lines
  const width = mode(records(lines, dialect).map((r) => r.fields.length)).value;
  const all = records(lines, dialect, width, SAMPLE_RECORDS, true);
  const rs = all.filter((r) => !r.blank);
  // A table starts at the first record of k >= 2 fields (k + 1 with an empty last one: a
  // header written with a trailing separator) whose block (the records after it up to a blank
  // line) mostly has k fields, beginning with the very next one.
  const fits = (i: number) => {
    const r = rs[i]!;
    const trailing = r.fields.length >= 3 && r.fields[r.fields.length - 1] === '' && headerLike(r);
    const ks = trailing ? [r.fields.length, r.fields.length - 1] : [r.fields.length];
    const at = all.indexOf(r);
    // the records after it, up to a blank line that another table's header follows
    const block: TextRecord[] = [];
    for (let j = at + 1; j < all.length && block.length < 30; j++) {
      const x = all[j]!;
      if (!x.blank) {
        block.push(x);
        continue;
      }
      const next = all.slice(j + 1).find((y) => !y.blank);
      if (block.length > 0 && next && headerLike(next) && next.fields.length !== r.fields.length) break;
    }
    for (const k of ks) {
      if (k < 2) continue;
      const same = block.filter((b) => b.fields.length === k).length;
      // (a few odd rows at the top may be damaged rows, comments or notes)
      if (block.length === 0 ? rs.length === 1 : same >= 0.5 * block.length && block.slice(0, 3).some((b) => b.fields.length === k))
        return { r, width: k, trailing: k !== r.fields.length };
    }
    return null;
  };
  for (let i = 0; i < Math.min(rs.length, 60); i++) {
    const f = fits(i);
    if (!f) continue;
    if (headerLike(f.r)) return { dialect, width: f.width, header: f.r, startLine: f.r.line, headerTrailingEmpty: f.trailing };
    // a data-like row: the table has no header, unless a header follows within a few rows
    // (a title line of the same shape, e.g. "Exported on,2024-05-01,,"), itself followed by data
    for (let j = i + 1; j < Math.min(rs.length, i + 6); j++) {
      const h = fits(j);
      const after = rs[j + 1];
      if (h && headerLike(h.r) && after && !headerLike(after)) return { dialect, width: h.width, header: h.r, startLine: h.r.line, headerTrailingEmpty: h.trailing };
    }
    // no header: rows of data just above it (damaged ones, say) belong to the table too
    // (only rows whose values fit the columns below, a title line's do not)
    const shapes = columnShapes(
      rs.slice(i, i + 30).filter((x) => x.fields.length === f.width).map((x) => x.fields),
      f.width
    );
    const fitsColumns = (x: TextRecord) => {
      const n = Math.min(x.fields.length, f.width);
      let ok = 0;
      for (let c = 0; c < n; c++) if (fitsShape(x.fields[c]!, shapes[c])) ok++;
      return n >= 2 && fitsShape(x.fields[0]!, shapes[0]) && ok >= 0.8 * n;
    };
    let s0 = i;
    while (s0 > 0 && !headerLike(rs[s0 - 1]!) && fitsColumns(rs[s0 - 1]!)) s0--;
    return { dialect, width: f.width, header: null, startLine: rs[s0]!.line, headerTrailingEmpty: false };
  }
  const first = rs[0];
  return { dialect, width: first?.fields.length ?? width, header: first && headerLike(first) ? first : null, startLine: first?.line ?? 1, headerTrailingEmpty: false };
}
