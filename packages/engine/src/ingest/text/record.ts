// Records from physical lines. A record is one line, or several when a quoted value spans lines
// (RFC 4180). When a line's quotes can be read two ways, the reading that gives the expected
// number of fields wins (see fields.ts); a quote that never closes damages one line at most.
import { parseQuoted, splitLiteral, type TextDialect } from './fields.js';
import type { Line } from './lines.js';

export interface TextRecord {
  /** first line of the record in the file (1-based) */
  line: number;
  /** how many physical lines it spans */
  span: number;
  /** the record's text as in the file (its lines joined with their endings) */
  text: string;
  fields: string[];
  quoted: boolean[];
  /** quotes were read as characters (a stray quote, or a quote that never closed) */
  literalQuotes: boolean;
  /** NUL characters or byte-order marks were removed from the text */
  cleaned: { nul: boolean; bom: boolean };
  blank: boolean;
}

/** A quoted value may span at most this many lines; past it, the opening quote is taken as a
 * character (a stray quote must not swallow the rest of the file). */
export const MAX_SPAN_LINES = 1000;

const JUNK = /[\u0000\uFEFF]/;

function clean(text: string): { text: string; nul: boolean; bom: boolean } {
  if (!JUNK.test(text)) return { text, nul: false, bom: false };
  return { text: text.replace(/[\u0000\uFEFF]/g, ''), nul: text.includes('\u0000'), bom: text.includes('\uFEFF') };
}

/**
 * The record starting at lines[i]: `expected` is the header's number of fields (null while the
 * shape is unknown). Returns null when the record may go on past the given lines and `final` is
 * false (the caller then comes back with more lines).
 */
export function readRecord(lines: readonly Line[], i: number, d: TextDialect, expected: number | null, final: boolean): { record: TextRecord; next: number } | null {
  const first = lines[i]!;
  const c = clean(first.text);
  const base = { line: first.no, cleaned: { nul: c.nul, bom: c.bom } };
  if (c.text.trim() === '') return { record: { ...base, span: 1, text: first.text, fields: [''], quoted: [false], literalQuotes: false, blank: true }, next: i + 1 };
  const single = (f: { fields: string[]; quoted: boolean[] }, literalQuotes: boolean): { record: TextRecord; next: number } => ({
    record: { ...base, span: 1, text: first.text, fields: f.fields, quoted: f.quoted, literalQuotes, blank: false },
    next: i + 1
  });
  const p = parseQuoted(c.text, d);
  if (p.state === 'ok') {
    if (p.stray && expected !== null && p.fields.length !== expected) {
      // a stray quote and the wrong shape: the literal reading, when it has the right one
      const lit = splitLiteral(c.text, d);
      if (lit.fields.length === expected) return single(lit, true);
    }
    return single(p, p.stray);
  }
  if (p.state === 'malformed') return single(splitLiteral(c.text, d), true);
  // open: the quoted value may go on on the next lines
  let text = c.text;
  let raw = first.text;
  let nul = c.nul;
  let bom = c.bom;
  let j = i;
  let multi: { fields: string[]; quoted: boolean[]; next: number; text: string; stray: boolean } | null = null;
  const q = d.quote ?? '"';
  while (j - i < MAX_SPAN_LINES) {
    if (j + 1 >= lines.length) {
      if (!final) return null;
      break;
    }
    const prev = lines[j]!;
    const line = lines[j + 1]!;
    const lc = clean(line.text);
    text += prev.end + lc.text;
    raw += prev.end + line.text;
    nul ||= lc.nul;
    bom ||= lc.bom;
    j++;
    // a line without a quote cannot close the value: no need to read the record again
    if (!lc.text.includes(q)) continue;
    const again = parseQuoted(text, d);
    if (again.state === 'open') continue;
    if (again.state === 'ok') multi = { fields: again.fields, quoted: again.quoted, next: j + 1, text: raw, stray: again.stray };
    break;
  }
  if (multi && (expected === null || multi.fields.length === expected))
    return { record: { line: first.no, span: multi.next - i, text: multi.text, fields: multi.fields, quoted: multi.quoted, literalQuotes: multi.stray, cleaned: { nul, bom }, blank: false }, next: multi.next };
  return single(splitLiteral(c.text, d), true);
}
