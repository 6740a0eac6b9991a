// The charts' context key: the page provides the state, the charts view uses it.
import { contextKey } from '../ui/context.js';
import type { ChartsState } from './charts.svelte.js';

export const CHARTS = contextKey<ChartsState>('segmint.charts');
