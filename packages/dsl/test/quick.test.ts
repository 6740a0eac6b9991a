// The quick rule gets the rule file's coverage check: a rule that contradicts itself says so.
import { describe, expect, it } from 'vitest';
import { builtinSchema, compileExpression, compileRules } from '../src/index.js';

describe('quick rule: never matches', () => {
  it('R < 10 and R > 20 can never match, like a segment with that rule', () => {
    const q = compileExpression('R < 10 and R > 20', builtinSchema);
    expect(q.ok).toBe(true); // a warning: the rule still runs (and counts 0)
    const d = q.diagnostics.find((x) => x.code === 'never-matches');
    expect(d).toMatchObject({ severity: 'warning', span: { offset: 0, end: 17 } });
    expect(d?.message).toContain('can never match');
    const seg = compileRules('segment s when R < 10 and R > 20\n', builtinSchema, { relation: 'c' });
    expect(seg.diagnostics.map((x) => x.code)).toEqual(['never-matches']);
  });

  it('every term contradictory (or, between, dates, reversed comparisons)', () => {
    for (const rule of ['R < 10 and R > 20 or F between 9 and 3', 'last_purchase >= 2024-06-01 and last_purchase < 2024-01-01', '10 > R and R >= 10', 'M = 5 and M = 6']) {
      expect(compileExpression(rule, builtinSchema).diagnostics.map((x) => x.code), rule).toEqual(['never-matches']);
    }
  });

  it('no warning for a rule that can match, a non-condition, or a rule with errors', () => {
    for (const rule of ['R < 10 or R > 20', 'R < 10 and F > 20', 'R <= 10 and R >= 10', 'not (R < 10 and R > 20)']) {
      expect(compileExpression(rule, builtinSchema).diagnostics, rule).toEqual([]);
    }
    expect(compileExpression('M * 2', builtinSchema).diagnostics).toEqual([]);
    expect(compileExpression('R < 10 and R > "x"', builtinSchema).diagnostics.map((x) => x.code)).toEqual(['type-mismatch']);
  });
});
