// The checks the editors run at every change, in the page (pure dsl, no engine): the same
// compile the engine runs, on the same fields and as-of, so the squiggles and the counts agree.
import { compileExpression, compileRules, type Diagnostic, type ResolvedUses, type SchemaField } from '@segmint/dsl';

/** The customer relation's name in the engine (only names the SQL, which is not used here). */
const RELATION = 'customers';

/** `uses`: the rule file's base files resolved (its `use` lines), as the engine gets them. */
export function checkRuleFile(text: string, fields: readonly SchemaField[] | null, asOf: string | null, uses?: ResolvedUses): readonly Diagnostic[] {
  return compileRules(text, fields ? { fields: [...fields] } : null, { relation: RELATION, emit: false, ...(asOf ? { asOf } : {}), ...(uses ? { uses } : {}) }).diagnostics;
}

/** `uses`: the rule file's base files (the quick rule may use their defines). */
export function checkQuickRule(text: string, fields: readonly SchemaField[] | null, asOf: string | null, uses?: ResolvedUses): readonly Diagnostic[] {
  if (!text.trim()) return [];
  return compileExpression(text, fields ? { fields: [...fields] } : null, { ...(asOf ? { asOf } : {}), ...(uses ? { uses } : {}) }).diagnostics;
}
