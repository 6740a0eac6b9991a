import { describe, expect, it } from 'vitest';
import { builtinSchema } from '@segmint/dsl';
import { checkInWorker, checkNow, summarize, SHOWN_DIAGNOSTICS } from './check.js';

describe('the check of shared rules', () => {
  it('gives the compiler\'s diagnostics, as the editor has them', () => {
    const typo = checkNow({ rules: 'segment a when Rr < 1\n', schema: builtinSchema, asOf: '2024-12-31' });
    expect(typo.map((x) => [x.severity, x.code])).toEqual([['error', 'unknown-field']]);
    const covered = checkNow({ rules: 'segment b when F >= 8\nsegment c when F >= 10\n', schema: builtinSchema, asOf: '2024-12-31' });
    expect(covered.map((x) => [x.severity, x.code, x.span.line])).toEqual([['warning', 'covered', 2]]);
  });

  it('sends only the first diagnostics and the counts of all', () => {
    const d = checkNow({ rules: 'segment x when Rr < 1\n'.repeat(100), schema: builtinSchema, asOf: null });
    const s = summarize(d);
    expect(s.total).toBe(d.length);
    expect(s.shown).toHaveLength(SHOWN_DIAGNOSTICS);
    expect(s.errors + s.warnings).toBeLessThanOrEqual(s.total);
    expect(s.errors).toBeGreaterThanOrEqual(100);
  });

  it('where no worker can start (Node), checks small texts here and calls large ones unchecked', async () => {
    expect(await checkInWorker({ rules: 'segment a otherwise\n', schema: null, asOf: null })).toEqual({ summary: { shown: [], errors: 0, warnings: 0, total: 0 } });
    expect(await checkInWorker({ rules: 'segment a otherwise\n'.repeat(10_000), schema: null, asOf: null })).toEqual({ stopped: true });
  });
});
