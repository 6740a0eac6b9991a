// `use "common.seg"` in the CLI: base files are read from the disk, relative to the rule file.
import { readFileSync } from 'node:fs';
import { resolveUses, type ResolvedUses } from '@segmint/dsl';

/** Read a base file as UTF-8 (null when it is missing, unreadable or not UTF-8 text). */
function readBase(path: string): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
  } catch {
    return null;
  }
}

/** The rule file's `use` lines, resolved against its path (`rulesPath` as given on the command
 * line: relative to the current folder, or absolute). */
export function ruleUses(rulesPath: string, source: string): ResolvedUses {
  return resolveUses(rulesPath, source, (path) => readBase(path));
}
