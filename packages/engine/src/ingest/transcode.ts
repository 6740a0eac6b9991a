// Text that DuckDB cannot read as it is (GB18030, Big5, Shift_JIS, UTF-16, Windows-1252;
// UTF-8 with lines in GB18030; whitespace-separated columns) re-encoded as UTF-8
// (tab-separated), chunk by chunk: the whole file never becomes one JavaScript string (V8 caps
// strings at about 512 MB).
import type { InputFile } from '../types.js';
import { decodeUtf8Lines, lastLineEnd, noForeignLines, type ForeignLines, type TextEncoding } from './encoding.js';
import { whitespaceToTsv } from './delimited.js';

const CHUNK = 16 << 20;

/** What decoding a file found; filled in while its text is read. */
export interface DecodeStats {
  /** characters that could not be decoded (U+FFFD), and the 1-based line of the first */
  replaced: number;
  firstBadLine: number | null;
  /** UTF-8 only: the lines that were not UTF-8 but GB18030, read as GB18030; null when none */
  foreign: ForeignLines | null;
}

export interface Transcoded extends DecodeStats {
  bytes: Uint8Array;
}

/** Line ends (\n, \r\n, a lone \r) in text[0, end); `crBefore`: the text before ended with \r
 * (so a \n first is the second half of \r\n). */
function lineEnds(text: string, end: number, crBefore: boolean): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) if (!(i === 0 ? crBefore : text.charCodeAt(i - 1) === 13)) n++;
  for (let i = text.indexOf('\r'); i >= 0 && i < end; i = text.indexOf('\r', i + 1)) n++;
  return n;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * The text of `file` (from byte `bom` on), decoded chunk by chunk; `stats` is filled in as the
 * chunks are read (complete once the last was). UTF-8 is cut at line ends and decoded whole
 * lines at a time, so that a line that is not UTF-8 but GB18030 can be read as GB18030
 * (decodeUtf8Lines); clean UTF-8 costs one decoder call per chunk.
 */
export async function* decodeChunks(file: InputFile, encoding: TextEncoding, bom: number, stats: DecodeStats, chunk = CHUNK): AsyncGenerator<string> {
  const decoder = encoding === 'utf-8' ? null : new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
  const foreign = noForeignLines();
  let pending: Uint8Array | null = null;
  let line = 1;
  let crBefore = false;
  for (let off = bom; off < file.size || off === bom; off += chunk) {
    const end = Math.min(file.size, off + chunk);
    const last = end >= file.size;
    let bytes = await file.read(off, end);
    let text: string;
    if (decoder) text = decoder.decode(bytes, { stream: !last });
    else {
      // whole lines only (a line longer than a chunk waits for the next one)
      if (pending) bytes = concat(pending, bytes);
      const cut = last ? bytes.length : lastLineEnd(bytes);
      pending = cut < bytes.length ? bytes.slice(cut) : null;
      text = decodeUtf8Lines(bytes.subarray(0, cut), line, foreign);
      if (foreign.count > 0) stats.foreign = foreign;
    }
    for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) {
      if (stats.firstBadLine === null) stats.firstBadLine = line + lineEnds(text, i, crBefore);
      stats.replaced++;
    }
    line += lineEnds(text, text.length, crBefore);
    if (text.length > 0) crBefore = text.charCodeAt(text.length - 1) === 13;
    yield text;
    if (last) break;
  }
}

export function decodeStats(): DecodeStats {
  return { replaced: 0, firstBadLine: null, foreign: null };
}

/** The file as UTF-8 (tab-separated when `whitespace`), with what decoding found. */
export async function transcodeToUtf8(file: InputFile, encoding: TextEncoding, bom: number, whitespace: boolean, chunk = CHUNK): Promise<Transcoded> {
  const encoder = new TextEncoder();
  const stats = decodeStats();
  const parts: Uint8Array[] = [];
  let total = 0;
  let carry = '';
  const chunks = decodeChunks(file, encoding, bom, stats, chunk);
  for (let next = await chunks.next(); !next.done; ) {
    let text = next.value;
    next = await chunks.next();
    if (whitespace) {
      text = carry + text;
      const cut = next.done ? text.length : text.lastIndexOf('\n') + 1;
      carry = text.slice(cut);
      text = whitespaceToTsv(text.slice(0, cut));
    }
    const out = encoder.encode(text);
    parts.push(out);
    total += out.length;
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { bytes, ...stats };
}
