// The source line of a diagnostic, split around its span (for the underlined excerpt that rule
// and playbook diagnostics show). Pure.

export interface SpanLike {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Excerpt {
  before: string;
  /** the span's text on its first line (a space when the span is empty, so the mark shows) */
  marked: string;
  after: string;
}

export function excerpt(source: string, span: SpanLike): Excerpt {
  const text = (source.split('\n')[span.line - 1] ?? '').replace(/\r$/, '');
  const start = Math.max(0, span.column - 1);
  const end = span.endLine === span.line ? Math.max(start + 1, span.endColumn - 1) : text.length;
  return { before: text.slice(0, start), marked: text.slice(start, end) || ' ', after: text.slice(end) };
}
