// The HTML report in a real browser (Chromium): it renders (table, charts, playbooks), logs no
// console errors, makes no request at all (not even for hostile labels), and a screenshot is kept
// under test-results/ as an artifact.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser } from '@playwright/test';
import { NativeBackend } from '@segmint/engine/node';
import { loadLibrary } from '../src/libraries.js';
import { checkPlaybooks, parsePlaybooks } from '../src/playbooks.js';
import { computeReport } from '../src/report.js';
import { reportToHtml } from '../src/render-report.js';
import { computeMigration, migrationToHtml, snapshotRun } from '../src/migration.js';
import type { Page } from '@playwright/test';
import { loadExample, repoRoot, runRules } from './helpers.js';

const out = join(repoRoot, 'packages/strategy/test-results');
const HOSTILE = `<img src='http://127.0.0.1:9/x.png' onerror='console.error(1)'><script>console.error(2)</script>`;

describe('HTML report in Chromium', () => {
  let db: NativeBackend;
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(out, { recursive: true });
    db = await NativeBackend.create({ threads: 2 });
    await loadExample(db);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
    });
  });
  afterAll(async () => {
    await browser?.close();
    await db?.close();
  });

  /** Open a page from a file; collect console problems and any request that is not the file. */
  async function open(file: string): Promise<{ page: Page; problems: string[]; requests: string[] }> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (!r.url().startsWith('file://')) requests.push(r.url());
    });
    await page.goto(`file://${file}`);
    await page.waitForLoadState('load');
    return { page, problems, requests };
  }

  it('the migration review page renders (zh, hostile label) with no console errors and no requests', async () => {
    const l = loadLibrary('tiers', 'zh');
    const rules = l.rules.replace('"铂金战略客户"', `"铂金战略客户 ${HOSTILE.replace(/"/g, '\\"')}"`);
    const a = await runRules(db, rules, { asOf: '2024-06-30', into: 'mig_a' });
    await snapshotRun(db, { table: a.table, into: 'snap_a' });
    const b = await runRules(db, rules, { into: 'mig_b' });
    await snapshotRun(db, { table: b.table, into: 'snap_b' });
    const m = await computeMigration(db, { before: 'snap_a', after: 'snap_b', segments: b.segments, from: a.asOf, to: b.asOf, lang: 'zh', playbooks: parsePlaybooks(l.playbooks).file!.playbooks });
    const file = join(out, 'migration-tiers-zh.html');
    writeFileSync(file, migrationToHtml(m));
    const { page, problems, requests } = await open(file);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    // retention table (4 segments) + matrix (4 segments + new + total); the Sankey and its table
    expect(await page.locator('table:not(.chart-table)').count()).toBe(2);
    expect(await page.locator('table:not(.chart-table)').nth(1).locator('tbody tr').count()).toBe(6);
    expect(await page.locator('svg[role="img"] path.flow').count()).toBeGreaterThan(4);
    expect(await page.locator('table.chart-table').count()).toBe(1);
    expect(await page.locator('img, script').count()).toBe(0);
    const text = await page.locator('body').innerText();
    expect(text).toContain(HOSTILE);
    expect(text).toContain('占上期金额');
    await page.screenshot({ path: join(out, 'migration-tiers-zh.png'), fullPage: true });
    await page.close();
    expect(problems).toEqual([]);
    expect(requests).toEqual([]);
  });

  for (const [lib, lang] of [
    ['tiers', 'en'],
    ['rfm', 'zh']
  ] as const) {
    it(`${lib} (${lang}) renders with no console errors and no requests`, async () => {
      const l = loadLibrary(lib, lang);
      // a hostile label and playbook text: must show as text, never run or load anything
      const rules = l.rules.replace(/^(segment \w+ )"([^"]*)"/m, (_m, head: string, label: string) => `${head}"${label} ${HOSTILE.replace(/"/g, '\\"')}"`);
      const result = await runRules(db, rules, { into: `html_${lib}` });
      const pb = parsePlaybooks(l.playbooks.replace(/goal: (.*)/, (_m, g: string) => `goal: ${JSON.stringify(`${g} ${HOSTILE}`)}`));
      expect(pb.diagnostics).toEqual([]);
      const notes = checkPlaybooks(pb.file!, [...result.segments, { id: 'extra_segment' }]);
      const report = await computeReport(db, {
        table: result.table,
        segments: result.segments,
        playbooks: pb.file!.playbooks,
        asOf: result.asOf,
        lang,
        title: lang === 'zh' ? `客户细分报告：${lib}` : `Segment report: ${lib}`,
        rulesFile: `examples/retail/${l.rulesFile}`,
        playbooksFile: l.playbooksFile,
        notes
      });
      const html = reportToHtml(report);
      const file = join(out, `report-${lib}-${lang}.html`);
      writeFileSync(file, html);

      const { page, problems, requests } = await open(file);
      expect(await page.getAttribute('html', 'lang')).toBe(lang === 'zh' ? 'zh-CN' : 'en');
      expect(await page.title()).toBe(report.title);
      // table: one row per segment (no unassigned: the libraries have a catch-all)
      expect(await page.locator('tbody tr').count()).toBe(result.segments.length);
      expect(await page.locator('svg').count()).toBe(2);
      expect(await page.locator('svg rect').count()).toBeGreaterThan(result.segments.length);
      expect(await page.locator('section.pb').count()).toBe(result.segments.length);
      expect(await page.locator('img, script').count()).toBe(0);
      const text = await page.locator('body').innerText();
      expect(text).toContain(HOSTILE);
      expect(text).toContain(lang === 'zh' ? '的客户贡献了' : 'of customers bring');
      expect(text).toContain('extra_segment');
      const box = await page.locator('svg').first().boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      await page.screenshot({ path: join(out, `report-${lib}-${lang}.png`), fullPage: true });
      await page.close();
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
    });
  }
});
