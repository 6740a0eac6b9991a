// Rule files among chosen or dropped files: a `.seg` file opens in the rule editor and a playbook
// YAML (`.yaml`/`.yml`) beside the rules, never as data.
/** Is this file a Segmint rule file (by its extension)? */
export function isRuleFile(name: string): boolean {
  return /\.seg$/i.test(name);
}

/** Is this file a playbook file (YAML, by its extension)? The engine reads no YAML data. */
export function isPlaybookFile(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}

/** The rule and playbook files and the other (data) files of a list, each in its order. */
export function splitRuleFiles<T extends { path: string }>(items: readonly T[]): { rules: T[]; data: T[] } {
  const rules: T[] = [];
  const data: T[] = [];
  for (const it of items) (isRuleFile(it.path) || isPlaybookFile(it.path) ? rules : data).push(it);
  return { rules, data };
}
