// The formatter: canonical text (lower-case keywords, one statement per line, canonical
// spacing and operators, long rules wrapped at the top-level `and`/`or`), comments kept.
// format(format(x)) == format(x), and the output parses to the same tree as the input.
import type { Comment, Statement } from './ast.js';
import type { Diagnostic } from './diagnostics.js';
import { parseRules } from './parse.js';
import { printStatement } from './print.js';

export interface FormatResult {
  text: string;
  diagnostics: Diagnostic[];
}

export interface FormatOptions {
  /** wrap statements longer than this many characters (default 100) */
  width?: number;
}

function blankLineBetween(source: string, from: number, to: number): boolean {
  const between = source.slice(from, to);
  return /\n[ \t\r\u00a0\u3000\ufeff]*\n/.test(between);
}

/** Format a rule file. On syntax errors the text is returned unchanged, with the errors. */
export function formatRules(source: string, options: FormatOptions = {}): FormatResult {
  const parsed = parseRules(source);
  if (!parsed.file) return { text: source, diagnostics: parsed.diagnostics };
  const { statements, comments } = parsed.file;
  const width = options.width ?? 100;

  // Place each comment: trailing (on the last line of a statement, after it), interior (inside
  // a statement's range: printed on its own line before the statement), or standalone.
  type Item = { kind: 'comment'; c: Comment; start: number; end: number } | { kind: 'stmt'; s: Statement; start: number; end: number; trailing: Comment | null; before: Comment[] };
  const items: Item[] = [];
  let ci = 0;
  const lineEnd = (off: number) => {
    const i = source.indexOf('\n', off);
    return i === -1 ? source.length : i;
  };
  for (const s of statements) {
    while (ci < comments.length && (comments[ci]?.loc.start ?? 0) < s.loc.start) {
      const c = comments[ci++] as Comment;
      items.push({ kind: 'comment', c, start: c.loc.start, end: c.loc.end });
    }
    const before: Comment[] = [];
    let trailing: Comment | null = null;
    const endOfLastLine = lineEnd(s.loc.end);
    while (ci < comments.length && (comments[ci]?.loc.start ?? 0) < endOfLastLine) {
      const c = comments[ci++] as Comment;
      if (c.loc.start >= s.loc.end && trailing === null) trailing = c;
      else before.push(c);
    }
    items.push({ kind: 'stmt', s, start: s.loc.start, end: trailing ? trailing.loc.end : s.loc.end, trailing, before });
  }
  while (ci < comments.length) {
    const c = comments[ci++] as Comment;
    items.push({ kind: 'comment', c, start: c.loc.start, end: c.loc.end });
  }

  const out: string[] = [];
  let prevEnd = -1;
  for (const item of items) {
    const start = item.kind === 'stmt' && item.before[0] ? Math.min(item.start, item.before[0].loc.start) : item.start;
    if (prevEnd >= 0 && blankLineBetween(source, prevEnd, start)) out.push('');
    if (item.kind === 'comment') out.push(commentText(item.c));
    else {
      for (const c of item.before) out.push(commentText(c));
      const text = printStatement(item.s, width);
      out.push(item.trailing ? `${text}  ${commentText(item.trailing)}` : text);
    }
    prevEnd = item.end;
  }
  return { text: out.length ? out.join('\n') + '\n' : '', diagnostics: parsed.diagnostics };
}

function commentText(c: Comment): string {
  return `#${c.text.replace(/[ \t\r\u00a0\u3000]+$/u, '')}`;
}
