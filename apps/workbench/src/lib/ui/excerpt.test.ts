import { describe, expect, it } from 'vitest';
import { excerpt } from './excerpt.js';

describe('excerpt', () => {
  it('splits the line around the span (1-based columns, end exclusive)', () => {
    expect(excerpt('a\nsegment x when R < 3O\n', { line: 2, column: 20, endLine: 2, endColumn: 22 })).toEqual({ before: 'segment x when R < ', marked: '3O', after: '' });
  });
  it('a span running past its line marks the rest of the line; CRLF is not part of it', () => {
    expect(excerpt('goal: "open\r\nnext', { line: 1, column: 7, endLine: 2, endColumn: 3 })).toEqual({ before: 'goal: ', marked: '"open', after: '' });
  });
  it('an empty span still marks one character, a missing line gives an empty excerpt', () => {
    expect(excerpt('R <', { line: 1, column: 4, endLine: 1, endColumn: 4 })).toEqual({ before: 'R <', marked: ' ', after: '' });
    expect(excerpt('x', { line: 5, column: 1, endLine: 5, endColumn: 2 })).toEqual({ before: '', marked: ' ', after: '' });
  });
});
