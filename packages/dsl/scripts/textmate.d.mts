// Types for textmate.mjs (used by the test).
export interface Lexicon {
  KEYWORDS: readonly string[];
  STATEMENT_WORDS: readonly string[];
  CONTEXTUAL_KEYWORDS: readonly string[];
  LITERAL_WORDS: readonly string[];
  DURATION_UNITS: readonly string[];
  FUNCTION_WORDS: readonly string[];
}
export function buildGrammar(lex: Lexicon): Record<string, unknown>;
export function grammarText(lex: Lexicon): string;
export const OUT: string;
