// Building the messages a user reads when a file cannot be loaded (file, where, what, what to do).
import { LoadError, type LoadIssue } from '../types.js';
import { renderMessage, type MessageCode, type Params } from '../messages/index.js';

export interface Where {
  row?: number;
  line?: number;
  column?: string;
}

/** A load issue of catalogue code `code`: English text from the catalogue, code and params for
 * programs (the app renders them in the user's language). */
export function issue(severity: LoadIssue['severity'], code: MessageCode, file: string, params: Params = {}, where: Where = {}): LoadIssue {
  const { message, hint } = renderMessage(code, params);
  return { severity, code, params, file, ...where, message, ...(hint !== undefined ? { hint } : {}) };
}

/** Throws a LoadError of one error issue of code `code`. */
export function failWith(code: MessageCode, file: string, params: Params = {}, where: Where = {}): never {
  const i = issue('error', code, file, params, where);
  throw new LoadError(formatIssue(i), [i]);
}

/** Throws LoadError file.cancelled when the load was cancelled (see LoadOptions.signal). */
export function checkCancelled(signal: AbortSignal | undefined, file = ''): void {
  if (signal?.aborted) failWith('file.cancelled', file);
}

/** Data rows are numbered from 1, the header line not counted ("data row 1" is the first
 * row under the header). Every message says so the same way. */
export function rowLabel(row: number): string {
  return `data row ${row}`;
}

export function formatIssue(i: LoadIssue): string {
  const where = [i.file, i.row !== undefined ? rowLabel(i.row) : i.line !== undefined ? `line ${i.line}` : null, i.column !== undefined ? `column '${i.column}'` : null]
    .filter((x): x is string => x !== null && x !== '')
    .join(', ');
  return `${where ? `${where}: ` : ''}${i.message}${i.hint ? `. ${i.hint}` : ''}`;
}

/** Names a set of files briefly: 'a.csv', 'a.csv, b.csv', '305 files (a.csv … z.csv)'. */
export function filesLabel(files: string[]): string {
  if (files.length <= 3) return files.join(', ');
  return `${files.length} files (${files[0]} … ${files[files.length - 1]})`;
}
