// Text that DuckDB cannot read as it is (GB18030, Big5, Shift_JIS, UTF-16, Windows-1252;
// UTF-8 with lines in GB18030; whitespace-separated columns) re-encoded as UTF-8
// (tab-separated), chunk by chunk: the whole file never becomes one JavaScript string (V8 caps
// strings at about 512 MB).
import type { InputFile } from '../types.js';
import { decodeUtf8Lines, lastLineEnd, noForeignLines, type ForeignLines, type TextEncoding } from './encoding.js';

const CHUNK = 16 << 20;

/** What decoding a file found; filled in while its text is read. */
export interface DecodeStats {
  /** characters that could not be decoded (U+FFFD), and the 1-based line of the first */
  replaced: number;
  firstBadLine: number | null;
  /** UTF-8 only: the lines that were not UTF-8 but GB18030, read as GB18030; null when none */
  foreign: ForeignLines | null;
  /** the lines with bytes that could not be decoded (U+FFFD stands in for them); a U+FFFD
   * that is in the text itself (valid UTF-8) is not one */
  badLines: Set<number>;
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

/** Index just after the first line end of `bytes`, or -1 when it has none for sure; `crBefore`:
 * the bytes before ended with \r (a \n first completes it; anything else means it ended there). */
function firstLineEnd(bytes: Uint8Array, crBefore: boolean): number {
  if (crBefore) return bytes[0] === 0x0a ? 1 : 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0a) return i + 1;
    if (b === 0x0d) return i + 1 < bytes.length ? (bytes[i + 1] === 0x0a ? i + 2 : i + 1) : -1;
  }
  return -1;
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
  const bad = { lines: [] as number[], chars: 0 };
  let pending: Uint8Array | null = null;
  let line = 1;
  let crBefore = false;
  for (let off = bom; off < file.size || off === bom; off += chunk) {
    const end = Math.min(file.size, off + chunk);
    const last = end >= file.size;
    let bytes = await file.read(off, end);
    // (the text of a chunk may come in two pieces: not joined, which would copy it)
    const texts: string[] = [];
    if (decoder) texts.push(decoder.decode(bytes, { stream: !last }));
    else {
      // Whole lines only: the line cut at the end of the chunk before is decoded with the
      // first line end of this one (copying the line, not the chunk), then the whole lines.
      if (pending && last) {
        bytes = concat(pending, bytes);
        pending = null;
      } else if (pending) {
        const nl = firstLineEnd(bytes, pending[pending.length - 1] === 0x0d);
        if (nl < 0) {
          pending = concat(pending, bytes); // a line longer than a chunk
          continue;
        }
        texts.push(decodeUtf8Lines(concat(pending, bytes.subarray(0, nl)), line, foreign, bad));
        bytes = bytes.subarray(nl);
        pending = null;
      }
      const cut = last ? bytes.length : lastLineEnd(bytes);
      if (cut < bytes.length) pending = bytes.slice(cut);
      texts.push(decodeUtf8Lines(bytes.subarray(0, cut), line + texts.length, foreign, bad));
      if (foreign.count > 0) stats.foreign = foreign;
    }
    // UTF-8: the lines found bad while decoding; other encodings: every U+FFFD is a bad byte
    for (const l of bad.lines) {
      stats.firstBadLine ??= l;
      stats.badLines.add(l);
    }
    stats.replaced += bad.chars;
    bad.lines.length = 0;
    bad.chars = 0;
    for (const text of texts) {
      if (decoder)
        for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) {
          const l = line + lineEnds(text, i, crBefore);
          stats.firstBadLine ??= l;
          stats.replaced++;
          stats.badLines.add(l);
        }
      line += lineEnds(text, text.length, crBefore);
      if (text.length > 0) crBefore = text.charCodeAt(text.length - 1) === 13;
      yield text;
    }
    if (last) break;
  }
}

export function decodeStats(): DecodeStats {
  return { replaced: 0, firstBadLine: null, foreign: null, badLines: new Set() };
}

/** The file as UTF-8, with what decoding found. */
export async function transcodeToUtf8(file: InputFile, encoding: TextEncoding, bom: number, chunk = CHUNK): Promise<Transcoded> {
  const encoder = new TextEncoder();
  const stats = decodeStats();
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const text of decodeChunks(file, encoding, bom, stats, chunk)) {
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
