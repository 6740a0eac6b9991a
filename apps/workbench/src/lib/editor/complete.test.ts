import { describe, expect, it } from 'vitest';
import { builtinSchema } from '@segmint/dsl';
import { completeAt, defineNames, signature, type EditorContext } from './complete.js';

const ctx = (mode: 'file' | 'expression' = 'file'): EditorContext => ({
  mode,
  asOf: '2024-12-31',
  fields: [
    ...builtinSchema.fields.map((f) => ({ name: f.name, type: f.type, builtin: true })),
    { name: 'industry', type: 'text', builtin: false, stats: { name: 'industry', type: 'text', present: 10, total: 12, distinct: 3, values: [{ value: 'retail', customers: 6 }, { value: "it's", customers: 3 }, { value: '零售', customers: 1 }] } },
    { name: '城市', type: 'text', builtin: false, stats: { name: '城市', type: 'text', present: 12, total: 12, distinct: 500 } },
    { name: 'signup date', type: 'date', builtin: false, stats: { name: 'signup date', type: 'date', present: 12, total: 12, min: '2020-01-01', median: '2022-01-01', max: '2024-01-01' } }
  ],
  words: {
    type: { number: 'number', text: 'text', date: 'date', boolean: 'yes/no' },
    customers: (n) => `${n} customers`,
    distinct: (n) => `${n} distinct values`,
    fieldDoc: (n) => (n === 'R' ? 'days since the last purchase' : null),
    functionDoc: () => null,
    format: (v) => String(v)
  }
});
const labels = (text: string, c = ctx(), explicit = true) => completeAt(text, text.length, c, explicit)?.options.map((o) => o.label) ?? [];
const option = (text: string, label: string, c = ctx()) => completeAt(text, text.length, c, true)?.options.find((o) => o.label === label);

describe('completion', () => {
  it('offers statements at the start of a line, not fields', () => {
    const l = labels('');
    expect(l).toEqual(expect.arrayContaining(['segment', 'tag', 'define', 'as of']));
    expect(l).not.toContain('R');
  });
  it('offers fields (built in and the data\'s columns with type and samples), functions and defines where a value may come', () => {
    const text = 'define big = M > 1000\nsegment a when ';
    const l = labels(text);
    expect(l).toEqual(expect.arrayContaining(['R', 'F', 'M', 'industry', '城市', 'signup date', 'round', 'pct', 'big', 'as_of', 'not']));
    expect(option(text, 'industry')).toMatchObject({ type: 'property', detail: "text · retail, it's, 零售" });
    expect(option(text, 'signup date')).toMatchObject({ apply: '`signup date`', detail: 'date · 2020-01-01 – 2024-01-01' });
    expect(option(text, '城市')).toMatchObject({ detail: 'text · 500 distinct values' });
    expect(option(text, 'R')).toMatchObject({ type: 'variable', info: 'days since the last purchase' });
    expect(option(text, 'round')).toMatchObject({ type: 'function', detail: 'round(x: number, digits?: number) -> number', apply: 'round(' });
  });
  it('completes a half-typed word from where it starts', () => {
    const text = 'segment a when indu';
    const a = completeAt(text, text.length, ctx(), false);
    expect(a?.from).toBe(text.length - 4);
    expect(a?.options.map((o) => o.label)).toContain('industry');
  });
  it('offers only what the grammar allows next: predicates after a value, connectives after a comparison', () => {
    expect(labels('segment a when R ')).toEqual(expect.arrayContaining(['between', 'in', 'is', 'and', 'or', 'starts with']));
    expect(labels('segment a when R ')).not.toContain('F');
    expect(labels('segment a when R < 3 ')).toEqual(['and', 'or']);
    expect(labels('segment a ')).toEqual(['otherwise', 'when']);
    expect(labels('R < 3 ', ctx('expression'))).toEqual(['and', 'or']);
  });
  it('offers no field where a new name goes, and nothing in a comment', () => {
    expect(labels('segment ')).toEqual([]);
    expect(labels('segment a when R < 3 # note ')).toEqual([]);
  });
  it('offers the values of a text field with few of them after = and in (, quoted and escaped', () => {
    const l = labels("segment a when industry = ");
    expect(l.slice(0, 3)).toEqual(["'retail'", "'it\\'s'", "'零售'"]);
    expect(option('segment a when industry in (', "'零售'")).toMatchObject({ detail: '1 customers', type: 'enum' });
    // inside quotes already typed: the bare value, completed with the closing quote
    const inQuote = completeAt("segment a when industry = 're", 29, ctx(), false);
    expect(inQuote?.from).toBe(27);
    expect(inQuote?.options.find((o) => o.label === 'retail')?.apply).toBe("retail'");
    expect(labels("segment a when industry in ('retail', ")).toContain("'零售'");
  });
  it('offers columns inside backticks', () => {
    const a = completeAt('segment a when `sig', 19, ctx(), false);
    expect(a?.from).toBe(16);
    expect(a?.options.find((o) => o.label === 'signup date')?.apply).toBe('signup date`');
  });
  it('offers the data set\'s date after as of', () => {
    expect(labels('as of ')).toEqual(['2024-12-31']);
  });
  it('does not pop up on its own at an empty word, except after = ( ,', () => {
    expect(completeAt('segment a when R < 3 ', 21, ctx(), false)).toBeNull();
    expect(completeAt('segment a when industry = ', 26, ctx(), false)?.options[0]?.label).toBe("'retail'");
  });
  it('reads define names and signatures', () => {
    expect(defineNames('define a = 1\ndefine 大额 = M > 2\nsegment x when a > 0')).toEqual(['a', '大额']);
    expect(signature('least')).toMatch(/^least\(x: T, \.\.\.\)/);
  });
});
