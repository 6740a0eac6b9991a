// The pure part of a live query (live.svelte.ts): what an evaluation's outcome does to the
// shown diagnostics, result and stale flag, and the diagnostic for an unexpected failure.
import type { Diagnostic } from '@segmint/dsl';

/** What one evaluation of a text gave: its diagnostics, and a result when the text is valid. */
export interface Outcome<R> {
  diagnostics: Diagnostic[];
  /** null: the text has errors (the last valid result stays, marked stale) */
  result: R | null;
}

export interface Shown<R> {
  diagnostics: Diagnostic[];
  result: R | null;
  /** the shown result belongs to an earlier text (the current one has errors) */
  stale: boolean;
}

/** The shown state after `outcome`, given the result shown before. */
export function settle<R>(previous: R | null, outcome: Outcome<R>): Shown<R> {
  if (outcome.result !== null) return { diagnostics: outcome.diagnostics, result: outcome.result, stale: false };
  return { diagnostics: outcome.diagnostics, result: previous, stale: previous !== null };
}

/** The shown state after the evaluation failed unexpectedly (the engine threw). */
export function failed<R>(previous: R | null, e: unknown): Shown<R> {
  return settle(previous, { diagnostics: [internalDiagnostic(e)], result: null });
}

export function internalDiagnostic(e: unknown): Diagnostic {
  const span = { offset: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 };
  return { severity: 'error', code: 'internal', message: e instanceof Error ? e.message : String(e), span };
}
