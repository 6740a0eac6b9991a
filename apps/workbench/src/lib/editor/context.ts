// The rule editors' shared state (what they know about the data), provided by the page.
import { contextKey } from '../ui/context.js';
import type { EditorData } from './editor-data.svelte.js';

export const EDITOR = contextKey<EditorData>('segmint.editor');
