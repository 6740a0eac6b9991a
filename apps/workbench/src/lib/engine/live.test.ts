import { describe, expect, it } from 'vitest';
import { failed, internalDiagnostic, settle } from './live.js';

const diag = internalDiagnostic(new Error('x'));

describe('live query outcomes', () => {
  it('a valid result replaces the shown one', () => {
    expect(settle<number>(1, { diagnostics: [], result: 2 })).toEqual({ diagnostics: [], result: 2, stale: false });
  });
  it('errors keep the last valid result, marked stale', () => {
    expect(settle<number>(1, { diagnostics: [diag], result: null })).toEqual({ diagnostics: [diag], result: 1, stale: true });
    expect(settle<number>(null, { diagnostics: [diag], result: null })).toEqual({ diagnostics: [diag], result: null, stale: false });
  });
  it('an engine failure is an internal diagnostic', () => {
    const s = failed<number>(5, new Error('boom'));
    expect(s.result).toBe(5);
    expect(s.stale).toBe(true);
    expect(s.diagnostics[0]).toMatchObject({ severity: 'error', code: 'internal', message: 'boom' });
  });
});
