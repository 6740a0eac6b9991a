// "Add as segment": the quick rule becomes a `segment <name> when <rule>` line of the rule file,
// put before the catch-all (`segment x otherwise` must stay last), else at the end. Pure text.
import { isBareName, parseRulesPartial } from '@segmint/dsl';

export type AddSegmentResult = { ok: true; text: string; name: string } | { ok: false; problem: 'empty-rule' | 'invalid-name' | 'taken-name' };

/** Matches a line holding a catch-all segment (`segment x ["label"] otherwise`), comment allowed:
 * the fallback when the file does not parse far enough to find it in the tree. */
const OTHERWISE_LINE = /^[ \t]*segment[ \t]+\S.*\botherwise[ \t]*(#.*)?$/iu;

/** Every id or define name of the rule file, lower-cased (lookups are case-insensitive). */
export function usedNames(rules: string): Set<string> {
  const names = new Set<string>();
  for (const s of parseRulesPartial(rules).file.statements) {
    if (s.kind === 'segment' || s.kind === 'tag') names.add(s.id.toLowerCase());
    else if (s.kind === 'define') names.add(s.name.toLowerCase());
  }
  return names;
}

/** A free, valid segment name: `quick_rule`, else `quick_rule_2`, `quick_rule_3`, ... */
export function defaultSegmentName(rules: string, base = 'quick_rule'): string {
  const used = usedNames(rules);
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** Offset of the start of the line of the catch-all segment, or null when there is none. */
function otherwiseLineStart(rules: string): number | null {
  const parsed = parseRulesPartial(rules).file.statements.find((s) => s.kind === 'segment' && s.when === null);
  if (parsed) return rules.lastIndexOf('\n', parsed.loc.start - 1) + 1;
  let at = 0;
  for (const line of rules.split('\n')) {
    if (OTHERWISE_LINE.test(line.replace(/\r$/, ''))) return at;
    at += line.length + 1;
  }
  return null;
}

/** The rule file with `segment <name> when <rule>` added (see the module comment). */
export function addSegment(rules: string, name: string, rule: string): AddSegmentResult {
  // a statement is one line here: line breaks in the rule (pasted text) become spaces
  const expr = rule.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  if (!expr) return { ok: false, problem: 'empty-rule' };
  const id = name.trim();
  if (!isBareName(id)) return { ok: false, problem: 'invalid-name' };
  if (usedNames(rules).has(id.toLowerCase())) return { ok: false, problem: 'taken-name' };
  return { ok: true, name: id, text: insertStatement(rules, `segment ${id} when ${expr}`) };
}

/** The rule file with a one-line statement added before the catch-all (`otherwise`) segment,
 * else at the end; the file's line ends kept. */
export function insertStatement(rules: string, line: string): string {
  const eol = rules.includes('\r\n') ? '\r\n' : '\n';
  const at = otherwiseLineStart(rules);
  if (at !== null) return `${rules.slice(0, at)}${line}${eol}${rules.slice(at)}`;
  const sep = rules === '' || rules.endsWith('\n') ? '' : eol;
  return `${rules}${sep}${line}${eol}`;
}
