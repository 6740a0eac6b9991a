// The check that lets a clean file take the fast path (DuckDB's own CSV reader, where the file
// is): one pass over the bytes, no decoding, no strings. A file passes only when DuckDB's
// reading of it cannot differ from the lenient reader's: every record has the header's number
// of fields, quotes only open and close values (RFC 4180), one kind of line ending, no NUL, no
// byte-order mark after the start, no blank line before the end, no repeated header and no
// total line. Anything else goes to the lenient reader, which reports what it does.

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
  // byte classes: 0 ordinary; 1 the delimiter; 2 \n; 3 anything that needs a look (quote, \r,
  // NUL, the first byte of a byte-order mark)
  const cls = new Uint8Array(256);
  cls[delim] = 1;
  cls[LF] = 2;
  for (const b of [QUOTE, CR, 0, 0xef]) cls[b] = 3;
  const decoder = new TextDecoder();
  let maxLineBytes = 0;
  let lf = 0;
  let crlf = 0;
  let blankSeen = false;
  let records = 0;
  let headerBytes: Uint8Array | null = null;
  // the record being read: fields so far, quote state (0 unquoted, 1 in quotes, 2 after a
  // closing or doubled quote), where it starts in `buf` (-1: in an earlier buffer), where its
  // first delimiter is, whether a field has started
  let fields = 1;
  let state = 0;
  let start = 0;
  let firstDelim = -1;
  let fieldStart = true;
  let crBefore = false;
  let carry: Uint8Array | null = null;
  const fail = (reason: string): ScanResult => ({ clean: false, reason, maxLineBytes });

  /** the record buf[start, end) (without its line end) is complete: null when it is fine */
  const endRecord = (buf: Uint8Array, end: number): string | null => {
    const len = start >= 0 ? end - start : Infinity;
    if (len > maxLineBytes) maxLineBytes = len === Infinity ? maxLineBytes : len;
    if (fields === 1 && len === 0) {
      blankSeen = true;
      return null;
    }
    if (blankSeen) return 'a blank line before the end';
    if (fields !== width) return `a record with ${fields} fields`;
    records++;
    if (start < 0) return records === 1 && header ? 'a header spanning lines' : null;
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
    const fEnd = firstDelim >= 0 ? firstDelim : end;
    const b0 = buf[start]!;
    if (fEnd - start <= 24 && fEnd > start && (b0 >= 0xe0 || b0 === 0x54 || b0 === 0x74 || b0 === 0x53 || b0 === 0x73 || b0 === 0x47 || b0 === 0x67)) {
      let digits = false;
      for (let k = start; k < fEnd && !digits; k++) digits = buf[k]! >= 0x30 && buf[k]! <= 0x39;
      if (!digits && TOTAL_START.test(decoder.decode(buf.subarray(start, fEnd)))) return 'a total line';
    }
    return null;
  };

  const scan = (buf: Uint8Array): string | null => {
    const n = buf.length;
    let i = 0;
    while (i < n) {
      const b = buf[i]!;
      const c = cls[b]!;
      if (c === 0) {
        if (state === 2) return 'text after a closing quote';
        fieldStart = false;
        // the run of ordinary bytes (most of the file)
        i++;
        while (i < n && cls[buf[i]!] === 0) i++;
        continue;
      }
      if (state === 1) {
        // inside quotes: only a quote ends the value (NUL and BOM are still checked)
        if (b === QUOTE) state = 2;
        else if (b === 0) return 'a NUL byte';
        else if (b === 0xef && buf[i + 1] === 0xbb && buf[i + 2] === 0xbf) return 'a byte-order mark inside the text';
        i++;
        continue;
      }
      if (c === 1) {
        if (state === 2) state = 0;
        if (firstDelim < 0) firstDelim = i;
        fields++;
        fieldStart = true;
        i++;
        continue;
      }
      if (c === 2) {
        // \n: the record ends (after \r for \r\n)
        if (crBefore) crlf++;
        else lf++;
        if (lf > 0 && crlf > 0) return 'mixed line endings';
        const why = endRecord(buf, crBefore ? i - 1 : i);
        if (why) return why;
        crBefore = false;
        fields = 1;
        state = 0;
        start = i + 1;
        firstDelim = -1;
        fieldStart = true;
        i++;
        continue;
      }
      // c === 3
      if (b === CR) {
        if (buf[i + 1] !== LF) return 'a lone carriage return';
        crBefore = true;
        i++;
        continue;
      }
      if (b === 0) return 'a NUL byte';
      if (b === 0xef) {
        if (buf[i + 1] === 0xbb && buf[i + 2] === 0xbf) return 'a byte-order mark inside the text';
        fieldStart = false;
        if (state === 2) return 'text after a closing quote';
        i++;
        continue;
      }
      // a quote
      if (state === 2) {
        state = 1; // a doubled quote inside the value
      } else if (fieldStart) {
        state = 1;
        fieldStart = false;
      } else return 'a quote inside an unquoted value';
      i++;
    }
    return null;
  };

  for await (const chunk of chunks) {
    // complete lines only (the rest waits for the next chunk), with two bytes of lookahead
    let buf: Uint8Array = carry ? concat(carry, chunk) : chunk;
    const cut = buf.lastIndexOf(LF) + 1;
    if (cut === 0) {
      carry = buf;
      start = start >= 0 ? start : -1;
      continue;
    }
    const rest = buf.subarray(cut);
    buf = buf.subarray(0, cut);
    const why = scan(buf);
    if (why) return fail(why);
    // the record goes on in the next buffer only inside quotes; it then starts "earlier"
    carry = rest.length ? rest.slice() : null;
    start = state === 1 ? -1 : 0;
  }
  if (carry) {
    const why = scan(carry);
    if (why) return fail(why);
  }
  if (state === 1) return fail('a quote that never closes');
  // a last record without a line end
  const tail = carry ?? new Uint8Array(0);
  if (!(fields === 1 && (start >= 0 ? tail.length - start : 1) === 0)) {
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
