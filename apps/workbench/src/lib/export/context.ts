// The export state's context key: the page provides it, the export buttons use it.
import { contextKey } from '../ui/context.js';
import type { ExportState } from './export.svelte.js';

export const EXPORT = contextKey<ExportState>('segmint.export');
