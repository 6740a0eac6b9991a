// The share links' state's context key: the page provides it (lib/workbench.ts); the "Share
// link" button by the rule file and the shared-rules view use it.
import { contextKey } from '../ui/context.js';
import type { ShareState } from './share.svelte.js';

export const SHARE = contextKey<ShareState>('segmint.share');
