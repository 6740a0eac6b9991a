import { describe, expect, it } from 'vitest';
import { internalDiagnostic } from '../engine/live.js';
import { exampleRulesOnOtherData, quickOutcome, rulesAsOf, rulesOutcome } from './rules.js';

const diag = internalDiagnostic('x');

describe('rules outcomes', () => {
  it('a valid quick rule gives its counts and SQL; an invalid one its diagnostics only', () => {
    const ok = quickOutcome({ matched: 2, total: 10, share: 0.2, compiled: { ok: true, diagnostics: [], sql: 'SELECT 1', params: [5] } });
    expect(ok).toEqual({ diagnostics: [], result: { matched: 2, total: 10, share: 0.2, sql: 'SELECT 1', params: [5] } });
    expect(quickOutcome({ matched: 0, total: 10, share: 0, compiled: { ok: false, diagnostics: [diag] } })).toEqual({ diagnostics: [diag], result: null });
  });

  it('a rule file gives its summary, tags, total and SQL when it compiled', () => {
    const result = { summary: [], tags: [{ id: 'vip', label: null, customers: 1 }], total: 3, sql: 'SELECT 2' };
    expect(rulesOutcome({ compiled: { ok: true, diagnostics: [] }, result: { ...result, extra: 1 } as typeof result })).toEqual({ diagnostics: [], result });
    expect(rulesOutcome({ compiled: { ok: false, diagnostics: [diag] }, result: null })).toEqual({ diagnostics: [diag], result: null });
  });

  it("runs at the file's own `as of` line, else at the base as-of", () => {
    expect(rulesAsOf('segment a when R < 3', '2024-06-30')).toEqual({ asOf: '2024-06-30' });
    expect(rulesAsOf('as of 2024-01-31\nsegment a when R < 3', '2024-06-30')).toEqual({});
  });
});

describe('the example rule file on another data set', () => {
  it('is noticed when the text is the example (line ends and outer blanks aside) and the data is not', () => {
    const ex = 'segment a when R < 30\nsegment b when F > 5\n';
    expect(exampleRulesOnOtherData(ex.replace(/\n/g, '\r\n') + '\n\n', ex, false)).toBe(true);
    expect(exampleRulesOnOtherData(ex, ex, true)).toBe(false);
    expect(exampleRulesOnOtherData(ex + 'segment c when M > 1\n', ex, false)).toBe(false);
  });
});
