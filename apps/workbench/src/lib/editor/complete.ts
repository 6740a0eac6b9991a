// Completion for the rule editor, pure: what may come at the cursor is asked of the real grammar
// (dsl expectedAt, a sentinel at the cursor), and the words offered come from the language's
// lexicon, the built-in fields and the loaded data's columns (with type and sample values),
// the functions (with signatures), the file's defines, and for a text field with few distinct
// values after `=` or `in (`, the values themselves.
import { FUNCTIONS, describeFunction, expectedAt, isBareName, parseRulesPartial, printFieldName, printString, type FieldType } from '@segmint/dsl';
import type { FieldStats } from '@segmint/engine';
import { LineStream, readToken, startState } from './tokens.js';

/** A field the editor knows: built in (a metric) or a column of the loaded data. */
export interface EditorField {
  name: string;
  type: FieldType;
  builtin: boolean;
  stats?: FieldStats;
}

/** What completion and hover know besides the text. */
export interface EditorContext {
  fields: readonly EditorField[];
  /** 'file': a rule file; 'expression': the quick rule (one condition) */
  mode: 'file' | 'expression';
  /** the data set's analysis date, offered after `as of` */
  asOf: string | null;
  /** words in the UI's language (types, "values") */
  words: CompletionWords;
}

export interface CompletionWords {
  type: Record<FieldType, string>;
  /** "{n} customers" for a value's count */
  customers: (n: number) => string;
  /** "{n} distinct values" */
  distinct: (n: number) => string;
  /** a field's meaning (built-in fields, functions), null when unknown */
  fieldDoc: (name: string) => string | null;
  functionDoc: (name: string) => string | null;
  format: (v: number | string) => string;
}

/** One option, in the shape of CodeMirror's Completion (structural: this module stays pure). */
export interface CompletionOption {
  label: string;
  type: 'keyword' | 'variable' | 'property' | 'function' | 'constant' | 'text' | 'enum';
  detail?: string;
  info?: string;
  /** the text inserted (default: label) */
  apply?: string;
  boost?: number;
  section?: string;
}

export interface CompletionAnswer {
  from: number;
  options: CompletionOption[];
  /** the typed word may keep growing with the same options */
  validFor: RegExp;
}

const WORD = /[\p{L}\p{N}\p{M}_]*$/u;
const WORD_ONLY = /^[\p{L}\p{N}\p{M}_]*$/u;

/** A function's signature as written in the language reference: `round(x: number, digits?: number) -> number`. */
export function signature(name: string): string {
  return describeFunction(name)?.signature ?? `${name}()`;
}

/** Where the cursor is, lexically: in a comment, in an unterminated text (its start), in a
 * backticked name (its start), or in code. */
function lexicalPlace(lineText: string): { kind: 'code' | 'comment' } | { kind: 'string' | 'backtick'; start: number } {
  const s = new LineStream(lineText);
  const state = startState();
  while (!s.eol()) {
    const start = s.pos;
    const kind = readToken(s, state);
    if (kind === 'comment') return { kind: 'comment' };
    if (kind === 'invalid' && s.eol()) {
      const ch = lineText[start];
      if (ch === '"' || ch === "'") return { kind: 'string', start };
      if (ch === '`') return { kind: 'backtick', start };
    }
  }
  return { kind: 'code' };
}

function fieldDetail(f: EditorField, ctx: EditorContext): string {
  const w = ctx.words;
  const st = f.stats;
  if (!st) return w.type[f.type];
  if ((f.type === 'number' || f.type === 'date') && st.min !== undefined && st.min !== null && st.max !== undefined && st.max !== null) {
    return `${w.type[f.type]} · ${w.format(st.min)} – ${w.format(st.max)}`;
  }
  if (st.values && st.values.length) return `${w.type[f.type]} · ${st.values.slice(0, 3).map((v) => v.value).join(', ')}${st.values.length > 3 ? ', …' : ''}`;
  if (st.distinct !== undefined) return `${w.type[f.type]} · ${w.distinct(st.distinct)}`;
  return w.type[f.type];
}

/** The field compared in a text position before the cursor: `city = '`, `city in ('a', `. */
function comparedField(before: string, ctx: EditorContext): EditorField | null {
  const m = /(?:`((?:[^`]|``)+)`|([\p{L}_][\p{L}\p{N}\p{M}_]*))\s*(?:(?:=|==|!=|<>)\s*|(?:not\s+)?in\s*\((?:[^()]*,)?\s*)['"]?$/iu.exec(before);
  if (!m) return null;
  const name = m[1] !== undefined ? m[1].replace(/``/g, '`') : (m[2] ?? '');
  const lower = name.toLowerCase();
  return ctx.fields.find((f) => f.name === name) ?? ctx.fields.find((f) => f.name.toLowerCase() === lower) ?? null;
}

