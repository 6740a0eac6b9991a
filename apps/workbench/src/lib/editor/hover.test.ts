import { describe, expect, it } from 'vitest';
import { hoverAt, type HoverWords } from './hover.js';
import type { EditorContext } from './complete.js';

const words: HoverWords = { range: (a, b, c) => `min ${a} median ${b} max ${c}`, missing: (n, t) => `${n} of ${t} missing` };
const ctx: EditorContext = {
  mode: 'file',
  asOf: '2024-12-31',
  fields: [
    { name: 'M', type: 'number', builtin: true, stats: { name: 'M', type: 'number', present: 9, total: 10, min: 0, median: 120.5, max: 9000 } },
    { name: '城市', type: 'text', builtin: false, stats: { name: '城市', type: 'text', present: 10, total: 10, distinct: 2, values: [{ value: '北京', customers: 6 }, { value: '上海', customers: 4 }] } }
  ],
  words: {
    type: { number: 'number', text: 'text', date: 'date', boolean: 'yes/no' },
    customers: (n) => `${n}`,
    distinct: (n) => `${n} distinct values`,
    fieldDoc: (n) => (n === 'M' ? 'net amount spent' : n === 'as_of' ? 'the analysis date' : null),
    functionDoc: (n) => (n === 'round' ? 'rounds' : null),
    format: (v) => String(v)
  }
};

describe('hover docs', () => {
  const src = 'segment a when round(M, 0) > 1 and 城市 = "北京" and last_purchase < as_of';
  it('explains a built-in field with the data\'s numbers', () => {
    expect(hoverAt(src, src.indexOf('M,') + 1, ctx, words)).toEqual({ from: 21, to: 22, title: 'M · number', lines: ['net amount spent', 'min 0 median 120.5 max 9000', '1 of 10 missing'] });
  });
  it('shows a text column\'s distinct values', () => {
    expect(hoverAt(src, src.indexOf('城市') + 1, ctx, words)?.lines).toEqual(['2 distinct values: 北京, 上海']);
  });
  it('shows a function\'s signature and doc', () => {
    expect(hoverAt(src, src.indexOf('round') + 2, ctx, words)).toMatchObject({ title: 'round(x: number, digits?: number) -> number', lines: ['rounds'] });
  });
  it('explains as_of and says nothing on keywords or unknown names', () => {
    expect(hoverAt(src, src.length - 2, ctx, words)).toMatchObject({ title: 'as_of = 2024-12-31', lines: ['the analysis date'] });
    expect(hoverAt(src, 2, ctx, words)).toBeNull();
    expect(hoverAt(src, src.indexOf('last_purchase') + 2, ctx, words)).toBeNull();
  });
});
