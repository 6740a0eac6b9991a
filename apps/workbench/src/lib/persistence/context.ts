// The persistence state's context key: the page provides it (workbench.ts), the top bar's
// storage controls and the notices use it.
import { contextKey } from '../ui/context.js';
import type { PersistenceState } from './persistence.svelte.js';

export const PERSISTENCE = contextKey<PersistenceState>('segmint.persistence');
