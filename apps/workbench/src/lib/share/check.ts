// The check of shared rules: the dsl compiler's diagnostics, exactly as the editor shows them
// (the loaded data's columns and as-of), computed off the main thread (check.worker.ts) with a
// time limit, so a hostile link (a megabyte of rules) never freezes the tab. Compiling makes SQL
// text at most; nothing here runs it.
import { compileRules, type Diagnostic, type Schema } from '@segmint/dsl';

/** What the view shows of a check: the first diagnostics and the counts of all (a hostile file
 * can have 80,000: only a few cross from the worker and reach the page). */
export interface CheckSummary {
  shown: Diagnostic[];
  errors: number;
  warnings: number;
  total: number;
}

export type CheckOutcome = { summary: CheckSummary } | { stopped: true };

/** how many diagnostics the view shows (the editor shows all once the rules are used) */
export const SHOWN_DIAGNOSTICS = 20;

export function summarize(diagnostics: Diagnostic[], keep = SHOWN_DIAGNOSTICS): CheckSummary {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
  }
  return { shown: diagnostics.slice(0, keep), errors, warnings, total: diagnostics.length };
}

export interface CheckRequest {
  rules: string;
  schema: Schema | null;
  asOf: string | null;
}

/** how long the check of a shared file may take before it is stopped (the rules are then shown
 * unchecked; the editor checks them again if the user uses them) */
export const CHECK_TIMEOUT_MS = 10_000;

/** below this size a check may run on the main thread where no worker can be started */
const MAIN_THREAD_MAX = 64 * 1024;

export function checkNow({ rules, schema, asOf }: CheckRequest): Diagnostic[] {
  try {
    return compileRules(rules, schema, { relation: 'customers', idColumn: 'customer', ...(asOf ? { asOf } : {}) }).diagnostics;
  } catch (e) {
    return [{ severity: 'error', code: 'internal', message: String(e), span: { offset: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 } }];
  }
}

/** The check in a worker of its own, ended after `timeoutMs`. Where no worker starts, small
 * texts are checked here and large ones are reported as stopped. */
export function checkInWorker(req: CheckRequest, timeoutMs = CHECK_TIMEOUT_MS): Promise<CheckOutcome> {
  const fallback = (): CheckOutcome => (req.rules.length <= MAIN_THREAD_MAX ? { summary: summarize(checkNow(req)) } : { stopped: true });
  let worker: Worker;
  try {
    worker = new Worker(new URL('./check.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return Promise.resolve(fallback());
  }
  return new Promise((resolve) => {
    const done = (o: CheckOutcome) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(o);
    };
    const timer = setTimeout(() => done({ stopped: true }), timeoutMs);
    worker.onmessage = (e: MessageEvent<CheckSummary>) => done({ summary: e.data });
    worker.onerror = (e) => {
      e.preventDefault();
      done(fallback());
    };
    try {
      worker.postMessage(req);
    } catch {
      // a schema that cannot be cloned: check here if small enough
      done(fallback());
    }
  });
}
