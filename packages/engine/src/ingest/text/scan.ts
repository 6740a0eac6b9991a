// The check that lets a clean file take the fast path (DuckDB's own CSV reader, where the file
// is): one pass over the bytes, no decoding, no strings. A file passes only when DuckDB's
// reading of it cannot differ from the lenient reader's: quotes only open and close values
// (RFC 4180), one kind of line ending, no NUL, no byte-order mark after the start, no blank line
// before the end, no repeated header, no total line, and no line with one empty field too many
// at its end (DuckDB reads that as a trailing delimiter, silently; every other line with the
// wrong number of fields DuckDB rejects itself, and the file is then read by the lenient reader).

export interface ScanResult {
  clean: boolean;
  /** why not (for tests and traces) */
  reason?: string;
  /** the longest record in bytes */
  maxLineBytes: number;
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const TOTAL_START = /^\s*(grand\s*|sub\s*)?(totals?|sum|summe|gesamt)\s*[:：]?\s*$|^\s*(合计|合計|总计|總計|小计|小計|总和|汇总|彙總)\s*[:：]?\s*$/i;

/**
 * Scans UTF-8 bytes (without a leading BOM) delimited by `delimiter` whose first record (the
 * header, or the first row) has `width` fields. `chunks` yields the file in order.
 */
export async function scanClean(chunks: AsyncIterable<Uint8Array>, delimiter: string, width: number, header: boolean): Promise<ScanResult> {
  const delim = delimiter.charCodeAt(0);
  // the bytes that need a look; the delimiter is not one of them (see fieldsOf)
  const special = new Uint8Array(256);
  for (const b of [QUOTE, CR, LF, 0, 0xef]) special[b] = 1;
  const decoder = new TextDecoder();
  let maxLineBytes = 0;
  let lf = 0;
  let crlf = 0;
  let blankSeen = false;
  let records = 0;
  let headerBytes: Uint8Array | null = null;
  // the record being read: in quotes or not, where it starts in the buffer (-1: in an earlier one)
  let inQuotes = false;
  let start = 0;
  let carry: Uint8Array | null = null;
  const fail = (reason: string): ScanResult => ({ clean: false, reason, maxLineBytes });

  /** Fields of the record buf[s, end) (delimiters outside quotes). */
  const fieldsOf = (buf: Uint8Array, s: number, end: number): number => {
    let n = 1;
    let q = false;
    for (let j = s; j < end; j++) {
      const b = buf[j]!;
      if (b === QUOTE) q = !q;
      else if (b === delim && !q) n++;
    }
    return n;
  };

  /** the record buf[start, end) (without its line end) is complete: null when it is fine */
  const endRecord = (buf: Uint8Array, end: number): string | null => {
    const len = start >= 0 ? end - start : -1;
    if (len > maxLineBytes) maxLineBytes = len;
    if (len === 0) {
      blankSeen = true;
      return null;
    }
    if (blankSeen) return 'a blank line before the end';
    records++;
    if (start < 0) return records === 1 && header ? 'a header spanning lines' : null;
    // a line ending with the delimiter may hold one empty field too many
    if ((records === 1 || buf[end - 1] === delim) && fieldsOf(buf, start, end) !== width) return 'a record with another number of fields';
    if (records === 1) {
      if (header) headerBytes = buf.slice(start, end);
      return null;
    }
    if (headerBytes && len === headerBytes.length) {
      let same = true;
      for (let k = 0; k < len && same; k++) same = buf[start + k] === headerBytes[k];
      if (same) return 'a repeated header';
    }
    // a total line: a short first value without digits, starting like Total/Sum/合计/...
    const b0 = buf[start]!;
    if (!(b0 >= 0xe0 || b0 === 0x54 || b0 === 0x74 || b0 === 0x53 || b0 === 0x73 || b0 === 0x47 || b0 === 0x67)) return null;
    let fEnd = start;
    while (fEnd < end && buf[fEnd] !== delim && fEnd - start <= 24) fEnd++;
    if (fEnd - start > 24) return null;
    for (let k = start; k < fEnd; k++) if (buf[k]! >= 0x30 && buf[k]! <= 0x39) return null;
    return TOTAL_START.test(decoder.decode(buf.subarray(start, fEnd))) ? 'a total line' : null;
  };

  const scan = (buf: Uint8Array): string | null => {
    const n = buf.length;
    let i = 0;
    while (i < n) {
      // the run of ordinary bytes (most of the file): all the special ones are below '#' or 0xEF
      let b = buf[i]!;
      while (b >= 0x23 && b !== 0xef) {
        if (++i >= n) break;
        b = buf[i]!;
      }
      if (i >= n) break;
      if (special[b] === 0) {
        i++;
        continue;
      }
      if (b === 0) return 'a NUL byte';
      if (b === 0xef) {
        if (buf[i + 1] === 0xbb && buf[i + 2] === 0xbf) return 'a byte-order mark inside the text';
        i++;
        continue;
      }
      if (inQuotes) {
        // inside quotes only a quote matters: doubled, or closing before a delimiter or a line end
        if (b === QUOTE) {
          const next = buf[i + 1];
          if (next === QUOTE) i += 2;
          else if (next === undefined || next === delim || next === LF || next === CR) {
            inQuotes = false;
            i++;
          } else return 'text after a closing quote';
        } else i++;
        continue;
      }
      if (b === QUOTE) {
        // a quote opens a value only at its start
        if (!(i === start || buf[i - 1] === delim)) return 'a quote inside an unquoted value';
        inQuotes = true;
        i++;
        continue;
      }
      // a line end: \n or \r\n
      const end = i;
      if (b === CR) {
        if (buf[i + 1] !== LF) return 'a lone carriage return';
        crlf++;
        i += 2;
      } else {
        lf++;
        i++;
      }
      if (lf > 0 && crlf > 0) return 'mixed line endings';
      const why = endRecord(buf, end);
      if (why) return why;
      start = i;
    }
    return null;
  };

  for await (const chunk of chunks) {
    // complete lines only (the rest waits for the next chunk); the line cut at the end of the
    // chunk before is joined with the start of this one (copying that line, not the chunk)
    let from = 0;
    if (carry) {
      const nl = chunk.indexOf(LF);
      if (nl < 0) {
        carry = concat(carry, chunk); // a line longer than a chunk
        continue;
      }
      const why = scan(concat(carry, chunk.subarray(0, nl + 1)));
      if (why) return fail(why);
      start = inQuotes ? -1 : 0;
      carry = null;
      from = nl + 1;
    }
    const cut = chunk.lastIndexOf(LF) + 1;
    if (cut <= from) {
      carry = chunk.slice(from);
      continue;
    }
    const why = scan(chunk.subarray(from, cut));
    if (why) return fail(why);
    // a record goes on in the next buffer only inside quotes; it then starts "earlier"
    carry = cut < chunk.length ? chunk.slice(cut) : null;
    start = inQuotes ? -1 : 0;
  }
  const tail = carry ?? new Uint8Array(0);
  if (tail.length) {
    const why = scan(tail);
    if (why) return fail(why);
  }
  if (inQuotes) return fail('a quote that never closes');
  // a last record without a line end
  if (start < 0 || tail.length > start) {
    const why = endRecord(tail, tail.length);
    if (why) return fail(why);
  }
  return { clean: true, maxLineBytes };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
