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
  const decoder = new TextDecoder();
  let state: 0 | 1 | 2 = 0; // 0: in an unquoted field; 1: in quotes; 2: just after a closing (or doubled) quote
  let fieldStart = true;
  let fields = 1;
  let records = 0;
  let lineBytes = 0;
  let maxLineBytes = 0;
  let lf = 0;
  let crlf = 0;
  let pendingCr = false;
  let blankSeen = false;
  let recordEmpty = true;
  // the header's bytes: a record equal to them is a repeated header (compared byte by byte as
  // the record is read: hpos bytes matched so far, or -1)
  const headerBytes: number[] = [];
  let hpos = 0;
  // the first field's first bytes (a total line starts with Total, 合计, ...)
  const first = new Uint8Array(25);
  let firstLen = 0;
  let inFirst = true;
  let prev2 = -1;
  let prev1 = -1;
  const fail = (reason: string): ScanResult => ({ clean: false, reason, maxLineBytes });
  const endRecord = (): string | null => {
    if (recordEmpty && fields === 1) {
      blankSeen = true;
      return null;
    }
    if (blankSeen) return 'a blank line before the end';
    if (fields !== width) return `a record with ${fields} fields`;
    records++;
    if (records > 1) {
      if (header && hpos === headerBytes.length) return 'a repeated header';
      if (firstLen > 0 && firstLen < first.length && TOTAL_START.test(decoder.decode(first.subarray(0, firstLen)))) return 'a total line';
    }
    return null;
  };
  const startRecord = () => {
    fields = 1;
    fieldStart = true;
    state = 0;
    recordEmpty = true;
    lineBytes = 0;
    firstLen = 0;
    inFirst = true;
    hpos = 0;
  };
  const see = (b: number) => {
    if (records === 0) headerBytes.push(b);
    else if (hpos >= 0) hpos = hpos < headerBytes.length && headerBytes[hpos] === b ? hpos + 1 : -1;
  };
  for await (const chunk of chunks) {
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const b = chunk[i]!;
      // a byte-order mark (EF BB BF) after the start of the file
      if (b === 0xbf && prev1 === 0xbb && prev2 === 0xef) return fail('a byte-order mark inside the text');
      prev2 = prev1;
      prev1 = b;
      if (b === 0) return fail('a NUL byte');
      if (pendingCr) {
        pendingCr = false;
        if (b !== LF) return fail('a lone carriage return');
        continue; // the \n of \r\n
      }
      lineBytes++;
      if (state === 1) {
        // inside quotes: anything but a quote (line ends included) belongs to the value
        see(b);
        if (b === QUOTE) state = 2;
        continue;
      }
      if (b === LF || b === CR) {
        if (b === CR) {
          pendingCr = true;
          crlf++;
        } else lf++;
        if (lf > 0 && crlf > 0) return fail('mixed line endings');
        const why = endRecord();
        if (why) return fail(why);
        if (lineBytes > maxLineBytes) maxLineBytes = lineBytes;
        startRecord();
        continue;
      }
      recordEmpty = false;
      see(b);
      if (state === 2) {
        if (b === QUOTE) {
          // a doubled quote inside the value
          state = 1;
          continue;
        }
        if (b !== delim) return fail('text after a closing quote');
        state = 0;
      }
      if (b === delim) {
        fields++;
        fieldStart = true;
        inFirst = false;
        continue;
      }
      if (b === QUOTE) {
        if (!fieldStart) return fail('a quote inside an unquoted value');
        state = 1;
        fieldStart = false;
        inFirst = false;
        continue;
      }
      fieldStart = false;
      if (inFirst && firstLen < first.length) first[firstLen++] = b;
    }
  }
  if (state === 1) return fail('a quote that never closes');
  if (!(recordEmpty && fields === 1)) {
    const why = endRecord();
    if (why) return fail(why);
    if (lineBytes > maxLineBytes) maxLineBytes = lineBytes;
  }
  return { clean: true, maxLineBytes };
}
