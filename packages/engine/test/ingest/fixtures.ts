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
