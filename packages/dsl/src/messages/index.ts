// The dsl's message catalogues (en, zh-CN): every diagnostic carries a stable `code`, the key
// of its message's shape (`messageKey`: the code, or the code and a variant, e.g.
// 'type-mismatch.unquote-number'), the `params` its texts are built from, and the key of its
// hint (`hintKey`). `message` and `hint` hold the English rendering; `renderDiagnostic` gives
// them in another locale. Code never decides anything by reading message text.
import type { Diagnostic, Fix, RelatedInfo } from '../diagnostics.js';
import { FUNCTIONS } from '../functions.js';
import { AS_OF_NAME, builtinSchema, type FieldType } from '../schema.js';
import { en, type MessageKey } from './en.js';
import { fill, type Locale, type Params } from './template.js';
import { zh } from './zh.js';

export type { MessageKey } from './en.js';
export type { Locale, Params } from './template.js';
export { formatNumber, LIST_SEP, REF_SEP, placeholders } from './template.js';

export const MESSAGE_KEYS = Object.keys(en) as MessageKey[];

/** The raw templates of a locale (tests check both have every key and the same placeholders). */
export function catalogue(locale: Locale): Record<MessageKey, string> {
  return locale === 'zh-CN' ? zh : en;
}

/** The text of `key` in `locale`, placeholders filled (numbers in the locale's format). */
export function renderText(key: string, params: Params = {}, locale: Locale = 'en'): string {
  const cat = catalogue(locale) as Record<string, string>;
  const text = cat[key] ?? (en as Record<string, string>)[key] ?? key;
  return fill(text, params, locale, (k) => cat[k]);
}

/** A message (or hint) by key, before rendering. */
export interface Msg {
  key: MessageKey;
  params: Params;
}
export function msg(key: MessageKey, params: Params = {}): Msg {
  return { key, params };
}

/** Build a diagnostic from keys (or, for code that has no key yet, plain English text). */
export function makeDiagnostic(base: Omit<Diagnostic, 'message'>, message: string | Msg, hint?: string | Msg, fixes?: Fix[]): Diagnostic {
  const d = { ...base, message: '' } as Diagnostic;
  setMessage(d, message, hint);
  if (fixes && fixes.length > 0) d.fixes = fixes;
  return d;
}

/** Set (or replace) a diagnostic's message and hint, keys and params. */
export function setMessage(d: Diagnostic, message: string | Msg, hint?: string | Msg): void {
  if (typeof message === 'string') {
    d.message = message;
    delete d.messageKey;
  } else {
    d.messageKey = message.key;
    d.params = { ...(d.params ?? {}), ...message.params };
    d.message = renderText(message.key, d.params);
  }
  setHint(d, hint);
}

/** Set (or remove) a diagnostic's hint. */
export function setHint(d: Diagnostic, hint: string | Msg | undefined): void {
  delete d.hint;
  delete d.hintKey;
  delete d.hintParams;
  if (hint === undefined) return;
  if (typeof hint === 'string') d.hint = hint;
  else {
    d.hintKey = hint.key;
    if (Object.keys(hint.params).length > 0) d.hintParams = hint.params;
    else delete d.hintParams;
    d.hint = renderText(hint.key, { ...(d.params ?? {}), ...hint.params });
  }
}

/** A diagnostic's message and hint in `locale` (English as given when it has no keys). */
export function renderDiagnostic(d: Diagnostic, locale: Locale = 'en'): { message: string; hint?: string } {
  const params = d.inner ? { ...(d.params ?? {}), inner: renderDiagnostic(d.inner, locale).message } : (d.params ?? {});
  const message = d.messageKey !== undefined ? renderText(d.messageKey, params, locale) : d.message;
  const hint = d.hintKey !== undefined ? renderText(d.hintKey, { ...params, ...(d.hintParams ?? {}) }, locale) : d.hint;
  return hint !== undefined ? { message, hint } : { message };
}

/** A related place's message in `locale` (English as given when it has no key). */
export function renderRelated(r: RelatedInfo, locale: Locale = 'en'): string {
  return r.messageKey !== undefined ? renderText(r.messageKey, r.params ?? {}, locale) : r.message;
}

/** The title of a quick fix in `locale`. */
export function renderFix(fix: Fix, locale: Locale = 'en'): string {
  return renderText(fix.key, fix.params, locale);
}

/** Apply a fix's edits (offsets into the text the diagnostic was made for). */
export function applyFix(source: string, fix: Fix): string {
  const edits = [...fix.edits].sort((a, b) => b.from - a.from || b.to - a.to);
  let out = source;
  for (const e of edits) out = out.slice(0, e.from) + e.insert + out.slice(e.to);
  return out;
}

export interface FieldDoc {
  name: string;
  type: FieldType;
  /** the type as a word of the locale */
  typeText: string;
  doc: string;
}

/** A built-in field's type and meaning (the metrics spec), or undefined for any other name. */
export function describeField(name: string, locale: Locale = 'en'): FieldDoc | undefined {
  const lower = name.toLowerCase();
  if (lower === AS_OF_NAME) return { name: AS_OF_NAME, type: 'date', typeText: renderText('type.date', {}, locale), doc: renderText('field.as_of', {}, locale) };
  const f = builtinSchema.fields.find((x) => x.name === name) ?? builtinSchema.fields.find((x) => x.name.toLowerCase() === lower);
  if (!f) return undefined;
  return { name: f.name, type: f.type, typeText: renderText(`type.${f.type}`, {}, locale), doc: renderText(`field.${f.name}`, {}, locale) };
}

export interface FunctionDoc {
  name: string;
  /** e.g. `round(x: number, digits?: number) -> number` (code, the same in every locale) */
  signature: string;
  doc: string;
}

/** A function's signature and what it does, or undefined for a name that is not a function. */
export function describeFunction(name: string, locale: Locale = 'en'): FunctionDoc | undefined {
  const lower = name.toLowerCase();
  const sig = FUNCTIONS[lower];
  if (!sig) return undefined;
  const types = sig.args.join(' | ');
  let args: string;
  let result: string = sig.result;
  if (sig.max >= 64) {
    args = sig.same ? 'x: T, ...' : `x: ${types}, ...`;
    if (sig.same) result = sig.result === 'arg' ? `T  (T: ${types})` : `${sig.result}  (T: ${types})`;
  } else if (sig.max === 2) args = `x: ${types}, digits?: number`;
  else args = `x: ${types}`;
  return { name: lower, signature: `${lower}(${args}) -> ${result}`, doc: renderText(`function.${lower}`, {}, locale) };
}
