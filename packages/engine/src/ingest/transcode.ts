// Text that DuckDB cannot read as it is (GB18030, UTF-16, Windows-1252; whitespace-separated
// columns) re-encoded as UTF-8 (tab-separated), chunk by chunk: the whole file never becomes
// one JavaScript string (V8 caps strings at about 512 MB).
import type { InputFile } from '../types.js';
import type { TextEncoding } from './encoding.js';
import { whitespaceToTsv } from './delimited.js';

const CHUNK = 16 << 20;

export interface Transcoded {
  bytes: Uint8Array;
  /** characters that could not be decoded, and the line of the first */
  replaced: number;
  firstBadLine: number | null;
}

function countLines(text: string, end = text.length): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export async function transcodeToUtf8(file: InputFile, encoding: TextEncoding, bom: number, whitespace: boolean, chunk = CHUNK): Promise<Transcoded> {
  const decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: true });
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let total = 0;
  let carry = '';
  let lines = 0;
  let replaced = 0;
  let firstBadLine: number | null = null;
  for (let off = bom; off < file.size || off === bom; off += chunk) {
    const end = Math.min(file.size, off + chunk);
    const last = end >= file.size;
    let text = decoder.decode(await file.read(off, end), { stream: !last });
    for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) {
      if (firstBadLine === null) firstBadLine = lines + countLines(text, i) + 1;
      replaced++;
    }
    lines += countLines(text);
    if (whitespace) {
      text = carry + text;
      const cut = last ? text.length : text.lastIndexOf('\n') + 1;
      carry = text.slice(cut);
      text = whitespaceToTsv(text.slice(0, cut));
    }
    const out = encoder.encode(text);
    parts.push(out);
    total += out.length;
    if (last) break;
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return { bytes, replaced, firstBadLine };
}
