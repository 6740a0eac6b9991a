// The rules state's context key: the page provides it, the rules components (and the data
// panel, for the rule file's own `as of` line) use it.
import { contextKey } from '../ui/context.js';
import type { RulesState } from './rules.svelte.js';
import type { FilesState } from './files.svelte.js';

export const RULES = contextKey<RulesState>('segmint.rules');
/** saving rule and playbook files, the recent files */
export const FILES = contextKey<FilesState>('segmint.files');
