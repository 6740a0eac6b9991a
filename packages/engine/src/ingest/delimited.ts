// Sniffing delimited text (comma, tab, semicolon, pipe, or runs of whitespace) from a sample.
// DuckDB's read_csv then reads the whole file with the decided dialect (all columns as text):
// the same dialect for every file of a load, so that a folder of exports forms one table.

export type Delimiter = ',' | '\t' | ';' | '|' | 'whitespace';

export interface Dialect {
  delimiter: Delimiter;
  header: boolean;
  /** column names from the header line (or column1..N without a header) */
  columns: string[];
}

export const DELIMITER_LABEL: Record<Delimiter, string> = {
  ',': 'comma',
  '\t': 'tab',
  ';': 'semicolon',
  '|': 'pipe',
  whitespace: 'whitespace'
};

/** Splits one line by a delimiter, honouring "double-quoted" fields ("" = a quote). */
export function splitLine(line: string, delimiter: Delimiter): string[] {
  if (delimiter === 'whitespace') return line.trim().split(/\s+/);
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === delimiter) {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

/** The sample's complete lines (a quoted field spanning lines is rare in exports; such a
 * line only weakens the consistency score). */
export function sampleLines(text: string, complete: boolean, max = 200): string[] {
  let lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  if (!complete) lines = lines.slice(0, -1); // the last line may be cut off
  return lines.filter((l) => l.trim() !== '').slice(0, max);
}

const NUMBER_LIKE = /^\s*[-+(]?[¥￥$€£]?\s*\d[\d,.\s]*\)?\s*$/;
const DATE_LIKE = /^\s*\d{1,4}[-/.年]\d{1,2}[-/.月]\d{1,4}/;

export function looksLikeData(field: string): boolean {
  return NUMBER_LIKE.test(field) || DATE_LIKE.test(field);
}

function mode(counts: number[]): { value: number; share: number } {
  const freq = new Map<number, number>();
  for (const c of counts) freq.set(c, (freq.get(c) ?? 0) + 1);
  let best = 0;
  let n = 0;
  for (const [v, f] of freq) if (f > n || (f === n && v > best)) [best, n] = [v, f];
  return { value: best, share: counts.length ? n / counts.length : 0 };
}

/** Decides delimiter and header from the first lines of a file. */
export function sniffDialect(lines: string[]): Dialect {
  const candidates: Delimiter[] = [',', '\t', ';', '|'];
  let best: { d: Delimiter; fields: number; share: number } = { d: ',', fields: 1, share: 0 };
  for (const d of candidates) {
    const m = mode(lines.map((l) => splitLine(l, d).length));
    if (m.value < 2) continue;
    // prefer the delimiter splitting most lines the same way, then into more fields
    if (m.share > best.share + 0.05 || (Math.abs(m.share - best.share) <= 0.05 && m.value > best.fields) || best.fields < 2)
      best = { d, fields: m.value, share: m.share };
  }
  let delimiter: Delimiter = best.d;
  if (best.fields < 2) {
    const m = mode(lines.map((l) => splitLine(l, 'whitespace').length));
    if (m.value >= 2 && m.share >= 0.9) delimiter = 'whitespace';
  }
  const first = lines[0] ? splitLine(lines[0], delimiter).map((f) => f.trim()) : [];
  // A header has no field that looks like a number or a date.
  const header = first.length > 0 && !first.some((f) => f !== '' && looksLikeData(f));
  const columns = header ? first.map((f, i) => f || `column${i + 1}`) : first.map((_, i) => `column${i + 1}`);
  return { delimiter, header, columns };
}

/** Whitespace-separated text (leading spaces, runs of spaces, CRLF) as tab-separated text. */
export function whitespaceToTsv(text: string): string {
  const out: string[] = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/)) {
    const t = line.trim();
    if (t !== '') out.push(t.split(/\s+/).join('\t'));
  }
  return out.length ? out.join('\n') + '\n' : '';
}
