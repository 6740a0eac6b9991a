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
