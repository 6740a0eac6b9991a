// Property tests: printing random trees gives text that parses back to the same tree; the
// formatter is idempotent and keeps the tree; garbage and mutated files never throw, never
// hang, and every diagnostic points inside the input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripLocs, type Statement } from '../src/ast.js';
import { compileExpression, compileRules } from '../src/compile.js';
import type { Diagnostic } from '../src/diagnostics.js';
import { formatRules } from '../src/format.js';
import { parseChunked, parseExpression, parseRules, parseWhole } from '../src/parse.js';
import { printExpr, printStatement } from '../src/print.js';
import { anyExpr, anyStatement } from './arbitraries.js';

function statementsOf(text: string): Statement[] {
  const p = parseRules(text);
  expect(p.diagnostics, text).toEqual([]);
  return stripLocs(p.file?.statements ?? []);
}

function spansInside(ds: Diagnostic[], source: string): void {
  for (const d of ds) {
    expect(d.span.offset).toBeGreaterThanOrEqual(0);
    expect(d.span.end).toBeGreaterThanOrEqual(d.span.offset);
    expect(d.span.end).toBeLessThanOrEqual(source.length);
    const before = source.slice(0, d.span.offset);
    expect(d.span.line).toBe(before.split('\n').length);
    expect(d.span.column).toBe(d.span.offset - (before.lastIndexOf('\n') + 1) + 1);
    expect(d.message.length).toBeGreaterThan(0);
  }
}

const VALID = `# Retail tiers
as of 2024-12-31
define AOV2 = M / F
segment platinum "Platinum 铂金客户" when R <= 30 and F >= 10 and M >= 50_000
segment gold "Gold" when R <= 30 and F between 5 and 9   # steady
segment churn_risk "Churn risk" when R > 90 and (F >= 3 or M > 5000)
  and last_purchase >= as_of - 1y
segment basic "Basic" otherwise
tag big when pct(M) >= 80 and \`近6个月采购额(万元)\` > 10
tag named when RFM in ('555', '545') or customer starts with 'C0'
`;

describe('printing and parsing', () => {
  it('a printed expression parses back to the same tree', () => {
    fc.assert(
      fc.property(anyExpr, (e) => {
        const text = printExpr(e);
        const p = parseExpression(text);
        expect(p.diagnostics, text).toEqual([]);
        expect(stripLocs(p.expr)).toEqual(stripLocs(e));
      }),
      { numRuns: 600, seed: 1 }
    );
  });

  it('a printed file parses back to the same statements', () => {
    fc.assert(
      fc.property(fc.array(anyStatement, { maxLength: 6 }), (sts) => {
        const text = sts.map((s) => printStatement(s, 60)).join('\n') + '\n';
        expect(statementsOf(text)).toEqual(stripLocs(sts));
      }),
      { numRuns: 300, seed: 2 }
    );
  });
});

describe('formatter', () => {
  const decorated = fc
    .record({
      sts: fc.array(anyStatement, { minLength: 1, maxLength: 5 }),
      comments: fc.array(fc.constantFrom('', '# note', '#x  ', '# 注释 ' + "'\"`"), { minLength: 5, maxLength: 5 }),
      blanks: fc.array(fc.nat({ max: 2 }), { minLength: 5, maxLength: 5 }),
      upper: fc.boolean()
    })
    .map(({ sts, comments, blanks, upper }) =>
      sts
        .map((s, i) => {
          let t = printStatement(s, 50);
          if (upper) t = t.replace(/^(segment|tag|define|as of)/, (k) => k.toUpperCase());
          const c = comments[i] ?? '';
          return '\n'.repeat(blanks[i] ?? 0) + (i % 2 === 0 && c ? `${c}\n${t}` : c ? `${t}   ${c}` : t);
        })
        .join('\n')
    );

  it('is idempotent and keeps the tree and every comment', () => {
    fc.assert(
      fc.property(decorated, (text) => {
        const once = formatRules(text);
        expect(once.diagnostics, text).toEqual([]);
        expect(formatRules(once.text).text).toBe(once.text);
        expect(statementsOf(once.text)).toEqual(statementsOf(text));
        const comments = (s: string) => parseRules(s).file?.comments.map((c) => c.text.trimEnd());
        expect(comments(once.text)).toEqual(comments(text));
      }),
      { numRuns: 300, seed: 3 }
    );
  });

  it('the one-call parse and the statement-by-statement parse agree (locations and comments too)', () => {
    fc.assert(
      fc.property(decorated, (text) => {
        const whole = parseWhole(text);
        const chunked = parseChunked(text);
        expect(chunked.diagnostics).toEqual([]);
        expect(whole).toEqual(chunked.file);
      }),
      { numRuns: 200, seed: 7 }
    );
  });

  it('formats the example file canonically', () => {
    const once = formatRules(VALID).text;
    expect(formatRules(once).text).toBe(once);
    expect(statementsOf(once)).toEqual(statementsOf(VALID));
  });
});

describe('garbage and mutations', () => {
  const everything = (text: string) => {
    const p = parseRules(text);
    spansInside(p.diagnostics, text);
    const c = compileRules(text, null, { relation: 'customers', asOf: '2024-12-31' });
    spansInside(c.diagnostics, text);
    if (!c.ok) expect(c.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    const f = formatRules(text);
    spansInside(f.diagnostics, text);
    if (f.diagnostics.length) expect(f.text).toBe(text);
    const e = compileExpression(text, null, { asOf: '2024-12-31' });
    spansInside(e.diagnostics, text);
  };

  it('random text never throws and diagnostics point inside it', () => {
    const junk = fc.oneof(
      fc.string({ maxLength: 80 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.array(fc.constantFrom('segment', 'tag', 'define', 'as of', 'when', 'otherwise', '(', ')', '"', "'", '`', '#', '\n', ' ', 'R', '<', '=', 'and', 'or', 'not', '5', '2024-01-01', '30d', ',', 'in', 'between', '\\', '-'), { maxLength: 40 }).map((a) => a.join(' '))
    );
    fc.assert(fc.property(junk, everything), { numRuns: 500, seed: 4 });
  });

  it('random mutations of a valid file never throw and diagnostics point inside it', () => {
    const mutation = fc.array(
      fc.record({ at: fc.nat({ max: VALID.length }), del: fc.nat({ max: 5 }), ins: fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('(', '"', '`', '\n', 'and ', ' or', '#', 'segment ', '\\')) }),
      { minLength: 1, maxLength: 4 }
    );
    fc.assert(
      fc.property(mutation, (ms) => {
        let text = VALID;
        for (const m of ms) text = text.slice(0, m.at) + m.ins + text.slice(m.at + m.del);
        everything(text);
        const whole = parseWhole(text);
        if (whole) expect(parseChunked(text).file).toEqual(whole);
      }),
      { numRuns: 400, seed: 5 }
    );
  });
});
