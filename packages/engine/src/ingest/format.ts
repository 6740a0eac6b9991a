// Which reader a file needs, decided from its first bytes (magic numbers) and its name.

export type FileFormat = 'delimited' | 'excel' | 'parquet' | 'json' | 'ndjson';

export function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

const PAR1 = [0x50, 0x41, 0x52, 0x31];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

export function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Decides the format. `head` is the first bytes of the file (after no decoding). */
export function detectFormat(name: string, head: Uint8Array): FileFormat {
  if (startsWith(head, PAR1)) return 'parquet';
  if (startsWith(head, ZIP) || startsWith(head, OLE)) return 'excel';
  const ext = extension(name);
  if (ext === 'parquet' || ext === 'pq') return 'parquet';
  if (ext === 'xlsx' || ext === 'xls' || ext === 'xlsm') return 'excel';
  if (ext === 'ndjson' || ext === 'jsonl') return 'ndjson';
  if (ext === 'json') {
    const text = new TextDecoder('utf-8').decode(head.subarray(0, 4096)).replace(/^\uFEFF/, '').trimStart();
    if (text.startsWith('[')) return 'json';
    // '{' on the first line and another '{' starting a later line: one object per line
    const nl = text.indexOf('\n');
    if (nl > 0 && /^\s*\{/.test(text.slice(nl + 1)) && text.slice(0, nl).trim().endsWith('}')) return 'ndjson';
    return 'json';
  }
  return 'delimited';
}

export const FORMAT_LABEL: Record<FileFormat, string> = {
  delimited: 'delimited text',
  excel: 'Excel',
  parquet: 'Parquet',
  json: 'JSON',
  ndjson: 'NDJSON'
};
