// One text of the dsl's catalogues: {name} placeholders filled from a diagnostic's params.
// A placeholder may name a format: {t:type} reads the catalogue's `type.<value>` (a type word),
// {w:where} its `where.<value>`, {e:or} a list (items separated by LIST_SEP, each a catalogue
// key such as `expect.name` or `type.number`, or, when it starts with a quote, the literal itself)
// joined with the locale's "or"; {x:refs} segments with their lines (items `name` REF_SEP line). Numbers are formatted with Intl.NumberFormat of the locale.

export type Locale = 'en' | 'zh-CN';
export type Params = Record<string, string | number>;

/** Separates the items of a list param ({x:or}, {x:refs}). */
export const LIST_SEP = '\u001f';
/** Separates a name from its line in an item of {x:refs} (`covered.by`: `name` (line N)). */
export const REF_SEP = '\u001e';

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number as the locale writes it (1,234.5); integers beyond 2^53 and non-finite values as is. */
export function formatNumber(n: number, locale: string): string {
  if (!Number.isFinite(n) || Math.abs(n) >= 1e21) return String(n);
  let f = numberFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 20 });
    numberFormats.set(locale, f);
  }
  return f.format(n);
}

/** Params that are positions or data rather than quantities: written as they are (an editor
 * shows "line 20001", a customer id 17850 is no amount), never with group separators. */
const PLAIN_PARAMS = /^(line|row|first|last|offset|table|index|pointRow|column|value|customer|id|raw|date|year|hex|char|token)\d*$/;

/** A param as a message shows it: a number in the locale's format unless its name is a position
 * or data (PLAIN_PARAMS); text as it is. */
export function formatParam(name: string, value: string | number, locale: string): string {
  if (typeof value !== 'number') return value;
  return PLAIN_PARAMS.test(name) ? String(value) : formatNumber(value, locale);
}

/** Fill {name} and {name:format} placeholders; `lookup` reads other keys of the same catalogue.
 * An unknown name stays as written (the tests check none is left). */
export function fill(text: string, params: Params, locale: Locale, lookup: (key: string) => string | undefined): string {
  return text.replace(/\{(\w+)(?::(\w+))?\}/g, (m, name: string, format: string | undefined) => {
    if (!(name in params)) return m;
    const v = params[name] as string | number;
    if (format === undefined) return formatParam(name, v, locale);
    if (format === 'or') {
      const items = String(v)
        .split(LIST_SEP)
        .filter((x) => x !== '')
        .map((x) => (x.startsWith("'") ? x : (lookup(x) ?? x)));
      if (items.length <= 1) return items[0] ?? '';
      return `${items.slice(0, -1).join(lookup('list.sep') ?? ', ')}${lookup('list.or') ?? ' or '}${items[items.length - 1] ?? ''}`;
    }
    if (format === 'refs') {
      const ref = lookup('covered.by') ?? '{name} ({line})';
      return String(v)
        .split(LIST_SEP)
        .map((item) => {
          const [n = '', line = ''] = item.split(REF_SEP);
          return fill(ref, { name: n, line: Number(line) }, locale, lookup);
        })
        .join(lookup('list.sep') ?? ', ');
    }
    return lookup(`${format}.${String(v)}`) ?? String(v);
  });
}

/** The placeholder names of a text (with their format, e.g. `t:type`), sorted. */
export function placeholders(text: string | undefined): string[] {
  return [...new Set([...(text ?? '').matchAll(/\{(\w+(?::\w+)?)\}/g)].map((m) => m[1] as string))].sort();
}
