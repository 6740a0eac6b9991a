// What may come next, asked of the grammar with a sentinel at the cursor (completion's basis).
import { describe, expect, it } from 'vitest';
import { expectedAt } from '../src/expect.js';

const at = (s: string, mode: 'file' | 'expression' = 'file') => expectedAt(s, s.length, mode);

describe('expectedAt', () => {
  it('offers statements at the start of a file and of a new line', () => {
    expect(at('')).toMatchObject({ statement: true, value: false });
    expect(at('segment a when R < 3\n')).toMatchObject({ statement: true, keywords: ['and', 'or'] });
  });
  it('knows a new name from a value', () => {
    expect(at('segment ')).toMatchObject({ newName: true, value: false });
    expect(at('define x = ')).toMatchObject({ newName: false, value: true });
  });
  it('offers when/otherwise or a label after a segment name', () => {
    expect(at('segment vip ')).toMatchObject({ keywords: ['otherwise', 'when'], label: true, value: false });
  });
  it('offers predicates after a value and connectives after a comparison', () => {
    expect(at('segment vip when R ').keywords).toEqual(expect.arrayContaining(['between', 'in', 'is', 'and', 'or']));
    expect(at('segment vip when R < 3 ').keywords).toEqual(['and', 'or']);
    expect(at('segment a when R between 1 ').keywords).toEqual(['and']);
    expect(at('R < 3 ', 'expression').keywords).toEqual(['and', 'or']);
  });
  it('expects a date after as of', () => {
    expect(at('as of ')).toMatchObject({ date: true, value: false });
  });
  it('says nothing is known when the text before does not parse', () => {
    expect(at('segment a when R < < ').unknown).toBe(true);
  });
  it('works with Chinese names before the cursor', () => {
    expect(at('segment 高价值 "高价值客户" when 城市 = "北京" ').keywords).toEqual(['and', 'or']);
  });
});

describe('compileRules with emit: false (the editor checking as the user types)', () => {
  it('gives the same diagnostics, segments and tags as a full compile, without SQL', async () => {
    const { compileRules, builtinSchema } = await import('../src/index.js');
    const src = 'define big = M > 1000\nsegment a "A" when big and R < 10 and R > 20\nsegment b when Rx > 1\ntag t when F > 2\n';
    const full = compileRules(src, builtinSchema, { relation: 'customers', asOf: '2024-12-31' });
    const only = compileRules(src, builtinSchema, { relation: 'customers', asOf: '2024-12-31', emit: false });
    expect(only.diagnostics).toEqual(full.diagnostics);
    expect(only.sql).toBe('');
    const ok = compileRules('segment a when R < 10\ntag t when F > 2\n', builtinSchema, { relation: 'customers', emit: false });
    expect(ok).toMatchObject({ ok: true, sql: '', segments: [{ id: 'a' }], tags: [{ id: 't' }] });
  });
});
