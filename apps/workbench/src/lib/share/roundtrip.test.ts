// Every example rule file (and playbook) and every ready-made model's rule file and playbooks, in
// both languages, survives link -> open byte for byte.
import { describe, expect, it } from 'vitest';
import { listLibraries, loadLibrary } from '@segmint/strategy';
import { decodeShare, encodeShare, type Shared } from './link.js';

const examples = import.meta.glob<string>('../../../../../examples/**/*.seg', { query: '?raw', import: 'default', eager: true });
const examplePlaybooks = import.meta.glob<string>('../../../../../examples/**/*.yaml', { query: '?raw', import: 'default', eager: true });

async function throughLink(s: Shared): Promise<Shared> {
  const enc = await encodeShare(s);
  if (!enc.ok) throw new Error(`encode: ${enc.code}`);
  const dec = await decodeShare(enc.payload);
  if (!dec.ok) throw new Error(`decode: ${dec.code}`);
  return dec.shared;
}

const bytes = (s: string) => new TextEncoder().encode(s);
const base = (path: string) => path.split('/').pop()!;

describe('share links round-trip every rule file byte for byte', () => {
  it('finds the example files', () => {
    expect(Object.keys(examples).length).toBeGreaterThan(0);
    expect(Object.keys(examplePlaybooks).length).toBeGreaterThan(0);
  });

  it.each(Object.entries(examples))('example %s', async (path, text) => {
    const pb = Object.entries(examplePlaybooks).find(([p]) => p.startsWith(path.slice(0, path.lastIndexOf('/') + 1)));
    const s: Shared = { rules: text, name: base(path), playbook: pb ? { name: base(pb[0]), text: pb[1] } : null };
    const back = await throughLink(s);
    expect(bytes(back.rules)).toEqual(bytes(text));
    expect(back).toEqual(s);
  });

  const cases = listLibraries().flatMap((l) => l.langs.map((lang) => [l.id, lang] as const));
  it('covers every library in both languages', () => {
    expect(cases.length).toBe(8);
  });
  it.each(cases)('library %s (%s)', async (id, lang) => {
    const lib = loadLibrary(id, lang);
    const s: Shared = { rules: lib.rules, name: lib.rulesFile, playbook: { name: lib.playbooksFile, text: lib.playbooks } };
    const back = await throughLink(s);
    expect(bytes(back.rules)).toEqual(bytes(lib.rules));
    expect(bytes(back.playbook!.text)).toEqual(bytes(lib.playbooks));
    expect(back).toEqual(s);
  });
});
