// Shared base files: a rule file's `use "common.seg"` finds the team's base file among the files
// dropped or chosen with it (a folder, two files); a missing one is named at its `use` line with
// a button to choose it, and once chosen the rules are counted.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, shot, openApp, tempFile } from './fixtures.js';
import { expectAccessible } from './axe.js';
import { dropTexts } from './load.js';

const COMMON = '# the team\'s shared definitions\ndefine active = R <= 90\ndefine big = M >= 2000\n';
const RULES = 'use "common.seg"\n\nsegment champions "Champions" when active and big\nsegment sleepers "Sleepers" when not active\n';

const drop = dropTexts;

const editor = (page: import('@playwright/test').Page) => page.getByLabel('Rule file', { exact: true });

test('two .seg files dropped together: the one using the other opens, the base file is kept, and the segments are counted', async ({ page }, info) => {
  await openApp(page);
  await drop(page, { 'common.seg': COMMON, 'rules.seg': RULES });
  await expect(editor(page)).toHaveEditorText(RULES);
  await expect(page.getByTestId('rule-file-name')).toHaveText('Rule file: rules.seg');
  await expect(page.getByTestId('base-files')).toHaveText('Base files: common.seg');
  const segments = page.getByTestId('segments');
  await expect(segments).toContainText('Champions');
  await expect(segments).toContainText('Sleepers');
  await expect(page.locator('#rules-diagnostics')).toHaveCount(0);
  await expectAccessible(page, 'a rule file with its base file');
  await shot(page, info, 'base-dropped');
  // the quick rule may use the rule file's base defines
  await page.getByLabel('Rule expression', { exact: true }).fill('big and F >= 3');
  await expect(page.getByTestId('quick-count')).toBeVisible();
  await expect(page.getByTestId('quick-result')).toHaveAttribute('aria-busy', 'false');
  await expect(page.locator('#quick-diagnostics')).toHaveCount(0);
  await shot(page, info, 'quick-uses-base');
});

test('a folder chosen with the folder picker: the rule file in it finds its base file beside it', async ({ page }, info) => {
  await openApp(page);
  const dir = join(mkdtempSync(join(tmpdir(), 'segmint-e2e-')), 'team');
  mkdirSync(dir);
  writeFileSync(join(dir, 'common.seg'), COMMON);
  writeFileSync(join(dir, 'rules.seg'), RULES);
  await page.getByLabel('Choose a folder of data files').setInputFiles(dir);
  await expect(editor(page)).toHaveEditorText(RULES);
  await expect(page.getByTestId('base-files')).toHaveText('Base files: team/common.seg');
  await expect(page.getByTestId('segments')).toContainText('Champions');
  await shot(page, info, 'base-folder');
});

test('a missing base file is named at its use line; choosing it checks the rules again and counts them', async ({ page }, info) => {
  await openApp(page);
  await page.getByLabel('Choose a .seg file to open in the editor').setInputFiles(tempFile('rules.seg', RULES));
  await expect(editor(page)).toHaveEditorText(RULES);
  const missing = page.getByTestId('base-files-missing');
  await expect(missing).toContainText('Line 1: the base file common.seg is not among the opened files.');
  await expect(page.locator('#rules-diagnostics')).toContainText('cannot find the base file `common.seg`');
  await expect(page.getByTestId('segments')).not.toContainText('Champions');
  await expectAccessible(page, 'a missing base file');
  await shot(page, info, 'base-missing');

  const chooser = page.waitForEvent('filechooser');
  await missing.getByText('Choose common.seg…').click();
  await (await chooser).setFiles(tempFile('common.seg', COMMON));
  await expect(missing).toHaveCount(0);
  await expect(page.getByTestId('segments')).toContainText('Champions');
  await expect(page.locator('#rules-diagnostics')).toHaveCount(0);
  await shot(page, info, 'base-chosen');

  // kept across a reload (IndexedDB): the rule file finds it again
  await page.reload();
  await expect(page.getByTestId('dataset-customers')).toBeVisible({ timeout: 60_000 });
  await expect(editor(page)).toHaveEditorText(RULES);
  await expect(page.getByTestId('segments')).toContainText('Champions');
  await expect(page.getByTestId('base-files-missing')).toHaveCount(0);
});

test('a quick rule that can never match says so', async ({ page }, info) => {
  await openApp(page);
  await page.getByLabel('Rule expression', { exact: true }).fill('R < 10 and R > 20');
  await expect(page.getByText('the rule can never match: it contradicts itself')).toBeVisible();
  await shot(page, info, 'quick-never-matches');
});