function valueOptions(field: EditorField, ctx: EditorContext, quoted: boolean): CompletionOption[] {
  const values = field.stats?.values ?? [];
  return values.map((v, i) => {
    const literal = printString(v.value);
    return {
      label: quoted ? v.value : literal,
      type: 'enum',
      detail: ctx.words.customers(v.customers),
      // inside quotes already typed: the value and the closing quote
      apply: quoted ? literal.slice(1) : literal,
      boost: 50 - i
    };
  });
}

/** The options at `pos` of `text` (null: nothing to offer here). `explicit`: asked with
 * Ctrl+Space (offer even at an empty word). */
export function completeAt(text: string, pos: number, ctx: EditorContext, explicit = false): CompletionAnswer | null {
  const lineStart = text.lastIndexOf('\n', pos - 1) + 1;
  const lineBefore = text.slice(lineStart, pos);
  const place = lexicalPlace(lineBefore);
  if (place.kind === 'comment') return null;
  const before = text.slice(0, pos);

  if (place.kind === 'string') {
    const from = lineStart + place.start + 1;
    const field = comparedField(text.slice(0, from), ctx);
    if (!field) return null;
    return { from, options: valueOptions(field, ctx, true), validFor: /^[^'"\\]*$/ };
  }
  if (place.kind === 'backtick') {
    const options = ctx.fields.map((f) => ({ label: f.name, type: 'property' as const, detail: fieldDetail(f, ctx), apply: f.name.replace(/`/g, '``') + '`' }));
    return { from: lineStart + place.start + 1, options, validFor: /^[^`]*$/ };
  }

  const word = WORD.exec(before)?.[0] ?? '';
  const from = pos - word.length;
  if (!explicit && word.length === 0 && !/[=(,]\s*$/.test(before)) return null;
  const exp = expectedAt(text, from, ctx.mode);
  const options: CompletionOption[] = [];

  // after `field =` or `field in (`: that field's values first
  const field = exp.value ? comparedField(text.slice(0, from), ctx) : null;
  if (field && field.type === 'text') options.push(...valueOptions(field, ctx, false));

  for (const k of exp.keywords) {
    const apply = k === 'starts' ? 'starts with ' : k === 'ends' ? 'ends with ' : undefined;
    const literal = k === 'true' || k === 'false' || k === 'null';
    options.push({ label: apply ? apply.trim() : k, type: literal ? 'constant' : 'keyword', ...(apply ? { apply } : {}), boost: literal ? -5 : 0 });
  }
  if (exp.statement && ctx.mode === 'file' && lineBefore.slice(0, lineBefore.length - word.length).trim() === '') {
    for (const s of ['segment', 'tag', 'define']) options.push({ label: s, type: 'keyword', apply: `${s} `, boost: 10 });
    // base files come first in a file: `use` is offered until another statement is there
    if (!/^[ \t]*(segment|tag|define|as[ \t]+of)\b/im.test(text.slice(0, lineStart))) options.push({ label: 'use', type: 'keyword', apply: 'use "', boost: 4 });
    options.push({ label: 'as of', type: 'keyword', apply: 'as of ', boost: 5 });
  }
  if (exp.date && ctx.asOf) options.push({ label: ctx.asOf, type: 'constant' });
  if (exp.value || exp.unknown) {
    for (const f of ctx.fields) {
      const info = f.builtin ? ctx.words.fieldDoc(f.name) : null;
      options.push({
        label: f.name,
        type: f.builtin ? 'variable' : 'property',
        detail: fieldDetail(f, ctx),
        ...(info ? { info } : {}),
        ...(isBareName(f.name) ? {} : { apply: printFieldName(f.name) }),
        boost: f.builtin ? 2 : 1,
        section: undefined
      });
    }
    if (!ctx.fields.some((f) => f.name === 'as_of')) options.push({ label: 'as_of', type: 'constant', info: ctx.words.fieldDoc('as_of') ?? undefined });
    for (const name of Object.keys(FUNCTIONS)) {
      const info = ctx.words.functionDoc(name);
      options.push({ label: name, type: 'function', detail: signature(name), apply: `${name}(`, ...(info ? { info } : {}) });
    }
    if (ctx.mode === 'file') {
      for (const d of defineNames(text)) options.push({ label: d, type: 'variable', detail: 'define', boost: 3, ...(isBareName(d) ? {} : { apply: printFieldName(d) }) });
    }
  }
  if (options.length === 0) return null;
  // undefined fields are dropped so the options compare equal in tests
  return { from, options: options.map(clean), validFor: WORD_ONLY };
}

function clean(o: CompletionOption): CompletionOption {
  const out: CompletionOption = { label: o.label, type: o.type };
  if (o.detail !== undefined) out.detail = o.detail;
  if (o.info !== undefined) out.info = o.info;
  if (o.apply !== undefined) out.apply = o.apply;
  if (o.boost !== undefined) out.boost = o.boost;
  return out;
}

/** The names the file defines (`define name = ...`), in order. */
export function defineNames(text: string): string[] {
  const parsed = parseRulesPartial(text);
  const names: string[] = [];
  for (const s of parsed.file.statements) if (s.kind === 'define') names.push(s.name);
  for (const b of parsed.brokenDefines) if (!names.includes(b)) names.push(b);
  return names;
}
