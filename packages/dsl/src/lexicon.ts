// The words of the language, in one place: the parser's reserved words, the words that are
// keywords only where they stand (`with` after starts/ends, `as of`), the statement words, the
// duration units and the function names. Highlighters (the app's editor, the TextMate grammar)
// and completion read these lists, so a word added to the grammar is added here once.
import { RESERVED_WORDS } from './parse.js';
import { FUNCTION_NAMES } from './functions.js';

/** Words that start a statement at the beginning of a line. */
export const STATEMENT_WORDS = ['use', 'segment', 'tag', 'define', 'as of'] as const;

/** Words that are keywords only in their place (usable as names elsewhere). `use` starts a
 * statement only when text in quotes follows it (`use "common.seg"`), so a column named `use`
 * stays a plain name and existing rule files keep their meaning. */
export const CONTEXTUAL_KEYWORDS = ['with', 'as', 'of', 'use'] as const;

/** Every keyword (case-insensitive), reserved or contextual. */
export const KEYWORDS: readonly string[] = [...RESERVED_WORDS, ...CONTEXTUAL_KEYWORDS];

/** Literal words (highlighted as constants, not keywords). */
export const LITERAL_WORDS = ['true', 'false', 'null'] as const;

/** Duration units as written after a whole number: 30d, 12w, 6mo, 1y. */
export const DURATION_UNITS = ['d', 'w', 'mo', 'y'] as const;

/** The functions a rule may call (the whitelist of functions.ts). */
export const FUNCTION_WORDS: readonly string[] = FUNCTION_NAMES;
