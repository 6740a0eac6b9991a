// Whether this page was opened for automation (the e2e tests, the benchmark): only then does the
// app put its automation handle (handle.ts) on `window.segmint`. The page a user opens has none.

/** The query flag that asks for the automation handle: `?automation=1`. */
export const AUTOMATION_PARAM = 'automation';

/** True when the query string (e.g. `location.search`) carries `automation=1` (or `=true`). */
export function automationRequested(search: string): boolean {
  const v = new URLSearchParams(search).get(AUTOMATION_PARAM);
  return v === '1' || v === 'true';
}
