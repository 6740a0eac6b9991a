// The report state's context key: the page provides it, the report panel uses it.
import { contextKey } from '../ui/context.js';
import type { ReportState } from './report.svelte.js';

export const REPORT = contextKey<ReportState>('segmint.report');
