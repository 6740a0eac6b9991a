// The report downloads: Markdown, HTML, CSV and JSON from the app's Strategy tab equal, byte for
// byte, what the built CLI (`segmint report`) writes for the same inputs: the example data (the
// files the app bundles, roles guessed by both, the latest date as as-of), the same rule file and
// playbook under the names the app writes (the names a save gives them), and `--lang` = the app's
// language. Every test opens its own page and runs the CLI itself.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import { loadLibrary } from '@segmint/strategy';
import { test, expect, shot, APP_URL } from './fixtures.js';
import { exampleCustomers, exampleOrders, repo } from './native.js';

const cli = join(repo, 'packages/cli/bin/segmint.js');

// Each test loads the example in its own page and runs the CLI up to five times: on a busy
// machine that takes minutes, so the limits are generous (nothing here measures time).
test.describe.configure({ timeout: 300_000 });

/** Open the app on the example data (openApp, with more patience for a loaded machine). */
async function openApp(page: Page): Promise<void> {
  await page.goto(APP_URL);
  await expect(page.getByTestId('dataset-customers')).toBeVisible({ timeout: 180_000 });
}
type Format = 'md' | 'html' | 'csv' | 'json';

/** `segmint report` on the example data with these files (written under these names in a folder
 * of their own, the CLI run there): its stdout, as bytes. */
function cliReport(files: { rules: [string, string]; playbooks?: [string, string] }, format: Format, lang: 'en' | 'zh'): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'segmint-report-'));
  writeFileSync(join(dir, files.rules[0]), files.rules[1]);
  const args = [cli, 'report', '--rules', files.rules[0], '--data', exampleOrders, '--customers', exampleCustomers, '--format', format, '--lang', lang, '--quiet'];
  if (files.playbooks) {
    writeFileSync(join(dir, files.playbooks[0]), files.playbooks[1]);
    args.push('--playbooks', files.playbooks[0]);
  }
  return execFileSync(process.execPath, args, { cwd: dir, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Choose a ready-made model in the rule file card ("Use model"). */
async function useModel(page: Page, id: string, button: string): Promise<void> {
  await page.locator('#library').selectOption(id);
  await page.getByRole('button', { name: button, exact: true }).click();
}

/** Press a report button in the Strategy tab; the downloaded file's name and bytes. */
async function download(page: Page, info: TestInfo, format: Format): Promise<{ name: string; bytes: Buffer }> {
  const panel = page.getByTestId('report-panel');
  const button = panel.getByTestId(`report-${format}`);
  await expect(button).toBeEnabled();
  const pending = page.waitForEvent('download');
  await button.click();
  const d = await pending;
  const path = info.outputPath(`app-${d.suggestedFilename()}`);
  await d.saveAs(path);
  await expect(panel.getByTestId('report-done')).toContainText(d.suggestedFilename());
  return { name: d.suggestedFilename(), bytes: readFileSync(path) };
}

function sameBytes(info: TestInfo, app: Buffer, cliOut: Buffer, name: string): void {
  writeFileSync(info.outputPath(`cli-${name}`), cliOut);
  // compared as text first (a readable diff on failure), then byte for byte
  expect(app.toString('utf8')).toBe(cliOut.toString('utf8'));
  expect(app.equals(cliOut)).toBe(true);
}

for (const format of ['md', 'html', 'csv', 'json'] as const) {
  test(`${format}: the app's report of a ready-made model with its playbook equals segmint report's`, async ({ page }, info) => {
    await openApp(page);
    await useModel(page, 'rfm', 'Use model');
    await expect(page.getByTestId('playbook-file')).toContainText('Playbook: rfm.playbooks.yaml');
    await page.getByRole('tab', { name: 'Strategy' }).click();
    await expect(page.getByTestId('report-sources')).toHaveText('Written in English; rule file rfm.seg; playbook rfm.playbooks.yaml.');
    const app = await download(page, info, format);
    expect(app.name).toBe(`report.${format}`);
    const lib = loadLibrary('rfm', 'en');
    sameBytes(info, app.bytes, cliReport({ rules: ['rfm.seg', lib.rules], playbooks: ['rfm.playbooks.yaml', lib.playbooks] }, format, 'en'), app.name);
    if (format === 'md') expect(app.bytes.toString('utf8')).toMatch(/^# Segment report\n/);
    await shot(page, info, `report-${format}`);
  });
}

test('in Chinese: the example rules, then a Chinese model, in every format, equal segmint report --lang zh', async ({ page }, info) => {
  await openApp(page);
  await page.getByLabel('Language').selectOption('zh-CN');
  await page.getByRole('tab', { name: '策略' }).click();
  // the example's rule file without a playbook: named as a save names it
  await expect(page.getByTestId('report-sources')).toHaveText('以中文撰写；规则文件 rules.seg；无策略文件。');
  const tiers = readFileSync(join(repo, 'examples/retail/tiers.seg'), 'utf8');
  const md = await download(page, info, 'md');
  sameBytes(info, md.bytes, cliReport({ rules: ['rules.seg', tiers] }, 'md', 'zh'), 'example.md');
  expect(md.bytes.toString('utf8')).toMatch(/^# 客户细分报告\n/);
  await shot(page, info, 'report-zh-example');

  await page.getByRole('tab', { name: '分群' }).click();
  await useModel(page, 'value-matrix', '使用模型');
  await page.getByRole('tab', { name: '策略' }).click();
  await expect(page.getByTestId('report-sources')).toHaveText('以中文撰写；规则文件 value-matrix.seg；策略文件 value-matrix.playbooks.yaml。');
  const lib = loadLibrary('value-matrix', 'zh');
  for (const format of ['md', 'html', 'csv', 'json'] as const) {
    const app = await download(page, info, format);
    expect(app.name).toBe(`report.${format}`);
    sameBytes(info, app.bytes, cliReport({ rules: ['value-matrix.seg', lib.rules], playbooks: ['value-matrix.playbooks.yaml', lib.playbooks] }, format, 'zh'), `zh-${app.name}`);
  }
  await shot(page, info, 'report-zh-model');
});

test('with errors in the rule file the buttons are disabled and say why', async ({ page }, info) => {
  await openApp(page);
  await page.getByLabel('Rule file', { exact: true }).fill('segment broken when R <\n');
  await page.getByRole('tab', { name: 'Strategy' }).click();
  await expect(page.getByTestId('report-blocked')).toHaveText('The rule file has errors: fix them to make the report.');
  for (const f of ['md', 'html', 'csv', 'json']) await expect(page.getByTestId(`report-${f}`)).toBeDisabled();
  await shot(page, info, 'report-blocked');
});
