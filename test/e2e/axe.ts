// Accessibility check of the page as it is now: axe-core (injected from node_modules, so nothing
// is fetched from elsewhere) run over the whole document; serious or critical violations fail
// the test with their rule, impact and the offending elements. Call it in every state a test
// reaches (loaded, error, dimmed "last valid result", dialogs, tables...).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeNode {
  target: string[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/** Fails when axe finds a serious or critical violation in the page; `state` names the state in
 * the failure message. */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  const loaded = await page.evaluate(() => 'axe' in window);
  // evaluated through the DevTools protocol: the app's CSP (script-src 'self') refuses an inline
  // <script> (page.addScriptTag), and the page's CSP must stay as users get it
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    // axe is the global the injected script defines
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const res = await axe.run(document, { resultTypes: ['violations'] });
    return res.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad, `accessibility violations (serious/critical) in state "${state}"`).toEqual([]);
}
