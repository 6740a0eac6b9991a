// The checks the editors run at every change, in the page (pure dsl, no engine): the same
// compile the engine runs, on the same fields and as-of, so the squiggles and the counts agree.
import { compileExpression, compileRules, type Diagnostic, type SchemaField } from '@segmint/dsl';

/** The customer relation's name in the engine (only names the SQL, which is not used here). */
const RELATION = 'customers';

export function checkRuleFile(text: string, fields: readonly SchemaField[] | null, asOf: string | null): readonly Diagnostic[] {
  return compileRules(text, fields ? { fields: [...fields] } : null, { relation: RELATION, ...(asOf ? { asOf } : {}) }).diagnostics;
}

export function checkQuickRule(text: string, fields: readonly SchemaField[] | null, asOf: string | null): readonly Diagnostic[] {
  if (!text.trim()) return [];
  return compileExpression(text, fields ? { fields: [...fields] } : null, asOf ? { asOf } : {}).diagnostics;
}
