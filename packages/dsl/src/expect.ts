// What may come next at a place in a rule text, asked of the real grammar (not guessed from
// a second list): the text of the statement up to the place, plus a sentinel character no
// token can start with, is parsed; the parser fails at the sentinel and lists what it
// expected there. Kibana's KQL autocomplete works the same way. Editors use it for completion.
import { parse as peggyParse } from './generated/parser.js';
import { statementChunks } from './parse.js';

/** What the grammar accepts at a place. */
export interface Expectation {
  /** keywords (lower case) that may come: 'and', 'when', 'between', ... */
  keywords: string[];
  /** a value may come: a field, a function call, a define's name, a literal */
  value: boolean;
  /** only a new name may come (after `segment`, `tag`, `define`): not a field */
  newName: boolean;
  /** a label in quotes may come (after a segment's or tag's name) */
  label: boolean;
  /** a comparison or arithmetic operator may come */
  operator: boolean;
  /** a date may come (after `as of`) */
  date: boolean;
  /** a new statement may start here (segment, tag, define, as of) */
  statement: boolean;
  /** the text before the place does not parse: nothing is known (offer everything) */
  unknown: boolean;
}

// U+0001: no token of the language starts with it, and it is not a space.
const SENTINEL = '\u0001';
const VALUE_KINDS = new Set(['a name', 'a date', 'a duration', 'a number', 'text in quotes', 'a field name in backticks', '(', '-', 'true', 'false', 'null']);
const OPERATORS = new Set(['<=', '>=', '<>', '!=', '==', '=', '<', '>', '+', '-', '*', '/']);
const STATEMENT_KEYWORDS = new Set(['segment', 'tag', 'define', 'as']);

interface PeggyFailure {
  expected: { type: string; text?: string; description?: string }[] | null;
  location: { start: { offset: number } };
}
function isFailure(e: unknown): e is PeggyFailure {
  return e instanceof Error && 'location' in e && 'expected' in e;
}

const nothing = (): Expectation => ({ keywords: [], value: false, newName: false, label: false, operator: false, date: false, statement: false, unknown: false });
const anything = (): Expectation => ({ ...nothing(), value: true, operator: true, statement: true, unknown: true });

/**
 * What may come at `offset` of `source`: a rule file (`mode: 'file'`, statement by statement)
 * or one expression (`'expression'`, the quick rule). `offset` is where the token being typed
 * starts (the completion's `from`), so a half-typed word does not hide what it may become.
 */
export function expectedAt(source: string, offset: number, mode: 'file' | 'expression' = 'file'): Expectation {
  const at = Math.max(0, Math.min(offset, source.length));
  if (mode === 'expression') return expectIn(source.slice(0, at), 'ExpressionChunk');
  const chunk = statementChunks(source).find((c) => c.start <= at && at <= c.end) ?? { start: at, end: at };
  const before = source.slice(chunk.start, at);
  const lineStart = source.lastIndexOf('\n', at - 1) + 1;
  const atLineStart = source.slice(lineStart, at).trim() === '';
  if (before.trim() === '' || /^[ \t]*#/.test(before)) {
    return { ...nothing(), statement: true };
  }
  const e = expectIn(before, 'StatementChunk');
  // A new line may also start a new statement (a statement starts at the beginning of a line).
  if (atLineStart && !e.unknown) e.statement = true;
  return e;
}

function expectIn(text: string, startRule: 'StatementChunk' | 'ExpressionChunk'): Expectation {
  const input = text + SENTINEL;
  try {
    peggyParse(input, { startRule, base: 0, comments: new Map() });
  } catch (err) {
    if (!isFailure(err) || err.expected === null || err.location.start.offset !== text.length) return anything();
    return describe(err.expected, startRule === 'StatementChunk');
  }
  return anything();
}

function describe(expected: NonNullable<PeggyFailure['expected']>, statement: boolean): Expectation {
  const e = nothing();
  const words = new Set<string>();
  let names = 0;
  let others = 0;
  for (const x of expected) {
    if (x.type === 'end') continue;
    const raw = x.type === 'literal' ? x.text : x.type === 'other' ? x.description : undefined;
    if (raw === undefined || raw === 'space' || raw === '\n' || raw === '#') continue;
    const w = raw.toLowerCase();
    if (w === 'a name') names++;
    else if (VALUE_KINDS.has(w)) {
      if (w === 'text in quotes') e.label = true;
      if (w === 'a date') e.date = true;
      others++;
    }
    if (w === 'true' || w === 'false' || w === 'null' || w === 'not') words.add(w);
    else if (OPERATORS.has(w)) e.operator = true;
    else if (statement && STATEMENT_KEYWORDS.has(w)) e.statement = true;
    else if (/^[a-z]+$/.test(w) && !w.startsWith('a ')) words.add(w);
  }
  // A name alone (no number, no parenthesis, ...) is a new name: segment, tag and define names.
  if (names > 0 && others === 0) e.newName = true;
  else if (names > 0) e.value = true;
  // only a date after `as of`; only a label (or when/otherwise) after a segment's name
  if (e.label && names === 0 && !e.value) e.value = false;
  else if (e.label) e.label = false;
  if (e.date && (names > 0 || others > 1)) e.date = false;
  e.keywords = [...words].sort();
  return e;
}
