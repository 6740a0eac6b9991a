// The rule editor's highlighting: a small line-by-line tokenizer (CodeMirror's stream parser
// drives it incrementally, one line at a time, so a keystroke re-reads only the changed lines).
// The words come from the dsl package's lexicon, the one list the parser's keywords are in.
import { DURATION_UNITS, FUNCTION_WORDS, KEYWORDS, LITERAL_WORDS, builtinSchema } from '@segmint/dsl';

/** The stream interface the tokenizer needs (CodeMirror's StringStream has it). */
export interface TokenStream {
  pos: number;
  string: string;
  sol(): boolean;
  eol(): boolean;
  peek(): string | undefined;
  next(): string | void;
  eatSpace(): boolean;
  skipToEnd(): void;
  match(pattern: RegExp | string, consume?: boolean, caseInsensitive?: boolean): boolean | RegExpMatchArray | null;
}

/** What a token is; names follow @lezer/highlight's tags (see language.ts). */
export type TokenKind =
  | 'comment'
  | 'string'
  | 'number'
  | 'duration'
  | 'date'
  | 'keyword'
  | 'statement'
  | 'literal'
  | 'function'
  | 'builtin'
  | 'field'
  | 'quotedField'
  | 'operator'
  | 'bracket'
  | 'invalid';

/** State carried from line to line: text in quotes cannot span lines, so nothing but whether
 * the line starts a statement. */
export interface TokenState {
  /** the previous token was a statement word (`segment`, `tag`, `define`): a new name follows */
  naming: boolean;
}

const keywordSet = new Set(KEYWORDS.map((k) => k.toLowerCase()));
const literalSet = new Set<string>(LITERAL_WORDS);
const functionSet = new Set(FUNCTION_WORDS.map((f) => f.toLowerCase()));
const builtinSet = new Set(builtinSchema.fields.map((f) => f.name.toLowerCase()).concat('as_of'));
const statementSet = new Set(['segment', 'tag', 'define']);
// longest unit first so `6mo` is one duration, not 6m + o
const units = [...DURATION_UNITS].sort((a, b) => b.length - a.length).join('|');
const durationRe = new RegExp(`^[0-9]+(?:${units})(?![\\p{L}\\p{N}\\p{M}_])`, 'iu');
const dateRe = /^[0-9]{4}-[0-9]{2}-[0-9]{2}(?![0-9\p{L}_])/u;
const numberRe = /^[0-9]+(?:_[0-9]+)*(?:\.[0-9]+(?:_[0-9]+)*)?(?:[eE][+-]?[0-9]+)?(?![\p{L}\p{N}\p{M}_])/u;
const nameRe = /^[\p{L}_][\p{L}\p{N}\p{M}_]*/u;
const operatorRe = /^(?:<=|>=|<>|!=|==|[=<>+\-*/,])/;

export function startState(): TokenState {
  return { naming: false };
}

/** Read one token from `stream` and say what it is (null: spaces). */
export function readToken(stream: TokenStream, state: TokenState): TokenKind | null {
  if (stream.eatSpace()) return null;
  const ch = stream.peek();
  if (ch === '#') {
    stream.skipToEnd();
    return 'comment';
  }
  if (ch === '"' || ch === "'") {
    stream.next();
    let escaped = false;
    for (let c = stream.next(); typeof c === 'string'; c = stream.next()) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === ch) {
        state.naming = false;
        return 'string';
      }
    }
    return 'invalid'; // unterminated: the checker says how to close it
  }
  if (ch === '`') {
    stream.next();
    for (let c = stream.next(); typeof c === 'string'; c = stream.next()) {
      if (c === '`') {
        if (stream.peek() === '`') stream.next();
        else return 'quotedField';
      }
    }
    return 'invalid';
  }
  if (stream.match(dateRe)) return 'date';
  if (stream.match(durationRe)) return 'duration';
  if (stream.match(numberRe)) return 'number';
  const name = stream.match(nameRe);
  if (Array.isArray(name)) {
    const word = name[0];
    const lower = word.toLowerCase();
    if (state.naming) {
      state.naming = false;
      return 'field';
    }
    if (statementSet.has(lower)) {
      state.naming = true;
      return 'statement';
    }
    // `use "file.seg"` starts a statement only before text in quotes; elsewhere it is a name
    if (lower === 'use') return stream.match(/^\s*["']/, false) ? 'statement' : 'field';
    if (literalSet.has(lower)) return 'literal';
    if (keywordSet.has(lower)) return 'keyword';
    // a function is a function name before `(`
    if (functionSet.has(lower) && stream.match(/^\s*\(/, false)) return 'function';
    if (builtinSet.has(lower)) return 'builtin';
    return 'field';
  }
  if (stream.match(operatorRe)) return 'operator';
  if (ch === '(' || ch === ')') {
    stream.next();
    return 'bracket';
  }
  stream.next();
  return 'invalid';
}

/** A stream over one line, for reading tokens outside CodeMirror (completion, tests). */
export class LineStream implements TokenStream {
  pos = 0;
  constructor(readonly string: string) {}
  sol(): boolean {
    return this.pos === 0;
  }
  eol(): boolean {
    return this.pos >= this.string.length;
  }
  peek(): string | undefined {
    return this.string.charAt(this.pos) || undefined;
  }
  next(): string | undefined {
    if (this.pos < this.string.length) return this.string.charAt(this.pos++);
    return undefined;
  }
  eatSpace(): boolean {
    const start = this.pos;
    while (/[\s\u00a0\u3000\ufeff]/.test(this.string.charAt(this.pos))) this.pos++;
    return this.pos > start;
  }
  skipToEnd(): void {
    this.pos = this.string.length;
  }
  match(pattern: RegExp | string, consume = true, caseInsensitive = false): RegExpMatchArray | null | boolean {
    if (typeof pattern === 'string') {
      const part = this.string.slice(this.pos, this.pos + pattern.length);
      const ok = caseInsensitive ? part.toLowerCase() === pattern.toLowerCase() : part === pattern;
      if (ok && consume) this.pos += pattern.length;
      return ok;
    }
    const m = pattern.exec(this.string.slice(this.pos));
    if (m && m.index > 0) return null;
    if (m && consume) this.pos += m[0].length;
    return m;
  }
}

/** The tokens of one line with their kinds (tests and the benchmark). */
export function tokenizeLine(line: string, state: TokenState = startState()): { text: string; kind: TokenKind }[] {
  const s = new LineStream(line);
  const out: { text: string; kind: TokenKind }[] = [];
  while (!s.eol()) {
    const start = s.pos;
    const kind = readToken(s, state);
    if (kind !== null) out.push({ text: line.slice(start, s.pos), kind });
  }
  return out;
}
