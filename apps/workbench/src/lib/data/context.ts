// The data state's context key: the page provides it, the data components use it.
import { contextKey } from '../ui/context.js';
import type { DataState } from './dataset.svelte.js';

export const DATA = contextKey<DataState>('segmint.data');
import type { StagingState } from './staging.svelte.js';

export const STAGING = contextKey<StagingState>('segmint.staging');
