import { describe, expect, it } from 'vitest';
import { parseRules } from '@segmint/dsl';
import { addSegment, defaultSegmentName } from './add-segment.js';

const tiers = [
  '# tiers',
  'segment gold "Gold" when R <= 60 and F >= 8',
  'segment basic when R <= 90',
  'segment churn_risk "Churn" otherwise',
  ''
].join('\n');

describe('addSegment', () => {
  it('puts the new segment before the catch-all, which stays last', () => {
    const r = addSegment(tiers, 'loyal', 'R < 30 and F > 5');
    expect(r).toEqual({
      ok: true,
      name: 'loyal',
      text: ['# tiers', 'segment gold "Gold" when R <= 60 and F >= 8', 'segment basic when R <= 90', 'segment loyal when R < 30 and F > 5', 'segment churn_risk "Churn" otherwise', ''].join('\n')
    });
    if (r.ok) expect(parseRules(r.text).diagnostics).toEqual([]);
  });

  it('appends at the end when there is no catch-all, adding the missing line break', () => {
    const r = addSegment('segment a when F > 1', 'b', "RFM in ('555')");
    expect(r).toEqual({ ok: true, name: 'b', text: "segment a when F > 1\nsegment b when RFM in ('555')\n" });
    expect(addSegment('', 'b', 'F > 1')).toEqual({ ok: true, name: 'b', text: 'segment b when F > 1\n' });
  });

  it('keeps CRLF line ends and finds the catch-all in a file with errors elsewhere', () => {
    const r = addSegment('segment a when F >\r\nsegment z otherwise\r\n', 'b', 'F > 1');
    expect(r.ok && r.text).toBe('segment a when F >\r\nsegment b when F > 1\r\nsegment z otherwise\r\n');
  });

  it('makes a one-line statement of a rule with line breaks', () => {
    const r = addSegment('', 'b', ' R < 30\n and F > 5 ');
    expect(r.ok && r.text).toBe('segment b when R < 30 and F > 5\n');
  });

  it('refuses an empty rule, a name that is not an identifier, and a name in use (any case)', () => {
    expect(addSegment(tiers, 'x', '  ')).toEqual({ ok: false, problem: 'empty-rule' });
    expect(addSegment(tiers, 'two words', 'F > 1')).toEqual({ ok: false, problem: 'invalid-name' });
    expect(addSegment(tiers, 'and', 'F > 1')).toEqual({ ok: false, problem: 'invalid-name' });
    expect(addSegment(tiers, '1st', 'F > 1')).toEqual({ ok: false, problem: 'invalid-name' });
    expect(addSegment(tiers, 'GOLD', 'F > 1')).toEqual({ ok: false, problem: 'taken-name' });
  });

  it('accepts a Chinese name', () => {
    const r = addSegment('', '忠诚客户', 'F > 5');
    expect(r.ok && r.text).toBe('segment 忠诚客户 when F > 5\n');
  });
});

describe('defaultSegmentName', () => {
  it('is quick_rule, numbered when taken', () => {
    expect(defaultSegmentName(tiers)).toBe('quick_rule');
    expect(defaultSegmentName('segment quick_rule when F > 1\ntag quick_rule_2 when R < 3\n')).toBe('quick_rule_3');
  });
});
