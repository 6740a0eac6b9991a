// The rules' plain types (a quick rule's result, a rule file's result) and the pure steps from
// the engine's answers to a live query's outcome. The state is in rules.svelte.ts.
import { readAsOf } from '@segmint/dsl';
import type { Diagnostic } from '@segmint/dsl';
import type { SegmentSummary } from '@segmint/engine';
import type { Outcome } from '../engine/live.js';

export interface QuickResult {
  matched: number;
  total: number;
  share: number;
  sql: string;
  params: readonly unknown[];
}

export interface RulesResult {
  summary: SegmentSummary[];
  tags: { id: string; label: string | null; customers: number }[];
  total: number;
  sql: string;
}

interface Compiled {
  ok: boolean;
  diagnostics: Diagnostic[];
}

/** A quick rule's answer (Workspace.quickRule) as a live outcome. */
export function quickOutcome(r: { matched: number; total: number; share: number; compiled: Compiled & { sql?: string; params?: readonly unknown[] } }): Outcome<QuickResult> {
  const c = r.compiled;
  return { diagnostics: c.diagnostics, result: c.ok ? { matched: r.matched, total: r.total, share: r.share, sql: c.sql ?? '', params: c.params ?? [] } : null };
}

/** A rule file's answer (Workspace.runRules) as a live outcome. */
export function rulesOutcome(r: { compiled: Compiled; result?: RulesResult | null }): Outcome<RulesResult> {
  const res = r.compiled.ok ? r.result : null;
  return { diagnostics: r.compiled.diagnostics, result: res ? { summary: res.summary, tags: res.tags, total: res.total, sql: res.sql } : null };
}

/** The as-of to run a rule file at: none when the file has its own `as of` line (it wins), else
 * the base (the user's choice or the data set's default: removing the line goes back to it). */
export function rulesAsOf(text: string, base: string | null): { asOf?: string } {
  return readAsOf(text) || base === null ? {} : { asOf: base };
}

/** The rule file is still the example shop's (unchanged, blank lines aside) while another data
 * set is loaded: its thresholds (days, amounts) were written for the example, so the app offers
 * the ready-made models, which score customers against the data at hand. */
export function exampleRulesOnOtherData(text: string, example: string, datasetIsExample: boolean): boolean {
  const norm = (s: string) => s.replace(/\r\n?/g, '\n').trim();
  return !datasetIsExample && norm(text) === norm(example);
}
