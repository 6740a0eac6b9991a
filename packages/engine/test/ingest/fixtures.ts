// Fixtures written by the tests themselves: files in a temp dir, encoders for GB18030 and
// UTF-16 (Node's TextEncoder only writes UTF-8; GB18030 bytes are found by asking Node's own
// GB18030 decoder which two-byte code decodes to each character).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InputFile } from '../../src/types.js';
import { nodeFile } from '../../src/node/index.js';

let gbTable: Map<string, number[]> | null = null;

export function encodeGb18030(text: string): Uint8Array {
  if (!gbTable) {
    gbTable = new Map();
    const dec = new TextDecoder('gb18030');
    for (let a = 0x81; a <= 0xfe; a++)
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== '\uFFFD' && !gbTable.has(ch)) gbTable.set(ch, [a, b]);
      }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbTable.get(ch);
      if (!bytes) throw new Error(`no two-byte GB18030 code for ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

export function encodeUtf16(text: string, endian: 'le' | 'be', bom = true): Uint8Array {
  const units = (bom ? '\uFEFF' : '') + text;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    out[i * 2 + (endian === 'le' ? 0 : 1)] = u & 0xff;
    out[i * 2 + (endian === 'le' ? 1 : 0)] = u >> 8;
  }
  return out;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'segmint-ingest-test-'));
}

/** Writes a file into `dir` and returns it as an InputFile on disk. */
export function diskFile(dir: string, name: string, content: string | Uint8Array): InputFile {
  const path = join(dir, name);
  writeFileSync(path, content);
  return nodeFile(path);
}

/** A file held in memory (no path), as the browser gives it. */
export function memFile(name: string, content: string | Uint8Array): InputFile {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return {
    name,
    size: bytes.length,
    async read(start = 0, end = bytes.length) {
      return bytes.slice(start, end);
    }
  };
}

const legacyTables = new Map<string, Map<string, number[]>>();

/** Bytes of `text` in Big5 or Shift_JIS, found (as for GB18030) by asking Node's own decoder
 * which code decodes to each character. The codes are those Windows writes: Big5 from the
 * standard area (lead byte 0xA1 on, not the HKSCS additions below it); Shift_JIS from the JIS
 * rows (not the NEC/IBM extension rows 0xED-0xEE and 0xFA-0xFC, nor the user-defined 0xF0-0xF9),
 * plus the one-byte half-width katakana 0xA1-0xDF. */
function encodeLegacy(text: string, label: 'big5' | 'shift_jis'): Uint8Array {
  let table = legacyTables.get(label);
  if (!table) {
    table = new Map();
    const dec = new TextDecoder(label);
    const leads = label === 'big5' ? range(0xa1, 0xf9) : [...range(0x81, 0x9f), ...range(0xe0, 0xec)];
    const lastTrail = label === 'big5' ? 0xfe : 0xfc;
    for (const a of leads)
      for (let b = 0x40; b <= lastTrail; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([a, b]));
        if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [a, b]);
      }
    if (label === 'shift_jis')
      for (let a = 0xa1; a <= 0xdf; a++) table.set(dec.decode(new Uint8Array([a])), [a]);
    legacyTables.set(label, table);
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no ${label} code for ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Big5 bytes (Traditional Chinese, as Excel on Taiwanese or Hong Kong Windows saves CSV). */
export function encodeBig5(text: string): Uint8Array {
  return encodeLegacy(text, 'big5');
}

/** Shift_JIS bytes (Japanese, as Excel on Japanese Windows saves CSV). */
export function encodeShiftJis(text: string): Uint8Array {
  return encodeLegacy(text, 'shift_jis');
}

/** Concatenated byte arrays (a file assembled from parts in different encodings). */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
