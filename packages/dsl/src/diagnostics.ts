// Diagnostics: what the checker and parser report, with source spans, and the pretty printer.
import type { Loc } from './ast.js';
import type { Locale, MessageKey, Params } from './messages/index.js';
import { renderDiagnostic, renderRelated } from './messages/index.js';

/** A source range: offsets 0-based (end exclusive), lines and columns 1-based. */
export interface Span {
  offset: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  /** stable machine-readable kind, e.g. 'syntax', 'unknown-field' (see README) */
  code: string;
  message: string;
  span: Span;
  /** a suggestion shown on its own line, e.g. "did you mean 'F'?" */
  hint?: string;
  /** places in other files that explain this one (`use`: the base file's define, the other end
   * of a cycle); `lineText` is the source line of the span, for printing without the file */
  related?: RelatedInfo[];
  /** the catalogue key of the message's shape (the code, or the code and a variant such as
   * 'type-mismatch.unquote-number'); absent on a diagnostic made of plain text */
  messageKey?: MessageKey;
  /** the values the message and hint are built from (names, numbers, type words...) */
  params?: Params;
  /** the catalogue key of the hint, and the values only the hint uses (a hint may also use params) */
  hintKey?: MessageKey;
  hintParams?: Params;
  /** mechanical fixes: apply every edit of one fix (offsets into the checked text) */
  fixes?: Fix[];
  /** the diagnostic this one reports from elsewhere (a base file's problem, on its `use` line):
   * rendered into the `inner` param in the same language */
  inner?: Diagnostic;
}

/** A place in another file (or this one) that a diagnostic refers to. */
export interface RelatedInfo {
  file: string;
  span: Span;
  /** English; `messageKey` and `params` give it in another language (renderRelated) */
  message: string;
  messageKey?: MessageKey;
  params?: Params;
  lineText?: string;
}

/** One replacement: offsets into the checked text (end exclusive), like a CodeMirror change. */
export interface TextEdit {
  from: number;
  to: number;
  insert: string;
}

/** A quick fix: its title (a catalogue key and params, see renderFix) and its edits. */
export interface Fix {
  key: MessageKey;
  params: Params;
  edits: TextEdit[];
}

/** Line starts of a text, for turning offsets into lines and columns. */
export class LineMap {
  private readonly starts: number[] = [0];
  constructor(readonly source: string) {
    for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  /** 1-based line and column of an offset (columns count UTF-16 code units, like editors do). */
  position(offset: number): { line: number; column: number } {
    const o = Math.max(0, Math.min(offset, this.source.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - (this.starts[lo] ?? 0) + 1 };
  }
  span(loc: Loc): Span {
    const start = Math.max(0, Math.min(loc.start, this.source.length));
    const end = Math.max(start, Math.min(loc.end, this.source.length));
    const a = this.position(start);
    const b = this.position(end);
    return { offset: start, end, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }
  lineText(line: number): string {
    const s = this.starts[line - 1];
    if (s === undefined) return '';
    const next = this.starts[line];
    const text = this.source.slice(s, next === undefined ? undefined : next - 1);
    return text.endsWith('\r') ? text.slice(0, -1) : text;
  }
}

/** Display width of a string in a terminal: East Asian wide characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp === 9) w += 1;
    else if (/\p{M}/u.test(ch) || cp === 0x200b) w += 0;
    else if (
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      (cp >= 0x1f300 && cp <= 0x1faff) ||
      (cp >= 0x20000 && cp <= 0x3fffd)
    )
      w += 2;
    else w += 1;
  }
  return w;
}

/** Make control characters visible so a printed source line cannot mess up a terminal. */
function visible(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * Render a diagnostic like a compiler does:
 * `FILE:LINE:COL: error: MESSAGE`, the source line, a caret line under the span, and the hint.
 */
export function formatDiagnostic(d: Diagnostic, source: string, file = '<input>', locale: Locale = 'en'): string {
  const text = renderDiagnostic(d, locale);
  const map = new LineMap(source);
  const line = map.lineText(d.span.line);
  const before = visible(line.slice(0, d.span.column - 1));
  const endCol = d.span.endLine === d.span.line ? d.span.endColumn : line.length + 1;
  const under = visible(line.slice(d.span.column - 1, Math.max(d.span.column - 1, endCol - 1)));
  let lead = '';
  for (const ch of before) lead += ch === '\t' ? '\t' : ' '.repeat(width(ch));
  const carets = '^'.repeat(Math.max(1, width(under)));
  const out = [`${file}:${d.span.line}:${d.span.column}: ${d.severity}: ${text.message}`, visible(line), lead + carets];
  if (text.hint) out.push(text.hint);
  for (const r of d.related ?? []) out.push(formatRelated(r, locale));
  return out.join('\n');
}

/** A related place: `FILE:LINE:COL: note: MESSAGE`, its source line and carets. */
function formatRelated(r: RelatedInfo, locale: Locale): string {
  const head = `${r.file}:${r.span.line}:${r.span.column}: note: ${renderRelated(r, locale)}`;
  if (r.lineText === undefined) return head;
  const line = r.lineText;
  const before = visible(line.slice(0, r.span.column - 1));
  const endCol = r.span.endLine === r.span.line ? r.span.endColumn : line.length + 1;
  const under = visible(line.slice(r.span.column - 1, Math.max(r.span.column - 1, endCol - 1)));
  let lead = '';
  for (const ch of before) lead += ch === '\t' ? '\t' : ' '.repeat(width(ch));
  return [head, visible(line), lead + '^'.repeat(Math.max(1, width(under)))].join('\n');
}
