// The rules state's context key: the page provides it, the rules components (and the data
// panel, for the rule file's own `as of` line) use it.
import { contextKey } from '../ui/context.js';
import type { RulesState } from './rules.svelte.js';

export const RULES = contextKey<RulesState>('segmint.rules');
