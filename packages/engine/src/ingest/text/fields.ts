// Splitting one record of delimited text into fields. Two readings of a line exist when it holds
// quote characters: the RFC 4180 reading (a quote at the start of a field opens a quoted value
// that may span lines; a doubled quote, or a backslash-escaped one, is a quote character) and the
// literal reading (every quote is a plain character). The reader picks the one that gives the
// header's shape (see record.ts); this module only computes them.

/** How a text file separates and quotes its fields. */
export interface TextDialect {
  /** ' ' = exactly one space; 'whitespace' = runs of spaces and tabs (leading ones ignored) */
  delimiter: ',' | '\t' | ';' | '|' | ' ' | 'whitespace';
  /** the quote character, or null when the file has no quoting (whitespace-separated text) */
  quote: '"' | "'" | null;
  /** how a quote is written inside a quoted value: doubled ("") or after a backslash (\") */
  escape: 'double' | 'backslash';
}

export const CSV_DIALECT: TextDialect = { delimiter: ',', quote: '"', escape: 'double' };

export interface Fields {
  fields: string[];
  /** per field: it was written in quotes ("" = an empty string, not a missing value) */
  quoted: boolean[];
}

/** 'ok': `stray` when a quote stood inside an unquoted value (read as a character). */
export type Parsed = (Fields & { state: 'ok'; stray: boolean }) | { state: 'open' } | { state: 'malformed' };

const WS = /[ \t]+/;

/** The literal reading: split at every delimiter, quotes are characters. */
export function splitLiteral(text: string, d: TextDialect): Fields {
  let fields: string[];
  if (d.delimiter === 'whitespace') {
    const t = text.trim();
    fields = t === '' ? [''] : t.split(WS);
  } else fields = text.split(d.delimiter);
  return { fields, quoted: fields.map(() => false) };
}

/**
 * The RFC 4180 reading of `text` (one line, or several joined with their line ends): 'open'
 * when it ends inside a quoted value (the record goes on on the next line), 'malformed' when a
 * closing quote is followed by something other than a delimiter or the end.
 */
export function parseQuoted(text: string, d: TextDialect): Parsed {
  const q = d.quote;
  if (q === null || d.delimiter === 'whitespace' || !text.includes(q)) return { state: 'ok', stray: false, ...splitLiteral(text, d) };
  const delim = d.delimiter;
  const fields: string[] = [];
  const quoted: boolean[] = [];
  let stray = false;
  const n = text.length;
  let i = 0;
  for (;;) {
    if (text[i] === q) {
      // a quoted value
      let value = '';
      let j = i + 1;
      let closed = false;
      while (j < n) {
        const ch = text[j]!;
        if (d.escape === 'backslash' && ch === '\\' && j + 1 < n && (text[j + 1] === q || text[j + 1] === '\\')) {
          value += text[j + 1];
          j += 2;
        } else if (ch === q) {
          if (d.escape === 'double' && text[j + 1] === q) {
            value += q;
            j += 2;
          } else {
            closed = true;
            j++;
            break;
          }
        } else {
          // copy a run of ordinary characters at once
          let k = j + 1;
          while (k < n && text[k] !== q && text[k] !== '\\') k++;
          value += text.slice(j, k);
          j = k;
        }
      }
      if (!closed) return { state: 'open' };
      fields.push(value);
      quoted.push(true);
      if (j >= n) break;
      if (text[j] !== delim) return { state: 'malformed' };
      i = j + 1;
      if (i === n) {
        fields.push('');
        quoted.push(false);
        break;
      }
    } else {
      const k = text.indexOf(delim, i);
      const end = k < 0 ? n : k;
      const value = text.slice(i, end);
      // a quote inside an unquoted value is a character (not RFC 4180: reported)
      if (value.includes(q)) stray = true;
      fields.push(value);
      quoted.push(false);
      if (k < 0) break;
      i = k + 1;
      if (i === n) {
        fields.push('');
        quoted.push(false);
        break;
      }
    }
  }
  return { state: 'ok', stray, fields, quoted };
}

/** The value of a field written back as RFC 4180 CSV (comma, '"', doubled quotes): quoted
 * when it must be, and always when it is an empty string that was quoted (so that it stays an
 * empty string, not a missing value, when read again). */
export function csvField(value: string, quotedEmpty: boolean): string {
  if (value === '') return quotedEmpty ? '""' : '';
  if (/[",\r\n]/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}
