// Parsing: rule files (statement by statement, so one bad statement does not hide the next)
// and bare expressions (the app's quick-rule box). Syntax errors become diagnostics.
import { parse as peggyParse } from './generated/parser.js';
import type { Comment, Expr, Loc, RuleFile, Statement } from './ast.js';

import { LineMap, type Diagnostic, type Fix } from './diagnostics.js';
import { LIST_SEP, makeDiagnostic, msg, type MessageKey, type Msg } from './messages/index.js';

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
  // catalogue keys (expect.*) or quoted literals, joined by the catalogue's "or" ({expected:or})
  const parts: string[] = [];
  if (statement) parts.push('expect.statement');
  const only = valueKinds.size === 1 ? [...valueKinds][0] : undefined;
  if (value && words.has('otherwise')) parts.push('expect.label');
  else if (only === 'a name') parts.push('expect.name');
  else if (only === 'a date') parts.push('expect.date');
  else if (value && valueish > 2) parts.push('expect.value-or-field');
  else if (value) parts.push('expect.value');
  if (operator) parts.push('expect.operator');
  for (const w of words) if (!(w === 'not' && value)) parts.push(`'${w}'`);
  for (const p of punct) parts.push(`'${p}'`);
  if (end) parts.push(context === 'statement' ? 'expect.end-statement' : 'expect.end-rule');
  if (parts.length === 0) return 'expect.nothing';
  return parts.join(LIST_SEP);
}

/** The grammar's own errors: `error('key')` or `error('key:value')` (see grammar.peggy). */
const GRAMMAR_ERRORS: Record<string, { key: MessageKey; param?: string }> = {
  'unterminated-name': { key: 'syntax.unterminated-name' },
  'number-into-letters': { key: 'syntax.number-into-letters' },
  'unterminated-text-double': { key: 'syntax.unterminated-text-double' },
  'unterminated-text-single': { key: 'syntax.unterminated-text-single' },
  'not-unicode': { key: 'syntax.not-unicode', param: 'hex' },
  'unknown-escape': { key: 'syntax.unknown-escape', param: 'char' },
  'trailing-backslash': { key: 'syntax.trailing-backslash' }
};

function grammarError(text: string): { message: Msg | string; kind: string } {
  const i = text.indexOf(':');
  const kind = i === -1 ? text : text.slice(0, i);
  const e = GRAMMAR_ERRORS[kind];
  if (!e) return { message: text, kind };
  return { message: msg(e.key, e.param ? { [e.param]: text.slice(i + 1) } : {}), kind };
}

