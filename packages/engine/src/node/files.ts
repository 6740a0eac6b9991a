// InputFile for files on disk, and expansion of --data arguments (files, folders, globs).
import { openSync, readSync, closeSync, statSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { InputFile } from '../types.js';

export function nodeFile(path: string): InputFile {
  const full = resolve(path);
  const size = statSync(full).size;
  return {
    name: basename(full),
    size,
    path: full,
    async read(start = 0, end = size) {
      const len = Math.max(0, Math.min(end, size) - start);
      const buf = new Uint8Array(len);
      const fd = openSync(full, 'r');
      try {
        let off = 0;
        while (off < len) {
          const n = readSync(fd, buf, off, len - off, start + off);
          if (n === 0) break;
          off += n;
        }
      } finally {
        closeSync(fd);
      }
      return buf;
    }
  };
}

const supported = /\.(csv|tsv|txt|psv|xlsx|xls|parquet|json|ndjson|jsonl)$/i;

/** Files, folders (every supported file in it, sorted) and simple globs (`dir/*.csv`). */
export function expandInputs(args: string[]): string[] {
  const out: string[] = [];
  for (const arg of args) {
    if (/[*?]/.test(arg)) {
      const slash = arg.lastIndexOf('/');
      const dir = slash >= 0 ? arg.slice(0, slash) || '/' : '.';
      const pattern = arg.slice(slash + 1);
      const re = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$');
      out.push(...readdirSync(dir).filter((f) => re.test(f)).sort().map((f) => join(dir, f)));
    } else if (statSync(arg).isDirectory()) {
      out.push(...readdirSync(arg).filter((f) => supported.test(f)).sort().map((f) => join(arg, f)));
    } else {
      out.push(arg);
    }
  }
  return out;
}
