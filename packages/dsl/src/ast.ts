// The syntax tree of the Segmint rules language. Every node carries `loc`, its source range
// (0-based offsets into the whole file, end exclusive); names carry their own `*Loc` too.
// Structural equality of two trees ignores every key ending in `loc`/`Loc` (see stripLocs).

export interface Loc {
  start: number;
  end: number;
}

export type CompareOp = '<' | '<=' | '>' | '>=' | '=' | '!=';
export type ArithOp = '+' | '-' | '*' | '/';
export type LogicOp = 'and' | 'or';
export type BinaryOp = CompareOp | ArithOp | LogicOp;
export type TextOp = 'contains' | 'starts' | 'ends';
export type DurationUnit = 'd' | 'w' | 'mo' | 'y';

export interface NumberLit {
  kind: 'number';
  value: number;
  /** the digits as written (`50_000`, `1e4`), kept by the formatter */
  raw: string;
  loc: Loc;
}
export interface StringLit {
  kind: 'string';
  value: string;
  loc: Loc;
}
export interface DateLit {
  kind: 'date';
  /** YYYY-MM-DD as written (validity is checked by the checker) */
  value: string;
  loc: Loc;
}
export interface BoolLit {
  kind: 'bool';
  value: boolean;
  loc: Loc;
}
export interface NullLit {
  kind: 'null';
  loc: Loc;
}
export interface DurationLit {
  kind: 'duration';
  amount: number;
  unit: DurationUnit;
  loc: Loc;
}
/** A field reference: `R`, `满意度`, or backtick-quoted `` `a b` `` (quoted = true). */
export interface FieldRef {
  kind: 'field';
  name: string;
  quoted: boolean;
  loc: Loc;
}
export interface Unary {
  kind: 'unary';
  op: '-' | 'not';
  operand: Expr;
  loc: Loc;
}
export interface Binary {
  kind: 'binary';
  op: BinaryOp;
  left: Expr;
  right: Expr;
  /** range of the operator token */
  opLoc: Loc;
  loc: Loc;
}
export interface Between {
  kind: 'between';
  negated: boolean;
  expr: Expr;
  low: Expr;
  high: Expr;
  loc: Loc;
}
export interface InList {
  kind: 'in';
  negated: boolean;
  expr: Expr;
  list: Expr[];
  loc: Loc;
}
export interface IsNull {
  kind: 'isNull';
  negated: boolean;
  expr: Expr;
  loc: Loc;
}
export interface TextMatch {
  kind: 'text';
  op: TextOp;
  negated: boolean;
  expr: Expr;
  pattern: Expr;
  loc: Loc;
}
export interface Call {
  kind: 'call';
  /** lower-cased function name */
  name: string;
  args: Expr[];
  nameLoc: Loc;
  loc: Loc;
}

export type Literal = NumberLit | StringLit | DateLit | BoolLit | NullLit | DurationLit;
export type Expr = Literal | FieldRef | Unary | Binary | Between | InList | IsNull | TextMatch | Call;

export interface SegmentStmt {
  kind: 'segment';
  id: string;
  label: string | null;
  /** the rule; null for `otherwise` */
  when: Expr | null;
  idLoc: Loc;
  loc: Loc;
}
export interface TagStmt {
  kind: 'tag';
  id: string;
  label: string | null;
  when: Expr;
  idLoc: Loc;
  loc: Loc;
}
export interface DefineStmt {
  kind: 'define';
  name: string;
  expr: Expr;
  nameLoc: Loc;
  loc: Loc;
}
export interface AsOfStmt {
  kind: 'asOf';
  date: string;
  dateLoc: Loc;
  loc: Loc;
}
/** `use "common.seg"`: the defines of another rule file (see uses.ts). */
export interface UseStmt {
  kind: 'use';
  /** the path as written (relative to the including file) */
  path: string;
  pathLoc: Loc;
  loc: Loc;
}
export type Statement = SegmentStmt | TagStmt | DefineStmt | AsOfStmt | UseStmt;

export interface Comment {
  /** text after `#`, without the line end */
  text: string;
  loc: Loc;
}

export interface RuleFile {
  kind: 'file';
  /** the source text the locations point into */
  source: string;
  statements: Statement[];
  comments: Comment[];
}

/** A deep copy without location keys, for comparing trees structurally. */
export function stripLocs<T>(node: T): T {
  if (Array.isArray(node)) return node.map((n: unknown) => stripLocs(n)) as T;
  if (node !== null && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === 'loc' || k.endsWith('Loc') || k === 'source') continue;
      out[k] = stripLocs(v);
    }
    return out as T;
  }
  return node;
}

/** Visit every sub-expression (pre-order). */
export function walkExpr(e: Expr, visit: (e: Expr) => void): void {
  visit(e);
  switch (e.kind) {
    case 'unary':
      walkExpr(e.operand, visit);
      break;
    case 'binary':
      walkExpr(e.left, visit);
      walkExpr(e.right, visit);
      break;
    case 'between':
      walkExpr(e.expr, visit);
      walkExpr(e.low, visit);
      walkExpr(e.high, visit);
      break;
    case 'in':
      walkExpr(e.expr, visit);
      for (const x of e.list) walkExpr(x, visit);
      break;
    case 'isNull':
      walkExpr(e.expr, visit);
      break;
    case 'text':
      walkExpr(e.expr, visit);
      walkExpr(e.pattern, visit);
      break;
    case 'call':
      for (const x of e.args) walkExpr(x, visit);
      break;
    default:
      break;
  }
}
