// Hover docs, pure: the field or function under the pointer, its meaning (built-in fields from
// the metrics spec, functions from the dsl's whitelist), its type, and what the loaded data holds
// (min / median / max, or the number of distinct values).
import { FUNCTIONS } from '@segmint/dsl';
import { signature, type EditorContext } from './complete.js';
import { LineStream, readToken, startState } from './tokens.js';

export interface HoverDoc {
  from: number;
  to: number;
  title: string;
  lines: string[];
}

export interface HoverWords {
  /** "min {min} · median {median} · max {max}" */
  range: (min: string, median: string, max: string) => string;
  /** "{n} missing of {total}" */
  missing: (n: number, total: number) => string;
}

/** The token at `pos` of `text` (its line read with the editor's tokenizer). */
function tokenAt(text: string, pos: number): { from: number; to: number; kind: string; text: string } | null {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const nl = text.indexOf('\n', pos);
  const line = text.slice(lineStart, nl === -1 ? text.length : nl);
  const s = new LineStream(line);
  const state = startState();
  while (!s.eol()) {
    const start = s.pos;
    const kind = readToken(s, state);
    if (kind !== null && lineStart + start <= pos && pos <= lineStart + s.pos) {
      return { from: lineStart + start, to: lineStart + s.pos, kind, text: line.slice(start, s.pos) };
    }
  }
  return null;
}

export function hoverAt(text: string, pos: number, ctx: EditorContext, words: HoverWords): HoverDoc | null {
  const tok = tokenAt(text, pos);
  if (!tok) return null;
  const w = ctx.words;
  if (tok.kind === 'function') {
    const name = tok.text.toLowerCase();
    if (!FUNCTIONS[name]) return null;
    const doc = w.functionDoc(name);
    return { from: tok.from, to: tok.to, title: signature(name), lines: doc ? [doc] : [] };
  }
  if (tok.kind !== 'builtin' && tok.kind !== 'field' && tok.kind !== 'quotedField') return null;
  const name = tok.kind === 'quotedField' ? tok.text.slice(1, -1).replace(/``/g, '`') : tok.text;
  const lower = name.toLowerCase();
  const field = ctx.fields.find((f) => f.name === name) ?? ctx.fields.find((f) => f.name.toLowerCase() === lower);
  if (!field) {
    if (lower === 'as_of') {
      const doc = w.fieldDoc('as_of');
      return { from: tok.from, to: tok.to, title: ctx.asOf ? `as_of = ${ctx.asOf}` : 'as_of', lines: doc ? [doc] : [] };
    }
    return null;
  }
  const lines: string[] = [];
  const doc = field.builtin ? w.fieldDoc(field.name) : null;
  if (doc) lines.push(doc);
  const st = field.stats;
  if (st) {
    if ((field.type === 'number' || field.type === 'date') && st.min !== null && st.min !== undefined) {
      lines.push(words.range(w.format(st.min), w.format(st.median ?? '–'), w.format(st.max ?? '–')));
    } else if (st.distinct !== undefined) {
      const shown = st.values?.slice(0, 5).map((v) => v.value).join(', ');
      lines.push(w.distinct(st.distinct) + (shown ? `: ${shown}${(st.values?.length ?? 0) > 5 ? ', …' : ''}` : ''));
    }
    if (st.present < st.total) lines.push(words.missing(st.total - st.present, st.total));
  }
  return { from: tok.from, to: tok.to, title: `${field.name} · ${w.type[field.type]}`, lines };
}
