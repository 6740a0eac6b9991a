// The TextMate grammar (editors/segmint.tmLanguage.json): generated from the lexicon, committed
// as generated, and tokenizing sample lines as an editor would (vscode-textmate + Oniguruma, the
// engine VS Code runs).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { grammarText, OUT } from '../scripts/textmate.mjs';
import * as lexicon from '../src/lexicon.js';

const require = createRequire(import.meta.url);
let grammar: vsctm.IGrammar;

beforeAll(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async () => vsctm.parseRawGrammar(readFileSync(OUT, 'utf8'), OUT)
  });
  const g = await registry.loadGrammar('source.segmint');
  if (!g) throw new Error('the grammar did not load');
  grammar = g;
});

/** [text, innermost scope] of every token of a line. */
function tokens(line: string): [string, string][] {
  const r = grammar.tokenizeLine(line, vsctm.INITIAL);
  return r.tokens.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1] ?? '']);
}
function scopeOf(line: string, text: string): string | undefined {
  return tokens(line).find(([t]) => t === text)?.[1];
}

describe('TextMate grammar', () => {
  it('the committed file is what the script generates from the lexicon (run npm run textmate -w @segmint/dsl)', () => {
    expect(readFileSync(OUT, 'utf8')).toBe(grammarText(lexicon));
  });

  it('highlights every kind of token', () => {
    const seg = 'segment vip "VIP 客户" when R <= 30 and last_purchase >= as_of - 90d and 满意度 > 1_000.5 # note';
    expect(scopeOf(seg, 'segment')).toBe('keyword.control.statement.segmint');
    expect(scopeOf(seg, 'vip')).toBe('entity.name.segmint');
    expect(scopeOf(seg, 'VIP 客户')).toBe('string.quoted.double.segmint');
    expect(scopeOf(seg, 'when')).toBe('keyword.operator.word.segmint');
    expect(scopeOf(seg, 'and')).toBe('keyword.operator.word.segmint');
    expect(scopeOf(seg, '<=')).toBe('keyword.operator.segmint');
    expect(scopeOf(seg, 'R')).toBe('variable.other.segmint');
    expect(scopeOf(seg, '满意度')).toBe('variable.other.segmint');
    expect(scopeOf(seg, 'd')).toBe('keyword.other.unit.segmint');
    expect(scopeOf(seg, '1_000.5')).toBe('constant.numeric.segmint');
    expect(scopeOf(seg, '# note')).toBe('comment.line.number-sign.segmint');

    const def = "DEFINE spend = Round(M / 12, 2) + abs(-3) # x";
    expect(scopeOf(def, 'DEFINE')).toBe('keyword.control.statement.segmint');
    expect(scopeOf(def, 'spend')).toBe('entity.name.segmint');
    expect(scopeOf(def, 'Round')).toBe('support.function.segmint');
    expect(scopeOf(def, 'abs')).toBe('support.function.segmint');

    expect(scopeOf('as of 2024-12-31', 'as of')).toBe('keyword.control.statement.segmint');
    expect(scopeOf('as of 2024-12-31', '2024-12-31')).toBe('constant.numeric.date.segmint');
    expect(scopeOf('use "common.seg"', 'use')).toBe('keyword.control.import.segmint');
    expect(scopeOf('use "common.seg"', 'common.seg')).toBe('string.quoted.double.segmint');
  });

  it('strings with escapes, backticked names, literals, text operators, contextual words', () => {
    const line = "tag t when `order ``no``` starts with 'a\\'b\\u{4e2d}' or city is not null or x = TRUE";
    const toks = tokens(line);
    expect(toks.find(([t]) => t === '\\\'')?.[1]).toBe('constant.character.escape.segmint');
    expect(toks.find(([t]) => t === '\\u{4e2d}')?.[1]).toBe('constant.character.escape.segmint');
    expect(toks.find(([t]) => t === '``')?.[1]).toBe('constant.character.escape.segmint');
    expect(toks.find(([t]) => t === 'order ')?.[1]).toBe('variable.other.quoted.segmint');
    expect(scopeOf(line, 'starts')).toBe('keyword.operator.word.segmint');
    expect(scopeOf(line, 'with')).toBe('keyword.operator.word.segmint');
    expect(scopeOf(line, 'null')).toBe('constant.language.segmint');
    expect(scopeOf(line, 'TRUE')).toBe('constant.language.segmint');
    // `use`, `with`, `as`, `of` elsewhere are plain names; a function name without ( is a name
    const plain = 'segment s when use > 1 and with = 2 and of < 3 and abs > 0';
    for (const w of ['use', 'with', 'of', 'abs']) expect(scopeOf(plain, w), w).toBe('variable.other.segmint');
    // a number running into letters is not a number or a duration
    expect(tokens('segment s when x > 30days').some(([, s]) => s.startsWith('constant.numeric'))).toBe(false);
  });
});
