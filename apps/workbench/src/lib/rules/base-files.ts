// Shared base files (`use "common.seg"` in a rule file): the pure part. The app keeps the .seg
// files that came with the opened rule file (a dropped folder, several chosen files) and those
// chosen when asked for, by path, and resolves a rule file's `use` lines among them.
import { joinUsePath, parseRulesPartial, resolveUses, useLines, type MissingUse, type ResolvedUses, type UseLoader } from '@segmint/dsl';

/** A rule file's text by its path (as dropped: `team/common.seg`; as chosen: `common.seg`). */
export interface SegText {
  path: string;
  text: string;
}

/** The name a rule file is resolved as when it has none (typed, the example, a model). */
export const UNNAMED_RULES = 'rules.seg';

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Find a used file among the kept ones: its resolved path, else the one file with its name
 * (a rule file opened on its own, a base file chosen from another folder). */
export function baseFileLoader(files: ReadonlyMap<string, string>): UseLoader {
  return (path) => {
    const exact = files.get(path);
    if (exact !== undefined) return exact;
    const name = baseName(path).toLowerCase();
    const same = [...files.keys()].filter((k) => baseName(k).toLowerCase() === name);
    return same.length === 1 ? (files.get(same[0] as string) ?? null) : null;
  };
}

/** The `use` lines of a rule file resolved among the kept base files. */
export function resolveAmong(fileName: string | null, text: string, files: ReadonlyMap<string, string>): ResolvedUses {
  return resolveUses(fileName ?? UNNAMED_RULES, text, baseFileLoader(files));
}

/** The base files that a rule file's `use` lines (and theirs) name but that are not there. */
export function missingBaseFiles(fileName: string | null, text: string, files: ReadonlyMap<string, string>): MissingUse[] {
  if (useLines(text).length === 0) return [];
  const seen = new Set<string>();
  return resolveAmong(fileName, text, files).missing.filter((m) => (seen.has(m.path) ? false : (seen.add(m.path), true)));
}

/**
 * Several .seg files came in together (a folder, a multiple choice): the ones another names in
 * its `use` lines are base files (kept, not opened); the first of the others opens. When every
 * file is named by another (a cycle), the first opens. Every file but the opened one is kept.
 */
export function splitBaseFiles(files: readonly SegText[]): { open: SegText | null; bases: SegText[] } {
  if (files.length === 0) return { open: null, bases: [] };
  const named = new Set<string>();
  const all = new Map(files.map((f) => [f.path, f.text]));
  const load = baseFileLoader(all);
  for (const f of files) {
    for (const s of parseRulesPartial(f.text).file.statements) {
      if (s.kind !== 'use') continue;
      const target = joinUsePath(f.path, s.path);
      const hit = all.has(target) ? target : load(target, f.path) !== null ? [...all.keys()].find((k) => baseName(k).toLowerCase() === baseName(target).toLowerCase()) : undefined;
      if (hit !== undefined && hit !== f.path) named.add(hit);
    }
  }
  const open = files.find((f) => !named.has(f.path)) ?? files[0] ?? null;
  return { open, bases: files.filter((f) => f !== open) };
}
