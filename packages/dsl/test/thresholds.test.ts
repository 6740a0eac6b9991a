// Thresholds: the comparisons of built-in metrics with numbers, for the charts' lines.
import { describe, expect, it } from 'vitest';
import { extractThresholds, parseRules, thresholdsOf } from '../src/index.js';

const brief = (src: string) => thresholdsOf(src).map((t) => `${t.statement.id}:${t.field}${t.op}${t.value}`);

describe('thresholds', () => {
  it('finds every comparison of a metric with a number, field on the left', () => {
    const src = 'segment platinum when R <= 30 and F >= 15 and M >= 5000\nsegment gold when 60 >= R and F > 8\nsegment rest otherwise\n';
    expect(brief(src)).toEqual(['platinum:R<=30', 'platinum:F>=15', 'platinum:M>=5000', 'gold:R<=60', 'gold:F>8']);
  });

  it('reads between, in, negatives and durations in days', () => {
    const src = 'segment a when M between 1000 and 5000\nsegment b when F in (1, 2, x)\nsegment c when M not between -5 and 0\nsegment d when R < 2w or T >= 30d or R > 3mo\n';
    expect(brief(src)).toEqual(['a:M>=1000', 'a:M<=5000', 'b:F=1', 'b:F=2', 'c:M<-5', 'c:M>0', 'd:R<14', 'd:T>=30']);
  });

  it('gives the value in the unit and where the number is written', () => {
    const src = 'segment a when R_score = 3 and aov >= 12.5\n';
    const [a, b] = thresholdsOf(src);
    expect(a).toMatchObject({ field: 'R_score', op: '=', value: 3, statement: { kind: 'segment', id: 'a' }, segments: ['a'] });
    expect(src.slice(a!.loc.start, a!.loc.end)).toBe('3');
    expect(a!.span.line).toBe(1);
    expect(b).toMatchObject({ field: 'AOV', value: 12.5 });
  });

  it('a threshold in a define names the segments using it (through other defines too)', () => {
    const src = 'define active = R <= 90\ndefine good = active and F >= 8\nsegment loyal when good\nsegment any when active\ntag big when M > 100\n';
    const ts = thresholdsOf(src);
    expect(ts.map((t) => [t.statement.kind, t.statement.id, t.field, t.segments])).toEqual([
      ['define', 'active', 'R', ['loyal', 'any']],
      ['define', 'good', 'F', ['loyal']],
      ['tag', 'big', 'M', []]
    ]);
  });

  it('skips non-metric fields, expressions and defines named like a metric', () => {
    const src = 'segment a when pct(M) >= 90 and satisfaction > 3 and R + 1 < 5 and M >= F\n';
    expect(brief(src)).toEqual([]);
    const file = parseRules('segment a when R < 3\n').file!;
    expect(extractThresholds(file, { isMetric: () => false })).toEqual([]);
  });

  it('keeps the statements that parse while another has a syntax error', () => {
    expect(brief('segment a when R < 30\nsegment b when F >= (\nsegment c when M > 10\n')).toEqual(['a:R<30', 'c:M>10']);
  });
});
