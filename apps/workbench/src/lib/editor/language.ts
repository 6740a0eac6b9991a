// The rules language for CodeMirror: the tokenizer of tokens.ts as a stream language (incremental,
// line by line), its comment syntax (for the comment toggle) and brackets, and the colours.
import { HighlightStyle, StreamLanguage, syntaxHighlighting, type StreamParser } from '@codemirror/language';
import { tags } from '@lezer/highlight';
import { readToken, startState, type TokenKind, type TokenState } from './tokens.js';

// token kind -> a @lezer/highlight tag name (StreamLanguage maps names through tokenTable)
const TOKEN_NAMES: Record<TokenKind, string> = {
  comment: 'comment',
  string: 'string',
  number: 'number',
  duration: 'unit',
  date: 'literal',
  keyword: 'keyword',
  statement: 'definitionKeyword',
  literal: 'bool',
  function: 'function',
  builtin: 'standard',
  field: 'variableName',
  quotedField: 'special',
  operator: 'operator',
  bracket: 'paren',
  invalid: 'invalid'
};

const parser: StreamParser<TokenState> = {
  name: 'segmint',
  startState,
  copyState: (s) => ({ ...s }),
  token(stream, state) {
    const kind = readToken(stream, state);
    return kind === null ? null : TOKEN_NAMES[kind];
  },
  tokenTable: {
    unit: tags.unit,
    definitionKeyword: tags.definitionKeyword,
    special: tags.special(tags.variableName),
    standard: tags.standard(tags.variableName),
    function: tags.function(tags.variableName)
  },
  languageData: {
    commentTokens: { line: '#' },
    closeBrackets: { brackets: ['(', '"', "'", '`'] }
  }
};

export const segmintLanguage = StreamLanguage.define(parser);

// Colours with at least 4.5:1 contrast on the editor's white background (checked by axe in e2e).
export const segmintHighlight = syntaxHighlighting(
  HighlightStyle.define([
    { tag: tags.comment, color: '#5c6370', fontStyle: 'italic' },
    { tag: [tags.keyword, tags.definitionKeyword], color: '#7a1fa2', fontWeight: '600' },
    { tag: tags.bool, color: '#0b6e7a' },
    { tag: [tags.string, tags.literal], color: '#1d6b12' },
    { tag: [tags.number, tags.unit], color: '#9a4a00' },
    { tag: tags.function(tags.variableName), color: '#1f4fbf' },
    { tag: tags.standard(tags.variableName), color: '#0b5394', fontWeight: '600' },
    { tag: tags.special(tags.variableName), color: '#6b3e00' },
    { tag: tags.operator, color: '#444' },
    { tag: tags.invalid, color: '#b00020', textDecoration: 'underline wavy' }
  ])
);
