import { describe, expect, it } from 'vitest';
import { StringStream } from '@codemirror/language';
import { readToken, startState, tokenizeLine } from './tokens.js';

const kinds = (line: string) => tokenizeLine(line).map((t) => `${t.kind}:${t.text}`);

describe('the rule tokenizer', () => {
  it('reads a segment line', () => {
    expect(kinds('segment vip "贵宾 VIP" when R <= 30d and M > 10_000.5 # best')).toEqual([
      'statement:segment', 'field:vip', 'string:"贵宾 VIP"', 'keyword:when', 'builtin:R', 'operator:<=', 'duration:30d',
      'keyword:and', 'builtin:M', 'operator:>', 'number:10_000.5', 'comment:# best'
    ]);
  });
  it('tells functions (before a parenthesis) from fields, dates from numbers, and quoted names', () => {
    expect(kinds("round(M, 2) > 1 and last_purchase >= 2024-01-31 and `城市 name` in ('北京', 'it\\'s')")).toEqual([
      'function:round', 'bracket:(', 'builtin:M', 'operator:,', 'number:2', 'bracket:)', 'operator:>', 'number:1', 'keyword:and',
      'builtin:last_purchase', 'operator:>=', 'date:2024-01-31', 'keyword:and', 'quotedField:`城市 name`', 'keyword:in', 'bracket:(',
      "string:'北京'", 'operator:,', "string:'it\\'s'", 'bracket:)'
    ]);
  });
  it('keywords are case-insensitive; a column named like a function is a field without a parenthesis', () => {
    expect(kinds('SEGMENT a WHEN length > 3 AND 6mo')).toEqual(['statement:SEGMENT', 'field:a', 'keyword:WHEN', 'field:length', 'operator:>', 'number:3', 'keyword:AND', 'duration:6mo']);
  });
  it('reads `use` as a statement word only before a file name in quotes', () => {
    expect(kinds('use "common.seg"')).toEqual(['statement:use', 'string:"common.seg"']);
    expect(kinds('segment a when use > 5')).toEqual(['statement:segment', 'field:a', 'keyword:when', 'field:use', 'operator:>', 'number:5']);
  });
  it('marks unterminated text and names', () => {
    expect(kinds('city = "Bei')).toEqual(['field:city', 'operator:=', 'invalid:"Bei']);
    expect(kinds('`open')).toEqual(['invalid:`open']);
  });
  it('runs on CodeMirror\'s own StringStream', () => {
    const s = new StringStream('tag big when M > 5', 4, 2);
    const state = startState();
    const out: string[] = [];
    while (!s.eol()) {
      const start = s.pos;
      const k = readToken(s, state);
      if (k) out.push(`${k}:${s.string.slice(start, s.pos)}`);
    }
    expect(out).toEqual(['statement:tag', 'field:big', 'keyword:when', 'builtin:M', 'operator:>', 'number:5']);
  });
});
