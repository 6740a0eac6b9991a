import { describe, expect, it } from 'vitest';
import { core, en, features } from './en.js';
import { zh } from './zh.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI dictionaries', () => {
  it('Chinese has exactly the English keys, each translated and non-empty', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of Object.entries(zh)) expect(v.trim(), k).not.toBe('');
  });
  it('each translation uses the same placeholders as the English text', () => {
    for (const k of Object.keys(en) as (keyof typeof en)[]) expect(placeholders(zh[k]), k).toEqual(placeholders(en[k]));
  });
  it('a key belongs to one catalogue only (a feature\'s key never silently replaces another\'s)', () => {
    const seen = new Map<string, string>(Object.keys(core).map((k) => [k, 'core']));
    for (const [name, dict] of Object.entries(features)) {
      for (const k of Object.keys(dict)) {
        expect(seen.get(k), `${name}: ${k}`).toBeUndefined();
        seen.set(k, name);
      }
    }
    expect(seen.size).toBe(Object.keys(en).length);
  });
});
