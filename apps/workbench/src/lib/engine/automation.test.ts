import { describe, expect, it } from 'vitest';
import { automationRequested } from './automation.js';

describe('automationRequested', () => {
  it('is on only with the flag', () => {
    expect(automationRequested('')).toBe(false);
    expect(automationRequested('?lang=en')).toBe(false);
    expect(automationRequested('?automation=0')).toBe(false);
    expect(automationRequested('?automation=1')).toBe(true);
    expect(automationRequested('?x=2&automation=true')).toBe(true);
  });
});