function syntaxDiagnostic(err: unknown, source: string, base: number, chunkEnd: number, map: LineMap, context: 'statement' | 'expression'): Diagnostic {
  if (err instanceof RangeError) {
    return makeDiagnostic({ severity: 'error', code: 'too-deep', span: map.span({ start: base, end: Math.min(chunkEnd, base + 1) }) }, msg('too-deep.read'));
  }
  if (!isPeggyError(err)) {
    // Not a syntax error: a bug in the parser. Report it rather than throw at the user.
    return makeDiagnostic({ severity: 'error', code: 'internal', span: map.span({ start: base, end: base }) }, msg('internal', { error: String(err) }));
  }
  let start = base + err.location.start.offset;
  if (!err.expected) {
    // A custom error from the grammar (unterminated text, bad escape, ...): its own range.
    const end = Math.min(Math.max(start + 1, Math.min(base + err.location.end.offset, chunkEnd)), source.length);
    const g = grammarError(err.message);
    let fixes: Fix[] | undefined;
    if (g.kind === 'unterminated-text-double' || g.kind === 'unterminated-text-single') {
      const quote = g.kind === 'unterminated-text-double' ? '"' : "'";
      const at = source[end - 1] === '\r' ? end - 1 : end;
      fixes = [{ key: 'fix.close-quote', params: { quote }, edits: [{ from: at, to: at, insert: quote }] }];
    } else if (g.kind === 'unterminated-name') {
      const at = source[end - 1] === '\r' ? end - 1 : end;
      fixes = [{ key: 'fix.close-backtick', params: {}, edits: [{ from: at, to: at, insert: '`' }] }];
    } else if (g.kind === 'unknown-escape') fixes = [{ key: 'fix.escape-backslash', params: {}, edits: [{ from: start, to: start, insert: '\\' }] }];
    return makeDiagnostic({ severity: 'error', code: 'syntax', span: map.span({ start, end }) }, g.message, undefined, fixes);
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
  const expected = describeExpected(err.expected, context);
  const message = tok === null ? msg(context === 'statement' ? 'syntax.statement-ends' : 'syntax.rule-ends', { expected }) : msg('syntax.found', { expected, token: tok });
  const next = source.slice(start + (tok?.length ?? 0), start + (tok?.length ?? 0) + 1);
  let hint: Msg | undefined;
  let fixes: Fix[] | undefined;
  const replace = (from: number, to: number, insert: string, key: MessageKey = 'fix.replace', params: Record<string, string> = { text: insert }): Fix[] => [{ key, params, edits: [{ from, to, insert }] }];
  if (tok === '&' && next === '&') {
    hint = msg('hint.and');
    fixes = replace(start, start + 2, 'and');
  } else if (tok === '|') {
    hint = msg('hint.or');
    if (next === '|') fixes = replace(start, start + 2, 'or');
  } else if (/^[ \t]*use[ \t]/iu.test(source.slice(source.lastIndexOf('\n', start - 1) + 1, start))) {
    hint = msg('hint.use-quotes');
  } else if ((tok === '<' || tok === '>') && source[start - 1] === '=') {
    hint = msg('hint.operator', { op: `${tok}=` });
    fixes = replace(start - 1, start + 1, `${tok}=`);
  } else if (tok === ',' && /\d$/.test(source.slice(0, start)) && /^\d{3}/.test(source.slice(start + 1))) {
    hint = msg('hint.commas');
    const a = /[\d,]*$/.exec(source.slice(0, start))?.[0] ?? '';
    const b = /^[\d,]*/.exec(source.slice(start))?.[0] ?? '';
    const from = start - a.length;
    const whole = a + b;
    if (/^\d{1,3}(,\d{3})+$/.test(whole)) fixes = replace(from, from + whole.length, whole.replace(/,/g, '_'), 'fix.remove-commas', { text: whole.replace(/,/g, '_') });
  } else if (tok !== null && /^(segment|tag|define)$/i.test(tok) && err.expected.some((e) => e.type === 'end')) {
    hint = msg('hint.own-line');
    let from = start;
    while (from > 0 && /[ \t]/.test(source[from - 1] ?? '')) from--;
    fixes = [{ key: 'fix.new-line', params: {}, edits: [{ from, to: start, insert: '\n' }] }];
  } else if (tok !== null && RESERVED.has(tok.toLowerCase())) {
    hint = msg('hint.keyword', { word: tok });
    fixes = replace(start, start + tok.length, `\`${tok}\``, 'fix.backticks', { text: `\`${tok}\`` });
  } else if (tok !== null && /^[\p{L}_]/u.test(tok) && err.expected.some((e) => e.type === 'end')) {
    hint = msg('hint.own-line-join');
  }
  return makeDiagnostic({ severity: 'error', code: 'syntax', span: map.span({ start, end: start + (tok?.length ?? 0) }) }, message, hint, fixes);
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
  return makeDiagnostic({ severity: 'error', code: 'too-deep', span: map.span({ start: loc.start, end: Math.min(loc.end, loc.start + 1) }) }, msg('too-deep.levels', { max: MAX_DEPTH }));
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
      diagnostics: [makeDiagnostic({ severity: 'error', code: 'empty', span: map.span({ start: 0, end: 0 }) }, msg('empty'))]
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
