// Parsing: rule files (statement by statement, so one bad statement does not hide the next)
// and bare expressions (the app's quick-rule box). Syntax errors become diagnostics.
import { parse as peggyParse } from './generated/parser.js';
import type { Comment, Expr, Loc, RuleFile, Statement } from './ast.js';

import { LineMap, type Diagnostic } from './diagnostics.js';

/** Words that cannot be used as bare names (write them in backticks as field names). */
export const RESERVED_WORDS = [
  'and', 'or', 'not', 'between', 'in', 'is', 'null', 'true', 'false', 'contains', 'starts', 'ends',
  'when', 'otherwise', 'segment', 'tag', 'define'
] as const;
const RESERVED = new Set<string>(RESERVED_WORDS);

const STATEMENT_START = /^[ \t\r\u00a0\u3000\ufeff]*(?:(?:segment|tag|define|as[ \t]+of)(?![\p{L}\p{N}\p{M}_])|use[ \t]*["'])/iu;
const TRIVIA_LINE = /^[ \t\r\u00a0\u3000\ufeff]*(?:#.*)?$/u;

interface PeggyExpectation {
  type: string;
  text?: string;
  description?: string;
}
interface PeggyError {
  message: string;
  expected: PeggyExpectation[] | null;
  found: string | null;
  location: { start: { offset: number }; end: { offset: number } };
}
function isPeggyError(e: unknown): e is PeggyError {
  return e instanceof Error && 'location' in e && 'expected' in e;
}

/** Split a file into statement chunks: a chunk starts at each line whose first word starts a
 * statement. Strings, backtick names and comments never span lines, so this needs no lexer. */
export function statementChunks(source: string): Loc[] {
  const starts: number[] = [];
  let lineStart = 0;
  while (lineStart <= source.length) {
    const nl = source.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? source.length : nl;
    if (STATEMENT_START.test(source.slice(lineStart, Math.min(lineEnd, lineStart + 64)))) starts.push(lineStart);
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  const chunks: Loc[] = [];
  const first = starts[0] ?? source.length;
  if (first > 0) chunks.push({ start: 0, end: first });
  starts.forEach((s, i) => chunks.push({ start: s, end: starts[i + 1] ?? source.length }));
  return chunks;
}

function tokenAt(source: string, offset: number): string | null {
  const rest = source.slice(offset, offset + 200);
  if (rest.length === 0) return null;
  const m = /^(?:[\p{L}\p{N}\p{M}_]+|<=|>=|<>|!=|==|\S)/u.exec(rest);
  return m ? m[0] : null;
}

const VALUE_DESCRIPTIONS = new Set(['a name', 'a date', 'a duration', 'a number', 'text in quotes', 'a field name in backticks']);
const OPERATORS = new Set(['<=', '>=', '<>', '!=', '==', '=', '<', '>', '+', '-', '*', '/']);
const PREDICATE_WORDS = new Set(['between', 'in', 'is', 'contains', 'starts', 'ends']);
const STATEMENT_WORDS = new Set(['segment', 'tag', 'define', 'as', 'use']);

function describeExpected(expected: PeggyExpectation[], context: 'statement' | 'expression'): string {
  let value = false;
  let operator = false;
  let statement = false;
  let end = false;
  const words = new Set<string>();
  const punct = new Set<string>();
  let valueish = 0;
  let minus = false;
  const valueKinds = new Set<string>();
  for (const e of expected) {
    if (e.type === 'end') {
      end = true;
      continue;
    }
    const raw = e.type === 'literal' ? e.text : e.type === 'other' ? e.description : undefined;
    if (raw === undefined || raw === 'space') continue;
    if (VALUE_DESCRIPTIONS.has(raw)) {
      value = true;
      valueish++;
      valueKinds.add(raw);
      continue;
    }
    const t = raw.toLowerCase();
    if (t === '\n' || t === '#' || t === ' ') continue;
    if (t === '(' || t === 'true' || t === 'false' || t === 'null' || t === 'not') {
      valueish++;
      if (t === 'not') words.add('not');
      else {
        value = true;
        valueKinds.add(t);
      }
    } else if (t === '-') minus = true;
    else if (OPERATORS.has(t) || PREDICATE_WORDS.has(t)) operator = true;
    else if (STATEMENT_WORDS.has(t)) statement = true;
    else if (/^[a-z]+$/.test(t)) words.add(t);
    else punct.add(t);
  }
  if (minus && !value) operator = true;
  const parts: string[] = [];
  if (statement) parts.push('a statement (segment, tag, define or as of)');
  const only = valueKinds.size === 1 ? [...valueKinds][0] : undefined;
  if (value && words.has('otherwise')) parts.push('a label in quotes');
  else if (only === 'a name') parts.push('a name');
  else if (only === 'a date') parts.push('a date (YYYY-MM-DD)');
  else if (value && valueish > 2) parts.push('a value or a field');
  else if (value) parts.push('a value');
  if (operator) parts.push('an operator');
  for (const w of words) if (!(w === 'not' && value)) parts.push(/^[a-z]+$/.test(w) ? `'${w}'` : w);
  for (const p of punct) parts.push(`'${p}'`);
  if (end) parts.push(context === 'statement' ? 'the end of the statement' : 'the end of the rule');
  if (parts.length === 0) return 'something else';
  if (parts.length === 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

function syntaxDiagnostic(err: unknown, source: string, base: number, chunkEnd: number, map: LineMap, context: 'statement' | 'expression'): Diagnostic {
  if (err instanceof RangeError) {
    return { severity: 'error', code: 'too-deep', message: 'the rule is nested too deeply to read (too many parentheses or operators in a row)', span: map.span({ start: base, end: Math.min(chunkEnd, base + 1) }) };
  }
  if (!isPeggyError(err)) {
    // Not a syntax error: a bug in the parser. Report it rather than throw at the user.
    return { severity: 'error', code: 'internal', message: `internal error while parsing: ${String(err)}`, span: map.span({ start: base, end: base }) };
  }
  let start = base + err.location.start.offset;
  if (!err.expected) {
    // A custom error from the grammar (unterminated text, bad escape, ...): its own range.
    const end = Math.max(start + 1, Math.min(base + err.location.end.offset, chunkEnd));
    return { severity: 'error', code: 'syntax', message: err.message, span: map.span({ start, end: Math.min(end, source.length) }) };
  }
  let tok = start < chunkEnd ? tokenAt(source.slice(0, chunkEnd), start) : null;
  if (tok === null || /^\s/u.test(source.slice(start, start + 1))) {
    // At the end of the statement: point just after its last token, not at the next line.
    let p = Math.min(start, chunkEnd);
    while (p > base && /\s/u.test(source[p - 1] ?? '')) p--;
    if (source.slice(p, chunkEnd).trim() === '') {
      start = p;
      tok = null;
    }
  }
  const found = tok === null ? (context === 'statement' ? 'the statement ends here' : 'the rule ends here') : `found '${tok}'`;
  const diag: Diagnostic = {
    severity: 'error',
    code: 'syntax',
    message: `expected ${describeExpected(err.expected, context)}, but ${found}`,
    span: map.span({ start, end: start + (tok?.length ?? 0) })
  };
  const next = source.slice(start + (tok?.length ?? 0), start + (tok?.length ?? 0) + 1);
  if (tok === '&' && next === '&') diag.hint = "write 'and' instead of &&";
  else if (tok === '|') diag.hint = "write 'or' instead of ||";
  else if (/^[ \t]*use[ \t]/iu.test(source.slice(source.lastIndexOf('\n', start - 1) + 1, start))) diag.hint = 'write the path of the base file in quotes: use "common.seg"';
  else if ((tok === '<' || tok === '>') && source[start - 1] === '=') diag.hint = `did you mean ${tok}=?`;
  else if (tok === ',' && /\d$/.test(source.slice(0, start)) && /^\d{3}/.test(source.slice(start + 1))) diag.hint = 'write numbers without commas: 50000 or 50_000';
  else if (tok !== null && /^(segment|tag|define)$/i.test(tok) && err.expected.some((e) => e.type === 'end')) {
    diag.hint = 'each statement starts on its own line';
  } else if (tok !== null && RESERVED.has(tok.toLowerCase())) {
    diag.hint = `'${tok}' is a keyword: it cannot be a name here (a field with that name is written \`${tok}\`)`;
  } else if (tok !== null && /^[\p{L}_]/u.test(tok) && err.expected.some((e) => e.type === 'end')) {
    diag.hint = 'each statement starts on its own line; join conditions with `and` or `or`';
  }
  return diag;
}

function collectComments(source: string, chunk: Loc, into: Map<number, Comment>): void {
  let off = chunk.start;
  for (const line of source.slice(chunk.start, chunk.end).split('\n')) {
    const i = line.indexOf('#');
    if (i !== -1) {
      const text = line.slice(i + 1).replace(/\r$/, '');
      into.set(off + i, { text, loc: { start: off + i, end: off + i + 1 + text.length } });
    }
    off += line.length + 1;
  }
}

/** Deepest nesting the checker and compiler accept (they recurse over the tree). */
export const MAX_DEPTH = 1000;

/** The nesting depth of an expression, measured without recursion. */
export function exprDepth(root: Expr): number {
  let max = 0;
  const stack: [Expr, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [e, d] = stack.pop() as [Expr, number];
    if (d > max) max = d;
    if (max > MAX_DEPTH) return max;
    const kids: Expr[] = [];
    walkExprShallow(e, (k) => kids.push(k));
    for (const k of kids) stack.push([k, d + 1]);
  }
  return max;
}

function walkExprShallow(e: Expr, f: (k: Expr) => void): void {
  let first = true;
  walkExprOnce(e, (k) => {
    if (first) {
      first = false;
      return;
    }
    f(k);
  });
}

// walkExpr visits recursively; this variant visits the node and its direct children only.
function walkExprOnce(e: Expr, f: (k: Expr) => void): void {
  f(e);
  switch (e.kind) {
    case 'unary':
      f(e.operand);
      break;
    case 'binary':
      f(e.left);
      f(e.right);
      break;
    case 'between':
      f(e.expr);
      f(e.low);
      f(e.high);
      break;
    case 'in':
      f(e.expr);
      e.list.forEach(f);
      break;
    case 'isNull':
      f(e.expr);
      break;
    case 'text':
      f(e.expr);
      f(e.pattern);
      break;
    case 'call':
      e.args.forEach(f);
      break;
    default:
      break;
  }
}


function tooDeep(loc: Loc, map: LineMap): Diagnostic {
  return { severity: 'error', code: 'too-deep', message: `the rule is nested too deeply (more than ${MAX_DEPTH} levels of operators or parentheses)`, span: map.span({ start: loc.start, end: Math.min(loc.end, loc.start + 1) }) };
}

function statementExpr(s: Statement): Expr | null {
  return s.kind === 'segment' ? s.when : s.kind === 'tag' ? s.when : s.kind === 'define' ? s.expr : null;
}

export interface ParseRulesResult {
  file: RuleFile | null;
  diagnostics: Diagnostic[];
}

/** Parse a rule file. Every statement with a syntax error gives one diagnostic; `file` is null
 * when there is any syntax error. */
export function parseRules(source: string): ParseRulesResult {
  const r = parseRulesPartial(source);
  return r.diagnostics.length > 0 ? { file: null, diagnostics: r.diagnostics } : { file: r.file, diagnostics: [] };
}

export interface PartialParse {
  /** the statements that parsed (all of them when there are no diagnostics) */
  file: RuleFile;
  diagnostics: Diagnostic[];
  /** names of defines whose statement has a syntax error (so later uses are not reported) */
  brokenDefines: string[];
}

const DEFINE_NAME = /^[ \t\r\u00a0\u3000\ufeff]*define[ \t]+([\p{L}_][\p{L}\p{N}\p{M}_]*)/iu;

/** Parse a rule file, keeping every statement that parses (for reporting all problems at once). */
export function parseRulesPartial(source: string): PartialParse {
  const fast = parseWhole(source);
  if (fast) return { file: fast, diagnostics: [], brokenDefines: [] };
  return parseChunked(source);
}

/** Statement by statement, so that every statement with a syntax error is reported.
 * (Exported for the tests that check it agrees with the fast path.) */
export function parseChunked(source: string): PartialParse {
  const brokenDefines: string[] = [];
  const map = new LineMap(source);
  const comments = new Map<number, Comment>();
  const statements: Statement[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const chunk of statementChunks(source)) {
    const text = source.slice(chunk.start, chunk.end);
    const lines = text.split('\n');
    if (lines.every((l) => TRIVIA_LINE.test(l))) {
      collectComments(source, chunk, comments);
      continue;
    }
    try {
      const st = peggyParse(text, { startRule: 'StatementChunk', base: chunk.start, comments });
      const e = statementExpr(st);
      if (e && exprDepth(e) > MAX_DEPTH) diagnostics.push(tooDeep(st.loc, map));
      else statements.push(st);
    } catch (err) {
      diagnostics.push(syntaxDiagnostic(err, source, chunk.start, chunk.end, map, 'statement'));
      const m = DEFINE_NAME.exec(text);
      if (m?.[1]) brokenDefines.push(m[1]);
    }
  }
  const sorted = [...comments.values()].sort((a, b) => a.loc.start - b.loc.start);
  return { file: { kind: 'file', source, statements, comments: sorted }, diagnostics, brokenDefines };
}

/** The fast path: the whole file in one parser call (null when anything is wrong). */
export function parseWhole(source: string): RuleFile | null {
  const comments = new Map<number, Comment>();
  let statements: Statement[];
  try {
    statements = peggyParse(source, { startRule: 'FileChunk', base: 0, comments });
  } catch {
    return null;
  }
  for (const st of statements) {
    const e = statementExpr(st);
    if (e && exprDepth(e) > MAX_DEPTH) return null;
  }
  const sorted = [...comments.values()].sort((a, b) => a.loc.start - b.loc.start);
  return { kind: 'file', source, statements, comments: sorted };
}

export interface ParseExpressionResult {
  expr: Expr | null;
  diagnostics: Diagnostic[];
}

/** Parse one bare expression, e.g. `R < 30 and F > 5`. */
export function parseExpression(source: string): ParseExpressionResult {
  const map = new LineMap(source);
  if (source.split('\n').every((l) => TRIVIA_LINE.test(l))) {
    return {
      expr: null,
      diagnostics: [{ severity: 'error', code: 'empty', message: 'the rule is empty: write a condition such as R < 30 and F > 5', span: map.span({ start: 0, end: 0 }) }]
    };
  }
  try {
    const expr = peggyParse(source, { startRule: 'ExpressionChunk', base: 0, comments: new Map() });
    if (exprDepth(expr) > MAX_DEPTH) return { expr: null, diagnostics: [tooDeep(expr.loc, map)] };
    return { expr, diagnostics: [] };
  } catch (err) {
    return { expr: null, diagnostics: [syntaxDiagnostic(err, source, 0, source.length, map, 'expression')] };
  }
}

const AS_OF_LINE = /^[ \t\r\u00a0\u3000\ufeff]*as[ \t]+of[ \t]+(\d{4}-\d{2}-\d{2})(?![\p{L}\p{N}_])/imu;

/** The date of the file's `as of` line (the first one), or null; cheap, without a full parse. */
export function readAsOf(source: string): string | null {
  const m = AS_OF_LINE.exec(source);
  return m?.[1] ?? null;
}

/** Is `name` written as a bare name (not a keyword, letters/digits/underscore)? */
export function isBareName(name: string): boolean {
  return /^[\p{L}_][\p{L}\p{N}\p{M}_]*$/u.test(name) && !RESERVED.has(name.toLowerCase());
}
