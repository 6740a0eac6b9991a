// Text encodings: detect (BOM, UTF-8 validity, GB18030 validity), decode with TextDecoder
// (built into Node 20 and every browser; it knows gb18030/gbk/utf-16 natively, so no library).

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252';

export interface DetectedEncoding {
  encoding: TextEncoding;
  /** bytes of byte-order mark at the start of the file */
  bom: number;
  /** how it was decided, for the report */
  reason: string;
}

const ALIASES: Record<string, TextEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-8-sig': 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16': 'utf-16le',
  utf16le: 'utf-16le',
  'utf-16be': 'utf-16be',
  utf16be: 'utf-16be',
  gb18030: 'gb18030',
  gbk: 'gb18030', // GB18030 is a superset of GBK and GB2312: one decoder reads all three
  gb2312: 'gb18030',
  cp936: 'gb18030',
  'windows-1252': 'windows-1252',
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  cp1252: 'windows-1252'
};

/** Normalises a user-given encoding name; null when unknown. */
export function normaliseEncoding(name: string): TextEncoding | null {
  return ALIASES[name.trim().toLowerCase()] ?? null;
}

export const KNOWN_ENCODINGS = Object.keys(ALIASES);

function decodes(bytes: Uint8Array, label: string): boolean {
  try {
    // stream: true tolerates a multi-byte character cut off at the end of the sample.
    new TextDecoder(label, { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Detects the encoding of a file from its first bytes. */
export function detectEncoding(head: Uint8Array): DetectedEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: 3, reason: 'UTF-8 byte-order mark' };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2, reason: 'UTF-16 LE byte-order mark' };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2, reason: 'UTF-16 BE byte-order mark' };
  // UTF-16 without a BOM: ASCII text has a NUL in every other byte.
  const n = Math.min(head.length, 4096) & ~1;
  if (n >= 4) {
    let evenNul = 0;
    let oddNul = 0;
    for (let i = 0; i < n; i += 2) {
      if (head[i] === 0) evenNul++;
      if (head[i + 1] === 0) oddNul++;
    }
    const pairs = n / 2;
    if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return { encoding: 'utf-16le', bom: 0, reason: 'UTF-16 LE pattern (no byte-order mark)' };
    if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return { encoding: 'utf-16be', bom: 0, reason: 'UTF-16 BE pattern (no byte-order mark)' };
  }
  if (decodes(head, 'utf-8')) return { encoding: 'utf-8', bom: 0, reason: 'valid UTF-8' };
  if (decodes(head, 'gb18030')) return { encoding: 'gb18030', bom: 0, reason: 'not valid UTF-8, valid GB18030/GBK (Chinese Windows)' };
  return { encoding: 'windows-1252', bom: 0, reason: 'neither UTF-8 nor GB18030: read as Windows-1252 (Western European)' };
}

/** Decodes bytes (without BOM) to text; counts characters that could not be decoded. */
export function decodeText(bytes: Uint8Array, encoding: TextEncoding): { text: string; replaced: number; firstBadLine: number | null } {
  const text = new TextDecoder(encoding, { fatal: false, ignoreBOM: false }).decode(bytes);
  let replaced = 0;
  let firstBad = -1;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) {
    if (firstBad < 0) firstBad = i;
    replaced++;
  }
  let firstBadLine: number | null = null;
  if (firstBad >= 0) {
    firstBadLine = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < firstBad; i = text.indexOf('\n', i + 1)) firstBadLine++;
  }
  return { text, replaced, firstBadLine };
}

/** Position of the first byte that marks the data as binary (NUL or a control character
 * outside text), or -1. Only meaningful for 8-bit encodings (not UTF-16). */
export function binaryOffset(head: Uint8Array): number {
  let controls = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i]!;
    if (b === 0) return i;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) {
      controls++;
      if (controls > 8 || controls > head.length / 100) return i;
    }
  }
  return -1;
}
